"""Every registered screen state × text size × orientation × language, as a citizen sees it:
the primary action in view without scrolling, one filled action, no text cut off, nothing
outside its parent; text ≥ 4.5:1 and controls ≥ 3:1 measured on grabbed pixels (≥ 7:1 in high
contrast). The states are the ones `kiosk screenshots` renders (ui/screenshots.py).

The bars, the on-screen keyboard and the overlay's cards are issue 22's (ui/widgets/**); their
problems are listed by the second test, expected to fail until that work lands.
"""

from __future__ import annotations

import pytest

from kiosk.config import KioskConfig
from ui.screens.layout_audit import Problem, audit

pytestmark = pytest.mark.qt

# Widgets built in ui/widgets/** (issue 22): reported, not yet required.
ELSEWHERE = (
    "AccessBar",
    "SessionBar",
    "TopBar",
    "Keyboard/",
    "TimeoutCard/",
    "FinishCard/",
    "StaffExitCard/",
)
MATRIX = [(o, lang, s) for o in ("portrait", "landscape") for lang in ("vi", "en") for s in (100, 150, 200)]


def _elsewhere(p: Problem) -> bool:
    return any(mark in p.widget for mark in ELSEWHERE)


def _run(qapp, orientation: str, lang: str, scale: int) -> list[tuple[str, Problem]]:
    from ui.main_window import MainWindow
    from ui.screenshots import SIZES, show_state, states

    cfg = KioskConfig()
    cfg = cfg.model_copy(update={"kiosk": cfg.kiosk.model_copy(update={"default_language": lang})})
    w = MainWindow(cfg, kiosk_mode=False, install_safety_net=False)
    w.ticker.stop()
    found: list[tuple[str, Problem]] = []
    try:
        w.resize(*SIZES[orientation])
        w.show()
        w.status.set("network", "ok")
        w.status.set("central", "connecting")
        names = []
        for name, prepare in states(w):
            show_state(qapp, w, prepare, scale=scale)
            names.append(name)
            pixels = scale == 100 or w.prefs.high_contrast
            found += [(name, p) for p in audit(w, pixels=pixels)]
        assert len(names) >= 35  # every screen and every wizard step was really shown
    finally:
        w.allow_close()
        w.close()
        w.deleteLater()
    return found


_cache: dict[tuple[str, str, int], list[tuple[str, Problem]]] = {}


def _problems(qapp, key: tuple[str, str, int]) -> list[tuple[str, Problem]]:
    if key not in _cache:
        _cache[key] = _run(qapp, *key)
    return _cache[key]


@pytest.mark.parametrize("key", MATRIX, ids=[f"{o}-{lang}-{s}" for o, lang, s in MATRIX])
def test_citizen_screens_fit_and_read(qapp, key):
    bad = [f"{name}: {p}" for name, p in _problems(qapp, key) if not _elsewhere(p)]
    assert not bad, "\n".join(bad)


@pytest.mark.xfail(reason="bars, keyboard and overlay cards are issue 22's (ui/widgets/**)", strict=False)
@pytest.mark.parametrize("key", MATRIX, ids=[f"{o}-{lang}-{s}" for o, lang, s in MATRIX])
def test_bars_keyboard_and_cards_fit_and_read(qapp, key):
    bad = [f"{name}: {p}" for name, p in _problems(qapp, key) if _elsewhere(p)]
    assert not bad, "\n".join(bad)
