"""pytest plugin: make PySide6 unimportable, to prove the domain runs without Qt.

Used by CI as ``KIOSK_BLOCK_QT=1 pytest -p tests.block_qt tests/kiosk tests/devices …``.
"""

from __future__ import annotations

import importlib.abc
import os
import sys


class _BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):  # type: ignore[no-untyped-def]
        if (
            fullname == "PySide6"
            or fullname.startswith("PySide6.")
            or fullname == "pytestqt"
            or fullname.startswith("pytestqt.")
        ):
            raise ImportError(f"{fullname} is blocked: domain code must not need Qt")
        return None


if os.environ.get("KIOSK_BLOCK_QT"):
    sys.meta_path.insert(0, _BlockQt())
