"""The exact command-line formats other tools depend on."""

from __future__ import annotations

import json
import subprocess
import sys

import cv2
import numpy as np
import pytest

from devices.camera.docscan.mrz_read import OCRB
from kiosk.cli import main
from tests.devices.camera.docscan import mrz_pages as P
from tests.devices.camera.scenes import PAGE, desk, place, sheet
from tests.devices.scanner.qr_images import CCCD, on_canvas, qr_gray


def _lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_decode_qr_json_one_object_per_file_in_order(tmp_path, capsys):
    qr = tmp_path / "cccd.png"
    cv2.imwrite(str(qr), on_canvas(qr_gray(CCCD, scale=4)))
    blank = tmp_path / "blank.jpg"
    cv2.imwrite(str(blank), np.full((200, 300, 3), 255, np.uint8))
    rc = main(["devices", "decode-qr", "--json", str(qr), str(blank)])
    assert rc == 0
    assert _lines(capsys) == [{"file": str(qr), "codes": [CCCD]}, {"file": str(blank), "codes": []}]


def test_decode_qr_unreadable_file_is_reported_and_others_still_done(tmp_path, capsys):
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG garbage")
    qr = tmp_path / "ok.png"
    cv2.imwrite(str(qr), on_canvas(qr_gray("hello", scale=4)))
    rc = main(["devices", "decode-qr", "--json", str(bad), str(qr)])
    first, second = _lines(capsys)
    assert rc == 1
    assert (
        first["file"] == str(bad)
        and first["codes"] == []
        and first["error"]["code"] == "scanner.image_unreadable"
    )
    assert second == {"file": str(qr), "codes": ["hello"]}


def test_find_document_json(tmp_path, capsys):
    page = tmp_path / "page.png"
    cv2.imwrite(str(page), place(desk(), sheet(), PAGE))
    empty = tmp_path / "empty.png"
    cv2.imwrite(str(empty), desk())
    assert main(["devices", "find-document", "--json", str(page), str(empty)]) == 0
    a, b = _lines(capsys)
    assert a["file"] == str(page) and a["others"] == 0 and b == {"file": str(empty), "corners": None}
    assert a["mrz"] == ""  # ruled lines are no machine-readable zone
    assert a["mrz_read"] is False
    corners = np.array(a["corners"])
    assert corners.shape == (4, 2) and np.abs(corners - PAGE).max() < 8  # TL, TR, BR, BL


def test_scan_document_from_an_image_sequence(tmp_path, capsys):
    shots = tmp_path / "shots"
    shots.mkdir()
    frame = place(desk(), sheet(), PAGE)
    for i in range(12):  # the sheet lies still for 12 frames at 10 fps
        cv2.imwrite(str(shots / f"{i:03d}.png"), frame)
    out = tmp_path / "out"
    rc = main(
        [
            "devices",
            "scan-document",
            "--camera",
            str(shots),
            "--out",
            str(out),
            "--json",
            "--fast",
            "--pages",
            "1",
        ]
    )
    assert rc == 0
    (result,) = _lines(capsys)
    assert result["pages"] == [str(out / "document-1.jpg")] and result["pdf"] == str(out / "document.pdf")
    assert cv2.imread(result["pages"][0]).shape[:2] == (2339, 1654)


def test_scan_document_without_a_document_fails_cleanly(tmp_path, capsys):
    shots = tmp_path / "shots"
    shots.mkdir()
    for i in range(3):
        cv2.imwrite(str(shots / f"{i}.png"), desk())
    rc = main(
        ["devices", "scan-document", "--camera", str(shots), "--out", str(tmp_path / "o"), "--json", "--fast"]
    )
    assert rc == 1
    assert _lines(capsys)[0]["error"]["code"] == "camera.no_document"


def test_scan_document_bad_source(tmp_path, capsys):
    rc = main(
        ["devices", "scan-document", "--camera", str(tmp_path / "nope.mp4"), "--out", str(tmp_path), "--json"]
    )
    assert rc == 1
    assert _lines(capsys)[0]["error"]["code"] == "camera.unavailable"


def test_devices_command_imports_only_its_own_module():
    """`kiosk devices decode-qr` must not pay for every area's imports (SQLAlchemy, the printer …)."""
    code = (
        "import sys; from kiosk.cli import build_cli; "
        "cli = build_cli(['--config', 'x.toml', 'devices', 'decode-qr', 'a.png']); "
        "print(sorted(cli.group('devices').choices)); "
        "print('sqlalchemy' in sys.modules, 'kiosk.commands.printer_cmd' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split("\n")[:2] == ["['decode-qr', 'find-document', 'scan-document']", "False False"]


def test_unknown_or_help_builds_the_full_cli():
    from kiosk.cli import build_cli

    assert "read-card" in build_cli(["devices", "no-such-action"]).group("devices").choices
    assert "read-card" in build_cli(["devices", "-h"]).group("devices").choices
    assert "read-card" in build_cli(None).group("devices").choices


@pytest.mark.skipif(not OCRB.exists(), reason="the zone reader's templates need Debian fonts-ocr-b")
def test_find_document_says_a_zone_was_read_but_not_what_it_says(tmp_path, capsys):
    card = tmp_path / "card.png"
    frame, _ = P.place(P.data_page(P.TD1, (85.6, 54.0)), P.quad(640, 480, 85.6 * 4.0, 54 * 4.0, 180))
    cv2.imwrite(str(card), frame)
    assert main(["devices", "find-document", "--json", str(card)]) == 0
    out = capsys.readouterr().out
    row = json.loads(out.strip().splitlines()[-1])
    assert row["mrz"] == "TD1" and row["mrz_read"] is True
    assert "D23145890" not in out and "ERIKSSON" not in out  # personal data stays out of the output
