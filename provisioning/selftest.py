"""Device self-test for technicians: each check says pass | warn | fail, the figures it
measured, and a fix hint a technician can act on.

Checks, in order:

* ``card_reader`` — the driver's health probe, then PC/SC: readers listed, a present card's
  ATR, and a SELECT of the eMRTD application (AID A0 00 00 02 47 10 01).
* ``printer`` — the driver's health probe (ESC/POS ``DLE EOT`` real-time status: cover, paper
  end / near end, errors); optionally prints a test page.
* ``camera`` — opens, frames per second over 2 s, focus (variance of the Laplacian), mean
  brightness.
* ``tray`` (on request: ``--tray``, the technician screen's button) — a blank white A4 sheet
  laid on the empty tray: how far it stands out from the tray (ΔE, grey step, noise; see
  :mod:`devices.camera.tray`); a pale tray fails with the advice to lay a dark matte mat.
  Its verdict is kept (:mod:`provisioning.tray_record`); when not asked for, the check says
  what the kept one is worth: never checked or checked with another camera warns, a failed
  tray fails, until the tray check is run again on this camera.
* ``scanner`` — the driver's health probe (device present); optionally waits for a test scan.
* ``central`` — latency and clock skew against the central; a signed request accepted.
* ``disk`` — free space under the data dir.
* ``outbox`` — how long the oldest dossier has waited.

Hints are message codes (``selftest.printer.cover_open``) with values; ``describe(code,
lang, **values)`` — the kiosk's message catalog, given by the caller — turns them into
Vietnamese and English words. The drivers' probes come in through
:func:`devices.registry`'s modules; checks below add only what a probe does not measure.
"""

from __future__ import annotations

import importlib
import os
import shutil
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from devices.settings import DeviceSettings
from provisioning.errors import ProvisioningError
from provisioning.heartbeat import OutboxFigures
from provisioning.link import CentralLink, CentralRefusal

Status = Literal["pass", "warn", "fail"]
_RANK = {"pass": 0, "warn": 1, "fail": 2}
EMRTD_AID = bytes.fromhex("A0000002471001")
SELECT_EMRTD = [0x00, 0xA4, 0x04, 0x0C, len(EMRTD_AID), *EMRTD_AID]

# Thresholds (figures beyond them warn or fail).
CAMERA_SECONDS = 2.0
CAMERA_MIN_FPS = 10.0
FOCUS_MIN = 60.0  # variance of the Laplacian on the grey frame
LENS_WORDS = {
    "calibrated": "calibrated",
    "none": "not calibrated",
    "other_size": "calibrated at another resolution only",
    "damaged": "calibration file damaged",
}
DARK_BELOW, BRIGHT_ABOVE = 40.0, 220.0
LATENCY_WARN_S = 1.0
SKEW_WARN_S, SKEW_FAIL_S = 10.0, 90.0  # signatures are refused beyond 120 s
DISK_FAIL_BYTES, DISK_WARN_BYTES = 500 * 2**20, 2 * 2**30
OUTBOX_WARN_S, OUTBOX_FAIL_S = 30 * 60.0, 2 * 3600.0

Describe = Callable[..., str]


def _plain_describe(code: str, lang: str = "en", **values: Any) -> str:
    return code + (" " + ", ".join(f"{k}={v}" for k, v in values.items()) if values else "")


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    summary: str  # technical one-liner, English (figures in words)
    figures: dict[str, Any] = field(default_factory=dict)
    hint_code: str | None = None
    hint_values: dict[str, Any] = field(default_factory=dict)
    hint: str = ""  # Vietnamese
    hint_en: str = ""


@dataclass(frozen=True)
class SelftestReport:
    started_at: float
    duration_s: float
    overall: Status
    checks: list[Check]
    kiosk_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def check(self, name: str) -> Check:
        return next(c for c in self.checks if c.name == name)


@dataclass
class SelftestContext:
    settings: DeviceSettings
    data_dir: Path
    link: CentralLink | None = None  # signed link (enrolled); None: central check warns
    public_link: CentralLink | None = None  # unsigned, for latency/time when not enrolled
    outbox: Callable[[], OutboxFigures | None] | None = None
    print_test_page: bool = False
    scan_timeout_s: float = 0.0
    kiosk_id: str | None = None
    describe: Describe = _plain_describe
    camera_seconds: float = CAMERA_SECONDS
    only: tuple[str, ...] = ()  # run just these checks (UI buttons); empty = all
    tray: bool = False  # also run the tray-contrast check (needs a blank sheet on the tray)
    tray_settle_s: float = 1.0  # let the camera's exposure settle before the frame is taken
    # Checks the kiosk adds for what this package does not know (voice guidance): name -> check
    extra_checks: Mapping[str, Callable[[SelftestContext], Check]] = field(default_factory=dict)


