"""Never type it twice (issue 19): a birth registration is killed with SIGKILL after two papers
were photographed; the kiosk restarts; the same chip card is presented; the kiosk offers to
continue, lands on the documents step with both photos, and the dossier reaches the central
exactly once. Real peers: pcscd + the virtual card, a pty scanner, video files as the camera,
the sandbox central on loopback. Afterwards no trace of the draft is left on the kiosk."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy import select

from central.models import DossierRow
from devices.card.simulated import SAMPLE_PEOPLE, qr_text
from tests.clear_text import clear_text_in, utf8
from tests.conftest import repo_root
from tests.e2e.conftest import Citizen, kiosk_window
from tests.peers.sandbox import running_sandbox
from tests.peers.vcard import READER, card_in_reader, personalise

pytestmark = [pytest.mark.qt, pytest.mark.slow, pytest.mark.pcsc]
MOTHER = SAMPLE_PEOPLE[1]


def _run_child_until_photographed(data_dir: Path, tmp: Path) -> None:
    env = dict(os.environ, KIOSK_RESUME_CHILD="1", KIOSK_RESUME_DATA=str(data_dir))
    env["KIOSK_CONFIG"] = str(tmp / "none.toml")
    child = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "--basetemp", str(tmp / "child"),
         "tests/e2e/resume_child.py"],
        cwd=repo_root(), env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert child.stdout is not None
    lines = []
    for line in child.stdout:
        lines.append(line)
        if "PHOTOGRAPHED" in line:
            break
    else:
        child.wait(30)
        raise AssertionError("the first kiosk never got to the documents:\n" + "".join(lines[-40:]))
    child.send_signal(signal.SIGKILL)  # a power cut: nothing is closed, nothing is flushed
    child.wait(30)
    child.stdout.close()
    assert child.stdin is not None
    child.stdin.close()


def test_killed_after_two_photos_resumes_at_the_documents_and_submits_once(
    qtbot, tmp_path: Path, isolated_kiosk_env: Path, pty_scanner
):
    _run_child_until_photographed(isolated_kiosk_env, tmp_path)

    card = personalise(MOTHER)
    csca = tmp_path / "csca"
    csca.mkdir()
    (csca / "test-csca.pem").write_bytes(card.pki.csca_pem())
    with running_sandbox(tmp_path / "central") as sb, card_in_reader(card) as (vc, _card):
        w = kiosk_window(
            qtbot,
            {
                "kiosk": {"id": "K-E2E-RESUME"},
                "central": {"url": sb.url, "api_key": sb.api_key},
                "devices": {"card_reader": READER, "printer": "sim://", "scanner": pty_scanner.uri, "csca_dir": str(csca)},
            },
        )  # fmt: skip
        c = Citizen(w, qtbot)
        # The restarted kiosk shows nothing of the draft: it is found only through the card.
        c.tap("start")
        c.at("home")
        w.navigate("submit")
        c.at("submit")
        c.tap("proc_birth_registration")
        c.at("submit_where")
        c.tap("where_yes")
        c.tap("submit_where_next")
        c.at("submit_identify")
        pty_scanner.scan(qr_text(MOTHER))
        qtbot.waitUntil(lambda: w.overlay.name == "resume", timeout=60_000)
        body = w.findChild(QLabel, "resume_body")
        assert body is not None and "khai sinh" in body.text().lower() and "chụp giấy tờ" in body.text()
        assert MOTHER.full_name not in body.text()  # the offer names the procedure and step, nobody
        c.qtbot.mouseClick(w.findChild(QPushButton, "resume_continue"), Qt.MouseButton.LeftButton)
        c.touches += 1
        c.at("submit_documents")
        j = c.journey
        assert j.values.get("child_full_name") == "Lê Minh An"
        assert len(j.docs["birth_notice"].pages) == 1 and len(j.docs["extra_document"].pages) == 1
        assert len(set(j.blobs)) == 2 and all(len(b) > 10_000 for b in j.blobs.values())
        c.tap("submit_documents_next")
        c.at("submit_review")
        c.tap("review_consent")
        c.tap("review_submit")
        c.at("submit_done")
        code = j.tracking_code
        qtbot.waitUntil(lambda: w.services.outbox_state(code) == "accepted", timeout=60_000)
        with sb.state.db() as s:
            rows = s.scalars(select(DossierRow).where(DossierRow.service_code == "birth_registration")).all()
            assert len(rows) == 1, "the dossier reached the central exactly once"
            row = rows[0]
            assert row.tracking_code == code
            assert json.loads(row.attributes_json)["child_full_name"] == "Lê Minh An"
            assert sorted(a.document_code for a in row.attachments) == ["birth_notice", "extra_document"]
        w.finish()
        c.at("attract")
        vc.remove()
        assert w.services.store_queue.flush()
        assert w.services.store.drafts.list_resumable() == []
    _assert_no_trace(isolated_kiosk_env, [MOTHER.full_name, MOTHER.personal_number, "Lê Minh An"])


def _assert_no_trace(root: Path, secrets: list[str]) -> None:
    found = clear_text_in([root], utf8(secrets))
    assert found == [], found
