"""Screenshots of every wizard step (``kiosk screenshots`` → ``wizard-*.png``), vi and en.

Each capture puts a real journey state in the session (a fictional sample citizen) and shows
the step's real screen; nothing is sent, saved or printed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from ui.screens.registry import Capture, ScreenRegistry

SAMPLE = 1  # devices.card.simulated.SAMPLE_PEOPLE[1]: Trần Thị Bích Ngọc (fictional)


def _journey(window: Any, procedure: str = "birth_registration") -> Any:
    from kiosk.jurisdiction import Place
    from ui.screens.wizard.base import journey_of

    window.navigate("home")
    j = journey_of(window)
    j.choose(procedure)
    j.answer("mother_residence", Place(here=True))
    return j


def _card_read() -> Any:
    from devices.card.cccd_qr import bac_keys, parse
    from devices.card.simulated import SAMPLE_PEOPLE, SimulatedCardReader, qr_text

    return SimulatedCardReader(SAMPLE).read(bac_keys(parse(qr_text(SAMPLE_PEOPLE[SAMPLE]))))


def _identified(window: Any) -> Any:
    from kiosk.wizard.journey import Behalf, apply_prefill
    from ui.screens.wizard.identify import person_from_read

    j = _journey(window)
    j.identify(person_from_read(_card_read()))
    j.set_behalf(Behalf.CHILD)
    apply_prefill(window.services.catalog().require("birth_registration"), j)
    return j


def _filled(window: Any) -> Any:
    from kiosk.wizard.journey import checklist

    j = _identified(window)
    born = date.today() - timedelta(days=3)
    j.values.update(child_full_name="Lê Minh An", child_birth_date=born.isoformat(), child_sex="M")
    checklist(window.services.catalog().require("birth_registration"), j)
    j.add_page("birth_notice", _page_jpeg())
    return j


def _frame(index: int = 45) -> Any:
    from devices.camera.simulated import simulated_source

    src = simulated_source(loop=False)
    frame = None
    for _ in range(index + 1):
        frame = src.read()
    return frame


def _page_jpeg() -> bytes:
    from devices.camera.docscan import DocumentDetector, warp
    from ui.screens.wizard.documents import jpeg

    img = _frame()
    det = DocumentDetector().detect(img)
    return jpeg(warp(img, det.corners, kind="page") if det is not None else img)


# --- the captures ------------------------------------------------------------------------------


def choose(window: Any) -> None:
    window.navigate("home")
    window.navigate("submit")


def search(window: Any) -> None:
    choose(window)
    s = window.current_screen
    s.kb_btn.setChecked(True)
    s.query.setText("khai sinh")


def where_question(window: Any) -> None:
    from ui.screens.wizard.base import journey_of

    window.navigate("home")
    journey_of(window).choose("birth_registration")
    window.navigate("submit_where")


def where_here(window: Any) -> None:
    _journey(window)
    window.navigate("submit_where")


def where_pick(window: Any) -> None:
    where_question(window)
    s = window.current_screen
    s.answer(False)
    from kiosk.catalog import units

    s.picker._picked(next(u for u in units.provinces() if u.code == 1))  # Hà Nội


def where_elsewhere(window: Any) -> None:
    from kiosk.jurisdiction import Place
    from ui.screens.wizard.base import journey_of

    window.navigate("home")
    j = journey_of(window)
    j.choose("birth_registration")
    j.answer("mother_residence", Place(ward_code=70, province_code=1))
    j.answer("father_residence", Place(here=False))
    window.navigate("submit_where")


def identify_wait(window: Any) -> None:
    _journey(window)
    window.navigate("submit_identify")


def identify_can(window: Any) -> None:
    """The QR would not scan: "type the 6 digits", with the card's front and the digits circled."""
    identify_wait(window)
    window.current_screen._open_can()


def identify_read(window: Any) -> None:
    _journey(window)
    window.navigate("submit_identify")
    s = window.current_screen
    s._on_read(_card_read())
    from kiosk.wizard.journey import Behalf

    s._choose_behalf(Behalf.CHILD.value)


def form_name(window: Any) -> None:
    _identified(window)
    window.navigate("submit_form")
    window.current_screen.input.setText("Lê Minh An")


def form_name_error(window: Any) -> None:
    _identified(window)
    window.navigate("submit_form")
    window.current_screen.input.setText("An")
    window.current_screen.on_next()


def form_date(window: Any) -> None:
    j = _identified(window)
    j.values["child_full_name"] = "Lê Minh An"
    j.values["child_birth_date"] = (date.today() - timedelta(days=3)).isoformat()
    window.navigate("submit_form")
    s = window.current_screen
    s.index = 1
    s.refresh()