def make_check(
    ctx: SelftestContext,
    name: str,
    status: Status,
    summary: str,
    figures: dict[str, Any] | None = None,
    hint_code: str | None = None,
    **values: Any,
) -> Check:
    hint = ctx.describe(hint_code, "vi", **values) if hint_code else ""
    hint_en = ctx.describe(hint_code, "en", **values) if hint_code else ""
    return Check(name, status, summary, figures or {}, hint_code, values, hint, hint_en)


def _probe(kind: str, settings: DeviceSettings) -> Any:
    from devices.registry import KINDS

    return importlib.import_module(KINDS[kind]).probe(settings)


# ---------------------------------------------------------------- card reader


def check_card_reader(ctx: SelftestContext) -> Check:
    s = ctx.settings
    health = _probe("card_reader", s)
    if s.card_reader.startswith("sim"):
        return make_check(
            ctx, "card_reader", "pass", f"simulated reader: {health.detail}", {"driver": health.driver}
        )
    try:
        from smartcard.Exceptions import CardConnectionException, NoCardException
        from smartcard.System import readers as list_readers
    except ImportError as e:
        return make_check(ctx, "card_reader", "fail", f"pyscard missing: {e}", {}, "selftest.card.no_pcsc")
    try:
        all_readers = [r for r in list_readers()]
    except Exception as e:  # noqa: BLE001 - pcscd absent raises various pyscard errors
        return make_check(
            ctx, "card_reader", "fail", f"PC/SC not answering: {e}", {}, "selftest.card.no_pcsc"
        )
    names = [str(r) for r in all_readers]
    wanted = s.card_reader
    chosen = [r for r in all_readers if wanted == "auto" or wanted.lower() in str(r).lower()]
    figures: dict[str, Any] = {"readers": names, "probe_state": health.state}
    if not chosen:
        return make_check(
            ctx,
            "card_reader",
            "fail",
            f"no reader matching {wanted!r}",
            figures,
            "selftest.card.no_reader",
            want=wanted,
        )
    # With several readers, use the first one holding a card.
    for reader in chosen:
        conn = reader.createConnection()
        try:
            conn.connect()
        except (NoCardException, CardConnectionException):
            continue
        try:
            atr = bytes(conn.getATR())
            t0 = time.monotonic()
            _data, sw1, sw2 = conn.transmit(list(SELECT_EMRTD))
            ms = round((time.monotonic() - t0) * 1000, 1)
        except CardConnectionException as e:
            figures["reader"] = str(reader)
            return make_check(
                ctx, "card_reader", "fail", f"card I/O failed: {e}", figures, "selftest.card.io_error"
            )
        finally:
            try:
                conn.disconnect()
            except CardConnectionException:
                pass
        figures.update(
            reader=str(reader), atr=atr.hex(" ").upper(), select_sw=f"{sw1:02X}{sw2:02X}", select_ms=ms
        )
        if (sw1, sw2) == (0x90, 0x00):
            return make_check(
                ctx, "card_reader", "pass", f"{reader}: card answers, eMRTD application selected", figures
            )
        return make_check(
            ctx,
            "card_reader",
            "warn",
            f"{reader}: card present but SELECT eMRTD answered {sw1:02X}{sw2:02X}",
            figures,
            "selftest.card.not_emrtd",
            sw=f"{sw1:02X}{sw2:02X}",
        )
    figures["reader"] = str(chosen[0])
    return make_check(
        ctx,
        "card_reader",
        "warn",
        f"{chosen[0]}: reader present, no card to test",
        figures,
        "selftest.card.no_card",
    )


# ---------------------------------------------------------------- printer

_PRINTER_HINT = {
    "cover_open": "selftest.printer.cover_open",
    "paper_end": "selftest.printer.paper_end",
    "near_end": "selftest.printer.near_end",
    "offline": "selftest.printer.offline",
    "error": "selftest.printer.error",
}


