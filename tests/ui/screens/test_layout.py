"""Every registered screen state × text size × orientation × language, as a citizen sees it:
the primary action in view without scrolling, one filled action, no text cut off, nothing
outside its parent; text ≥ 4.5:1 and controls ≥ 3:1 measured on grabbed pixels (≥ 7:1 in high
contrast). The states are the ones `kiosk screenshots` renders (ui/screenshots.py).

Each cell runs in a process of its own, so that one cell's crash cannot hide the others'.
(It once ran in three, a third of the states each, to dodge PySide 6.12's leak of ``None``
references; the binding is pinned below 6.12 now and tests/ui/test_qt_binding.py measures it.)

The bars, the on-screen keyboard and the overlay's cards (timeout, finish, staff exit) are
checked like the screens, with nothing excused.

Below the fold (``fold``: something to act on under a page's fold at scroll 0; ``scrolls``: a
page scrolling past its screen's bound) is checked the same way, with one difference: the
states that failed it when the rule came in and are not fixed yet are listed, with their
measured worst overshoot, in ``fold_debt.py``. Such a state may not get worse, a new one may
not appear, and a fixed one must leave the list (so that it cannot come back unseen).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.screens.fold_debt import BELOW_FOLD_DEBT

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


FOLD_KINDS = ("fold", "scrolls")
# A listed state may measure a little more than listed: a page may carry a token whose width is
# the data's (a queue number differs by a digit's width from run to run). More than this is worse.
FOLD_SLACK = 16  # px


def _overshoot(row: dict[str, str]) -> int:
    """The px a fold problem overshoots by: below the fold, or over the page's bound."""
    m = re.search(r"(\d+) px (?:below|over)", row["detail"])
    assert m, row
    return int(m.group(1))


@pytest.mark.parametrize("key", MATRIX, ids=IDS)
def test_citizen_screens_fit_and_read(key, tmp_path_factory):
    bad = [r for r in _problems(key, tmp_path_factory) if r["kind"] not in FOLD_KINDS]
    assert not bad, _lines(bad)


@pytest.mark.parametrize("key", MATRIX, ids=IDS)
def test_the_next_step_is_never_below_the_fold(key, tmp_path_factory):
    cell = "-".join(map(str, key))
    rows = [r for r in _problems(key, tmp_path_factory) if r["kind"] in FOLD_KINDS]
    worst: dict[str, int] = {}
    for r in rows:
        worst[r["state"]] = max(worst.get(r["state"], 0), _overshoot(r))
    new = [r for r in rows if (cell, r["state"]) not in BELOW_FOLD_DEBT]
    worse = [
        f"{state}: {px} px, listed at {BELOW_FOLD_DEBT[(cell, state)]} px"
        for state, px in sorted(worst.items())
        if (cell, state) in BELOW_FOLD_DEBT and px > BELOW_FOLD_DEBT[(cell, state)] + FOLD_SLACK
    ]
    fixed = sorted(s for (c, s) in BELOW_FOLD_DEBT if c == cell and s not in worst)
    assert not new, "below the fold:\n" + _lines(new)
    assert not worse, "worse than fold_debt.py lists:\n" + "\n".join(worse)
    assert not fixed, f"fixed, remove from fold_debt.py: {[(cell, s) for s in fixed]}"
