"""The printer's files encrypted with a sub-key of the offline store's key: job images and the
unprinted-receipt PDF a held receipt leaves for staff."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag

from devices.printer.escpos import EscposPrinter
from devices.printer.jobs import PrintJobs
from kiosk import receipt as rc
from kiosk.print_sealing import job_sealer
from provisioning.keys import load_or_create_kiosk_key
from tests.peers.printer_server import PrinterServer

BASE = "https://dichvucong.example.gov.vn"


def test_sealed_files_open_only_with_this_kiosks_key_and_their_own_context(
    isolated_kiosk_env: Path, tmp_path: Path
):
    sealer = job_sealer(isolated_kiosk_env)
    blob = sealer.seal(b"%PDF-1.4 receipt", "R-1/image.png")
    assert b"receipt" not in blob
    assert sealer.open(blob, "R-1/image.png") == b"%PDF-1.4 receipt"
    with pytest.raises(InvalidTag):
        sealer.open(blob, "R-2/image.png")  # moved to another job: refused
    with pytest.raises(InvalidTag):
        job_sealer(tmp_path / "other-kiosk").open(blob, "R-1/image.png")  # another kiosk's key


def test_a_held_receipt_leaves_an_encrypted_pdf_that_goes_once_printed(isolated_kiosk_env: Path):
    r = rc.sample_receipt()
    key = load_or_create_kiosk_key(isolated_kiosk_env)
    sealer = job_sealer(isolated_kiosk_env)
    with PrinterServer() as srv:
        srv.state.paper_end = True
        jobs = PrintJobs(EscposPrinter(srv.uri), isolated_kiosk_env / "printer" / "jobs", sealer=sealer)
        out = rc.print_receipt(jobs, r, key, BASE)
        assert out.message_code == "printer.citizen_held" and out.pdf is not None
        assert out.pdf.name == f"{r.job_id}.pdf.enc" and (out.pdf.stat().st_mode & 0o777) == 0o600
        raw = out.pdf.read_bytes()
        assert b"%PDF" not in raw
        assert sealer.open(raw, f"unprinted/{out.pdf.name}")[:5] == b"%PDF-"  # staff's copy, with the key
        job_files = sorted(p.name for p in (isolated_kiosk_env / "printer" / "jobs" / r.job_id).iterdir())
        assert job_files == ["image.png.enc", "job.json", "reprint.png.enc"]

        srv.load_paper()
        assert [x.printed for x in jobs.resume_all()] == [True]
        assert rc.tidy_unprinted(jobs) == 1 and not out.pdf.exists()
        jobs.printer.close()
        assert len(srv.wait_pages(1)) == 1