def test_page_image(kiosk_id: str | None, width_dots: int = 576) -> Any:
    """A test page: bilingual title, the kiosk ID and time, a ruler and a grey ramp."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (width_dots, 360), 255)
    d = ImageDraw.Draw(img)
    font: Any = ImageFont.load_default()
    for path in (
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ):
        if os.path.exists(path):
            font = ImageFont.truetype(path, 30)
            break
    d.text((10, 10), "TRANG IN THỬ / TEST PAGE", font=font, fill=0)
    d.text((10, 60), f"Ki-ốt / Kiosk: {kiosk_id or '—'}", font=font, fill=0)
    d.text((10, 110), time.strftime("%Y-%m-%d %H:%M:%S"), font=font, fill=0)
    for x in range(0, width_dots, 8):
        d.line([(x, 170), (x, 190 if x % 80 else 210)], fill=0)
    for i in range(16):
        w = width_dots // 16
        d.rectangle([i * w, 230, (i + 1) * w - 1, 300], fill=i * 17)
    d.rectangle([0, 0, width_dots - 1, 359], outline=0, width=3)
    return img.convert("1")


def check_printer(ctx: SelftestContext) -> Check:
    s = ctx.settings
    h = _probe("printer", s)
    figures: dict[str, Any] = {"name": h.name, "driver": h.driver, **(h.figures or {})}
    condition = (h.detail or "").split(";", 1)[0].strip() or h.state
    figures["condition"] = condition
    if h.state == "absent":
        return make_check(
            ctx, "printer", "fail", f"no printer driver for {s.printer!r}", figures, "selftest.printer.absent"
        )
    if h.state == "fail":
        code = _PRINTER_HINT.get(condition, "selftest.printer.error")
        return make_check(ctx, "printer", "fail", f"printer reports {condition}: {h.detail}", figures, code)
    status: Status = "warn" if h.state == "warn" else "pass"
    hint = _PRINTER_HINT.get(condition) if status == "warn" else None
    summary = f"printer {condition}"
    if ctx.print_test_page:
        try:
            printer_mod = importlib.import_module("devices.printer")
            printer = printer_mod.open_printer(s.printer, s.printer_width_mm, s.data_dir)
            try:
                if hasattr(printer, "open"):
                    printer.open()
                t0 = time.monotonic()
                printer.print_image(test_page_image(ctx.kiosk_id, int(getattr(printer, "width_dots", 576))))
                figures["test_page_s"] = round(time.monotonic() - t0, 3)
                after = printer.status()
                figures["after_test_page"] = after.condition
            finally:
                printer.close()
            summary += "; test page sent"
            if after.condition in _PRINTER_HINT and after.condition != "near_end":
                return make_check(
                    ctx,
                    "printer",
                    "fail",
                    f"printer reports {after.condition} after the test page",
                    figures,
                    _PRINTER_HINT[after.condition],
                )
        except Exception as e:  # noqa: BLE001 - the driver's error is the finding
            figures["test_page_error"] = f"{e.__class__.__name__}: {getattr(e, 'detail', '') or e}"
            return make_check(
                ctx, "printer", "fail", "test page failed", figures, "selftest.printer.test_page_failed"
            )
    return make_check(ctx, "printer", status, summary, figures, hint)


# ---------------------------------------------------------------- camera


def measure_frames(source: str, seconds: float) -> dict[str, Any]:
    """Run the camera driver's capture thread on ``source`` for ``seconds``: frames per second
    delivered (a file is paced to its frame rate, as a live camera would be), and the focus
    (variance of the Laplacian) and mean brightness of the last frame."""
    import threading

    import cv2

    from devices.camera.capture import CameraCapture, open_camera
    from devices.errors import DeviceError

    try:
        src = open_camera(source, loop=True)
    except DeviceError as e:
        return {"opened": False, "error": e.detail or e.code}
    nominal = float(src.fps or 0.0)
    last: dict[str, Any] = {}
    ended = threading.Event()

    def on_frame(frame: Any) -> None:
        last["image"] = frame.image

    def on_end(error: Exception | None) -> None:
        last["error"] = error
        ended.set()

    cap = CameraCapture(src, on_frame, on_end)
    t0 = time.monotonic()
    cap.start()
    ended.wait(seconds)  # the measuring window itself; returns early if the camera stops
    cap.stop()
    elapsed = time.monotonic() - t0
    out: dict[str, Any] = {
        "opened": True,
        "frames": cap.delivered,
        "dropped": cap.dropped,
        "seconds": round(elapsed, 3),
    }
    out["fps"] = round(cap.delivered / elapsed, 1) if elapsed > 0 else 0.0
    if nominal:
        out["nominal_fps"] = round(nominal, 1)
    if last.get("error") is not None:
        out["error"] = f"{last['error'].__class__.__name__}: {last['error']}"
    image = last.get("image")
    if image is not None:
        grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
        height, width = grey.shape[:2]
        out.update(
            width=int(width),
            height=int(height),
            focus=round(float(cv2.Laplacian(grey, cv2.CV_64F).var()), 1),
            brightness=round(float(grey.mean()), 1),
        )
    return out


def check_camera(ctx: SelftestContext) -> Check:
    s = ctx.settings
    if s.camera.startswith("sim"):
        h = _probe("camera", s)
        return make_check(ctx, "camera", "pass", f"simulated camera: {h.detail}", {"driver": h.driver})
    h = _probe("camera", s)  # the driver's own check: opens and reads one frame
    if h.state in ("fail", "absent"):
        return make_check(
            ctx, "camera", "fail", f"camera {s.camera!r} does not open: {h.detail}", {"driver": h.driver},
            "selftest.camera.no_open",
        )  # fmt: skip
    f = measure_frames(s.camera, ctx.camera_seconds)
    f["driver"] = h.driver
    if not f.get("opened"):
        return make_check(
            ctx, "camera", "fail", f"camera {s.camera!r} does not open", f, "selftest.camera.no_open"
        )
    if not f.get("frames"):
        return make_check(
            ctx, "camera", "fail", "camera opened but gave no frames", f, "selftest.camera.no_frames"
        )
    problems: list[tuple[str, dict[str, Any]]] = []
    # Light first: focus cannot be judged on a dark or washed-out image.
    if f["brightness"] < DARK_BELOW:
        problems.append(("selftest.camera.dark", {"brightness": f["brightness"]}))
    elif f["brightness"] > BRIGHT_ABOVE:
        problems.append(("selftest.camera.bright", {"brightness": f["brightness"]}))
    if f["focus"] < FOCUS_MIN:
        problems.append(("selftest.camera.blurred", {"focus": f["focus"]}))
    if f["fps"] < CAMERA_MIN_FPS:
        problems.append(("selftest.camera.slow", {"fps": f["fps"]}))
    # Straightening is the technician's choice (it helps wide-angle lenses, not mild ones:
    # docs/camera-setup.md), so none stored is said, not warned; one that no longer applies is.
    from devices.camera.calibration import calibration_state

    lens, _ = calibration_state(ctx.data_dir, (f["width"], f["height"]))
    f["lens_calibration"] = lens
    if lens in ("other_size", "damaged"):
        problems.append((f"selftest.camera.calibration_{lens}", {"width": f["width"], "height": f["height"]}))
    summary = f"{f['fps']} fps, focus {f['focus']}, brightness {f['brightness']}, lens: {LENS_WORDS[lens]}"
    if problems:
        code, values = problems[0]
        f["problems"] = [c for c, _ in problems]
        return make_check(ctx, "camera", "warn", summary, f, code, **values)
    return make_check(ctx, "camera", "pass", summary, f)


def grab_frame(source: str, data_dir: Path, settle_s: float) -> Any:
    """The last frame after ``settle_s`` seconds of the camera running (its auto-exposure
    settles), undistorted when a lens calibration is stored; None when there is none."""
    import threading

    from devices.camera.capture import CameraCapture, open_camera

    src = open_camera(source, loop=True, data_dir=data_dir)
    last: dict[str, Any] = {}
    ended = threading.Event()

    def on_frame(frame: Any) -> None:
        last["image"] = frame.image

    cap = CameraCapture(src, on_frame, lambda _e: ended.set())
    cap.start()
    ended.wait(settle_s)  # the settling time itself; returns early if the camera stops
    cap.stop()
    return last.get("image")


def check_tray(ctx: SelftestContext) -> Check:
    s = ctx.settings
    if s.camera.startswith("sim"):
        return make_check(ctx, "tray", "pass", "simulated camera: no tray to check", {})
    from devices.camera.tray import judge, measure_tray
    from devices.errors import DeviceError

    try:
        image = grab_frame(s.camera, ctx.data_dir, ctx.tray_settle_s)
    except DeviceError as e:
        return make_check(
            ctx, "tray", "fail", f"camera {s.camera!r} does not open: {e.detail or e.code}", {},
            "selftest.camera.no_open",
        )  # fmt: skip
    if image is None:
        return make_check(
            ctx, "tray", "fail", "no frame to check the tray with", {}, "selftest.tray.no_frame"
        )
    tc = measure_tray(image)
    status, code, values = judge(tc)
    figures = tc.figures() | {"width": int(image.shape[1]), "height": int(image.shape[0])}
    from provisioning.config import current_version
    from provisioning.tray_record import save_verdict

    # kept: the kiosk is not known fit for service until its tray has passed (tray_record)
    save_verdict(
        ctx.data_dir, status, figures, camera=s.camera, config_version=current_version(ctx.data_dir),
        hint_code=code,
    )  # fmt: skip
    if tc.found_by is None:
        summary = "no blank sheet found on the tray"
    else:
        summary = (
            f"sheet found by the {tc.found_by} path: ΔE {tc.delta_e:.1f}, "
            f"{tc.step:+.0f} grey levels over noise σ {tc.noise:.1f}, glare {100 * tc.glare:.1f} %"
        )
    return make_check(ctx, "tray", status, summary, figures, code, **values)


def check_tray_kept(ctx: SelftestContext) -> Check:
    """The tray check not run now: what its last run found, if it still holds for this camera."""
    from provisioning.tray_record import checked_on, load_verdict, standing

    s = ctx.settings
    v = load_verdict(ctx.data_dir)
    where = standing(v, s.camera)
    if where == "simulated":
        return make_check(ctx, "tray", "pass", "simulated camera: no tray to check", {})
    if where == "unchecked" or v is None:
        return make_check(
            ctx, "tray", "warn", "the tray was never checked", {"standing": where}, "selftest.tray.unchecked"
        )
    day = checked_on(v.checked_at)
    figures = {"standing": where, "checked_at": v.checked_at, "camera": v.camera, "delta_e": v.delta_e}
    if where == "other_camera":
        return make_check(
            ctx, "tray", "warn", f"the tray was checked on {day} with another camera ({v.camera!r})",
            figures, "selftest.tray.other_camera", date=day,
        )  # fmt: skip
    summary = f"tray checked on {day}: {v.status}, ΔE {v.delta_e}"
    if v.status == "fail":
        return make_check(
            ctx, "tray", "fail", summary, figures, "selftest.tray.failed", date=day, delta_e=v.delta_e
        )
    if v.status == "warn":
        return make_check(
            ctx, "tray", "warn", summary, figures, "selftest.tray.kept_warn", date=day, delta_e=v.delta_e
        )
    return make_check(ctx, "tray", "pass", summary, figures)


# ---------------------------------------------------------------- scanner


def _test_scan(setting: str, timeout_s: float) -> tuple[int, float] | None:
    """Start the scanner's own driver and wait up to ``timeout_s`` for one scan.

    Returns (bytes scanned, seconds) or None. The scanned content is not kept: it may be personal.
    """
    import threading

    from devices.scanner.base import open_scanner

    scanner = open_scanner(setting)
    if scanner is None:
        return None
    got: list[int] = []
    errors: list[str] = []
    done = threading.Event()

    def on_scan(event: Any) -> None:
        got.append(len(event.data))
        done.set()

    def on_error(error: Any) -> None:
        errors.append(getattr(error, "detail", "") or str(error))

    t0 = time.monotonic()
    scanner.start(on_scan, on_error)
    try:
        done.wait(timeout_s)
    finally:
        scanner.stop()
    if errors and not got:
        raise RuntimeError(errors[0])
    return (got[0], round(time.monotonic() - t0, 2)) if got else None


def check_scanner(ctx: SelftestContext) -> Check:
    s = ctx.settings
    if s.scanner == "none":
        return make_check(ctx, "scanner", "warn", "no QR scanner configured", {}, "selftest.scanner.none")
    h = _probe("scanner", s)
    figures: dict[str, Any] = {"name": h.name, "driver": h.driver, "probe_state": h.state}
    if h.state in ("absent", "fail"):
        return make_check(
            ctx, "scanner", "fail", f"scanner not found: {h.detail}", figures, "selftest.scanner.absent"
        )
    if ctx.scan_timeout_s > 0 and not s.scanner.startswith("sim"):
        try:
            scan = _test_scan(s.scanner, ctx.scan_timeout_s)
        except Exception as e:  # noqa: BLE001 - the driver's error is the finding
            figures["error"] = f"{e.__class__.__name__}: {getattr(e, 'detail', '') or e}"
            return make_check(
                ctx, "scanner", "fail", "scanner cannot be read", figures, "selftest.scanner.absent"
            )
        if scan is None:
            return make_check(
                ctx,
                "scanner",
                "warn",
                "no test scan within the time",
                figures,
                "selftest.scanner.no_scan",
                seconds=ctx.scan_timeout_s,
            )
        figures["scanned_chars"], figures["scan_s"] = scan  # the content itself is not kept
        return make_check(ctx, "scanner", "pass", f"test scan read {scan[0]} bytes", figures)
    return make_check(
        ctx, "scanner", "pass" if h.state == "ok" else "warn", f"scanner present: {h.detail}", figures
    )


# ---------------------------------------------------------------- central, disk, outbox


def check_central(ctx: SelftestContext) -> Check:
    link = ctx.public_link or ctx.link
    if link is None:
        return make_check(ctx, "central", "warn", "no central configured", {}, "selftest.central.none")
    latencies, skews = [], []
    try:
        for _ in range(3):
            a = link.call("GET", "kiosk/time", expect=(200,))
            server = float((a.body or {})["server_time"])
            latencies.append(a.elapsed_s)
            skews.append(server - (a.sent_at + a.received_at) / 2)
    except (ProvisioningError, KeyError, TypeError, ValueError) as e:
        detail = getattr(e, "detail", "") or str(e)
        return make_check(
            ctx,
            "central",
            "fail",
            f"central not reachable: {detail}",
            {"url": link.base_url},
            "selftest.central.unreachable",
        )
    figures: dict[str, Any] = {
        "url": link.base_url,
        "latency_ms": round(statistics.median(latencies) * 1000, 1),
        "clock_skew_s": round(statistics.median(skews), 2),
    }
    if ctx.link is not None:
        try:
            ctx.link.call("GET", "kiosk/ping", expect=(200,))
            figures["signed_request"] = "accepted"
        except CentralRefusal as e:
            figures["signed_request"] = f"refused: {e.reason or e.status}"
            return make_check(
                ctx,
                "central",
                "fail",
                f"central refused the kiosk's signature: {e.message}",
                figures,
                "selftest.central.signature_refused",
            )
        except ProvisioningError as e:
            figures["signed_request"] = f"failed: {e.detail}"
    else:
        figures["signed_request"] = "not enrolled"
    skew = abs(figures["clock_skew_s"])
    if skew > SKEW_FAIL_S:
        return make_check(
            ctx,
            "central",
            "fail",
            f"clock off by {skew:.0f} s",
            figures,
            "selftest.central.clock",
            skew=round(skew),
        )
    if skew > SKEW_WARN_S:
        return make_check(
            ctx,
            "central",
            "warn",
            f"clock off by {skew:.0f} s",
            figures,
            "selftest.central.clock",
            skew=round(skew),
        )
    if figures["latency_ms"] > LATENCY_WARN_S * 1000:
        return make_check(
            ctx, "central", "warn", "slow link", figures, "selftest.central.slow", ms=figures["latency_ms"]
        )
    if ctx.link is None:
        return make_check(
            ctx,
            "central",
            "warn",
            "central reachable; kiosk not enrolled",
            figures,
            "selftest.central.not_enrolled",
        )
    return make_check(ctx, "central", "pass", f"central answers in {figures['latency_ms']} ms", figures)


def check_disk(ctx: SelftestContext) -> Check:
    u = shutil.disk_usage(ctx.data_dir)
    figures = {"free_bytes": u.free, "total_bytes": u.total, "free_pct": round(100 * u.free / u.total, 1)}
    gb = round(u.free / 2**30, 2)
    if u.free < DISK_FAIL_BYTES:
        return make_check(ctx, "disk", "fail", f"{gb} GB free", figures, "selftest.disk.full", gb=gb)
    if u.free < DISK_WARN_BYTES:
        return make_check(ctx, "disk", "warn", f"{gb} GB free", figures, "selftest.disk.low", gb=gb)
    return make_check(ctx, "disk", "pass", f"{gb} GB free", figures)


def check_outbox(ctx: SelftestContext) -> Check:
    ob = ctx.outbox() if ctx.outbox else None
    if ob is None:
        return make_check(ctx, "outbox", "warn", "outbox status not available", {}, "selftest.outbox.unknown")
    figures = {"size": ob.size, "oldest_age_s": ob.oldest_age_s, "last_sync_at": ob.last_sync_at}
    age = ob.oldest_age_s or 0.0
    minutes = int(age // 60)
    if age > OUTBOX_FAIL_S:
        return make_check(
            ctx,
            "outbox",
            "fail",
            f"{ob.size} waiting, oldest {minutes} min",
            figures,
            "selftest.outbox.stuck",
            minutes=minutes,
        )
    if age > OUTBOX_WARN_S:
        return make_check(
            ctx,
            "outbox",
            "warn",
            f"{ob.size} waiting, oldest {minutes} min",
            figures,
            "selftest.outbox.slow",
            minutes=minutes,
        )
    return make_check(ctx, "outbox", "pass", f"{ob.size} waiting", figures)


def check_key_store(ctx: SelftestContext) -> Check:
    """Where the kiosk's secrets live: sealed in a TPM (and its PIN lockout), or demo files."""
    from provisioning.tpm import Tpm, TpmError, read_record

    record = read_record(ctx.data_dir)
    if record is None:
        return make_check(ctx, "key_store", "warn", "no key store chosen yet", {}, "selftest.keys.unset")
    if record.backend == "file":
        figures: dict[str, Any] = {"backend": "file"}
        return make_check(
            ctx, "key_store", "warn", "secrets in files (demo profile)", figures, "selftest.keys.file"
        )
    try:
        with Tpm(record.tcti or "") as tpm:
            state = tpm.lockout_state()
    except TpmError as e:
        figures = {"backend": "tpm", "tcti": record.tcti}
        return make_check(
            ctx, "key_store", "fail", f"TPM not reachable: {e}", figures, "selftest.keys.tpm_missing"
        )
    figures = {"backend": "tpm", "tcti": record.tcti, **{f"pin_{k}": v for k, v in state.items()}}
    summary = f"secrets sealed in the TPM; PIN failures {state.get('failures')}/{state.get('max_tries')}"
    if state.get("failures", 0) >= state.get("max_tries", 1):
        return make_check(ctx, "key_store", "warn", summary, figures, "selftest.keys.tpm_lockout")
    return make_check(ctx, "key_store", "pass", summary, figures)


