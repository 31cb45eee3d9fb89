"""Qt test fixtures: a kiosk window factory, a fake clock, and leak checks.

Like napari's conftest, every test here fails if it leaves a QTimer or QThread running or a
visible top-level widget behind, and says where the timer or thread was started.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QThread, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.config import KioskConfig, parse_config


def _where() -> str:
    frames = [f for f in traceback.extract_stack()[:-2] if "site-packages" not in f.filename]
    return " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in frames[-3:][::-1])


@pytest.fixture(autouse=True)
def _no_dangling_qt(qapp, monkeypatch) -> Iterator[None]:
    timers: list[tuple[QTimer, str]] = []
    threads: list[tuple[QThread, str]] = []
    pending_single_shots: dict[int, str] = {}
    real_start = QTimer.start
    real_thread_start = QThread.start
    real_single_shot = QTimer.singleShot

    def start(self, *args):  # type: ignore[no-untyped-def]
        timers.append((self, _where()))
        return real_start(self, *args)

    def thread_start(self, *args):  # type: ignore[no-untyped-def]
        threads.append((self, _where()))
        return real_thread_start(self, *args)

    def single_shot(msec, *args):  # type: ignore[no-untyped-def]
        # Only the (msec, callable) form is used in this code base; track that it ran.
        if len(args) == 1 and callable(args[0]) and not isinstance(args[0], QCoreApplication):
            key = id(args)
            pending_single_shots[key] = _where()
            fn = args[0]

            def run() -> None:
                pending_single_shots.pop(key, None)
                fn()

            return real_single_shot(msec, run)
        return real_single_shot(msec, *args)

    monkeypatch.setattr(QTimer, "start", start)
    monkeypatch.setattr(QThread, "start", thread_start)
    monkeypatch.setattr(QTimer, "singleShot", staticmethod(single_shot))
    before = set(QApplication.topLevelWidgets())
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    problems = []
    for timer, where in timers:
        try:
            if timer.isActive():
                problems.append(f"QTimer still active, started at {where}")
        except RuntimeError:
            pass  # deleted with its owner: fine
    for thread, where in threads:
        try:
            if thread.isRunning():
                problems.append(f"QThread still running, started at {where}")
        except RuntimeError:
            pass
    for where in pending_single_shots.values():
        problems.append(f"QTimer.singleShot never fired, scheduled at {where}")
    for w in QApplication.topLevelWidgets():
        if w in before:
            continue
        if w.isVisible():
            problems.append(f"top-level widget left open: {type(w).__name__} {w.objectName()!r}")
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not problems, "\n".join(problems)


class FakeClock:
    """Monotonic time that moves only when a test says so."""

    def __init__(self) -> None:
        self.t = 10_000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_window(qtbot) -> Callable[..., object]:
    """Build a kiosk window: ``make_window(config=…, landscape=…, kiosk_mode=…, clock=…)``."""
    from ui.main_window import MainWindow

    def make(
        config: KioskConfig | dict | None = None,
        *,
        landscape: bool = False,
        kiosk_mode: bool = False,
        clock: Callable[[], float] = time.monotonic,
        safety_net: bool = False,
    ) -> MainWindow:
        cfg = parse_config(config) if isinstance(config, dict) else (config or KioskConfig())
        w = MainWindow(cfg, kiosk_mode=kiosk_mode, clock=clock, install_safety_net=safety_net)
        qtbot.addWidget(w, before_close_func=lambda win: win.allow_close())
        w.resize(1920, 1080) if landscape else w.resize(1080, 1920)
        w.show()
        qtbot.waitExposed(w)
        return w

    return make


@pytest.fixture(scope="session", autouse=True)
def _translations_built() -> None:
    from ui.i18n.translator import ensure_built

    ensure_built()
