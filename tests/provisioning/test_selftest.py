"""Self-test against real peers: the TCP 9100 test printer (cover open, paper end), video files
played as a camera, a pty as a serial QR scanner, pcscd + vpcd with the virtual eMRTD card, the
sandbox central; and the report sent to the central."""

from __future__ import annotations

import os
import termios
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from central.fleet_models import SelftestReport as ReportRow
from devices.settings import DeviceSettings
from kiosk.commands.provision_cmd import describe
from provisioning.heartbeat import OutboxFigures
from provisioning.link import CentralLink
from provisioning.selftest import SelftestContext, run_selftest
from tests.peers.printer_server import PrinterServer
from tests.provisioning.helpers import data_dir, enroll, kiosk


def ctx(only: tuple[str, ...], **kw) -> SelftestContext:
    settings = kw.pop("settings", DeviceSettings(data_dir=str(data_dir())))
    return SelftestContext(settings=settings, data_dir=data_dir(), describe=describe, only=only, **kw)


# ---------------------------------------------------------------- printer


@pytest.mark.parametrize(
    ("fault", "status", "hint_code", "words_en", "words_vi"),
    [
        ("cover_open", "fail", "selftest.printer.cover_open", "close the cover", "đóng nắp"),
        ("paper_end", "fail", "selftest.printer.paper_end", "load a new roll", "lắp cuộn giấy mới"),
        ("near_end", "warn", "selftest.printer.near_end", "replace it soon", "sắp hết"),
    ],
)
def test_printer_faults_fail_or_warn_with_a_fix_hint(fault, status, hint_code, words_en, words_vi):
    with PrinterServer() as printer:
        setattr(printer.state, fault, True)
        report = run_selftest(ctx(("printer",), settings=DeviceSettings(printer=printer.uri)))
    c = report.check("printer")
    assert (c.status, c.hint_code) == (status, hint_code)
    assert words_en in c.hint_en and words_vi in c.hint
    assert c.figures["condition"] == fault.replace("near_end", "near_end")
    assert report.overall == status


def test_healthy_printer_passes_and_prints_a_test_page():
    with PrinterServer() as printer:
        report = run_selftest(
            ctx(
                ("printer",),
                settings=DeviceSettings(printer=printer.uri),
                print_test_page=True,
                kiosk_id="K-1",
            )
        )
        pages = printer.pages or [printer.current]
        assert sum(len(p.rows) for p in pages) > 300  # the raster test page arrived
    c = report.check("printer")
    assert c.status == "pass" and c.figures["after_test_page"] == "ready"
    assert c.figures["test_page_s"] > 0


def test_unreachable_printer_fails():
    with PrinterServer() as printer:
        uri = printer.uri
    report = run_selftest(ctx(("printer",), settings=DeviceSettings(printer=uri)))
    c = report.check("printer")
    assert c.status == "fail" and c.hint_code in ("selftest.printer.offline", "selftest.printer.error")


# ---------------------------------------------------------------- camera


def write_video(path: Path, *, blur: int = 0, level: int = 128, fps: float = 20.0, frames: int = 30) -> str:
    import cv2

    rng = np.random.default_rng(7)
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (320, 240))
    assert out.isOpened()
    for _ in range(frames):
        img = np.full((240, 320), level, np.uint8)
        for y in range(0, 240, 20):  # a printed page: dark text-like bars
            for x in range(0, 320, 16):
                if rng.random() < 0.6:
                    img[y + 4 : y + 12, x : x + 12] = max(0, level - 110)
        if blur:
            img = cv2.GaussianBlur(img, (0, 0), blur)
        out.write(cv2.cvtColor(img, cv2.COLOR_GRAY2BGR))
    out.release()
    return str(path)


def test_camera_measures_fps_over_2_s_focus_and_brightness(tmp_path):
    video = write_video(tmp_path / "sharp.avi")
    report = run_selftest(ctx(("camera",), settings=DeviceSettings(camera=video)))
    c = report.check("camera")
    assert c.status == "pass", c
    f = c.figures
    assert f["seconds"] >= 2.0 and 17 <= f["fps"] <= 21  # paced to the clip's 20 fps, as a live camera
    assert f["focus"] > 500 and 60 < f["brightness"] < 200
    assert (f["width"], f["height"]) == (320, 240)


