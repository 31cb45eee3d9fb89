"""The wizard's screens in the real main window with the simulated devices (card, scanner,
camera, printer) and no central: every step by touch, drafts saved on the way, the dossier
in the outbox, the receipt printed, the session wiped at the end."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPushButton

from devices.card.simulated import SAMPLE_PEOPLE, qr_text
from kiosk.wizard.journey import Journey
from ui.screens.wizard import start_procedure
from ui.screens.wizard.base import JOURNEY_KEY

pytestmark = pytest.mark.qt


def tap(qtbot, window, name: str) -> None:
    screen = window.current_screen
    btn = screen.findChild(QAbstractButton, name)
    assert btn is not None, f"no button {name} on {window.controller.machine.current}"
    qtbot.waitUntil(lambda: btn.isVisible() and btn.isEnabled(), timeout=5000)
    qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)


def at(qtbot, window, screen_id: str) -> None:
    qtbot.waitUntil(lambda: window.controller.machine.current == screen_id, timeout=10_000)


def text_of(window, name: str) -> str:
    w = window.current_screen.findChild(QLabel, name)
    assert w is not None, name
    return w.text()


def test_birth_registration_with_simulated_devices_and_no_central(
    make_window, qtbot, isolated_kiosk_env: Path
):
    w = make_window(
        {"devices": {"scanner": "sim", "camera": "sim", "card_reader": "sim:1", "printer": "sim://"}}
    )
    w.navigate("home")
    w.navigate("submit")
    at(qtbot, w, "submit")
    # 1 procedure: search without accents finds it
    query = w.current_screen.findChild(QLineEdit, "choose_query")
    query.setText("khai sinh")
    tap(qtbot, w, "hit_birth_registration")
    at(qtbot, w, "submit_where")
    tap(qtbot, w, "where_yes")
    assert "tại đây" in text_of(w, "where_result")
    tap(qtbot, w, "submit_where_next")
    at(qtbot, w, "submit_identify")
    # 3 identify: the sample card is on the simulated reader; its QR comes through the scanner
    mother = SAMPLE_PEOPLE[1]
    w.services.scanner.deliver(qr_text(mother), "sim")
    qtbot.waitUntil(lambda: w.session.data[JOURNEY_KEY].applicant is not None, timeout=20_000)
    assert mother.full_name in text_of(w, "identify_name")
    tap(qtbot, w, "identify_child")
    tap(qtbot, w, "submit_identify_next")
    at(qtbot, w, "submit_form")
    # 4 form: name typed, date and sex by touch; the relation is known from the card (F -> mother)
    w.current_screen.findChild(QLineEdit, "form_input").setText("lê minh an")
    tap(qtbot, w, "submit_form_next")
    from datetime import date, timedelta

    born = date.today() - timedelta(days=3)
    tap(qtbot, w, f"form_year_{born.year}")
    tap(qtbot, w, f"form_month_{born.month}")
    tap(qtbot, w, f"form_day_{born.day}")
    tap(qtbot, w, "submit_form_next")
    tap(qtbot, w, "form_opt_F")
    at(qtbot, w, "submit_documents")
    j: Journey = w.session.data[JOURNEY_KEY]
    assert j.values == {
        "child_full_name": "Lê Minh An",
        "child_birth_date": born.isoformat(),
        "child_sex": "F",
        "applicant_relation": "mother",
    }
    # the draft store holds the journey so far (encrypted; written off the GUI thread)
    assert w.services.store_queue.flush()
    draft = w.services.store.drafts.load(w.session.ref)
    assert draft is not None and draft.data["values"]["child_full_name"] == "Lê Minh An"
    # 5 documents: photograph the birth notice with the simulated camera (auto-capture)
    tap(qtbot, w, "doc_birth_notice_camera")
    # bool(): a callback returning None counts as done for waitUntil, and .get() gives None at first
    qtbot.waitUntil(lambda: bool(j.docs.get("birth_notice") and j.docs["birth_notice"].pages), timeout=30_000)
    # the capture was watched: how far the page stood out from the tray, a number and no more
    from kiosk.monitoring.tray_contrast import TrayContrastRecord

    record = TrayContrastRecord(w.services.data_dir)
    # measured on the UI's background runner: wait for the record to hold it
    qtbot.waitUntil(lambda: record.summary()["count"] >= 1, timeout=10_000)
    watched = record.summary()
    assert watched["count"] == 1 and watched["median_delta_e"] > 0
    assert j.docs["applicant_id"].how == "chip"  # the ID card document comes from the chip read
    tap(qtbot, w, "submit_documents_next")
    at(qtbot, w, "submit_review")
    submit = w.current_screen.findChild(QPushButton, "review_submit")
    assert not submit.isEnabled()  # no consent yet
    tap(qtbot, w, "review_consent")
    tap(qtbot, w, "review_submit")
    at(qtbot, w, "submit_done")
    code = j.tracking_code
    assert w.services.store.outbox.get(code).state.value == "queued"  # no central: kept safely
    assert w.services.store.drafts.load(w.session.ref) is None  # the draft went with the enqueue
    qtbot.waitUntil(lambda: "lấy biên nhận" in text_of(w, "done_print"), timeout=20_000)
    assert "khi có mạng" in text_of(w, "done_next")
    tap(qtbot, w, "submit_done_next")
    at(qtbot, w, "submit_rate")
    tap(qtbot, w, "rate_5")
    tap(qtbot, w, "submit_rate_next")
    # everything wiped; the simulated card is still "in the reader": the reminder shows until it is taken
    assert w.controller.machine.current == "attract"
    assert JOURNEY_KEY not in w.session.data
    assert w.overlay.name == "card_left"
    w.services.card.reader.remove()
    qtbot.waitUntil(lambda: w.overlay.name == "", timeout=10_000)


def test_start_procedure_opens_where_to_apply(make_window, qtbot):
    w = make_window()
    w.navigate("home")
    start_procedure(w, "certified_copy")
    at(qtbot, w, "submit_where")
    assert "ở đâu cũng được" in text_of(w, "where_result")  # anywhere: no question asked
    assert w.session.data[JOURNEY_KEY].procedure == "certified_copy"


def test_elsewhere_names_the_competent_agency_and_prints_a_slip(make_window, qtbot):
    w = make_window({"devices": {"printer": "sim://"}})
    w.navigate("home")
    start_procedure(w, "birth_registration")
    at(qtbot, w, "submit_where")
    tap(qtbot, w, "where_no")
    tap(qtbot, w, "place_1")  # Hà Nội
    tap(qtbot, w, "place_70")  # Phường Hoàn Kiếm
    tap(qtbot, w, "where_no")  # the father does not live here either
    tap(qtbot, w, "where_skip_place")
    assert "không nộp được" in text_of(w, "where_result").lower()
    lines = [lab.text() for lab in w.current_screen.findChildren(QLabel, "where_agency_line")]
    assert any("Hoàn Kiếm" in x for x in lines) and any(x.startswith("Điện thoại") for x in lines)
    assert not w.current_screen.findChild(
        QPushButton, "submit_where_next"
    ).isVisible()  # no way on but the right ones
    tap(qtbot, w, "where_print")
    qtbot.waitUntil(lambda: text_of(w, "where_print_state").startswith("Đã in"), timeout=20_000)


def _to_identify(w, qtbot) -> None:
    w.navigate("home")
    start_procedure(w, "birth_registration")
    at(qtbot, w, "submit_where")
    tap(qtbot, w, "where_yes")
    tap(qtbot, w, "submit_where_next")
    at(qtbot, w, "submit_identify")


def test_wrong_qr_says_so_and_retry_reads_the_card(make_window, qtbot):
    w = make_window({"devices": {"card_reader": "sim:1", "scanner": "sim"}})
    _to_identify(w, qtbot)
    w.services.scanner.deliver(qr_text(SAMPLE_PEOPLE[0]), "sim")  # another person's card QR
    qtbot.waitUntil(lambda: text_of(w, "identify_state").startswith("Chưa đọc được thẻ"), timeout=20_000)
    assert w.session.data[JOURNEY_KEY].applicant is None
    tap(qtbot, w, "identify_retry")
    w.services.scanner.deliver(qr_text(SAMPLE_PEOPLE[1]), "sim")
    qtbot.waitUntil(lambda: w.session.data[JOURNEY_KEY].applicant is not None, timeout=20_000)


def test_second_card_for_the_other_parent_and_not_the_same_card_twice(make_window, qtbot):
    w = make_window({"devices": {"card_reader": "sim:1", "scanner": "sim"}})
    _to_identify(w, qtbot)
    w.services.scanner.deliver(qr_text(SAMPLE_PEOPLE[1]), "sim")
    j = w.session.data[JOURNEY_KEY]
    qtbot.waitUntil(lambda: j.applicant is not None, timeout=20_000)
    tap(qtbot, w, "identify_second")
    w.services.scanner.deliver(qr_text(SAMPLE_PEOPLE[1]), "sim")  # still her own card
    qtbot.waitUntil(lambda: "vẫn là thẻ của ông/bà" in text_of(w, "identify_state"), timeout=20_000)
    assert j.second is None
    w.services.card.reader.insert(0)  # the father's card
    w.services.scanner.deliver(qr_text(SAMPLE_PEOPLE[0]), "sim")
    qtbot.waitUntil(lambda: j.second is not None, timeout=20_000)
    assert j.second.full_name == SAMPLE_PEOPLE[0].full_name
    assert SAMPLE_PEOPLE[0].full_name in text_of(w, "identify_second_person")


def test_language_switch_mid_journey_and_an_abandoned_draft_is_wiped(make_window, qtbot):
    w = make_window({"devices": {"card_reader": "sim:1", "scanner": "sim"}})
    _to_identify(w, qtbot)
    ref = w.session.ref
    assert w.services.store_queue.flush()
    assert w.services.store.drafts.load(ref) is not None  # saved as the steps were made
    assert text_of(w, "submit_identify_title") == "Thẻ căn cước của ông/bà"
    w.prefs.set_language("en")
    qtbot.waitUntil(lambda: text_of(w, "submit_identify_title") == "Your citizen ID card", timeout=5000)
    w.finish()
    assert w.controller.machine.current == "attract"
    assert w.services.store_queue.flush()
    assert w.services.store.drafts.load(ref) is None  # nothing of the citizen stays on disk


def test_printer_that_cannot_print_shows_the_whole_receipt(make_window, qtbot):
    w = make_window({"devices": {"card_reader": "sim:1", "scanner": "sim", "printer": "tcp://127.0.0.1:9"}})
    from tests.ui.wizard.test_wizard_helpers import fill_to_review

    fill_to_review(w, qtbot)
    tap(qtbot, w, "review_consent")
    tap(qtbot, w, "review_submit")
    at(qtbot, w, "submit_done")
    qtbot.waitUntil(lambda: "không in được" in text_of(w, "done_print"), timeout=30_000)
    receipt = w.current_screen.findChild(QLabel, "done_receipt")
    assert receipt.isVisible() and not receipt.pixmap().isNull()
    assert w.current_screen.findChild(QLabel, "done_qr").pixmap().width() > 300


def test_an_address_question_picks_the_ward_then_takes_the_street(make_window, qtbot):
    w = make_window({"devices": {"card_reader": "sim:1", "scanner": "sim"}})
    w.navigate("home")
    from kiosk.wizard.journey import Person

    j = w.session.data.setdefault(JOURNEY_KEY, Journey())
    j.choose("permanent_residence_registration")
    j.identify(Person("079195004567", "Trần Thị Bích Ngọc", sex="F"))
    w.navigate("submit_form")
    at(qtbot, w, "submit_form")
    assert w.current_screen.findChild(QPushButton, "form_pick_ward").isVisible()
    w.current_screen.input.setText("Số 5 ngõ 12")
    tap(qtbot, w, "submit_form_next")
    assert text_of(w, "form_error") == "Hãy chọn xã, phường trong danh sách."
    tap(qtbot, w, "form_pick_ward")
    tap(qtbot, w, "place_1")
    tap(qtbot, w, "place_70")
    assert "Hoàn Kiếm" in text_of(w, "form_ward")
    tap(qtbot, w, "submit_form_next")
    assert j.values["residence_address"] == {"street": "Số 5 ngõ 12", "ward": 70}


def test_a_receipt_qr_at_the_identify_step_says_which_qr_is_wanted(make_window, qtbot):
    from kiosk import tracking

    w = make_window({"devices": {"card_reader": "sim:1", "scanner": "sim"}})
    _to_identify(w, qtbot)
    body = "K7M4QX9T2"
    w.services.scanner.deliver(tracking.display(body + tracking.check_symbol(body)), "sim")
    qtbot.waitUntil(
        lambda: "không phải mã QR trên thẻ căn cước" in text_of(w, "identify_state"), timeout=5000
    )
    assert w.current_screen.findChild(QPushButton, "identify_retry").isVisible()


def test_no_way_back_into_a_submitted_dossier(make_window, qtbot):
    from tests.ui.wizard.test_wizard_helpers import fill_to_review

    w = make_window({"devices": {"card_reader": "sim:1", "scanner": "sim", "printer": "sim://"}})
    fill_to_review(w, qtbot)
    assert w.session_bar.back_btn.isVisible()
    tap(qtbot, w, "review_consent")
    tap(qtbot, w, "review_submit")
    at(qtbot, w, "submit_done")
    code = w.session.data[JOURNEY_KEY].tracking_code
    # Submitted: the session bar offers no Back, and a Back (keypad, staff) changes nothing.
    assert not w.session_bar.back_btn.isVisible()
    w.back()
    assert w.controller.machine.current == "submit_done"
    tap(qtbot, w, "submit_done_next")
    at(qtbot, w, "submit_rate")
    assert not w.session_bar.back_btn.isVisible()
    w.back()
    assert w.controller.machine.current == "submit_rate"
    assert [e.tracking_code for e in w.services.store.outbox.list()] == [code]
    w.finish()  # a new session gets its Back again
    w.navigate("home")
    assert w.session_bar.back_btn.isVisible()


def test_finishing_with_the_card_on_the_reader_reminds_until_it_is_taken(make_window, qtbot):
    w = make_window({"devices": {"card_reader": "sim:1", "scanner": "sim"}})
    _to_identify(w, qtbot)
    w.services.scanner.deliver(qr_text(SAMPLE_PEOPLE[1]), "sim")
    qtbot.waitUntil(lambda: w.session.data[JOURNEY_KEY].applicant is not None, timeout=20_000)
    w.finish()  # the session bar's Finish (or a timeout), with the card read in this session
    assert w.controller.machine.current == "attract"
    assert w.overlay.name == "card_left"
    assert w.findChild(QLabel, "card_left_title_vi").text() == "Đừng quên thẻ căn cước của ông/bà!"
    w.services.card.reader.remove()
    qtbot.waitUntil(lambda: w.overlay.name == "", timeout=10_000)


def test_back_steps_through_the_questions_before_leaving_the_form(make_window, qtbot):
    w = make_window({"devices": {"card_reader": "sim:1", "scanner": "sim"}})
    _to_identify(w, qtbot)
    w.services.scanner.deliver(qr_text(SAMPLE_PEOPLE[1]), "sim")
    qtbot.waitUntil(lambda: w.session.data[JOURNEY_KEY].applicant is not None, timeout=20_000)
    tap(qtbot, w, "identify_child")
    tap(qtbot, w, "submit_identify_next")
    at(qtbot, w, "submit_form")
    w.current_screen.findChild(QLineEdit, "form_input").setText("Lê Minh An")
    tap(qtbot, w, "submit_form_next")
    assert "2 / 3" in text_of(w, "submit_form_step")
    qtbot.mouseClick(w.findChild(QPushButton, "back"), Qt.MouseButton.LeftButton)  # the session bar
    assert w.controller.machine.current == "submit_form" and "1 / 3" in text_of(w, "submit_form_step")
    assert w.current_screen.findChild(QLineEdit, "form_input").text() == "Lê Minh An"
    qtbot.mouseClick(w.findChild(QPushButton, "back"), Qt.MouseButton.LeftButton)
    assert w.controller.machine.current == "submit_identify"


def test_a_card_nobody_used_this_session_gives_no_reminder(make_window, qtbot):
    w = make_window({"devices": {"card_reader": "sim:1", "scanner": "sim"}})
    w.services.start()  # as after the first paint: the reader reports the (demo) card already there
    qtbot.waitUntil(lambda: w.services.card_present, timeout=10_000)
    w.navigate("home")
    w.navigate("submit")
    w.finish()
    assert w.overlay.name == ""


def test_the_card_access_number_is_a_way_on_when_the_qr_will_not_scan(make_window, qtbot):
    from devices.card.simulated import SAMPLE_CANS

    w = make_window({"devices": {"card_reader": "sim:1", "scanner": "none"}})
    _to_identify(w, qtbot)
    tap(qtbot, w, "identify_can")
    pad = w.current_screen.can_pad
    for d in SAMPLE_CANS[1]:
        qtbot.mouseClick(pad.key(d), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.session.data[JOURNEY_KEY].applicant is not None, timeout=20_000)
    assert w.session.data[JOURNEY_KEY].applicant.full_name == SAMPLE_PEOPLE[1].full_name
    assert not w.current_screen.findChild(QPushButton, "identify_demo_scan").isVisible()  # not a demo setup


def test_demo_profile_offers_to_scan_the_sample_card(make_window, qtbot):
    w = make_window({"devices": {"card_reader": "sim", "scanner": "sim"}})
    _to_identify(w, qtbot)
    tap(qtbot, w, "identify_demo_scan")
    qtbot.waitUntil(lambda: w.session.data[JOURNEY_KEY].applicant is not None, timeout=20_000)
    assert w.session.data[JOURNEY_KEY].applicant.full_name == SAMPLE_PEOPLE[0].full_name


@pytest.mark.parametrize("landscape", [True, False])
def test_a_typed_answer_keeps_its_question_in_view(make_window, qtbot, landscape):
    """In landscape a seven-row keyboard needs the page's whole height: the step, the question
    and the typed answer stand beside it, above the way on; the keyboard's last row (space,
    Done) is in view without scrolling. Portrait keeps them in the page, in reading order."""
    w = make_window({"devices": {"card_reader": "sim:1", "scanner": "sim"}}, landscape=landscape)
    w.navigate("home")
    from kiosk.wizard.journey import Person

    j = w.session.data.setdefault(JOURNEY_KEY, Journey())
    j.choose("birth_registration")
    j.identify(Person("079195004567", "Trần Thị Bích Ngọc", sex="F"))
    w.navigate("submit_form")
    at(qtbot, w, "submit_form")
    screen = w.current_screen
    kb = screen.keyboard
    assert kb.isVisible() and screen.title.isVisible() and screen.title.text()
    viewport = screen.page.viewport()

    def inside_window(widget) -> bool:  # type: ignore[no-untyped-def]
        return w.rect().contains(widget.rect().translated(widget.mapTo(w, widget.rect().topLeft())))

    def keyboard_in_view() -> bool:
        return kb.mapTo(viewport, kb.rect().bottomLeft()).y() <= viewport.height()

    if landscape:
        qtbot.waitUntil(lambda: all(map(inside_window, (screen.title, screen.input))), timeout=5_000)
        qtbot.waitUntil(keyboard_in_view, timeout=5_000)
        right_of_keyboard = kb.mapTo(w, kb.rect().topRight()).x()
        assert screen.title.mapTo(w, screen.title.rect().topLeft()).x() > right_of_keyboard
        assert screen.input.mapTo(w, screen.input.rect().topLeft()).x() > right_of_keyboard
    else:
        assert screen.page.isAncestorOf(screen.title) and screen.page.isAncestorOf(screen.input)
    # The keyboard still types into the answer wherever it stands.
    qtbot.mouseClick(kb.key("b"), Qt.MouseButton.LeftButton)
    assert screen.input.text().lower().endswith("b")
