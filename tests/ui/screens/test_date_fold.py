"""The date question at 150 % text: its keys in as few rows as the page allows (months on one
row, days on three, four recent years and "earlier year…"), and a year given that is no
longer among the recent keys is still shown, checked."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication

from kiosk.config import KioskConfig
from ui.screens.wizard.captures import form_date

pytestmark = pytest.mark.qt


def _date_question(make_window, *, landscape: bool, scale: int, birth: str | None = None):  # type: ignore[no-untyped-def]
    w = make_window(KioskConfig(), landscape=landscape)
    w.ticker.stop()
    form_date(w)
    if birth is not None:
        w.current_screen.date.set_value(birth)
    w.prefs.set_scale(scale)
    for _ in range(3):
        w.layout().activate()
        QApplication.processEvents()
    return w


def _row_of(w, name: str) -> int:  # type: ignore[no-untyped-def]
    b = w.current_screen.findChild(QAbstractButton, name)
    assert b is not None and b.isVisible(), name
    return b.mapTo(w, b.rect().topLeft()).y()


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_at_150_months_take_one_row_and_days_three(make_window, landscape):
    w = _date_question(make_window, landscape=landscape, scale=150)
    assert len({_row_of(w, f"form_month_{m}") for m in range(1, 13)}) == 1
    assert len({_row_of(w, f"form_day_{d}") for d in range(1, 32)}) == 3
    more = w.current_screen.findChild(QAbstractButton, "form_year_more")
    this = date.today().year
    assert _row_of(w, "form_year_more") == _row_of(w, f"form_year_{this}")
    assert more.height() == w.current_screen.findChild(QAbstractButton, f"form_year_{this}").height()


def test_a_year_beyond_the_recent_keys_is_shown_checked(make_window):
    four_back = date.today().year - 4
    w = _date_question(make_window, landscape=True, scale=150, birth=f"{four_back}-03-15")
    key = w.current_screen.findChild(QAbstractButton, f"form_year_{four_back}")
    assert key is not None and key.isVisible() and key.isChecked()
    assert w.current_screen.date.value == f"{four_back}-03-15"