@pytest.mark.parametrize(
    ("kw", "hint"),
    [({"blur": 6}, "selftest.camera.blurred"), ({"level": 20}, "selftest.camera.dark")],
)
def test_blurred_or_dark_camera_warns(tmp_path, kw, hint):
    video = write_video(tmp_path / "v.avi", **kw)
    report = run_selftest(ctx(("camera",), settings=DeviceSettings(camera=video), camera_seconds=0.5))
    c = report.check("camera")
    assert c.status == "warn" and c.hint_code == hint and c.hint and c.hint_en


def _calibration(width: int, height: int):
    from devices.camera.calibration import Calibration

    f = 0.9 * width
    return Calibration(
        width, height, [[f, 0, width / 2], [0, f, height / 2], [0, 0, 1]], [0.0] * 5, 0.3, 12, 0.8
    )


@pytest.mark.parametrize(
    ("stored", "lens", "status", "hint"),
    [
        (None, "none", "pass", None),  # straightening is a choice (wide-angle lenses), not a fault
        ((320, 240), "calibrated", "pass", None),
        ((640, 480), "other_size", "warn", "selftest.camera.calibration_other_size"),
        ("damaged", "damaged", "warn", "selftest.camera.calibration_damaged"),
    ],
)
def test_the_camera_check_says_whether_the_lens_calibration_applies(tmp_path, stored, lens, status, hint):
    from devices.camera.calibration import calibration_file, save_calibration

    video = write_video(tmp_path / "sharp.avi")
    if stored == "damaged":
        f = calibration_file(data_dir(), (320, 240))
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("{not json")
    elif stored is not None:
        save_calibration(data_dir(), _calibration(*stored))
    report = run_selftest(ctx(("camera",), settings=DeviceSettings(camera=video), camera_seconds=0.5))
    c = report.check("camera")
    assert (c.status, c.hint_code, c.figures["lens_calibration"]) == (status, hint, lens), c.summary
    assert "lens: " in c.summary
    if hint:
        assert "calibrate-camera" in c.hint_en and "calibrate-camera" in c.hint and "320×240" in c.hint_en


def test_missing_camera_fails(tmp_path):
    report = run_selftest(ctx(("camera",), settings=DeviceSettings(camera=str(tmp_path / "none.avi"))))
    assert report.check("camera").status == "fail"
    assert report.check("camera").hint_code == "selftest.camera.no_open"


# ---------------------------------------------------------------- scanner


def test_serial_scanner_present_and_test_scan():
    master, slave = os.openpty()
    try:
        uri = f"serial://{os.ttyname(slave)}?baudrate=9600"
        # The "scanner" reads a code every 50 ms (pyserial flushes what came before the port opened).
        stop = threading.Event()

        def scanner() -> None:
            while not stop.wait(0.05):
                os.write(master, b"KSTAFF1.test-scan\r")

        t = threading.Thread(target=scanner, name="pty-scanner")
        t.start()
        try:
            report = run_selftest(ctx(("scanner",), settings=DeviceSettings(scanner=uri), scan_timeout_s=2))
        finally:
            stop.set()
            t.join()
        termios.tcflush(master, termios.TCIOFLUSH)
        c = report.check("scanner")
        assert c.status == "pass" and c.figures["scanned_chars"] == len("KSTAFF1.test-scan")
        assert "KSTAFF1" not in str(c)  # what was scanned is not kept
        report = run_selftest(ctx(("scanner",), settings=DeviceSettings(scanner=uri), scan_timeout_s=0.3))
        assert report.check("scanner").status == "warn"
        assert report.check("scanner").hint_code == "selftest.scanner.no_scan"
    finally:
        os.close(master)
        os.close(slave)


def test_missing_scanner_fails():
    report = run_selftest(
        ctx(("scanner",), settings=DeviceSettings(scanner="serial:///dev/ttyNOPE9?baudrate=9600"))
    )
    assert report.check("scanner").status == "fail"
    assert "re-plug" in report.check("scanner").hint_en


# ---------------------------------------------------------------- card reader (pcscd + vpcd)


@pytest.fixture(scope="module")
def pcscd():
    from tests.peers.pcscd import PcscdUnavailable, ensure_pcscd

    try:
        handle = ensure_pcscd()
    except PcscdUnavailable as e:
        pytest.skip(f"pcscd with vpcd not available: {e}")
    yield handle
    handle.release()


