"""Where is my file? end to end: a dossier goes out through the kiosk's own outbox to the
sandbox central; an officer moves it on the staff console (the HTML form routes); the citizen
holds the receipt's QR to the serial QR scanner (a pty) at the attract screen and sees where
the file is, what to bring, the officer, the appointment and the contacts; the officer moves
it again and a second scan shows it is ready; then the central goes down and a third scan
shows the last known status, clearly marked, with its age. Finishing leaves no trace on screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from central.runner import start_local_sandbox
from kiosk import tracking
from kiosk.submission import Applicant, Submission
from tests.e2e.conftest import Citizen, kiosk_window
from tests.ui.journeys.helpers import NOTE, OFFICER, Filed, officer_moves, receipt_qr
from ui.wipe import find_traces

pytestmark = pytest.mark.qt


def test_where_is_my_file_after_the_officer_moves_it_then_offline(qtbot, tmp_path: Path, pty_scanner):
    sandbox = start_local_sandbox(tmp_path / "central")
    try:
        w = kiosk_window(
            qtbot,
            {
                "kiosk": {"id": "K-E2E-TRACK"},
                "central": {"url": sandbox.url, "api_key": sandbox.api_key, "connect_timeout_s": 0.5},
                "offline": {"sync_interval_s": 0.5},
                "devices": {
                    "card_reader": "none",
                    "scanner": pty_scanner.uri,
                    "camera": "none",
                    "printer": "none",
                },
            },
        )
        c = Citizen(w, qtbot)
        # An earlier citizen's dossier, sent through this kiosk's outbox and sync engine. The
        # directory's contacts are sample values, which production hides (tests/central/
        # test_sample_contacts.py); this central is a demo one, so its answers carry them, and the
        # test checks that they reach the screen.
        sub = Submission(
            "birth_registration",
            tracking.new_tracking_code(),
            w.config.kiosk.id,
            Applicant("001203004567", "Lê Thị Hoa"),
            attributes={
                "child_full_name": "Nguyễn Văn An",
                "child_birth_date": "2026-11-01",
                "child_sex": "M",
                "applicant_relation": "mother",
            },
        )
        queued: list[str | None] = []
        w.services.enqueue(sub, {}, draft_session_id=None, owner=w, done=lambda e, err: queued.append(e))
        qtbot.waitUntil(lambda: bool(queued), timeout=30_000)
        entry = queued[0]
        assert entry is not None
        qtbot.waitUntil(lambda: w.services.outbox_state(entry) == "accepted", timeout=30_000)
        request_id = w.services.store.outbox.get(entry).request_id
        filed = Filed(sub, str(request_id))
        officer_moves(sandbox, filed, "in_processing")
        officer_moves(sandbox, filed, "more_documents_needed", NOTE)
        qr = receipt_qr(w, filed, sandbox.url)

        # The citizen walks up and holds the receipt to the scanner: no touch at all.
        assert w.controller.machine.current == "attract"
        pty_scanner.scan(qr)
        c.at("track")
        answer = w.findChild(QWidget, "track_answer")
        qtbot.waitUntil(answer.isVisible, timeout=20_000)
        assert c.touches == 0
        assert c.text("track_headline").startswith("Hồ sơ của ông/bà cần thêm giấy tờ")
        assert c.text("track_note") == NOTE
        assert c.text("track_officer") == OFFICER
        assert c.text("track_appointment").startswith("Thứ")
        assert "Điện thoại:" in c.text("track_contacts")
        # The receipt's code, and the agency's official dossier code given when it was registered.
        assert c.text("track_code").startswith(tracking.display(sub.tracking_code) + "\n")
        assert c.text("track_code").split("\n")[1].count("-") == 2
        assert not w.findChild(QWidget, "NoticeCard").isVisible()

        # The officer receives the document and finishes the file.
        officer_moves(sandbox, filed, "in_processing", "Đã nhận đủ giấy tờ")
        officer_moves(sandbox, filed, "ready_for_pickup")
        c.tap("track_again")
        pty_scanner.scan(qr)
        qtbot.waitUntil(
            lambda: c.text("track_headline") == "Đã có kết quả. Mời ông/bà đến nhận.", timeout=20_000
        )
        assert c.text("track_must_do").startswith("Đến Ủy ban nhân dân")
        assert "Có kết quả, mời đến nhận" in c.text("track_timeline")

        # The central goes down: the last known status, marked, with its age.
        sandbox.stop()
        c.tap("track_again")
        pty_scanner.scan(qr)
        stale = w.findChild(QWidget, "NoticeCard")
        qtbot.waitUntil(stale.isVisible, timeout=30_000)
        assert c.text("track_stale").startswith("KHÔNG KẾT NỐI ĐƯỢC VỚI HỆ THỐNG")
        assert "vừa xong" in c.text("track_stale")
        assert c.text("track_headline") == "Đã có kết quả. Mời ông/bà đến nhận."

        c.tap("finish")
        c.tap("finish_yes")
        c.at("attract")
        assert find_traces(w, [tracking.display(sub.tracking_code), NOTE, OFFICER]) == []
    finally:
        sandbox.stop()