def form_choice(window: Any) -> None:
    j = _identified(window)
    j.values.update(
        child_full_name="Lê Minh An", child_birth_date=(date.today() - timedelta(days=3)).isoformat()
    )
    window.navigate("submit_form")
    s = window.current_screen
    s.index = 2
    s.refresh()


def documents(window: Any) -> None:
    _filled(window)
    window.navigate("submit_documents")


def camera(window: Any) -> None:
    from devices.camera.capture import Frame
    from devices.camera.session import DocumentSession
    from ui.devices.camera import PreviewInfo, to_qimage

    _filled(window)
    window.navigate("submit_documents")
    s = window.current_screen
    s._doc = "extra_document"
    s.stack.setCurrentWidget(s.cam_page)
    s.refresh()
    img = _frame(40)
    session = DocumentSession("page", max_pages=1, auto=False)
    result = session.process(Frame(img, 40, 2.6))
    scale = 960 / img.shape[1]
    import cv2

    small = cv2.resize(img, (960, round(img.shape[0] * scale)))
    s.preview.show_frame(to_qimage(small), PreviewInfo(scale, result))
    s.cam_state.setText(s.preview.hint_text() or s.m("wizard.cam.lead"))


def review(window: Any) -> None:
    _filled(window)
    window.navigate("submit_review")


def review_agreed(window: Any) -> None:
    review(window)
    window.current_screen.agree.setChecked(True)


def review_contrast(window: Any) -> None:
    review(window)
    window.prefs.set_high_contrast(True)


def rate_contrast(window: Any) -> None:
    rate(window)
    window.prefs.set_high_contrast(True)


def _submitted(window: Any) -> None:
    from kiosk import tracking
    from kiosk.wizard.journey import build_receipt, build_submission, competent_agency
    from ui.screens.wizard.review import RECEIPT_KEY

    j = _filled(window)
    j.consent = True
    proc = window.services.catalog().require("birth_registration")
    agency = competent_agency(window.services.catalog(), j, window.config.kiosk.agency_code)
    body = "K7M4QX9T2"
    sub = build_submission(
        proc,
        j,
        tracking_code=body + tracking.check_symbol(body),
        kiosk_id=window.config.kiosk.id,
        agency_code=agency.code if agency else None,
        language=window.prefs.language,
    )
    j.submitted_at = sub.created_at.isoformat()
    window.session.data[RECEIPT_KEY] = build_receipt(
        proc,
        j,
        sub,
        agency,
        lang=window.prefs.language,
        queued_offline=True,
        counter=window.config.ui.counter,
    )
    # The header says the network is up and the central not yet reached: the receipt's marking
    # says the same (it said "network down" beside a screen that said "central").
    window.session.data[RECEIPT_KEY] = replace(window.session.data[RECEIPT_KEY], queued_reason="central")
    window.navigate("submit_done")


def done(window: Any) -> None:
    _submitted(window)


def done_receipt(window: Any) -> None:
    _submitted(window)
    window.current_screen.show_btn.setChecked(True)


def rate(window: Any) -> None:
    _submitted(window)
    window.navigate("submit_rate")
    s = window.current_screen
    s._rate(5)
    s.reasons["easy"].setChecked(True)


def card_left(window: Any) -> None:
    rate(window)
    window.finish()
    window.services.remind_card()


CAPTURES = (
    ("wizard-1-choose", choose),
    ("wizard-1-search", search),
    ("wizard-2-where-question", where_question),
    ("wizard-2-where-pick", where_pick),
    ("wizard-2-where-here", where_here),
    ("wizard-2-where-elsewhere", where_elsewhere),
    ("wizard-3-identify-wait", identify_wait),
    ("wizard-3-identify-can", identify_can),
    ("wizard-3-identify-read", identify_read),
    ("wizard-4-form-name", form_name),
    ("wizard-4-form-name-error", form_name_error),
    ("wizard-4-form-date", form_date),
    ("wizard-4-form-choice", form_choice),
    ("wizard-5-documents", documents),
    ("wizard-5-camera", camera),
    ("wizard-6-review", review),
    ("wizard-6-review-agreed", review_agreed),
    ("wizard-6-review-contrast", review_contrast),
    ("wizard-7-done", done),
    ("wizard-7-done-receipt", done_receipt),
    ("wizard-8-rate", rate),
    ("wizard-8-card-left", card_left),
    ("wizard-8-rate-contrast", rate_contrast),
)


def _settled(prepare: Any) -> Any:
    """Dynamic content (rebuilt lists) is laid out over a few event-loop turns: let them run."""

    def run(window: Any) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent

        prepare(window)
        for _ in range(6):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            QCoreApplication.processEvents()

    return run


def register(registry: ScreenRegistry) -> None:
    for name, prepare in CAPTURES:
        registry.add_capture(Capture(name, _settled(prepare)))