@pytest.mark.pcsc
def test_card_reader_atr_and_emrtd_select_with_the_virtual_card(pcscd):
    from tests.peers.vcard import VirtualCard, personalise

    card = personalise()
    settings = DeviceSettings(card_reader="Virtual PCD 00 00")
    with VirtualCard(card.files, card.key) as vc:
        report = run_selftest(ctx(("card_reader",), settings=settings))
        assert vc.apdus >= 1
    c = report.check("card_reader")
    assert c.status == "pass", c
    assert c.figures["select_sw"] == "9000" and c.figures["atr"].startswith("3B")
    assert "Virtual PCD 00 00" in c.figures["readers"]
    # No card: the reader still answers, the technician is told to present one
    report = run_selftest(ctx(("card_reader",), settings=settings))
    c = report.check("card_reader")
    assert c.status == "warn" and c.hint_code == "selftest.card.no_card"


@pytest.mark.pcsc
def test_missing_reader_fails(pcscd):
    report = run_selftest(ctx(("card_reader",), settings=DeviceSettings(card_reader="Gemalto 9999")))
    c = report.check("card_reader")
    assert c.status == "fail" and c.hint_code == "selftest.card.no_reader" and "Gemalto 9999" in c.hint_en


# ---------------------------------------------------------------- central, disk, outbox and the whole run


def test_central_latency_skew_and_signature(central, capsys):
    with CentralLink(central.url, None) as public:
        c = run_selftest(ctx(("central",), public_link=public)).check("central")
        assert c.status == "warn" and c.hint_code == "selftest.central.not_enrolled"
        assert c.figures["latency_ms"] > 0 and abs(c.figures["clock_skew_s"]) < 2
        enroll(capsys, central)
        from provisioning.enroll import link_for

        with link_for(data_dir()) as signed:
            c = run_selftest(ctx(("central",), public_link=public, link=signed)).check("central")
            assert c.status == "pass" and c.figures["signed_request"] == "accepted"
            t0 = time.time()
            central.state.extra["fleet_clock"] = lambda: time.time() + 300 + (0 * t0)
            c = run_selftest(ctx(("central",), public_link=public, link=signed)).check("central")
            assert c.status == "fail" and c.hint_code == "selftest.central.clock"
            assert 295 < c.figures["clock_skew_s"] < 305 and "timedatectl" in c.hint_en
    with CentralLink("http://127.0.0.1:9/", None, timeout=(0.5, 0.5)) as dead:
        c = run_selftest(ctx(("central",), public_link=dead)).check("central")
        assert c.status == "fail" and c.hint_code == "selftest.central.unreachable"


def test_outbox_age():
    old = OutboxFigures(size=3, oldest_age_s=3 * 3600.0)
    c = run_selftest(ctx(("outbox",), outbox=lambda: old)).check("outbox")
    assert c.status == "fail" and c.hint_code == "selftest.outbox.stuck" and "180 min" in c.hint_en
    c = run_selftest(ctx(("outbox",), outbox=lambda: OutboxFigures(size=0))).check("outbox")
    assert c.status == "pass"
    c = run_selftest(ctx(("disk",))).check("disk")
    assert c.status in ("pass", "warn", "fail") and c.figures["free_bytes"] > 0


def test_cli_selftest_runs_every_check_and_sends_the_report(central, capsys, tmp_path):
    kid = enroll(capsys, central)["kiosk_id"]
    video = write_video(tmp_path / "cam.avi")
    with PrinterServer() as printer:
        printer.state.cover_open = True
        cfg = tmp_path / "kiosk.toml"
        cfg.write_text(f'[devices]\nprinter = "{printer.uri}"\ncamera = "{video}"\n', encoding="utf-8")
        rc, out = kiosk(capsys, "--config", str(cfg), "selftest", "--json", "--print-test-page")
    assert rc == 1  # a failing check makes the exit status non-zero
    names = [c["name"] for c in out["checks"]]
    assert names == [
        "card_reader",
        "printer",
        "camera",
        "scanner",
        "central",
        "disk",
        "outbox",
        "key_store",
        "tray",  # the kept tray check (never run: warns)
        "speech",
        "crashes",
        "tray_in_use",
    ]
    assert out["checks"][8]["hint_code"] == "selftest.tray.unchecked"
    printer_check = out["checks"][1]
    assert printer_check["status"] == "fail" and "close the cover" in printer_check["hint_en"]
    assert out["overall"] == "fail" and out["sent_to_central"] is True
    with central.state.db() as s:
        row = s.scalars(select(ReportRow)).one()
    assert row.kiosk_id == kid and row.overall == "fail"
