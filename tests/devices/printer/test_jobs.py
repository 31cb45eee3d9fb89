"""Print jobs against the TCP 9100 peer: paper out mid-job, reprint without duplicates, offline at start."""

from __future__ import annotations

import json
import socket
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from devices.printer.escpos import EscposPrinter
from devices.printer.jobs import PrintJobs
from devices.printer.status import PrinterStatus
from tests.peers.printer_server import PrinterServer


def _receipt(text: str, h: int = 600) -> Image.Image:
    img = Image.new("L", (576, h), 255)
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, 575, h - 1), outline=0, width=3)
    d.text((20, 20), text, fill=0)
    return img


def _same(page_img: Image.Image, sent: Image.Image) -> bool:
    back = np.asarray(page_img)[: sent.height]
    return back.shape == (sent.height, 576) and np.array_equal(
        back, np.asarray(sent.point(lambda v: 0 if v < 160 else 255))
    )


class Alerts:
    def __init__(self) -> None:
        self.codes: list[str] = []

    def __call__(self, code: str, status: PrinterStatus) -> None:
        self.codes.append(code)


@pytest.fixture
def alerts() -> Alerts:
    return Alerts()


def _jobs(peer: PrinterServer, store: Path, alerts: Alerts) -> PrintJobs:
    return PrintJobs(EscposPrinter(peer.uri), store, alert=alerts)


def test_prints_once_and_a_second_submit_prints_nothing(peer, tmp_path, alerts):
    jobs = _jobs(peer, tmp_path / "jobs", alerts)
    img = _receipt("A")
    r = jobs.submit("R-K7M4QX9T22", img, label="K7M4Q-X9T22")
    assert r.printed and r.code == "" and r.job.state == "printed"
    assert _same(peer.wait_pages(1)[0].image(576), img)
    again = jobs.submit("R-K7M4QX9T22", img)
    assert not again.printed and again.code == "printer.already_printed"
    jobs.printer.close()
    assert len(peer.pages) == 1 and alerts.codes == []


def test_paper_out_mid_job_keeps_the_job_and_resumes_it_whole_once(peer, tmp_path, alerts):
    jobs = _jobs(peer, tmp_path / "jobs", alerts)
    img = _receipt("B", h=900)
    peer.paper_rows = 400  # the roll ends part-way through the receipt
    r = jobs.submit("R-B", img)
    assert not r.printed and r.code == "printer.paper_end" and r.job.state == "held"
    assert not jobs.printer.last_job_confirmed  # a stopped printer does not answer GS r
    assert r.status_before and r.status_before.condition == "ready"
    assert "printer.paper_end" in alerts.codes  # staff are told
    assert peer.pages == [] and len(peer.current.rows) == 400  # a torn half, never cut

    # a journey retrying the same job while paper is still out sends nothing
    before = peer.bytes_received
    r2 = jobs.submit("R-B", img)
    assert not r2.printed and r2.code == "printer.paper_end"
    assert all(len(q) == 3 for q in peer.status_queries[-4:]) and peer.bytes_received - before == 12

    peer.load_paper()
    resumed = jobs.resume_all()
    assert [x.printed for x in resumed] == [True]
    assert _same(peer.wait_pages(1)[0].image(576), img)  # the whole receipt, not the rest of it
    assert jobs.resume_all() == [] and jobs.resume("R-B").code == "printer.already_printed"
    jobs.printer.close()
    assert len(peer.pages) == 1


def test_staff_reprint_uses_the_marked_image_and_counts(peer, tmp_path, alerts):
    jobs = _jobs(peer, tmp_path / "jobs", alerts)
    img, marked = _receipt("C"), _receipt("C REPRINT")
    jobs.submit("R-C", img, reprint_image=marked)
    r = jobs.reprint("R-C")
    assert r.printed and r.job.reprints == 1
    pages = peer.wait_pages(2)
    assert _same(pages[0].image(576), img) and _same(pages[1].image(576), marked)
    jobs.printer.close()


