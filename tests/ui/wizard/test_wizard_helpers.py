"""Shared steps for the wizard screen tests (no tests here)."""

from __future__ import annotations

from datetime import date, timedelta

from devices.card.simulated import SAMPLE_PEOPLE, qr_text
from kiosk.wizard.journey import How
from ui.screens.wizard import start_procedure
from ui.screens.wizard.base import JOURNEY_KEY


def fill_to_review(w, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Birth registration up to the review: card read, form answered by touch, birth notice at the counter."""
    from tests.ui.wizard.test_wizard import at, tap

    w.navigate("home")
    start_procedure(w, "birth_registration")
    at(qtbot, w, "submit_where")
    tap(qtbot, w, "where_yes")
    tap(qtbot, w, "submit_where_next")
    at(qtbot, w, "submit_identify")
    w.services.scanner.deliver(qr_text(SAMPLE_PEOPLE[1]), "sim")
    qtbot.waitUntil(lambda: w.session.data[JOURNEY_KEY].applicant is not None, timeout=20_000)
    tap(qtbot, w, "identify_child")
    tap(qtbot, w, "submit_identify_next")
    at(qtbot, w, "submit_form")
    w.current_screen.input.setText("Lê Minh An")
    tap(qtbot, w, "submit_form_next")
    born = date.today() - timedelta(days=2)
    for name in (
        f"form_year_{born.year}",
        f"form_month_{born.month}",
        f"form_day_{born.day}",
        "submit_form_next",
    ):
        tap(qtbot, w, name)
    tap(qtbot, w, "form_opt_M")
    at(qtbot, w, "submit_documents")
    tap(qtbot, w, "doc_birth_notice_counter")
    assert w.session.data[JOURNEY_KEY].docs["birth_notice"].how == How.COUNTER.value
    tap(qtbot, w, "submit_documents_next")
    at(qtbot, w, "submit_review")
