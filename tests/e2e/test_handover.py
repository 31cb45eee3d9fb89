"""Hand over to the counter, end to end (issue 19): a mother registering her son's birth with
her chip card photographs the birth notice, goes back to the form and asks staff to finish.
The dossier reaches the central as needs-completion with the chip's data and the photo; the
slip printed on the TCP 9100 printer peer carries the queue number and the dossier's QR; an
officer signs in and registers it through the console routes over HTTP (session cookie +
CSRF); the public tracking page, its JSON and the kiosk's tracking view show both steps; and
nothing of the draft or the mother is left on the kiosk. Offline variant: the central is down,
the slip carries the kiosk's own number, and the hand-over arrives exactly once later.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import numpy as np
import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from central.models import DossierRow
from devices.card.simulated import SAMPLE_PEOPLE, qr_text
from devices.scanner.decode import QrDecoder
from kiosk.receipt import render_handover_slip, verify_receipt_qr
from kiosk.tracking_view import build_view, lookup
from tests.clear_text import clear_text_in, utf8
from tests.e2e.conftest import Citizen, OfflineCentral, birth_to_documents, kiosk_window, photograph_documents
from tests.peers.people import session_as
from tests.peers.printer_server import PrinterServer
from tests.peers.sandbox import running_sandbox
from tests.peers.vcard import READER, card_in_reader, personalise
from ui.screens.wizard.base import JOURNEY_KEY

pytestmark = [pytest.mark.qt, pytest.mark.slow]
MOTHER = SAMPLE_PEOPLE[1]


def _to_form_with_a_photo(c: Citizen, present_card, camera: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Attract → … → form (all answered) → documents (the birth notice photographed) → Back to the form."""
    birth_to_documents(c, present_card=present_card)
    photograph_documents(c, ("birth_notice",), {"birth_notice": camera} if camera else None)
    c.at("submit_documents")
    c.tap("back")  # back to the form: the citizen gives up here
    c.at("submit_form")


def _hand_over(c: Citizen) -> str:
    c.tap("submit_form_handover")
    c.qtbot.waitUntil(lambda: c.window.overlay.name == "handover", timeout=10_000)  # type: ignore[attr-defined]
    stay = c.find("handover_stay")
    assert stay.property("role") == "primary"  # "continue here" is the big answer
    c.tap("handover_confirm")
    c.at("submit_handover")
    code = c.journey.tracking_code
    assert code
    return code


def _assert_no_trace(root: Path, secrets: list[str]) -> None:
    found = clear_text_in([root], utf8(secrets))
    assert found == [], found