def test_offline_at_start_sends_no_raster(tmp_path, alerts):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    jobs = PrintJobs(EscposPrinter(f"tcp://127.0.0.1:{port}?timeout=1"), tmp_path / "jobs", alert=alerts)
    r = jobs.submit("R-D", _receipt("D"))
    assert not r.printed and r.code == "printer.offline" and r.job.state == "held"
    assert alerts.codes == ["printer.offline"]
    assert [j.job_id for j in jobs.held()] == ["R-D"]


@pytest.mark.parametrize(
    ("fault", "code"), [("cover_open", "printer.cover_open"), ("offline", "printer.offline")]
)
def test_fault_before_job_sends_nothing(peer, tmp_path, alerts, fault, code):
    setattr(peer.state, fault, True)
    jobs = _jobs(peer, tmp_path / "jobs", alerts)
    r = jobs.submit("R-E", _receipt("E"))
    jobs.printer.close()
    assert r.code == code and r.job.state == "held"
    assert peer.bytes_received == 4 * 3  # the four DLE EOT queries and nothing else


def test_link_dropped_mid_job_is_held_then_resumed(peer, tmp_path, alerts):
    jobs = _jobs(peer, tmp_path / "jobs", alerts)
    img = _receipt("F", h=2000)
    peer.close_after = 3000
    r = jobs.submit("R-F", img)
    assert not r.printed and r.job.state == "held"
    assert r.code == "printer.interrupted"  # never a quiet reconnect that would count it printed
    assert peer.pages == []
    r2 = jobs.resume("R-F")  # the peer accepts the next connection again
    assert r2.printed
    assert _same(peer.wait_pages(1)[0].image(576), img)
    jobs.printer.close()


def test_near_end_warns_staff_once(peer, tmp_path, alerts):
    peer.state.near_end = True
    jobs = _jobs(peer, tmp_path / "jobs", alerts)
    r1 = jobs.submit("R-G1", _receipt("G1"))
    r2 = jobs.submit("R-G2", _receipt("G2"))
    jobs.printer.close()
    assert r1.printed and r2.printed and r1.warnings == ("printer.near_end",)
    assert alerts.codes == ["printer.near_end"]


def test_jobs_survive_a_restart_and_a_crash_mid_job_is_held_not_reprinted(peer, tmp_path, alerts):
    store = tmp_path / "jobs"
    jobs = _jobs(peer, store, alerts)
    jobs.submit("R-H", _receipt("H"))
    jobs.printer.close()
    # the kiosk died while job R-I was being sent
    d = store / "R-I"
    d.mkdir()
    _receipt("I").save(d / "image.png")
    (d / "job.json").write_text(
        json.dumps(
            {
                "job_id": "R-I",
                "kind": "receipt",
                "label": "",
                "state": "printing",
                "created_at": "2026-11-23T03:00:00+00:00",
            }
        )
    )
    again = _jobs(peer, store, alerts)
    assert again.get("R-H").state == "printed"
    held = again.held()
    assert [(j.job_id, j.last_code) for j in held] == [("R-I", "printer.interrupted")]
    assert len(peer.pages) == 1  # nothing printed by the restart itself
    assert (store.stat().st_mode & 0o777) == 0o700 and (
        (store / "R-H" / "image.png").stat().st_mode & 0o777
    ) == 0o600


def test_purge_removes_images_and_reprint_then_says_so(peer, tmp_path, alerts):
    jobs = _jobs(peer, tmp_path / "jobs", alerts)
    jobs.submit("R-J", _receipt("J"))
    assert jobs.purge_images(timedelta(seconds=-1)) == 1
    assert not (tmp_path / "jobs" / "R-J" / "image.png").exists()
    from devices.printer.base import PrinterError

    with pytest.raises(PrinterError) as e:
        jobs.reprint("R-J")
    assert e.value.code == "printer.job_gone"
    jobs.printer.close()


def test_mark_handed_over(peer, tmp_path, alerts):
    peer.state.paper_end = True
    jobs = _jobs(peer, tmp_path / "jobs", alerts)
    jobs.submit("R-K", _receipt("K"))
    assert jobs.mark_handed_over("R-K").state == "printed"
    assert jobs.held() == []
    jobs.printer.close()


