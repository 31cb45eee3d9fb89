"""The done screen at 150 % text: the QR stays large enough for a phone at arm's length, the
next-step sentence takes no extra line whatever weekday the result is due on, and a tracking
code of the widest letters is broken at its dash rather than cut off beside its QR."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.config import KioskConfig
from ui.screens.layout_audit import audit
from ui.screens.wizard.captures import done
from ui.screens.wizard.review import RECEIPT_KEY

pytestmark = pytest.mark.qt

PX_PER_MM = 2203 / 546  # the 21.5" 1080×1920 panel the theme's sizes are for (ui/theme/theme.py)
QR_MIN_MM = 37


def _done(make_window, *, landscape: bool, lang: str, scale: int):  # type: ignore[no-untyped-def]
    cfg = KioskConfig()
    cfg = cfg.model_copy(update={"kiosk": cfg.kiosk.model_copy(update={"default_language": lang})})
    w = make_window(cfg, landscape=landscape)
    w.ticker.stop()
    w.status.set("network", "ok")
    w.status.set("central", "connecting")
    done(w)
    assert w.prefs.language == lang
    w.prefs.set_scale(scale)
    _settle(w)
    return w


def _settle(w) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        w.layout().activate()
        QApplication.processEvents()


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
@pytest.mark.parametrize("scale", [100, 150, 200])
def test_the_qr_is_wide_enough_for_a_phone_at_arms_length(make_window, landscape, scale):
    w = _done(make_window, landscape=landscape, lang="vi", scale=scale)
    qr = w.current_screen.findChild(QLabel, "done_qr")
    assert qr.isVisible()
    assert qr.pixmap().width() / PX_PER_MM >= QR_MIN_MM
    assert qr.width() >= qr.pixmap().width()  # shown whole, not squeezed


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_weekday_takes_the_next_step_sentence_an_extra_line(make_window, landscape, lang):
    w = _done(make_window, landscape=landscape, lang=lang, scale=150)
    screen = w.current_screen
    sentence = screen.findChild(QLabel, "done_next")
    r = w.session.data[RECEIPT_KEY]
    heights = {}
    monday = r.appointment - timedelta(days=r.appointment.weekday())
    for d in (monday + timedelta(days=i) for i in range(7)):
        w.session.data[RECEIPT_KEY] = dataclasses.replace(r, appointment=d)
        screen.refresh()
        _settle(w)
        heights[d.strftime("%A")] = sentence.height()
    assert len(set(heights.values())) == 1, heights
    # And the page is no longer for it than the state the layout test measures.
    w.session.data[RECEIPT_KEY] = dataclasses.replace(r, appointment=date(2026, 12, 10))  # a Thursday
    screen.refresh()
    _settle(w)
    assert not [p for p in audit(w, pixels=False) if p.kind in ("primary", "clipped", "outside")]


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
@pytest.mark.parametrize("scale", [100, 150])
def test_a_code_of_wide_letters_breaks_at_its_dash_not_off_the_page(
    make_window, monkeypatch, landscape, scale
):
    from kiosk import tracking

    monkeypatch.setattr(tracking, "display", lambda _code: "MWMWM-WMWMW")
    w = _done(make_window, landscape=landscape, lang="vi", scale=scale)
    code = w.current_screen.findChild(QLabel, "done_code")
    assert code.text() == "MWMWM-WMWMW"
    problems = [
        p for p in audit(w, pixels=False) if p.kind in ("clipped", "outside") or "cut off" in p.detail
    ]
    assert not problems, "\n".join(map(str, problems))
