"""A full birth registration at the kiosk, end to end, with the real peers: the sandbox central
on loopback, pcscd + the virtual chip card, a pty as the serial QR scanner, a video file of a
document as the camera, and the TCP 9100 printer peer. The mother registers her son: the
central holds the dossier and both photographed documents, the printed receipt's QR (decoded
from the printer peer's rendered image) is the one on screen and opens the dossier's status
page, and at the end the card-left-behind reminder waits for the card, then all is wiped.

The touches and the characters typed are counted and printed (run with ``-s`` to see them).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import requests
from sqlalchemy import select

from central.models import DossierRow
from devices.card.simulated import SAMPLE_PEOPLE, qr_text
from devices.scanner.decode import QrDecoder
from kiosk.receipt import parse_receipt_qr, verify_receipt_qr
from kiosk.wizard.journey import Journey
from tests.e2e.conftest import Citizen, birth_registration, finish_with_rating, kiosk_window
from tests.peers.printer_server import PrinterServer
from tests.peers.sandbox import running_sandbox
from tests.peers.vcard import READER, card_in_reader, personalise
from ui.screens.wizard.base import JOURNEY_KEY

pytestmark = pytest.mark.qt
KIOSK = "K-E2E-BIRTH"
MOTHER = SAMPLE_PEOPLE[1]  # Trần Thị Bích Ngọc, F


def test_birth_registration_end_to_end(
    qtbot, tmp_path: Path, document_video: str, second_document_video: str, pty_scanner
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
                "kiosk": {"id": KIOSK},
                "central": {"url": sb.url, "api_key": sb.api_key},
                "devices": {
                    "card_reader": READER,
                    "printer": printer.uri,
                    "camera": document_video,
                    "scanner": pty_scanner.uri,
                    "csca_dir": str(csca),
                },
            },
        )
        c = Citizen(w, qtbot)
        # The indicator is honest: the central answers before the citizen starts.
        qtbot.waitUntil(lambda: w.status.get("central").state == "ok", timeout=20_000)

        code = birth_registration(
            c,
            present_card=lambda: pty_scanner.scan(qr_text(MOTHER)),
            cameras={"birth_notice": document_video, "extra_document": second_document_video},
        )
        j: Journey = w.session.data[JOURNEY_KEY]
        assert j.applicant and j.applicant.verification == "chip_verified"  # SOD checked against the CSCA
        assert j.values["applicant_relation"] == "mother"  # from "for my child" + the card

        # Sent by the sync engine; the screen says so in one sentence.
        qtbot.waitUntil(
            lambda: w.services.outbox_state(code) in ("accepted", "rejected", "needs-staff"), timeout=60_000
        )
        assert w.services.outbox_state(code) == "accepted"
        qtbot.waitUntil(lambda: "đã được gửi" in c.text("done_next"), timeout=10_000)

        # The central holds the dossier, its attributes, the applicant and both photographs.
        with sb.state.db() as s:
            row = s.scalars(select(DossierRow).where(DossierRow.tracking_code == code)).one()
            attrs = json.loads(row.attributes_json)
            applicant = json.loads(row.applicant_json)
            atts = sorted((a.document_code, a.mime) for a in row.attachments)
            sizes = [a.size for a in row.attachments]
            shas = {a.sha256 for a in row.attachments}
        assert row.service_code == "birth_registration" and row.kiosk_id == KIOSK
        assert attrs["child_full_name"] == "Lê Minh An" and attrs["child_sex"] == "M"
        assert attrs["applicant_relation"] == "mother"
        assert applicant["id_number"] == MOTHER.personal_number
        assert applicant["full_name"] == MOTHER.full_name
        assert atts == [("birth_notice", "image/jpeg"), ("extra_document", "image/jpeg")]
        assert all(n > 10_000 for n in sizes)  # real photographs, not placeholders
        assert len(shas) == 2  # two different papers

        # The printed receipt: its QR, decoded from the printer peer's raster, is the screen's.
        page = printer.wait_pages(1, timeout=20)[0].image(576)
        found = QrDecoder("thorough").decode(np.array(page.convert("L")))
        assert len(found) == 1
        printed_qr = found[0].data.decode("utf-8")
        screen_qr = w.current_screen.qr_text
        assert printed_qr == screen_qr
        parsed = verify_receipt_qr(printed_qr, w.services.key.public_raw)
        assert parsed.tracking_code == code and parsed.procedure_code == "birth_registration"
        assert MOTHER.personal_number not in printed_qr  # masked
        # ... and opens the right status page at the central.
        assert printed_qr.startswith(sb.url)
        status = requests.get(printed_qr.replace(f"/t/{code}", f"/t/{code}.json"), timeout=10).json()
        assert code in json.dumps(status) and "birth_registration" in json.dumps(status)
        assert parse_receipt_qr(printed_qr).appointment is not None

        # Rate, finish: all wiped; the card is still on the reader, so the reminder shows until it is taken.
        finish_with_rating(c, 5)
        qtbot.waitUntil(lambda: w.controller.machine.current == "attract", timeout=15_000)
        assert JOURNEY_KEY not in w.session.data
        assert w.overlay.name == "card_left"
        vc.remove()
        qtbot.waitUntil(lambda: w.overlay.name == "", timeout=15_000)
        assert w.services.store_queue.flush()
        assert w.services.store.drafts.list_resumable() == []

        print(
            f"\nTOUCH COUNT birth registration (chip card, 3 documents): touches={c.touches} "
            f"typed characters={c.typed} ({c.typed} keys for the child's name; dates by touch)\n"
            f"touches: {', '.join(c.log)}"
        )
        assert c.typed == len("lê minh an")
        assert c.touches <= 24