def test_housekeeping_keeps_held_jobs_and_recent_images(peer, tmp_path, alerts):
    store = tmp_path / "jobs"
    jobs = _jobs(peer, store, alerts)
    jobs.submit("R-L", _receipt("L"))
    peer.state.paper_end = True
    jobs.submit("R-M", _receipt("M"))
    jobs.printer.close()
    assert jobs.housekeeping() == (0, 0)  # within the reprint window; held jobs are never touched
    old = jobs.get("R-L")
    (store / "R-L" / "job.json").write_text(
        json.dumps({**old.__dict__, "printed_at": "2026-01-01T00:00:00+00:00"})
    )
    assert jobs.housekeeping() == (1, 1)
    assert jobs.get("R-L") is None and jobs.get("R-M").state == "held"
    assert (store / "R-M" / "image.png").exists()


def test_printer_restarted_between_jobs_is_not_offline(peer, tmp_path, alerts):
    jobs = _jobs(peer, tmp_path / "jobs", alerts)
    assert jobs.submit("R-N1", _receipt("N1")).printed
    peer.drop_connection()  # the kept connection is now dead
    r = jobs.submit("R-N2", _receipt("N2"))
    jobs.printer.close()
    assert r.printed and alerts.codes == []
    assert peer.connections == 2 and len(peer.wait_pages(2)) == 2


def test_a_failed_reprint_stays_printed_and_is_never_resumed(peer, tmp_path, alerts):
    jobs = _jobs(peer, tmp_path / "jobs", alerts)
    jobs.submit("R-P", _receipt("P"), reprint_image=_receipt("P REPRINT"))
    peer.paper_rows = 100
    r = jobs.reprint("R-P")
    assert not r.printed and r.code == "printer.paper_end"
    assert r.job.state == "printed" and r.job.reprints == 0 and jobs.held() == []
    peer.load_paper()
    assert jobs.resume_all() == []  # nothing to resume: the citizen has the original
    assert jobs.reprint("R-P").printed  # staff ask again
    jobs.printer.close()


def _sealer():  # an injected AES-GCM pair, as the kiosk injects one keyed from its store key
    import os as _os

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from devices.printer.jobs import JobSealer

    aead = AESGCM(AESGCM.generate_key(bit_length=256))

    def seal(plain: bytes, context: str) -> bytes:
        nonce = _os.urandom(12)
        return nonce + aead.encrypt(nonce, plain, context.encode())

    return JobSealer(seal, lambda blob, context: aead.decrypt(blob[:12], blob[12:], context.encode()))


def test_sealed_jobs_keep_no_image_in_clear_and_drop_the_original_once_printed(peer, tmp_path, alerts):
    store = tmp_path / "jobs"
    sealer = _sealer()
    peer.state.paper_end = True
    jobs = PrintJobs(EscposPrinter(peer.uri), store, alert=alerts, sealer=sealer)
    img, marked = _receipt("NGUYEN VAN A"), _receipt("NGUYEN VAN A REPRINT")
    held = jobs.submit("R-S", img, reprint_image=marked)
    assert held.job.state == "held"
    files = sorted(p.name for p in (store / "R-S").iterdir())
    assert files == ["image.png.enc", "job.json", "reprint.png.enc"]
    assert all(b"PNG" not in (store / "R-S" / f).read_bytes()[:16] for f in files if f.endswith(".enc"))
    # A job restarted with another key cannot print its image: it says so, it does not print garbage
    from devices.printer.base import PrinterError

    stranger = PrintJobs(EscposPrinter(peer.uri), store, recover=False, sealer=_sealer())
    peer.state.paper_end = False
    with pytest.raises(PrinterError) as e:
        stranger.resume("R-S")
    assert e.value.code == "printer.job_gone"
    stranger.printer.close()
    # With the right key it prints whole, then the original is gone and only the marked copy stays
    assert jobs.resume("R-S").printed
    assert _same(peer.wait_pages(1)[0].image(576), img)
    assert sorted(p.name for p in (store / "R-S").iterdir()) == ["job.json", "reprint.png.enc"]
    assert jobs.reprint("R-S").printed and _same(peer.wait_pages(2)[1].image(576), marked)
    assert jobs.purge_images(timedelta(seconds=-1)) == 1
    assert sorted(p.name for p in (store / "R-S").iterdir()) == ["job.json"]
    jobs.printer.close()