@pytest.mark.pcsc
def test_handed_over_at_the_form_then_completed_by_an_officer(
    qtbot, tmp_path: Path, isolated_kiosk_env: Path, document_video: str, pty_scanner
):
    card = personalise(MOTHER)
    csca = tmp_path / "csca"
    csca.mkdir()
    (csca / "test-csca.pem").write_bytes(card.pki.csca_pem())
    with (
        running_sandbox(tmp_path / "central") as sb,
        PrinterServer() as printer,
        card_in_reader(card) as (vc, _card),
    ):
        w = kiosk_window(
            qtbot,
            {
                "kiosk": {"id": "K-E2E-HAND"},
                "ui": {"counter": "3"},  # the counter staff take over at, named on screen and slip
                "central": {"url": sb.url, "api_key": sb.api_key},
                "devices": {"card_reader": READER, "printer": printer.uri, "camera": document_video,
                            "scanner": pty_scanner.uri, "csca_dir": str(csca)},
            },
        )  # fmt: skip
        c = Citizen(w, qtbot)
        qtbot.waitUntil(lambda: w.status.get("central").state == "ok", timeout=20_000)
        _to_form_with_a_photo(c, lambda: pty_scanner.scan(qr_text(MOTHER)))
        assert c.journey.applicant and c.journey.applicant.verification == "chip_verified"
        code = _hand_over(c)

        # Sent through the outbox, numbered by the central, the slip printed.
        qtbot.waitUntil(lambda: w.services.outbox_state(code) == "accepted", timeout=60_000)
        screen = w.current_screen
        qtbot.waitUntil(lambda: screen.slip is not None, timeout=20_000)
        assert screen.slip.queue_number == "Q-001" and not screen.slip.local_number
        assert w.findChild(QLabel, "handover_queue").text() == "Q-001"
        assert w.findChild(QLabel, "handover_go").text() == "Mang phiếu này đến Quầy số 3, Bộ phận Một cửa."
        page = printer.wait_pages(1, timeout=20)[0].image(576)
        found = QrDecoder("thorough").decode(np.array(page.convert("L")))
        assert len(found) == 1
        printed_qr = found[0].data.decode("utf-8")
        assert verify_receipt_qr(printed_qr, w.services.key.public_raw).tracking_code == code
        assert printed_qr.startswith(sb.url)
        # The printed raster is the slip with "Q-001" on it (the layout's own lines say where).
        expected = render_handover_slip(screen.slip, 576)
        assert "Q-001" in [line.text for line in expected.lines]
        assert any("Quầy số 3" in line.text for line in expected.lines)
        assert (
            page.convert("1").crop((0, 0, 576, expected.image.height)).tobytes()
            == expected.image.convert("1").tobytes()
        )

        # At the central: needs completion, with the chip's data and the photo, once.
        with sb.state.db() as s:
            rows = s.scalars(
                select(DossierRow)
                .options(selectinload(DossierRow.attachments))
                .where(DossierRow.tracking_code == code)
            ).all()
        assert len(rows) == 1
        row = rows[0]
        assert row.state == "needs_completion" and row.kiosk_id == "K-E2E-HAND"
        applicant = json.loads(row.applicant_json)
        assert applicant["id_number"] == MOTHER.personal_number and applicant["full_name"] == MOTHER.full_name
        assert applicant["verification"] == "chip_verified"
        assert json.loads(row.attributes_json)["child_full_name"] == "Lê Minh An"
        assert [(a.document_code, a.mime) for a in row.attachments] == [("birth_notice", "image/jpeg")]
        assert row.attachments[0].size > 10_000  # the real photograph

        # "Done": the session ends; nothing of the draft or the mother stays on the kiosk.
        c.tap("submit_handover_next")
        c.at("attract")
        assert JOURNEY_KEY not in w.session.data
        vc.remove()
        assert w.services.store_queue.flush()
        assert w.services.store.drafts.list_resumable() == []

        # The officer, over HTTP with the session cookie and CSRF: the queue, the dossier, register.
        officer = session_as(sb, "officer", "Phạm Thu Hà")
        base = sb.url.rstrip("/")
        queue = officer.get(f"{base}/console/handover", timeout=10)
        assert queue.status_code == 200 and "Q-001" in queue.text and MOTHER.full_name not in queue.text
        detail = officer.get(f"{base}/console/handover/{row.id}", timeout=10)
        assert MOTHER.full_name in detail.text and "Lê Minh An" in detail.text  # nothing to retype
        photo = officer.get(f"{base}/console/attachments/{row.id}/{row.attachments[0].sha256}", timeout=10)
        assert photo.status_code == 200 and photo.content.startswith(b"\xff\xd8\xff")
        done = officer.post(f"{base}/console/handover/{row.id}/complete", data={}, timeout=10)
        assert done.status_code == 200 and done.url.endswith(f"/console/dossiers/{row.id}"), done.text[:400]

        # Tracking shows both steps: the public page, its JSON, and the kiosk's own view.
        html = requests.get(f"{base}/t/{code}", timeout=10).text
        assert html.index("Nộp tại máy kiosk, chờ cán bộ hoàn thành") < html.index(
            "Cán bộ đã hoàn thành và tiếp nhận"
        )
        public = requests.get(f"{base}/t/{code}.json", timeout=10).json()
        assert [(h["state"], h["officer"]) for h in public["x_history"]] == [
            ("needs_completion", ""),
            ("completed", "Phạm Thu Hà"),
        ]
        assert public["x_state"] == "received"
        seen = lookup(code, w.services.client, None, time.time)
        view = build_view(seen.request, "vi")
        assert [s.title for s in view.steps] == [
            "Nộp tại máy kiosk, chờ cán bộ hoàn thành",
            "Cán bộ đã hoàn thành và tiếp nhận",
        ]
    _assert_no_trace(isolated_kiosk_env, [MOTHER.full_name, MOTHER.personal_number, "Lê Minh An"])


