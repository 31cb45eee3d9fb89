"""Alembic migrations of the offline store, applied by :mod:`offline_cache.store` at start.

``REVISIONS`` lists every revision, oldest first, and must match the script directory
(``tests/offline_cache/test_migrations.py`` checks it): a store already at the head opens
without importing Alembic, which keeps start-up fast, and a revision not in the list means
the database was written by a newer program.
"""

from pathlib import Path

REVISIONS = ("0001", "0002", "0003", "0004", "0005")
HEAD = REVISIONS[-1]
SCRIPT_LOCATION = str(Path(__file__).resolve().parent)
