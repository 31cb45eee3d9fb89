"""Every registered screen state × text size × orientation × language, as a citizen sees it:
the primary action in view without scrolling, one filled action, no text cut off, nothing
outside its parent; text ≥ 4.5:1 and controls ≥ 3:1 measured on grabbed pixels (≥ 7:1 in high
contrast). The states are the ones `kiosk screenshots` renders (ui/screenshots.py).

Each cell runs in a process of its own, so that one cell's crash cannot hide the others'.
(It once ran in three, a third of the states each, to dodge PySide 6.12's leak of ``None``
references; the binding is pinned below 6.12 now and tests/ui/test_qt_binding.py measures it.)

The bars, the on-screen keyboard and the overlay's cards (timeout, finish, staff exit) are
checked like the screens, with nothing excused.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.qt

ROOT = Path(__file__).resolve().parents[3]
MATRIX = [(o, lang, s) for o in ("portrait", "landscape") for lang in ("vi", "en") for s in (100, 150, 200)]
IDS = [f"{o}-{lang}-{s}" for o, lang, s in MATRIX]
_cache: dict[tuple[str, str, int], list[dict[str, str]]] = {}


def _problems(key: tuple[str, str, int], tmp_path_factory) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    if key not in _cache:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
        env["KIOSK_DATA_DIR"] = str(tmp_path_factory.mktemp("layout"))
        run = subprocess.run(
            [sys.executable, "-m", "ui.screens.layout_audit", *map(str, key)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=900,
        )
        assert run.returncode == 0, f"audit of {key} ended with {run.returncode}:\n{run.stderr[-3000:]}"
        rows = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
        assert sum(r["kind"] == "shown" for r in rows) >= 35  # every screen and wizard step was shown
        _cache[key] = [r for r in rows if r["kind"] != "shown"]
    return _cache[key]


def _lines(rows: list[dict[str, str]]) -> str:
    return "\n".join(f"{r['state']}: {r['kind']}: {r['widget']}: {r['detail']}" for r in rows)


@pytest.mark.parametrize("key", MATRIX, ids=IDS)
def test_citizen_screens_fit_and_read(key, tmp_path_factory):
    bad = _problems(key, tmp_path_factory)
    assert not bad, _lines(bad)
