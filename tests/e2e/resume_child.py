"""The first half of tests/e2e/test_resume_after_kill.py, run in a separate process (not
collected on its own: the file name does not start with ``test_``): a mother starts a birth
registration, reads her chip card, types her son's name and photographs two papers; then this
process says so on stdout and waits to be killed (SIGKILL: no clean-up of any kind)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from devices.card.simulated import SAMPLE_PEOPLE, qr_text
from tests.e2e.conftest import Citizen, kiosk_window
from tests.peers.vcard import READER, card_in_reader, personalise

pytestmark = [
    pytest.mark.qt,
    pytest.mark.skipif(not os.environ.get("KIOSK_RESUME_CHILD"), reason="child only"),
]
MOTHER = SAMPLE_PEOPLE[1]


def test_child_drive_to_the_documents_then_wait_to_be_killed(qtbot, tmp_path: Path, pty_scanner, monkeypatch):
    from tests.e2e.conftest import born_days_ago, write_document_video

    # The kiosk's data dir is the parent test's (the autouse fixture gave this process its own).
    monkeypatch.setenv("KIOSK_DATA_DIR", os.environ["KIOSK_RESUME_DATA"])
    card = personalise(MOTHER)
    csca = tmp_path / "csca"
    csca.mkdir()
    (csca / "test-csca.pem").write_bytes(card.pki.csca_pem())
    videos = {
        "birth_notice": write_document_video(tmp_path / "a.avi"),
        "extra_document": write_document_video(tmp_path / "b.avi", flip=True),
    }
    with card_in_reader(card):
        w = kiosk_window(
            qtbot,
            {
                "kiosk": {"id": "K-E2E-RESUME"},
                "central": {"url": "http://127.0.0.1:9/", "api_key": "none"},  # nobody answers there
                "devices": {
                    "card_reader": READER,
                    "printer": "sim://",
                    "camera": videos["birth_notice"],
                    "scanner": pty_scanner.uri,
                    "csca_dir": str(csca),
                },
            },
        )
        c = Citizen(w, qtbot)
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
        qtbot.waitUntil(lambda: c.journey.applicant is not None, timeout=60_000)
        c.tap("identify_child")
        c.tap("submit_identify_next")
        c.at("submit_form")
        c.type_on_keyboard("lê minh an")
        c.tap("submit_form_next")
        born = born_days_ago()
        c.tap(f"form_year_{born.year}")
        c.tap(f"form_month_{born.month}")
        c.tap(f"form_day_{born.day}")
        c.tap("submit_form_next")
        c.tap("form_opt_M")
        c.at("submit_documents")
        for doc, video in videos.items():
            w.services.override(camera=video)
            c.tap(f"doc_{doc}_camera")
            qtbot.waitUntil(
                lambda d=doc: bool(c.journey.docs.get(d) and c.journey.docs[d].pages), timeout=60_000
            )
        # What the kiosk wrote so far is on disk as the citizen moved on (nothing is flushed here:
        # the kill comes without warning, so wait only for the writer to catch up by itself).
        qtbot.waitUntil(lambda: len(w.services.store.drafts.pages(w.session.ref)) == 2, timeout=30_000)
        print("PHOTOGRAPHED", flush=True)
        sys.stdin.readline()  # the parent kills this process here
