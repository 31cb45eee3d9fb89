"""A whole birth registration by key events only, as a citizen with a numeric keypad does it:
arrows move in reading order, Enter activates, the child's name is typed on the on-screen
keyboard reached with the arrows. The card goes on the reader and the papers under the camera
(physical acts, not touches); the camera captures by itself. Real peers as in tests/e2e: the
sandbox central, pcscd with the virtual chip card, a pty QR scanner, a video as the camera.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from devices.card.simulated import SAMPLE_PEOPLE, qr_text
from tests.e2e.conftest import (  # noqa: F401 - fixtures
    Citizen,
    born_days_ago,
    document_video,
    kiosk_window,
    pty_scanner,
    second_document_video,
)
from tests.peers.sandbox import running_sandbox
from tests.peers.vcard import READER, card_in_reader, personalise

pytestmark = pytest.mark.qt
KP = Qt.KeyboardModifier.KeypadModifier
MOTHER = SAMPLE_PEOPLE[1]


@dataclass
class KeypadCitizen(Citizen):
    """Never touches: focus moves with the keypad's Down key, Enter activates."""

    keys: int = 0

    def press(self, key: Qt.Key) -> None:
        target = QApplication.focusWidget() or self.window
        self.qtbot.keyClick(target, key, KP)  # type: ignore[attr-defined]
        self.keys += 1

    def reach(self, target: QWidget, limit: int = 400) -> None:
        for _ in range(limit):
            if QApplication.focusWidget() is target:
                return
            self.press(Qt.Key.Key_Down)
        raise AssertionError(f"{target.objectName()!r} never reached; focus on {QApplication.focusWidget()}")

    def tap(self, name: str, timeout: int = 10_000) -> None:
        btn = self.find(name)
        self.qtbot.waitUntil(lambda: btn.isVisible() and btn.isEnabled(), timeout=timeout)  # type: ignore[attr-defined]
        self.reach(btn)
        self.press(Qt.Key.Key_Enter)
        self.log.append(name)

    def type_on_keyboard(self, text: str) -> None:
        from PySide6.QtWidgets import QPushButton

        for ch in text:
            key = "space" if ch == " " else ch
            keys = [b for b in self.screen.findChildren(QPushButton, f"key_{key}") if b.isVisible()]
            assert len(keys) == 1, f"no single visible key for {ch!r}"
            self.reach(keys[0])
            self.press(Qt.Key.Key_Enter)
            self.typed += 1


def test_birth_registration_by_keypad_only(
    qtbot,
    tmp_path: Path,
    document_video: str,  # noqa: F811
    second_document_video: str,  # noqa: F811
    pty_scanner,  # noqa: F811
):
    card = personalise(MOTHER)
    csca = tmp_path / "csca"
    csca.mkdir()
    (csca / "test-csca.pem").write_bytes(card.pki.csca_pem())
    with running_sandbox(tmp_path / "central") as sb, card_in_reader(card) as (_vc, _card):
        w = kiosk_window(
            qtbot,
            {
                "kiosk": {"id": "K-KEYPAD"},
                "central": {"url": sb.url, "api_key": sb.api_key},
                "speech": {"engine": "none"},
                "devices": {
                    "card_reader": READER,
                    "printer": "none",
                    "camera": document_video,
                    "scanner": pty_scanner.uri,
                    "csca_dir": str(csca),
                },
            },
        )
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
        c = KeypadCitizen(w, qtbot)
        born = born_days_ago()
        c.tap("start")
        c.at("home")
        c.reach(w.page("home").tiles["submit"])
        c.press(Qt.Key.Key_Enter)
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
        c.tap(f"form_year_{born.year}")
        c.tap(f"form_month_{born.month}")
        c.tap(f"form_day_{born.day}")
        c.tap("submit_form_next")
        c.tap("form_opt_M")
        c.at("submit_documents")
        for doc, video in (("birth_notice", document_video), ("extra_document", second_document_video)):
            w.services.override(camera=video)
            c.tap(f"doc_{doc}_camera")
            qtbot.waitUntil(
                lambda d=doc: c.journey.docs.get(d) is not None and len(c.journey.docs[d].pages) > 0,
                timeout=60_000,
            )
        c.tap("submit_documents_next")
        c.at("submit_review")
        c.tap("review_consent")
        c.tap("review_submit")
        c.at("submit_done", timeout=30_000)
        assert c.journey.tracking_code
        assert c.journey.values.get("child_full_name") == "Lê Minh An"
        assert c.touches == 0
        # Heard along the way: the done screen's receipt, the tracking code symbol by symbol.
        qtbot.waitUntil(lambda: "Đã nhận hồ sơ" in "\n".join(w.speech.transcript))
        said = "\n".join(w.speech.transcript)
        assert "ký tự kiểm tra" in said, said[-600:]
        # The card's details were read on the open speaker as a notice only.
        assert MOTHER.full_name not in said
        print(f"\nKEYPAD birth registration: {c.keys} key presses, {c.typed} characters typed")
