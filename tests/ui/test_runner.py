"""The UI's one background runner: results come back on the GUI thread, a gone owner gets
nothing, store writes keep their order off the GUI thread, and close() finishes the queue."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject

from ui.runner import BackgroundCall, StoreQueue, run_in_background, wait_idle

pytestmark = pytest.mark.qt


def test_done_runs_on_the_gui_thread_with_result_or_error(qtbot):
    owner = QObject()
    got: list[tuple[object, object, bool]] = []
    gui = threading.current_thread()

    def done(result, error):
        got.append((result, type(error).__name__ if error else None, threading.current_thread() is gui))

    run_in_background(owner, lambda: 41 + 1, done)
    run_in_background(owner, lambda: 1 / 0, done)
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    assert sorted(got, key=str) == sorted([(42, None, True), (None, "ZeroDivisionError", True)], key=str)
    assert wait_idle(5)


def test_a_deleted_owner_gets_no_answer(qtbot):
    owner = QObject()
    release = threading.Event()
    got: list[object] = []
    run_in_background(owner, lambda: release.wait(5) and "late", lambda r, e: got.append(r))
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=5000)
    release.set()
    assert wait_idle(5)
    qtbot.wait(50)  # let any (wrongly) queued delivery run
    assert got == []


def _alive(obj: QObject) -> bool:
    try:
        obj.objectName()
        return True
    except RuntimeError:
        return False


def test_store_writes_keep_their_order_off_the_gui_thread_and_close_finishes_them(qtbot):
    q = StoreQueue()
    gui = threading.current_thread()
    seen: list[tuple[int, bool]] = []
    for i in range(50):
        q.put(lambda i=i: seen.append((i, threading.current_thread() is gui)))
    q.close(10)
    assert seen == [(i, False) for i in range(50)]
    assert not q.put(lambda: None), "closed: nothing new is started"
    assert wait_idle(5)


def test_a_failing_write_does_not_stop_the_queue(qtbot):
    q = StoreQueue()
    seen: list[int] = []
    q.put(lambda: 1 / 0)
    q.put(lambda: seen.append(1))
    assert q.flush(5) and seen == [1]
    q.close()
    assert wait_idle(5)


def test_background_call_is_one_at_a_time(qtbot):
    call = BackgroundCall()
    release = threading.Event()
    assert call.start(lambda: release.wait(5))
    assert call.busy and not call.start(lambda: None)
    with qtbot.waitSignal(call.succeeded, timeout=5000):
        release.set()
    call.wait()
    assert not call.busy
