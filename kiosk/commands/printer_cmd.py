"""Printer and receipt commands.

``kiosk devices test-print [--printer URI] [--width 58|80]``   sample receipt; checks status first
``kiosk devices printer-status [--printer URI] [--json]``      DLE EOT status
``kiosk receipt render --out FILE.png|FILE.pdf [--sample]``   render without a printer
``kiosk receipt jobs [--state held] [--json]``                 the print queue, for staff
``kiosk receipt resume`` / ``kiosk receipt reprint JOB_ID``     staff actions after paper is loaded
``kiosk receipt verify TEXT [--public-key HEX]``                check a scanned receipt QR
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from devices.printer import jobs_dir, open_printer
from devices.printer.jobs import JobResult, PrintJobs
from kiosk import receipt as rc
from kiosk.cli import Cli
from kiosk.commands._output import emit, fail
from kiosk.config import KioskConfig, load_config
from kiosk.errors import KioskError
from kiosk.messages import text
from kiosk.paths import data_dir
from kiosk.print_sealing import job_sealer
from provisioning.keys import load_or_create_kiosk_key


def register(cli: Cli) -> None:
    dev = cli.group("devices")
    p = dev.add_parser(
        "test-print", help="print a sample tracking receipt (checks the printer's status first)"
    )
    _printer_args(p)
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.set_defaults(func=test_print)

    p = dev.add_parser("printer-status", help="the printer's real-time status (DLE EOT)")
    _printer_args(p)
    p.set_defaults(func=printer_status)

    rg = cli.group("receipt")
    p = rg.add_parser("render", help="render a tracking receipt to PNG or PDF without a printer")
    p.add_argument("--out", required=True, metavar="FILE.png|FILE.pdf")
    p.add_argument("--sample", action="store_true", help="the standard sample receipt (default)")
    p.add_argument("--from", dest="source", metavar="FILE.json", help="receipt fields as JSON")
    p.add_argument("--width", type=int, choices=[58, 80], default=None)
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument("--reprint", action="store_true", help="add the reprint marking")
    p.add_argument("--offline", action="store_true", help="add the queued-offline marking")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=render)

    p = rg.add_parser("jobs", help="print jobs on this kiosk (held ones wait for paper)")
    p.add_argument("--state", choices=["queued", "printing", "printed", "held"])
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=list_jobs)

    p = rg.add_parser("resume", help="print every held job once, oldest first")
    _printer_args(p)
    p.set_defaults(func=resume)

    p = rg.add_parser("reprint", help="reprint a job (marked as a reprint)")
    p.add_argument("job_id")
    _printer_args(p)
    p.set_defaults(func=reprint)

    p = rg.add_parser("verify", help="check a scanned receipt QR and its signature")
    p.add_argument("qr_text")
    p.add_argument(
        "--public-key", metavar="HEX", help="the issuing kiosk's Ed25519 key; default this kiosk's"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=verify)


def _printer_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--printer", metavar="URI", help="printer URI (default: [devices] printer)")
    p.add_argument("--width", type=int, choices=[58, 80], default=None, help="paper width in mm")
    p.add_argument("--json", action="store_true")


def _cfg(args: argparse.Namespace) -> KioskConfig:
    return load_config(Path(args.config) if getattr(args, "config", None) else None)


def _width(args: argparse.Namespace, cfg: KioskConfig) -> int:
    return int(args.width or cfg.devices.printer_width_mm)


def _jobs(args: argparse.Namespace, cfg: KioskConfig) -> PrintJobs:
    uri = args.printer or cfg.devices.printer
    printer = open_printer(uri, _width(args, cfg), data_dir())
    return PrintJobs(printer, jobs_dir(data_dir()), sealer=job_sealer(data_dir()))


def public_base(cfg: KioskConfig) -> str:
    """Where the receipt QR points: the central's origin (demo: the local sandbox)."""
    if cfg.central.url:
        from urllib.parse import urlsplit

        u = urlsplit(cfg.central.url)
        return f"{u.scheme}://{u.netloc}"
    return f"http://localhost:{cfg.central.sandbox_port or 8000}"


def _lang(args: argparse.Namespace) -> str:
    return str(getattr(args, "lang", None) or "vi")


def _result_dict(r: JobResult) -> dict[str, Any]:
    return {
        "job": asdict(r.job),
        "printed": r.printed,
        "code": r.code,
        "status_before": r.status_before.as_dict() if r.status_before else None,
        "status_after": r.status_after.as_dict() if r.status_after else None,
        "warnings": list(r.warnings),
    }


def test_print(args: argparse.Namespace) -> int:
    cfg = _cfg(args)
    jobs = _jobs(args, cfg)
    lang = _lang(args)
    try:
        before = jobs.status()
        if not before.can_print:
            msg = f"{jobs.printer.name}: {text(before.code, 'en')} / {text(before.code, 'vi')} — nothing printed"
            return fail(before.code, msg + (f" ({before.detail})" if before.detail else ""), args.json)
        sample = rc.sample_receipt(datetime.now(rc.VN_TZ))
        key = load_or_create_kiosk_key(data_dir())
        qr = rc.receipt_qr_text(sample, key, public_base(cfg))
        image = rc.render_receipt(sample, qr, jobs.printer.width_dots, lang).image
        job_id = "T-" + datetime.now(rc.VN_TZ).strftime("%Y%m%d%H%M%S%f")
        result = jobs.submit(job_id, image, kind="test", label="test print")
    finally:
        jobs.printer.close()
    if not result.printed:
        return fail(
            result.code,
            f"{jobs.printer.name}: {text(result.code, 'en')} / {text(result.code, 'vi')}",
            args.json,
        )
    out = _result_dict(result)
    emit(
        out,
        args.json,
        lambda o: f"{jobs.printer.name}: {text('printer.test_ok', 'en')} (job {o['job']['job_id']})",
    )
    for w in result.warnings:
        if not args.json:
            print(f"warning: {text(w, 'en')} / {text(w, 'vi')}")
    return 0


