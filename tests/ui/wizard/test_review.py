"""The review's "Nộp hồ sơ": the dossier is written to the outbox on the store's writer thread,
never the GUI thread; the button says "Đang lưu…" (disabled) until it is durable, and a write
that fails says so plainly and keeps everything for a retry."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from offline_cache import DiskFullError
from tests.ui.wizard.test_wizard import at, tap
from tests.ui.wizard.test_wizard_helpers import fill_to_review
from ui.screens.wizard.base import JOURNEY_KEY

pytestmark = pytest.mark.qt

DEVICES = {"devices": {"card_reader": "sim:1", "scanner": "sim", "printer": "sim://"}}


def _hook_enqueue(w, hook):  # type: ignore[no-untyped-def]
    """Run ``hook`` inside the real outbox's enqueue (on whichever thread calls it), then write."""
    outbox = w.services.store.outbox
    real = outbox.enqueue

    def enqueue(*args, **kwargs):  # type: ignore[no-untyped-def]
        hook()
        return real(*args, **kwargs)

    outbox.enqueue = enqueue
    return real


def test_the_dossier_is_written_off_the_gui_thread_while_the_button_says_saving(make_window, qtbot):
    w = make_window(DEVICES)
    fill_to_review(w, qtbot)
    tap(qtbot, w, "review_consent")
    writers: list[threading.Thread] = []
    release = threading.Event()

    def hold() -> None:
        writers.append(threading.current_thread())
        assert release.wait(10), "the test never let the write go on"

    _hook_enqueue(w, hold)
    submit = w.current_screen.findChild(QPushButton, "review_submit")
    tap(qtbot, w, "review_submit")
    qtbot.waitUntil(lambda: bool(writers), timeout=10_000)
    # The GUI thread is free (this test runs on it) and shows the busy state meanwhile.
    assert writers[0] is not threading.main_thread()
    assert not submit.isEnabled() and submit.text() == "Đang lưu…"
    assert not w.current_screen.findChild(QPushButton, "review_consent").isEnabled()
    w.back()  # no way out while the dossier is half-way to the disk
    assert w.controller.machine.current == "submit_review"
    release.set()
    at(qtbot, w, "submit_done")
    j = w.session.data[JOURNEY_KEY]
    assert len(writers) == 1
    assert w.services.store.outbox.get(j.tracking_code).state.value == "queued"
    assert w.services.store.drafts.load(w.session.ref) is None  # went with the enqueue


def test_a_failed_write_says_so_keeps_everything_and_a_retry_submits(make_window, qtbot):
    w = make_window(DEVICES)
    fill_to_review(w, qtbot)
    tap(qtbot, w, "review_consent")
    full = [True]

    def disk_full() -> None:
        if full[0]:
            raise DiskFullError("no space left")

    _hook_enqueue(w, disk_full)
    submit = w.current_screen.findChild(QPushButton, "review_submit")
    problem = w.current_screen.findChild(QLabel, "review_missing")
    tap(qtbot, w, "review_submit")
    qtbot.waitUntil(lambda: problem.isVisible() and "Chưa lưu được hồ sơ" in problem.text(), timeout=10_000)
    j = w.session.data[JOURNEY_KEY]
    assert w.controller.machine.current == "submit_review"
    assert j.submitted_at is None
    assert submit.isEnabled() and submit.text() == "Nộp hồ sơ"
    assert w.services.store_queue.flush()
    assert w.services.store.drafts.load(w.session.ref) is not None  # nothing the citizen gave is lost
    code = j.tracking_code
    full[0] = False  # space is back
    tap(qtbot, w, "review_submit")
    at(qtbot, w, "submit_done")
    assert j.tracking_code == code  # the retry is the same dossier
    assert [e.tracking_code for e in w.services.store.outbox.list()] == [code]
