"""The printer seen from Qt: print jobs on one worker thread, results and status as signals.

Screens never call the driver: they call :class:`PrinterController` (which returns at once)
and connect to its signals, delivered queued on the GUI thread. The worker thread owns the
printer (the ESC/POS driver asserts it) and the :class:`~devices.printer.jobs.PrintJobs`
queue; it is a plain Python thread draining a queue of calls (Electrum's TaskThread idea),
stopped by :meth:`close`.

    ctl = PrinterController(lambda: PrintJobs(open_printer(uri, 80, data), jobs_dir(data)))
    ctl.receiptDone.connect(screen.on_receipt)      # ReceiptOutcome: printed, or held + PDF
    ctl.alert.connect(staff_bar.on_printer_alert)   # "printer.near_end", "printer.paper_end" …
    ctl.print_receipt(receipt, key, public_base, "vi")
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from devices.printer.jobs import PrintJobs
from kiosk import receipt as rc
from provisioning.keys import KioskKey
from ui.devices.base import DeviceController

log = logging.getLogger(__name__)


class PrinterController(DeviceController):
    statusChanged = Signal(object)  # PrinterStatus, after every reading
    alert = Signal(str, object)  # message code, PrinterStatus: staff-facing (near end, paper end, cover …)
    receiptDone = Signal(object)  # kiosk.receipt.ReceiptOutcome
    jobDone = Signal(object)  # devices.printer.jobs.JobResult (slips, resume, reprint)
    heldJobsChanged = Signal(list)  # [JobInfo] waiting for paper / staff

    def __init__(self, jobs_factory: Callable[[], PrintJobs], parent: QObject | None = None):
        super().__init__(parent)
        self._factory = jobs_factory
        self._jobs: PrintJobs | None = None
        self._calls: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread: threading.Thread | None = None  # started by start() (or the first job)
        self._timer: QTimer | None = None

    # -- called from the GUI thread; each returns at once -------------------------------

    def print_receipt(self, receipt: rc.Receipt, key: KioskKey, public_base: str, lang: str = "vi") -> None:
        self._submit(
            lambda j: self.receiptDone.emit(rc.print_receipt(j, receipt, key, public_base, lang=lang))
        )

    def print_slip(self, slip: rc.InfoSlip, job_id: str) -> None:
        self._submit(lambda j: self.jobDone.emit(rc.print_slip(j, slip, job_id)))

    def resume_all(self) -> None:
        self._submit(lambda j: [self.jobDone.emit(r) for r in j.resume_all()])

    def reprint(self, job_id: str) -> None:
        self._submit(lambda j: self.jobDone.emit(j.reprint(job_id)))

    def mark_handed_over(self, job_id: str) -> None:
        self._submit(lambda j: j.mark_handed_over(job_id))

    def refresh_status(self) -> None:
        self._submit(lambda j: j.status())

    def start(self, poll_interval_ms: int | None = None) -> None:
        """The printer's own worker thread (idempotent); with ``poll_interval_ms``, a status
        reading that often too, so near end reaches staff between citizens."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="printer-worker")
            self._thread.start()
        if poll_interval_ms is not None:
            if self._timer is None:
                self._timer = QTimer(self)
                self._timer.timeout.connect(self.refresh_status)
            self._timer.start(poll_interval_ms)

    def close(self) -> None:
        """Stop polling, finish queued calls, close the printer, stop the thread."""
        if self._timer is not None:
            self._timer.stop()
        if self._thread is not None and self._thread.is_alive():
            self._calls.put(None)
            self._thread.join(timeout=30)

    # -- worker thread ------------------------------------------------------------------

    def _submit(self, call: Callable[[PrintJobs], Any]) -> None:
        def run() -> None:
            jobs = self._ensure()
            call(jobs)
            rc.tidy_unprinted(jobs)
            self.heldJobsChanged.emit(jobs.held())

        self.start()  # the first job starts the worker if nobody did
        self._calls.put(run)

    def _ensure(self) -> PrintJobs:
        if self._jobs is None:
            self._jobs = self._factory()
            self._jobs.listen(alert=self.alert.emit, on_status=self.statusChanged.emit)
        return self._jobs

    def _run(self) -> None:
        while True:
            call = self._calls.get()
            if call is None:
                break
            try:
                call()
            except Exception as e:  # noqa: BLE001 - a failed call must not kill the printer thread
                code = getattr(e, "code", "common.unexpected")
                log.warning("printer_call_failed code=%s error=%s", code, e.__class__.__name__)
                self.failed.emit(str(code), str(getattr(e, "detail", "")) or e.__class__.__name__)
        if self._jobs is not None:
            self._jobs.printer.close()