def printer_status(args: argparse.Namespace) -> int:
    cfg = _cfg(args)
    printer = open_printer(args.printer or cfg.devices.printer, _width(args, cfg), data_dir())
    try:
        s = printer.status()
    finally:
        printer.close()
    out = {"printer": printer.name, "driver": printer.driver, "width_dots": printer.width_dots, **s.as_dict()}
    out["message"] = {"vi": text(s.code, "vi"), "en": text(s.code, "en")}
    emit(out, args.json, lambda o: f"{o['printer']}: {o['condition']} — {o['message']['en']} ({o['detail']})")
    return 0 if s.can_print else 1


def _receipt_from_json(path: Path) -> rc.Receipt:
    raw = json.loads(path.read_text(encoding="utf-8"))
    try:
        raw["received_at"] = datetime.fromisoformat(raw["received_at"])
        raw["appointment"] = date.fromisoformat(raw["appointment"])
        raw["documents"] = tuple(raw.get("documents", ()))
        return rc.Receipt(**raw)
    except (KeyError, TypeError, ValueError) as e:
        raise KioskError(f"{path}: {e}", code="common.unexpected") from None


def render(args: argparse.Namespace) -> int:
    cfg = _cfg(args)
    out = Path(args.out)
    if out.suffix.lower() not in (".png", ".pdf"):
        return fail("receipt.bad_output", "--out must end in .png or .pdf", args.json, 2)
    r = _receipt_from_json(Path(args.source)) if args.source else rc.sample_receipt()
    if args.offline:
        from dataclasses import replace

        r = replace(r, queued_offline=True)
    key = load_or_create_kiosk_key(data_dir())
    qr = rc.receipt_qr_text(r, key, public_base(cfg))
    from devices.printer.base import width_dots

    rendered = rc.render_receipt(r, qr, width_dots(_width(args, cfg)), _lang(args), reprint=args.reprint)
    if out.suffix.lower() == ".pdf":
        rc.save_pdf(rendered.image, out)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        rendered.image.save(out)
    emit(
        {"out": str(out), "width_dots": rendered.image.width, "height_dots": rendered.image.height, "qr": qr},
        args.json,
        lambda o: f"{o['out']}: {o['width_dots']}×{o['height_dots']} dots",
    )
    return 0


def list_jobs(args: argparse.Namespace) -> int:
    store = jobs_dir(data_dir())
    found = []
    if store.exists():
        from devices.printer.simulated import SimulatedPrinter

        found = PrintJobs(SimulatedPrinter(), store, recover=False).jobs(args.state)  # no printer I/O
    emit(
        [asdict(j) for j in found],
        args.json,
        lambda js: (
            "\n".join(f"{j['job_id']:28} {j['state']:8} {j['label']:14} {j['last_code']}" for j in js)
            or "no print jobs"
        ),
    )
    return 0


def resume(args: argparse.Namespace) -> int:
    cfg = _cfg(args)
    jobs = _jobs(args, cfg)
    try:
        results = jobs.resume_all()
        rc.tidy_unprinted(jobs)
    finally:
        jobs.printer.close()
    emit(
        [_result_dict(r) for r in results],
        args.json,
        lambda rs: (
            "\n".join(f"{r['job']['job_id']}: {'printed' if r['printed'] else r['code']}" for r in rs)
            or "no held jobs"
        ),
    )
    return 0 if all(r.printed for r in results) else 1


def reprint(args: argparse.Namespace) -> int:
    cfg = _cfg(args)
    jobs = _jobs(args, cfg)
    try:
        r = jobs.reprint(args.job_id)
    finally:
        jobs.printer.close()
    if not r.printed:
        return fail(r.code, f"{args.job_id}: {text(r.code, 'en')} / {text(r.code, 'vi')}", args.json)
    emit(_result_dict(r), args.json, lambda o: f"{o['job']['job_id']}: reprinted ({o['job']['reprints']})")
    return 0


def verify(args: argparse.Namespace) -> int:
    if args.public_key:
        try:
            pub = bytes.fromhex(args.public_key)
        except ValueError:
            return fail("receipt.qr_invalid", "--public-key must be hex", args.json, 2)
    else:
        pub = load_or_create_kiosk_key(data_dir()).public_raw
    qr = rc.verify_receipt_qr(args.qr_text, pub)
    emit(
        {
            "valid": True,
            "tracking_code": qr.tracking_code,
            "procedure_code": qr.procedure_code,
            "masked_id": qr.masked_id,
            "received_at": qr.received_at,
            "appointment": qr.appointment,
            "kiosk_id": qr.kiosk_id,
            "base": qr.base,
        },
        args.json,
        lambda o: f"genuine receipt {o['tracking_code']} from kiosk {o['kiosk_id']}",
    )
    return 0
