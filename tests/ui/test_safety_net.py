"""The safety net: an exception in a slot or in a worker thread shows the calm error screen
with a reference, logs it without personal data, wipes the session, and the kiosk lives on."""

from __future__ import annotations

import json
import re
import threading

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

pytestmark = [pytest.mark.qt, pytest.mark.qt_no_exception_capture]

SECRET = "Trần Văn Bình 079203001234"
REF = re.compile(r"E-\d{4}-[0-9A-HJKMNP-TV-Z]{4}")


def log_entries(data_dir) -> list[dict]:
    path = data_dir / "logs" / "kiosk.log"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def window(make_window, clock, isolated_kiosk_env):
    from kiosk.logs import configure_logging

    configure_logging()
    w = make_window(clock=clock, safety_net=True)
    w.navigate("home")
    w.navigate("track")
    w.current_screen.code.setText("K7M4Q")
    return w


def assert_incident(w, data_dir) -> str:
    assert w.controller.machine.current == "error"
    ref = w.findChild(QLabel, "error_reference").text()
    assert REF.fullmatch(ref)
    assert not w.session.active and "track" not in w.screens
    entries = [e for e in log_entries(data_dir) if e.get("event") == "uncaught_exception"]
    assert entries and entries[-1]["reference"] == ref
    assert entries[-1]["error_type"] == "builtins.RuntimeError"
    raw = (data_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "Trần" not in raw and "079203001234" not in raw
    return ref


def test_exception_in_a_slot(window, qtbot, isolated_kiosk_env):
    button = QPushButton("boom", window.current_screen)
    button.setObjectName("boom")

    def explode() -> None:
        raise RuntimeError(SECRET)

    button.clicked.connect(explode)
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.machine.current == "error", timeout=3000)
    assert_incident(window, isolated_kiosk_env)


def test_exception_in_an_event_handler(window, qtbot, isolated_kiosk_env):
    class Bad(QLabel):
        def mousePressEvent(self, event):
            raise RuntimeError(SECRET)

    bad = Bad("x", window.current_screen)
    bad.show()
    # Posted, so that it arrives from the event loop as a real touch does.
    pos = QPointF(bad.rect().center())
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        pos,
        pos,
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.postEvent(bad, press)
    qtbot.waitUntil(lambda: window.controller.machine.current == "error", timeout=3000)
    assert_incident(window, isolated_kiosk_env)


def test_exception_in_a_worker_thread(window, qtbot, isolated_kiosk_env):
    def work() -> None:
        raise RuntimeError(SECRET)

    t = threading.Thread(target=work, name="device-worker")
    t.start()
    t.join(5)
    qtbot.waitUntil(lambda: window.controller.machine.current == "error", timeout=3000)
    assert_incident(window, isolated_kiosk_env)
    entry = [e for e in log_entries(isolated_kiosk_env) if e.get("event") == "uncaught_exception"][-1]
    assert entry["thread"] == "device-worker"


def test_error_screen_returns_to_attract_by_itself(window, qtbot, clock, isolated_kiosk_env):
    window.safety_net.report(RuntimeError, None, "MainThread")
    qtbot.waitUntil(lambda: window.controller.machine.current == "error", timeout=3000)
    clock.advance(window.config.ui.error_screen_s - 1)
    window.tick()
    assert window.controller.machine.current == "error"
    assert "1" in window.findChild(QLabel, "error_returning").text()
    clock.advance(1)
    window.tick()
    assert window.controller.machine.current == "attract"
    # And the kiosk still works: a new session starts normally.
    window.navigate("home")
    assert window.session.active


def test_hooks_are_restored_when_the_window_closes(make_window):
    import sys

    before = (sys.excepthook, threading.excepthook)
    w = make_window(safety_net=True)
    assert sys.excepthook != before[0]
    w.close()
    assert (sys.excepthook, threading.excepthook) == before


def test_exception_in_a_qthread(window, qtbot, isolated_kiosk_env):
    from PySide6.QtCore import QThread

    class Worker(QThread):
        def run(self) -> None:
            raise RuntimeError(SECRET)

    worker = Worker()
    worker.setObjectName("qt-worker")
    worker.start()
    assert worker.wait(5000)
    qtbot.waitUntil(lambda: window.controller.machine.current == "error", timeout=3000)
    assert_incident(window, isolated_kiosk_env)
