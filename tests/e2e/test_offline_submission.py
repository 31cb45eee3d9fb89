"""Offline submission end to end: the central is unreachable while the citizen files a birth
registration; the dossier goes into the outbox at once, the receipt prints saying it is
queued, the screen says it will be sent when the network is back; then the central comes
back on the same address and the sync engine delivers it, exactly once, and the screen
updates. (Devices are the simulated ones here; the real drivers are in
test_birth_registration.py.)"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from central.models import AttachmentRow, DossierRow
from devices.card.simulated import SAMPLE_PEOPLE, qr_text
from kiosk.messages import text
from kiosk.receipt import render_receipt
from tests.e2e.conftest import Citizen, OfflineCentral, birth_registration, kiosk_window
from tests.peers.printer_server import PrinterServer
from ui.screens.wizard.review import RECEIPT_KEY

pytestmark = pytest.mark.qt
MOTHER = SAMPLE_PEOPLE[1]


def test_offline_submission_is_queued_then_sent_when_the_network_returns(
    qtbot, offline_central: OfflineCentral
):
    with PrinterServer() as printer:
        w = kiosk_window(qtbot, offline_central.kiosk_settings("K-E2E-OFF", printer.uri))
        c = Citizen(w, qtbot)
        qtbot.waitUntil(lambda: w.status.get("central").state == "down", timeout=20_000)
        code = birth_registration(
            c,
            present_card=lambda: w.services.scanner.deliver(qr_text(MOTHER), "sim"),
            photograph=("birth_notice",),
        )
        # Queued, durably; the receipt says so, and so does the screen.
        assert w.services.outbox_state(code) in (
            "queued",
            "sending",
        )  # not delivered: the central is down
        receipt = w.session.data[RECEIPT_KEY]
        assert receipt.queued_offline
        # The true reason, as the header says it: the network is up, the central is not.
        assert w.status.get("network").state == "ok" and receipt.queued_reason == "central"
        reason = text("wizard.done.queued_central").split(":")[0]  # "Chưa kết nối được … trung tâm"
        assert "trung tâm" in reason and c.text("done_next").startswith(reason)
        page = printer.wait_pages(1, timeout=20)[0].image(576).convert("1")
        queued = render_receipt(receipt, w.current_screen.qr_text).image.convert("1")
        sent = render_receipt(
            type(receipt)(**{**receipt.__dict__, "queued_offline": False}), w.current_screen.qr_text
        ).image.convert("1")
        assert page.crop((0, 0, queued.width, queued.height)).tobytes() == queued.tobytes()
        assert queued.tobytes() != sent.tobytes()  # the queued line is really on it
        qtbot.waitUntil(lambda: w.status.get("outbox").count == 1, timeout=10_000)

        # The network returns: same central, same address.
        second = offline_central.come_back()
        qtbot.waitUntil(lambda: w.services.outbox_state(code) == "accepted", timeout=60_000)
        qtbot.waitUntil(lambda: "đã được gửi" in c.text("done_next"), timeout=10_000)
        qtbot.waitUntil(lambda: w.status.get("outbox").count == 0, timeout=10_000)
        with second.app.state.sandbox.db() as s:
            n = s.scalar(select(func.count()).select_from(DossierRow).where(DossierRow.tracking_code == code))
            row = s.scalars(select(DossierRow).where(DossierRow.tracking_code == code)).one()
            atts = s.scalar(
                select(func.count()).select_from(AttachmentRow).where(AttachmentRow.dossier_id == row.id)
            )
            attrs = json.loads(row.attributes_json)
        assert n == 1 and atts == 1
        assert attrs["child_full_name"] == "Lê Minh An"
