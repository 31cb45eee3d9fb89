"""The python-escpos driver against a TCP 9100 peer that parses ESC/POS and prints to images."""

from __future__ import annotations

import socket

import numpy as np
import pytest
from PIL import Image, ImageDraw

from devices.printer.base import PrinterError
from devices.printer.escpos import EscposPrinter, parse_uri
from tests.peers.printer_server import PrinterServer


def _pattern(w: int, h: int) -> Image.Image:
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    d.rectangle((10, 10, w - 10, 40), fill=0)
    d.ellipse((w // 4, 60, 3 * w // 4, h - 10), outline=0, width=4)
    d.line((0, h - 1, w - 1, 0), fill=0, width=2)
    return img


@pytest.mark.parametrize(
    ("uri", "scheme", "target", "extra"),
    [
        ("tcp://10.0.0.5:9100", "tcp", "10.0.0.5", {"port": 9100}),
        ("tcp://printer.local", "tcp", "printer.local", {"port": 9100}),
        ("usb://04b8:0202", "usb", "04B8:0202", {"vid": 0x04B8, "pid": 0x0202}),
        ("serial:///dev/ttyUSB0?baudrate=38400", "serial", "/dev/ttyUSB0", {"baudrate": 38400}),
        ("file:///tmp/out.bin?timeout=1.5", "file", "/tmp/out.bin", {"timeout": 1.5}),
    ],
)
def test_uris(uri, scheme, target, extra):
    u = parse_uri(uri)
    assert (u.scheme, u.target) == (scheme, target)
    for k, v in extra.items():
        assert getattr(u, k) == v


@pytest.mark.parametrize(
    "uri", ["lpt://x", "usb://zz:01", "tcp://", "serial://", "tcp://h:99999", "tcp://h?timeout=-1"]
)
def test_bad_uris_say_so(uri):
    with pytest.raises(PrinterError) as e:
        parse_uri(uri)
    assert e.value.code == "printer.bad_uri"


def test_ready_status_over_tcp(peer: PrinterServer):
    with EscposPrinter(peer.uri) as p:
        s = p.status()
    assert s.condition == "ready" and s.raw == (0x12, 0x12, 0x12, 0x12)
    assert peer.status_queries == [b"\x10\x04\x01", b"\x10\x04\x02", b"\x10\x04\x03", b"\x10\x04\x04"]


@pytest.mark.parametrize(
    ("fault", "condition"),
    [
        ("paper_end", "paper_end"),
        ("cover_open", "cover_open"),
        ("offline", "offline"),
        ("near_end", "near_end"),
        ("cutter_error", "error"),
        ("silent", "offline"),
    ],
)
def test_faults_reported(peer: PrinterServer, fault: str, condition: str):
    setattr(peer.state, fault, True)
    with EscposPrinter(peer.uri) as p:
        assert p.status().condition == condition


def test_nothing_listening_is_offline_not_an_exception():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again before use: connection refused
    p = EscposPrinter(f"tcp://127.0.0.1:{port}?timeout=1")
    s2 = p.status()
    assert not s2.reachable and s2.condition == "offline" and "refused" in s2.detail.lower()
    with pytest.raises(PrinterError) as e:
        p.open()
    assert e.value.code == "printer.unreachable"


@pytest.mark.parametrize("width_mm", [58, 80])
def test_image_comes_back_pixel_exact(width_mm: int):
    dots = 384 if width_mm == 58 else 576
    img = _pattern(dots, 700)  # more than one GS v 0 band
    with PrinterServer(paper_dots=dots) as srv, EscposPrinter(srv.uri, width_mm) as p:
        p.print_image(img)
        assert p.last_job_confirmed  # GS r 1 came back: the printer processed the whole job
        assert srv.status_queries[-1] == b"\x1dr\x01"
        assert p.status().condition == "ready"
        page = srv.wait_pages(1)[0]
    assert page.cut and not srv.unknown
    back = np.asarray(page.image(dots))[: img.height]
    sent = np.asarray(img.point(lambda v: 0 if v < 160 else 255))
    assert np.array_equal(back, sent)
    assert (np.asarray(page.image(dots))[img.height :] == 255).all()  # then the feed before the cut: blank


def test_connection_dropped_mid_job(peer: PrinterServer):
    peer.close_after = 5000
    img = _pattern(576, 2000)
    p = EscposPrinter(peer.uri)
    with pytest.raises(PrinterError) as e:
        for _ in range(5):  # the kernel may buffer the first sends; one of them fails
            p.print_image(img)
    assert e.value.code == "printer.interrupted"
    assert not peer.pages  # no cut reached the printer
    p.close()


def test_file_transport_writes_the_same_stream(tmp_path, peer: PrinterServer):
    out = tmp_path / "out.bin"
    with EscposPrinter(f"file://{out}", 58) as p:
        assert p.status().condition == "unknown" and p.status().can_print
        p.print_image(_pattern(384, 100))
    data = out.read_bytes()
    assert data.startswith(b"\x1b@\x1dv0\x00" + bytes([48, 0, 100, 0]))
    assert data.endswith(b"\x1dVB\x18")
    with socket.create_connection((peer.host, peer.port)) as s:  # and the peer reads it as a receipt
        s.sendall(data)
        pages = peer.wait_pages(1)
    assert pages[0].image(576).size[1] == 100 + 24


def test_serial_line_through_a_pty():
    from tests.peers.printer_server import SerialPrinterPeer

    img = _pattern(384, 300)
    with SerialPrinterPeer(paper_dots=384, baudrate=38400) as srv:
        p = EscposPrinter(srv.uri, 58)
        try:
            assert p.driver == "escpos-serial"
            assert p.status().condition == "ready"
            p.print_image(img)
            assert p.status().condition == "ready"  # answered after the whole job was parsed
            page = srv.wait_pages(1)[0]
            srv.state.cover_open = True
            assert p.status().condition == "cover_open"
        finally:
            p.close()
    sent = np.asarray(img.point(lambda v: 0 if v < 160 else 255))
    assert np.array_equal(np.asarray(page.image(384))[: img.height], sent)
