"""The Qt printer controller: jobs run off the GUI thread, results and alerts arrive as signals."""

from __future__ import annotations

import threading

import pytest

from devices.printer.escpos import EscposPrinter
from devices.printer.jobs import PrintJobs
from kiosk import receipt as rc
from kiosk import tracking
from kiosk.paths import data_dir
from provisioning.keys import load_or_create_kiosk_key
from tests.peers.printer_server import PrinterServer
from ui.devices.printer import PrinterController

pytestmark = pytest.mark.qt


def test_receipt_then_paper_out_then_staff_resume(qtbot):
    key = load_or_create_kiosk_key(data_dir())
    seen_threads: list[str] = []
    with PrinterServer() as srv:

        def factory() -> PrintJobs:
            seen_threads.append(threading.current_thread().name)
            return PrintJobs(EscposPrinter(srv.uri), data_dir() / "printer" / "jobs")

        ctl = PrinterController(factory)
        try:
            r1 = rc.sample_receipt()
            with qtbot.waitSignal(ctl.receiptDone, timeout=10_000) as done:
                ctl.print_receipt(r1, key, "https://dvc.example.gov.vn")
            assert done.args[0].result.printed

            srv.paper_rows = 200
            r2 = rc.Receipt(
                **{**r1.__dict__, "tracking_code": "ABCDE1234" + tracking.check_symbol("ABCDE1234")}
            )
            alerts: list[str] = []
            ctl.alert.connect(lambda code, _s: alerts.append(code))
            outcomes: list[rc.ReceiptOutcome] = []
            ctl.receiptDone.connect(outcomes.append)
            with qtbot.waitSignal(
                ctl.heldJobsChanged, timeout=10_000, check_params_cb=lambda held: len(held) == 1
            ):
                ctl.print_receipt(r2, key, "https://dvc.example.gov.vn")
            (outcome,) = outcomes
            assert not outcome.result.printed and outcome.message_code == "printer.citizen_held"
            assert outcome.pdf is not None and outcome.pdf.exists()
            qtbot.waitUntil(lambda: "printer.paper_end" in alerts, timeout=5000)

            srv.load_paper()
            with qtbot.waitSignal(
                ctl.heldJobsChanged, timeout=10_000, check_params_cb=lambda held: held == []
            ):
                ctl.resume_all()
            assert len(srv.wait_pages(2)) == 2
        finally:
            ctl.close()
    assert seen_threads == ["printer-worker"]


def test_a_failing_call_is_reported_not_fatal(qtbot, tmp_path):
    ctl = PrinterController(
        lambda: PrintJobs(EscposPrinter("tcp://127.0.0.1:9?timeout=1"), tmp_path / "jobs")
    )
    try:
        with qtbot.waitSignal(ctl.failed, timeout=10_000) as f:
            ctl.reprint("R-NOPE")
        assert f.args[0] == "printer.job_unknown"
        with qtbot.waitSignal(ctl.statusChanged, timeout=10_000) as s:
            ctl.refresh_status()
        assert s.args[0].condition == "offline"
    finally:
        ctl.close()
