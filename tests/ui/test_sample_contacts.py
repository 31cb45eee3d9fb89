"""The demo directory's made-up contacts (data/catalog/agencies.json, ``"sample": true``)
reach citizens only in the demo profile: a production kiosk shows the agency's name and no
invented address, phone, e-mail or hours, on any screen that names an agency or on the receipt.
"""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel

from kiosk import tracking
from kiosk.catalog import agencies
from kiosk.jurisdiction import Place
from kiosk.receipt import render_receipt
from kiosk.wizard.dossier import build_receipt
from kiosk.wizard.state import Journey, Person
from ui.screens.find import PROCEDURE_KEY
from ui.screens.wizard.base import JOURNEY_KEY

pytestmark = pytest.mark.qt

SAMPLE_MARKS = ("minh hoạ", "example.invalid", "0000 000")
PRODUCTION = {"central": {"url": "https://central.test.invalid/open311/v2"}}


def _shown(w) -> str:  # type: ignore[no-untyped-def]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return "\n".join(x.text() for x in w.current_screen.findChildren(QLabel))


def _everything_naming_an_agency(w) -> str:  # type: ignore[no-untyped-def]
    """Find's detail of every procedure, "apply elsewhere" (an agency the directory lists), the receipt."""
    out = []
    cat = w.services.catalog()
    for p in cat.procedures:
        w.navigate("home")
        w.session.data[PROCEDURE_KEY] = p.identifier
        w.navigate("procedure")
        out.append(_shown(w))
        out.append("\n".join(t for _, t in w.current_screen.slip().sections))
    j = Journey()
    j.choose("birth_registration")
    j.answer("mother_residence", Place(ward_code=70, province_code=1))  # Hoàn Kiếm: UB00070 is listed
    j.answer("father_residence", Place(here=False))
    w.session.data[JOURNEY_KEY] = j
    w.navigate("submit_where")
    out.append(_shown(w))
    j = Journey()
    j.choose("certified_copy")
    j.identify(Person("001099012345", "Nguyễn Văn Thử", "1950-01-01", "M"))
    site = agencies.agency(w.config.kiosk.agency_code, samples=cat.samples)  # as the kiosk reads it
    sub = SimpleNamespace(
        tracking_code="K7M4QX9T2" + tracking.check_symbol("K7M4QX9T2"),
        applicant=j.applicant.applicant() if j.applicant else None,
        created_at=datetime(2026, 12, 7, 2, 0, tzinfo=UTC),
        kiosk_id="k",
    )
    r = build_receipt(cat.require("certified_copy"), j, sub, site, lang="vi", queued_offline=False)  # type: ignore[arg-type]
    out.append("\n".join(t.text for t in render_receipt(r, "https://x.test/t/K", 576, "vi").lines))
    return "\n".join(out)


def test_a_production_kiosk_shows_no_sample_contact_anywhere(make_window):
    w = make_window(PRODUCTION)
    assert not w.config.is_demo
    text = _everything_naming_an_agency(w)
    assert "Ủy ban nhân dân Phường Hoàn Kiếm" in text  # the agency itself is still named
    for mark in SAMPLE_MARKS:
        assert mark not in text, f"{mark!r} reached a production screen or receipt"


def test_the_demo_profile_shows_them_marked_as_samples(make_window):
    w = make_window()
    assert w.config.is_demo
    text = _everything_naming_an_agency(w)
    assert "0000 000 003 (minh hoạ)" in text and "Số 1 (minh hoạ)" in text
