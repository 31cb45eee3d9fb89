"""``kiosk`` with no sub-command: the fullscreen kiosk program.

Start-up order keeps the first frame fast: configuration (a bad file stops here with a
message, exit 2), logs, translations, the window; the demo central and the live monitors
start after the window is up and never hold it back.

Environment switches (for benchmarks and checks, not for production):
``KIOSK_EXIT_AFTER_FIRST_PAINT=1`` prints ``first-paint <seconds>`` and exits once the attract
screen is painted; ``KIOSK_GRAB_SCREEN=out.png`` saves the whole screen ``KIOSK_GRAB_DELAY_MS``
(default 500) after the first paint, with the demo central and monitors running, then exits.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

_T0 = time.perf_counter()


def run_app(args) -> int:  # type: ignore[no-untyped-def]
    from kiosk.config import ConfigError
    from kiosk.effective_config import effective_config

    try:
        # --config if given; else the signed configuration in force (an enrolled kiosk); else the file / demo.
        cfg = effective_config(getattr(args, "config", None))
    except ConfigError as e:
        print(f"kiosk: cannot start, the configuration is not valid:\n{e}", file=sys.stderr)
        print(
            "Fix the file (see `kiosk config example`), then check it with `kiosk config check PATH`.",
            file=sys.stderr,
        )
        return 2

    from kiosk.logs import configure_logging, get_logger

    configure_logging(cfg.logging.level)
    log = get_logger("ui.app")
    _record_crashes(log)
    try:
        return _run(args, cfg, log)
    except Exception:  # noqa: BLE001 - before the window's safety net exists: one line, a reference, the log
        from kiosk.app_state.incident import incident_fields, new_reference

        ref = new_reference()
        exc_type, _exc, tb = sys.exc_info()
        log.error("startup_failed", **incident_fields(ref, exc_type, tb, thread="MainThread", screen=None))
        print(f"kiosk: could not start (reference {ref}); details are in the kiosk log.", file=sys.stderr)
        return 1
    finally:
        from kiosk import crash_record

        crash_record.stopped()


def _record_crashes(log) -> None:  # type: ignore[no-untyped-def]
    """A native crash (Qt, the binding) writes the Python stacks to ``<logs>/crash.log``; the
    previous run's crash, if any, goes to the log too, for whoever reads it next."""
    from kiosk import crash_record
    from kiosk.paths import log_dir

    previous = crash_record.enable(log_dir())
    if previous is not None:
        log.warning(
            "previous_run_crashed",
            at=previous.at.isoformat(timespec="seconds"),
            signal=previous.what,
            where=previous.where,
            crash_file=str(previous.path),
        )


def _run(args, cfg, log) -> int:  # type: ignore[no-untyped-def]
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and os.environ.get("QT_ACCESSIBILITY") != "1":
        # No session bus: Qt would start dbus-launch itself and leave it running after we exit.
        # (An accessibility or speech set-up provides its bus; then this does not apply.)
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.i18n.translator import ensure_built
    from ui.main_window import MainWindow

    ensure_built()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("onestop-kiosk")
    windowed = bool(getattr(args, "windowed", False)) or not cfg.kiosk.fullscreen
    if getattr(args, "lang", None):
        cfg = cfg.model_copy(update={"kiosk": cfg.kiosk.model_copy(update={"default_language": args.lang})})
    window = MainWindow(cfg, kiosk_mode=not windowed)
    place(window, windowed=windowed, landscape=bool(getattr(args, "landscape", False)))

    first_paint_exit = os.environ.get("KIOSK_EXIT_AFTER_FIRST_PAINT") == "1"
    grab_to = os.environ.get("KIOSK_GRAB_SCREEN")

    running: list[str] = []  # the threads when leaving began, for the stop's log line

    def leave() -> None:
        running[:] = _thread_names()
        window.allow_close()
        window.close()
        app.quit()

    def grab_screen() -> None:
        # The whole screen, not the widget: shows whether the window really covers it.
        window.screen().grabWindow(0).save(grab_to)
        log.info("screen_grabbed")
        leave()

    def on_first_paint() -> None:
        elapsed = time.perf_counter() - _T0
        log.info("first_paint", seconds=round(elapsed, 3))
        if first_paint_exit:
            print(f"first-paint {elapsed:.3f}", flush=True)
        if grab_to:
            # Grabbing from inside the paint cycle blocks on xcb; a moment later it does not.
            QTimer.singleShot(int(os.environ.get("KIOSK_GRAB_DELAY_MS", "500")), grab_screen)
        elif first_paint_exit:
            leave()
        if grab_to or not first_paint_exit:
            QTimer.singleShot(0, lambda: start_background(window, cfg))

    window.first_painted.connect(on_first_paint)

    def stop_requested(signum: int, _frame: object) -> None:
        # A service manager's stop (SIGTERM) or Ctrl+C: not a citizen closing the kiosk, so the
        # kiosk-mode refusal in closeEvent does not apply. Leave from the event loop: the session
        # is wiped and background work stopped on the way out (finally below), exit status 0.
        log.info("stop_requested", signal=signal.Signals(signum).name)
        QTimer.singleShot(0, leave)

    # The window's 1 s ticker gives Python a moment to run the handler while Qt waits.
    signal.signal(signal.SIGTERM, stop_requested)
    signal.signal(signal.SIGINT, stop_requested)
    log.info("kiosk_started", windowed=windowed, demo=cfg.is_demo)
    try:
        return app.exec()
    finally:
        stop_background(window)
        window.shutdown()
        # Last: the demo central, once nothing of the kiosk holds a connection open to it
        # (its graceful stop waits for open connections).
        stop_demo_central(window)
        # By name, so the log (and the shutdown test) shows what was running and what did not stop.
        log.info("kiosk_stopped", threads_at_stop=running, threads_left=_thread_names())