def test_a_handover_while_the_central_is_down_is_numbered_here_and_arrives_once(
    qtbot, isolated_kiosk_env: Path, offline_central: OfflineCentral
):
    with PrinterServer() as printer:
        w = kiosk_window(qtbot, offline_central.kiosk_settings("K-E2E-HOFF", printer.uri))
        c = Citizen(w, qtbot)
        qtbot.waitUntil(lambda: w.status.get("central").state == "down", timeout=20_000)
        _to_form_with_a_photo(c, lambda: w.services.scanner.deliver(qr_text(MOTHER), "sim"))
        code = _hand_over(c)
        screen = w.current_screen
        qtbot.waitUntil(lambda: screen.slip is not None, timeout=30_000)
        assert screen.slip.local_number and screen.slip.queue_number == "K-E2E-HOFF-001"
        assert screen.slip.queued_offline
        assert w.findChild(QLabel, "handover_queue_note").isVisible()  # "the counter will call it"
        assert w.services.outbox_state(code) in ("queued", "sending")
        page = printer.wait_pages(1, timeout=20)[0].image(576).convert("1")
        expected = render_handover_slip(screen.slip, 576).image.convert("1")
        assert page.crop((0, 0, 576, expected.height)).tobytes() == expected.tobytes()
        c.tap("submit_handover_next")
        c.at("attract")
        assert w.overlay.name == "card_left"  # ended like any journey: the card reminder
        w.services.card.reader.remove()
        qtbot.waitUntil(lambda: w.overlay.name == "", timeout=10_000)

        # The slip brought back to the track screen while the dossier still waits here.
        w.navigate("track")
        c.at("track")
        track = w.current_screen
        track.code.setText(code)
        qtbot.waitUntil(lambda: track.check_btn.isVisible(), timeout=10_000)
        qtbot.mouseClick(track.check_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: track.message.isVisible() and "…" not in track.message.text(), timeout=30_000)
        assert "chờ gửi từ máy kiosk" in track.message.text(), track.message.text()

        # The central returns on the same address: the hand-over arrives, once.
        second = offline_central.come_back()
        qtbot.waitUntil(lambda: w.services.outbox_state(code) == "accepted", timeout=60_000)
        with second.app.state.sandbox.db() as s:
            n = s.scalar(select(func.count()).select_from(DossierRow).where(DossierRow.tracking_code == code))
            row = s.scalars(select(DossierRow).where(DossierRow.tracking_code == code)).one()
            assert row.handover is not None and row.handover.queue_number == "Q-001"
            assert row.handover.slip_number == screen.slip.queue_number  # what the slip says
        assert n == 1 and row.state == "needs_completion"
        # The officer's list shows the number the citizen holds, and finds the dossier by it.
        officer = session_as(second, "officer", "Phạm Thu Hà")
        base = second.url.rstrip("/")
        queue = officer.get(f"{base}/console/handover", timeout=10).text
        line = re.search(f"<tr id='handover-{row.id}'>.*?</tr>", queue, re.S)
        assert line and "Q-001" in line.group(0), queue[:2000]
        assert f"phiếu in: {screen.slip.queue_number}" in line.group(0)
        found = officer.get(f"{base}/console/handover", params={"q": screen.slip.queue_number}, timeout=10)
        assert re.findall(r"<tr id='handover-(\d+)'>", found.text) == [str(row.id)]
        assert w.services.store.drafts.list_resumable() == []
