from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

pytestmark = pytest.mark.qt


def test_the_attract_screen_names_the_office_from_the_configuration(make_window):
    w = make_window({"ui": {"agency_name": "Bộ phận Một cửa UBND phường Ba Đình"}})
    office = w.findChild(QLabel, "attract_office")
    assert office.text() == "Bộ phận Một cửa UBND phường Ba Đình" and office.isVisibleTo(w)


def test_without_a_configured_office_nothing_internal_is_shown(make_window):
    w = make_window()
    office = w.findChild(QLabel, "attract_office")
    assert not office.isVisibleTo(w)
    texts = " ".join(lab.text() for lab in w.current_screen.findChildren(QLabel))
    assert w.config.kiosk.id not in texts
