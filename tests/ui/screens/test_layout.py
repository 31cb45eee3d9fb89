"""Every registered screen state × text size × orientation × language, as a citizen sees it:
the primary action in view without scrolling, one filled action, no text cut off, nothing
outside its parent; text ≥ 4.5:1 and controls ≥ 3:1 measured on grabbed pixels (≥ 7:1 in high
contrast). The states are the ones `kiosk screenshots` renders (ui/screenshots.py).

Each cell runs in its own process: PySide 6.12 aborts ("none_dealloc") after some hundreds of
text-size switches across session ends in one process (reproduced on main as it was before
this work; see the issue 17 report), and one cell's crash must not hide the others' results.

The bars, the on-screen keyboard and the overlay's timeout/finish cards are issue 22's
(ui/widgets/**); their problems are listed by the second test, expected to fail until then.
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
ELSEWHERE = (
    "AccessBar",
    "SessionBar",
    "TopBar",
    "Keyboard/",
    "TimeoutCard/",
    "FinishCard/",
    "StaffExitCard/",
)
# Known, not yet fixed (issue 17 report, "what remains"); listed by the third test until done.
KNOWN = (
    ("wizard-2-where-here", "submit_where_title"),  # 150/200 %: the title gets one line less than it needs
    ("find-detail", "procedure_start"),  # 200 %: "start" is in the page, not yet in the pinned area
    ("help-card", "HelpCard/ScrollPage"),  # 150/200 % landscape: the card is a little taller than the window
    ("wizard-8-card-left", "CardLeftCard/"),  # 200 % landscape: both languages do not fit the card
    ("wizard-8-rate-contrast", "CardLeftCard/"),
    ("home-contrast", "more_below"),  # 200 %: the cue is placed past the frame's edge
)
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


def _elsewhere(row: dict[str, str]) -> bool:
    return any(mark in row["widget"] for mark in ELSEWHERE)


def _known(row: dict[str, str]) -> bool:
    return any(row["state"] == state and mark in row["widget"] for state, mark in KNOWN)


def _lines(rows: list[dict[str, str]]) -> str:
    return "\n".join(f"{r['state']}: {r['kind']}: {r['widget']}: {r['detail']}" for r in rows)


@pytest.mark.parametrize("key", MATRIX, ids=IDS)
def test_citizen_screens_fit_and_read(key, tmp_path_factory):
    bad = [r for r in _problems(key, tmp_path_factory) if not _elsewhere(r) and not _known(r)]
    assert not bad, _lines(bad)


@pytest.mark.xfail(reason="known layout problems still to fix (KNOWN above)", strict=False)
@pytest.mark.parametrize("key", MATRIX, ids=IDS)
def test_known_layout_problems_are_fixed(key, tmp_path_factory):
    bad = [r for r in _problems(key, tmp_path_factory) if not _elsewhere(r) and _known(r)]
    assert not bad, _lines(bad)


@pytest.mark.xfail(reason="bars, keyboard and overlay cards are issue 22's (ui/widgets/**)", strict=False)
@pytest.mark.parametrize("key", MATRIX, ids=IDS)
def test_bars_keyboard_and_cards_fit_and_read(key, tmp_path_factory):
    bad = [r for r in _problems(key, tmp_path_factory) if _elsewhere(r)]
    assert not bad, _lines(bad)
