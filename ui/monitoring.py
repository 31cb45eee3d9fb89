"""Qt glue for anonymous service monitoring (kiosk/monitoring): one recorder per window.

The recorder follows the Qt-free screen machine; this module only tells it what the window
knows — a help request from the session bar, staff taking over (read on the window's
one-second tick), device faults and their message codes as the device wrappers report them,
the citizen's display choices at the end — and gives it a sink that puts one session's
events into the outbox and wakes the sync worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject

from kiosk.logs import get_logger
from kiosk.messages import catalog as message_catalog
from kiosk.monitoring import Event, JourneyRecorder, enqueue_events
from kiosk.monitoring.recorder import Context

log = get_logger(__name__)
JOURNEY_KEY = "wizard.journey"  # ui/screens/wizard/base.py keeps the journey here


def attach(window: Any) -> JourneyRecorder:
    services, session, machine = window.services, window.session, window.controller.machine

    def sink(events: Sequence[Event]) -> None:
        # On the store's writer thread (ui/runner.py), in order with the session's other writes.
        def write() -> None:
            enqueue_events(services.store, events)
            engine = services.engine
            if engine is not None:
                engine.wake()

        if not services.store_queue.put(write, what="monitoring_batch"):
            log.info("monitoring_batch_dropped_at_stop", events=len(events))  # the kiosk is stopping

    def context() -> Context:
        journey = session.data.get(JOURNEY_KEY)
        prefs = window.prefs
        return Context(
            procedure=getattr(journey, "procedure", None),
            language=prefs.language if prefs.language in ("vi", "en") else "vi",
            text_size=prefs.scale,
            speech="on" if getattr(prefs, "speech", False) else "off",
            assisted=bool(session.assisted),
        )

    def procedures() -> frozenset[str] | None:
        # Read at the first session's end, not at start-up (the catalog opens the store).
        try:
            return frozenset(p.identifier for p in services.catalog().procedures)
        except Exception as e:  # noqa: BLE001 - no catalog: check code shapes only
            log.warning("monitoring_no_catalog", error_type=type(e).__name__)
            return None

    recorder = JourneyRecorder(
        sink,
        in_session=lambda sid: machine.info(sid).in_session,
        context=context,
        procedures=procedures,
        codes=frozenset(message_catalog()),
        clock=window._clock,
    )
    machine.subscribe(recorder.on_transition)
    window.session_bar.help.connect(recorder.help_requested)

    def watch_staff() -> None:
        if session.assisted:
            recorder.staff_arrived()

    window.ticker.timeout.connect(watch_staff)

    def hook_devices(_t: Any) -> None:
        # Device wrappers are built on first use: look for new ones as each screen opens.
        if recorder.active:
            for obj in services.findChildren(QObject):
                _hook_device(obj, recorder)

    machine.subscribe(hook_devices)
    return recorder


# Which wrapper (ui/devices/) reports a fault the citizen sees, by which signal, as which device.
_FAULTS = {
    "CardController": (("readFailed", "card_reader"), ("failed", "card_reader")),
    "PrinterController": (("failed", "printer"),),
    "CameraController": (("ended", "camera"),),
}


def _hook_device(obj: QObject, recorder: JourneyRecorder) -> None:
    faults = _FAULTS.get(type(obj).__name__)
    if not faults or obj.property("monitoring_hooked"):
        return
    obj.setProperty("monitoring_hooked", True)
    for signal_name, device in faults:

        def report(code: str = "", *_rest: object, device: str = device) -> None:
            if code:  # the camera's clean end is ""
                recorder.device_fault(device)
                recorder.error_shown(code)

        getattr(obj, signal_name).connect(report)
