"""The central's Alembic revisions (a package so that a wheel install ships them)."""
