"""kiosk devices test-print / printer-status and kiosk receipt … against the TCP 9100 peer."""

from __future__ import annotations

import json

import pytest
import zxingcpp
from PIL import Image

from kiosk.cli import main
from tests.peers.printer_server import PrinterServer

# A receipt's lines of text sometimes read as a linear barcode (DataBar, ITF, Codabar: 4 in 200
# renders); a phone or the kiosk's scanner looks for the QR, and so does the test.
QR = zxingcpp.BarcodeFormat.QRCode


@pytest.fixture
def peer():
    with PrinterServer() as srv:
        yield srv


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("fault", "code", "words"),
    [
        ("paper_end", "printer.paper_end", "out of paper"),
        ("cover_open", "printer.cover_open", "cover is open"),
        ("offline", "printer.offline", "does not answer"),
    ],
)
def test_test_print_refuses_and_says_which(peer, capsys, fault, code, words):
    setattr(peer.state, fault, True)
    assert main(["devices", "test-print", "--printer", peer.uri, "--json"]) == 1
    err = _json(capsys)["error"]
    assert err["code"] == code and words in err["message"] and "nothing printed" in err["message"]
    assert peer.pages == [] and peer.bytes_received == 12  # status queries only


def test_test_print_with_nothing_listening(capsys):
    assert main(["devices", "test-print", "--printer", "tcp://127.0.0.1:9?timeout=1"]) == 1
    assert "does not answer" in capsys.readouterr().err


@pytest.mark.parametrize("width", [58, 80])
def test_test_print_prints_a_scannable_receipt(capsys, width):
    dots = 384 if width == 58 else 576
    with PrinterServer(paper_dots=dots) as srv:
        assert main(["devices", "test-print", "--printer", srv.uri, "--width", str(width), "--json"]) == 0
        page = srv.wait_pages(1)[0]
    out = _json(capsys)
    assert out["printed"] and out["job"]["kind"] == "test"
    (qr,) = zxingcpp.read_barcodes(page.image(dots), formats=QR)
    assert main(["receipt", "verify", qr.text, "--json"]) == 0
    assert _json(capsys)["valid"] is True


def test_printer_status_json(peer, capsys):
    peer.state.near_end = True
    assert main(["devices", "printer-status", "--printer", peer.uri, "--json"]) == 0
    out = _json(capsys)
    assert out["condition"] == "near_end" and out["raw"] == ["0x12", "0x12", "0x12", "0x1E"]
    assert out["message"]["vi"].startswith("Giấy in sắp hết")


@pytest.mark.parametrize("suffix", ["png", "pdf"])
def test_render(tmp_path, capsys, suffix):
    out = tmp_path / f"r.{suffix}"
    assert main(["receipt", "render", "--out", str(out), "--sample", "--width", "58", "--json"]) == 0
    info = _json(capsys)
    assert info["width_dots"] == 384
    if suffix == "png":
        (qr,) = zxingcpp.read_barcodes(Image.open(out), formats=QR)
        assert qr.text == info["qr"]
    else:
        assert out.read_bytes()[:5] == b"%PDF-"


def test_render_rejects_other_formats(tmp_path, capsys):
    assert main(["receipt", "render", "--out", str(tmp_path / "r.jpg")]) == 2


def test_staff_flow_held_resume_reprint(peer, capsys):
    peer.paper_rows = 300
    assert main(["devices", "test-print", "--printer", peer.uri, "--json"]) == 1
    assert _json(capsys)["error"]["code"] == "printer.paper_end"
    assert main(["receipt", "jobs", "--state", "held", "--json"]) == 0
    (held,) = _json(capsys)
    peer.load_paper()
    assert main(["receipt", "resume", "--printer", peer.uri, "--json"]) == 0
    assert [r["printed"] for r in _json(capsys)] == [True]
    assert main(["receipt", "reprint", held["job_id"], "--printer", peer.uri, "--json"]) == 0
    assert _json(capsys)["job"]["reprints"] == 1
    assert len(peer.wait_pages(2)) == 2


def test_verify_rejects_a_forgery(tmp_path, capsys):
    assert main(["receipt", "render", "--out", str(tmp_path / "r.png"), "--json"]) == 0
    qr = _json(capsys)["qr"]
    assert main(["receipt", "verify", qr, "--json"]) == 0
    capsys.readouterr()
    assert main(["receipt", "verify", qr.replace("p=1.001193", "p=1.001194"), "--json"]) == 1
    assert _json(capsys)["error"]["code"] == "receipt.qr_forged"
