"""End-to-end helpers: a citizen who touches and types (and is counted), a document video for
the camera, the test CSCA for the card reader, and the whole birth-registration journey.

The window is the real main window, started as ``ui/app.py`` starts it after the first paint
(monitors + services), against real peers: the sandbox central on loopback, pcscd with the
virtual card, the TCP 9100 printer peer, a video file as the camera, a pty as the serial
QR scanner.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import cv2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton

from central.runner import SandboxHandle, start_local_sandbox
from kiosk.config import parse_config
from kiosk.wizard.journey import Journey
from ui.screens.wizard.base import JOURNEY_KEY

pytestmark = pytest.mark.qt


@dataclass
class Citizen:
    """Drives the window by touch, as a person would, and counts what they had to do."""

    window: object
    qtbot: object
    touches: int = 0
    typed: int = 0
    log: list[str] = field(default_factory=list)

    @property
    def screen(self):  # type: ignore[no-untyped-def]
        return self.window.current_screen  # type: ignore[attr-defined]

    def at(self, screen_id: str, timeout: int = 15_000) -> None:
        m = self.window.controller.machine  # type: ignore[attr-defined]
        self.qtbot.waitUntil(lambda: m.current == screen_id, timeout=timeout)  # type: ignore[attr-defined]

    def find(self, name: str) -> QAbstractButton:
        btn = self.window.findChild(QAbstractButton, name)  # type: ignore[attr-defined]
        assert btn is not None, f"no button {name!r}"
        return btn

    def tap(self, name: str, timeout: int = 10_000) -> None:
        btn = self.find(name)
        self.qtbot.waitUntil(lambda: btn.isVisible() and btn.isEnabled(), timeout=timeout)  # type: ignore[attr-defined]
        self.qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        self.touches += 1
        self.log.append(name)

    def type_on_keyboard(self, text: str) -> None:
        """Each character is one key of the on-screen keyboard (a touch, counted as typed)."""
        for ch in text:
            key = "space" if ch == " " else ch
            keys = [b for b in self.screen.findChildren(QPushButton, f"key_{key}") if b.isVisible()]
            assert len(keys) == 1, f"no single visible key for {ch!r}"
            btn = keys[0]
            self.qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
            self.typed += 1

    def text(self, name: str) -> str:
        lab = self.window.findChild(QLabel, name)  # type: ignore[attr-defined]
        assert lab is not None, name
        return lab.text()

    @property
    def journey(self) -> Journey:
        return self.window.session.data[JOURNEY_KEY]  # type: ignore[attr-defined]


def write_document_video(path: Path, frames: int = 90, flip: bool = False) -> str:
    """The simulated desk scene's first sheet (comes in, rests, leaves) as an MJPG video file;
    ``flip``: mirrored, i.e. another paper for a second document."""
    from devices.camera.simulated import FPS, simulated_source

    src = simulated_source(loop=False)
    first = src.read()
    assert first is not None
    h, w = first.shape[:2]
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, (w, h))
    out.write(cv2.flip(first, 1) if flip else first)
    for _ in range(frames - 1):
        frame = src.read()
        if frame is None:
            break
        out.write(cv2.flip(frame, 1) if flip else frame)
    out.release()
    return str(path)


@pytest.fixture
def document_video(tmp_path: Path) -> str:
    return write_document_video(tmp_path / "document.avi")


@pytest.fixture
def second_document_video(tmp_path: Path) -> str:
    return write_document_video(tmp_path / "document2.avi", flip=True)


class PtyScanner:
    """A serial QR scanner: the kiosk's serial driver reads the pty's slave side."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        self.uri = f"serial://{os.ttyname(self.slave)}?baudrate=9600&terminator=CR"

    def scan(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8") + b"\r")

    def close(self) -> None:
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def pty_scanner() -> Iterator[PtyScanner]:
    s = PtyScanner()
    try:
        yield s
    finally:
        s.close()


def kiosk_window(qtbot, settings: dict) -> object:  # type: ignore[no-untyped-def]
    """The main window (1080×1920) with the app's background start (monitors, services)."""
    from ui.app import start_background
    from ui.main_window import MainWindow

    cfg = parse_config(settings)
    w = MainWindow(cfg, kiosk_mode=False, install_safety_net=False)
    qtbot.addWidget(w, before_close_func=lambda win: _close(win))
    w.resize(1080, 1920)
    w.show()
    qtbot.waitExposed(w)
    start_background(w, cfg)
    return w


def _close(w) -> None:  # type: ignore[no-untyped-def]
    from ui.app import stop_background, stop_demo_central

    stop_background(w)
    stop_demo_central(w)
    w.allow_close()


@dataclass
class OfflineCentral:
    """A central the kiosk was set up with (its URL and key) that is down when the session
    starts; ``come_back()`` starts it again on the same port with the same data, as when the
    network returns. Stopped at the end of the test."""

    data: Path
    port: int
    url: str
    api_key: str
    running: SandboxHandle | None = None

    def kiosk_settings(self, kiosk_id: str, printer_uri: str) -> dict[str, object]:
        """The kiosk's settings against it: quick to notice it is down, quick to retry."""
        return {
            "kiosk": {"id": kiosk_id},
            "central": {"url": self.url, "api_key": self.api_key, "connect_timeout_s": 0.5},
            "offline": {"sync_interval_s": 0.5},
            "devices": {"card_reader": "sim:1", "scanner": "sim", "camera": "sim", "printer": printer_uri},
        }

    def come_back(self) -> SandboxHandle:
        self.running = start_local_sandbox(self.data, port=self.port)
        return self.running


@pytest.fixture
def offline_central(tmp_path: Path) -> Iterator[OfflineCentral]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    data = tmp_path / "central"  # the central's own disk: not the kiosk's
    first = start_local_sandbox(data, port=port)  # creates its data and the site key
    central = OfflineCentral(data, port, first.url, first.api_key)
    first.stop()  # the network goes down
    try:
        yield central
    finally:
        if central.running is not None:
            central.running.stop()


def born_days_ago(days: int = 3) -> date:
    return date.today() - timedelta(days=days)


def birth_registration(
    c: Citizen,
    *,
    present_card: Callable[[], None],
    child_name_keys: str = "lê minh an",
    born: date | None = None,
    photograph: tuple[str, ...] = ("birth_notice", "extra_document"),
    cameras: dict[str, str] | None = None,
) -> str:
    """The whole journey by touch, from the attract screen to the rating; returns the tracking code.

    ``present_card`` puts the card on the reader and its QR at the scanner (physical acts,
    not touches); ``cameras`` maps a document to the video of that paper under the camera. The child's name is typed on the on-screen keyboard; everything else is
    chosen by touch or comes from the card.
    """
    birth_to_documents(c, present_card=present_card, child_name_keys=child_name_keys, born=born)
    photograph_documents(c, photograph, cameras)
    c.tap("submit_documents_next")
    c.at("submit_review")
    c.tap("review_consent")
    c.tap("review_submit")
    c.at("submit_done")
    code = c.journey.tracking_code
    assert code
    return code


def birth_to_documents(
    c: Citizen,
    *,
    present_card: Callable[[], None],
    child_name_keys: str = "lê minh an",
    born: date | None = None,
) -> None:
    """Attract → home → birth registration → where → identify (the card) → form → the documents step."""
    born = born or born_days_ago()
    c.tap("start")
    c.at("home")
    c.qtbot.mouseClick(c.window.findChild(QLabel, "choice_submit_title"), Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    c.touches += 1
    c.log.append("home:submit")
    c.at("submit")
    c.tap("proc_birth_registration")
    c.at("submit_where")
    c.tap("where_yes")
    c.tap("submit_where_next")
    c.at("submit_identify")
    present_card()
    c.qtbot.waitUntil(lambda: c.journey.applicant is not None, timeout=60_000)  # type: ignore[attr-defined]
    c.tap("identify_child")
    c.tap("submit_identify_next")
    c.at("submit_form")
    c.type_on_keyboard(child_name_keys)
    c.tap("submit_form_next")
    c.tap(f"form_year_{born.year}")
    c.tap(f"form_month_{born.month}")
    c.tap(f"form_day_{born.day}")
    c.tap("submit_form_next")
    c.tap("form_opt_M")
    c.at("submit_documents")


def photograph_documents(c: Citizen, docs: tuple[str, ...], cameras: dict[str, str] | None = None) -> None:
    """On the documents step: each document's camera, its page taken by auto-capture (no touch)."""
    for doc in docs:
        before = len(c.journey.docs.get(doc).pages) if c.journey.docs.get(doc) else 0
        if cameras and doc in cameras:
            c.window.services.override(camera=cameras[doc])  # this paper under the camera  # type: ignore[attr-defined]
        c.tap(f"doc_{doc}_camera")
        c.qtbot.waitUntil(  # type: ignore[attr-defined]
            lambda d=doc, b=before: c.journey.docs.get(d) is not None and len(c.journey.docs[d].pages) > b,
            timeout=60_000,
        )


def finish_with_rating(c: Citizen, face: int = 5) -> None:
    c.tap("submit_done_next")
    c.at("submit_rate")
    c.tap(f"rate_{face}")
    c.tap("submit_rate_next")
