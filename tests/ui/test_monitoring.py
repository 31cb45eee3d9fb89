"""The window's monitoring hook: a session leaves one anonymous batch in the outbox, with the
rating given on the rating step and the display choices of the citizen (then reset)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton

from kiosk.monitoring import events_of_batch
from ui.screens.wizard.base import journey_of

pytestmark = pytest.mark.qt


def tap(qtbot, window, name: str) -> None:
    btn = window.current_screen.findChild(QAbstractButton, name)
    assert btn is not None, name
    qtbot.waitUntil(lambda: btn.isVisible() and btn.isEnabled(), timeout=5000)
    qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)


def test_a_rated_session_leaves_one_anonymous_batch(make_window, qtbot):
    w = make_window()
    w.navigate("home")
    w.prefs.set_scale(150)
    w.navigate("submit_rate")  # straight to the rating: the wizard's steps are tested elsewhere
    journey_of(w).procedure = "certified_copy"
    ref = w.session.ref
    tap(qtbot, w, "rate_4")
    tap(qtbot, w, "rate_reason_fast")
    tap(qtbot, w, "submit_rate_next")
    qtbot.waitUntil(lambda: w.controller.machine.current == "attract", timeout=5000)
    store = w.services.store
    assert w.services.store_queue.flush()
    assert store.outbox.list() == []  # staff's outbox list shows dossiers only
    [entry] = store.outbox.list(kinds=("monitoring",))
    events = events_of_batch(store.outbox.submission(entry.id))
    rating = next(e for e in events if e.kind == "rating")
    assert (rating.face, rating.reasons, rating.procedure) == (4, ("fast",), "certified_copy")
    summary = events[-1]
    assert summary.kind == "session" and summary.text_size == 150 and summary.language == "vi"
    assert [e.screen for e in events if e.kind == "screen"] == ["home", "submit_rate"]
    assert ref not in summary.session and len(summary.session) == 32
    assert w.prefs.scale != 150 or w.config.ui.text_scale == 150  # the next citizen starts fresh


def test_a_procedure_code_the_catalog_lacks_is_not_recorded(make_window, qtbot):
    # The allow-list is this kiosk's catalog: it was never read (the window asked the services for
    # an attribute where they give a method), so any code of the right shape went into the batch.
    w = make_window()
    w.navigate("home")
    w.navigate("submit_rate")
    journey_of(w).procedure = "made_up_procedure"
    tap(qtbot, w, "rate_4")
    tap(qtbot, w, "rate_reason_fast")
    tap(qtbot, w, "submit_rate_next")
    qtbot.waitUntil(lambda: w.controller.machine.current == "attract", timeout=5000)
    assert w.services.store_queue.flush()
    [entry] = w.services.store.outbox.list(kinds=("monitoring",))
    events = events_of_batch(w.services.store.outbox.submission(entry.id))
    assert all(getattr(e, "procedure", None) != "made_up_procedure" for e in events)
    assert events[-1].kind == "session" and events[-1].procedure is None


def test_a_session_that_only_looks_leaves_a_finished_batch(make_window, qtbot):
    w = make_window()
    w.navigate("home")
    w.finish()
    assert w.services.store_queue.flush()
    [entry] = w.services.store.outbox.list(kinds=("monitoring",))
    events = events_of_batch(w.services.store.outbox.submission(entry.id))
    assert events[-1].outcome == "finished" and events[-1].procedure is None


class PrinterController(QObject):
    """Stands for ui/devices/printer.py's wrapper: same name, same fault signal."""

    failed = Signal(str, str)


def test_a_device_fault_shown_in_the_session_is_counted(make_window, qtbot):
    w = make_window()
    printer = PrinterController(w.services)
    w.navigate("home")
    w.navigate("track")  # the hook looks for device wrappers as screens open
    printer.failed.emit("printer.paper_end", "DLE EOT 2=0x32")
    w.finish()
    printer.failed.emit("printer.cover_open", "")  # after the session: not this citizen's
    assert w.services.store_queue.flush()
    [entry] = w.services.store.outbox.list(kinds=("monitoring",))
    events = events_of_batch(w.services.store.outbox.submission(entry.id))
    assert [(e.kind, e.device, e.code) for e in events if e.kind in ("fault", "error")] == [
        ("fault", "printer", None),
        ("error", None, "printer.paper_end"),
    ]


def test_every_screen_of_the_kiosk_is_reported_by_its_own_name():
    """A screen missing from the monitoring schema is counted as "other" and its dwell is lost
    (the hand-over screen was, issue 19)."""
    from kiosk.monitoring.schema import SCREENS
    from ui.screens.registry import default_registry

    assert sorted(set(default_registry().specs) - set(SCREENS)) == []