def _thread_names() -> list[str]:
    return sorted(t.name for t in threading.enumerate() if t is not threading.main_thread())


def place(window, *, windowed: bool, landscape: bool) -> None:  # type: ignore[no-untyped-def]
    """Windowed: a 1080×1920 (or 1920×1080) window. Kiosk: frameless over the primary screen.

    A bare X server has no window manager, so fullscreen is done by geometry, not by asking.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    if windowed:
        window.setWindowTitle("Kiosk")
        window.resize(1920, 1080) if landscape else window.resize(1080, 1920)
        window.show()
        return
    screen = QGuiApplication.primaryScreen()
    window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
    window.setGeometry(screen.geometry())
    screen.geometryChanged.connect(window.setGeometry)  # a rotated or replugged panel
    window.show()
    window.raise_()
    window.activateWindow()


def start_background(window, cfg) -> None:  # type: ignore[no-untyped-def]
    """Live monitors and, in the demo profile, the local sandbox central."""
    from kiosk.paths import data_dir
    from ui.demo import DemoCentral
    from ui.monitors import Monitors
    from ui.services import connect_status

    monitors = Monitors(window.status, parent=window)
    window.monitors = monitors
    monitors.start()
    connect_status(window.services, window.status)
    window.services.start()
    from ui.screens.track import attach_receipt_scans
    from ui.staff.attach import attach_staff
    from ui.technician.attach import attach_provisioning

    attach_receipt_scans(window)  # a receipt scanned at home opens its status
    # Staff sign-in (a staff QR anywhere opens it) and, for an enrolled kiosk, the heartbeat,
    # signed remote commands and the out-of-service cover.
    window.staff_mode = attach_staff(window)
    window.provisioning = attach_provisioning(window)
    from kiosk.central.factory import enrolled_auth

    enrolled = enrolled_auth()
    central = cfg.central.url or (enrolled[0] if enrolled else None)
    if central:  # a configured or enrolled central: never the demo sandbox
        monitors.set_central(central)
        return
    demo = DemoCentral(data_dir(), parent=window)
    window.demo_central = demo
    demo.ready.connect(monitors.set_central)
    window.services.use_demo(demo)
    demo.failed.connect(lambda why: window.status.set("central", "down", why))
    if not demo.start():
        window.status.set("central", "down", "demo sandbox not available")


def stop_background(window) -> None:  # type: ignore[no-untyped-def]
    for part in ("provisioning", "staff_mode"):
        attached = getattr(window, part, None)
        if attached is not None:
            attached.shutdown()
    monitors = getattr(window, "monitors", None)
    if monitors is not None:
        monitors.stop()


def stop_demo_central(window) -> None:  # type: ignore[no-untyped-def]
    demo = getattr(window, "demo_central", None)
    if demo is not None:
        demo.stop()