CHECKS: dict[str, Callable[[SelftestContext], Check]] = {
    "card_reader": check_card_reader,
    "printer": check_printer,
    "camera": check_camera,
    "scanner": check_scanner,
    "central": check_central,
    "disk": check_disk,
    "outbox": check_outbox,
    "key_store": check_key_store,
}
# Checks that need the technician's hands (a blank sheet on the tray): run when asked for.
ON_REQUEST: dict[str, Callable[[SelftestContext], Check]] = {"tray": check_tray}
# What such a check says when it is not asked for: what its last run found, kept.
KEPT: dict[str, Callable[[SelftestContext], Check]] = {"tray": check_tray_kept}


def run_selftest(ctx: SelftestContext) -> SelftestReport:
    started = time.time()
    t0 = time.monotonic()
    checks = []
    for name, fn in {**CHECKS, **ON_REQUEST, **ctx.extra_checks}.items():
        if ctx.only and name not in ctx.only:
            continue
        if name in ON_REQUEST and not (ctx.tray or name in ctx.only):
            if name not in KEPT:
                continue
            fn = KEPT[name]
        try:
            checks.append(fn(ctx))
        except Exception as e:  # noqa: BLE001 - one broken check must not hide the others
            checks.append(
                make_check(
                    ctx, name, "fail", f"check crashed: {e.__class__.__name__}: {e}", {}, "selftest.crashed"
                )
            )
    overall: Status = max((c.status for c in checks), key=_RANK.__getitem__, default="pass")
    return SelftestReport(started, round(time.monotonic() - t0, 3), overall, checks, ctx.kiosk_id)


def send_report(link: CentralLink, report: SelftestReport) -> int | None:
    a = link.call("POST", "kiosk/selftest", json_body=report.to_dict(), expect=(200,))
    return (a.body or {}).get("report_id")
