"""``kiosk devices read-card``: read a chip ID card (CCCD) and print what it holds.

    kiosk devices read-card --json [--reader SUBSTR] (--document-number N --birth YYMMDD
        --expiry YYMMDD | --mrz "MRZ LINES" | --cccd-qr "QR TEXT" | --can NNNNNN) [--face-out FILE]

``--reader sim`` / ``sim:N`` reads sample card N of the simulated reader (the default with
no configuration). Errors: ``{"error": {"code", "message"}}`` and a non-zero exit status.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from devices.card import cccd_qr
from devices.card.base import AccessKey, CanKey
from devices.card.errors import BadMrz, CardError, NoCard, NoReader, PcscUnavailable
from devices.card.factory import open_card_reader
from devices.card.mrz import MrzKey, parse_td1
from kiosk.cli import Cli
from kiosk.commands._output import emit
from kiosk.config import load_config
from kiosk.devices_setup import device_settings
from kiosk.errors import KioskError


def register(cli: Cli) -> None:
    p = cli.group("devices").add_parser("read-card", help="read a chip ID card (CCCD) and verify it")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--reader", metavar="SUBSTR", help="reader name part, 'auto', or 'sim[:N]' (default: config)"
    )
    key = p.add_argument_group("access key (one of)")
    key.add_argument("--document-number", metavar="N")
    key.add_argument("--birth", metavar="YYMMDD")
    key.add_argument("--expiry", metavar="YYMMDD")
    key.add_argument("--mrz", metavar="MRZ LINES", help="the 3 MRZ lines of the back of the card")
    key.add_argument("--cccd-qr", metavar="QR TEXT", help="the QR text of the front of the card")
    key.add_argument("--can", metavar="NNNNNN", help="card access number (needs PACE)")
    p.add_argument("--face-out", metavar="FILE", help="write the portrait (JPEG / JPEG 2000) here")
    p.add_argument("--csca-dir", metavar="DIR", help="trusted CSCA certificates (default: config)")
    p.add_argument("--extended", choices=("auto", "on", "off"), default="auto", help="extended-length reads")
    p.add_argument(
        "--allow-qr-only",
        action="store_true",
        help="with --cccd-qr: print the QR's data (unverified) when no reader or card is there",
    )
    p.add_argument("--lang", choices=("vi", "en"), default="en")
    p.set_defaults(func=read_card_cmd)


def keys_from_args(args: argparse.Namespace) -> tuple[list[AccessKey], cccd_qr.CccdQr | None]:
    given = [
        bool(args.document_number or args.birth or args.expiry),
        bool(args.mrz),
        bool(args.cccd_qr),
        bool(args.can),
    ]
    if sum(given) != 1:
        raise CardError(
            "give exactly one of: --document-number/--birth/--expiry, --mrz, --cccd-qr, --can",
            code="card.need_key",
        )
    if given[0]:
        if not (args.document_number and args.birth and args.expiry):
            raise BadMrz("--document-number, --birth and --expiry go together")
        return [MrzKey(args.document_number.upper(), args.birth, args.expiry)], None
    if given[1]:
        return [parse_td1(args.mrz).key()], None
    if given[2]:
        qr = cccd_qr.parse(args.cccd_qr)
        return list(cccd_qr.bac_keys(qr)), qr
    if not (args.can.isdigit() and len(args.can) == 6):
        raise CardError("a CAN is 6 digits", code="card.bad_mrz")
    return [CanKey(args.can)], None


def read_card_cmd(args: argparse.Namespace) -> int:
    keys, qr = keys_from_args(args)
    cfg = load_config(Path(args.config) if args.config else None)
    settings = device_settings(cfg)
    if args.csca_dir:
        from dataclasses import replace

        settings = replace(settings, csca_dir=args.csca_dir)
    reader = open_card_reader(settings, args.reader, args.extended)
    try:
        result = reader.read(keys)
    except (NoReader, NoCard, PcscUnavailable):
        if qr is not None and args.allow_qr_only:
            emit(qr.to_card_read().to_dict(), args.json, _human)
            return 0
        raise
    out: dict[str, Any] = result.to_dict()
    if args.face_out and result.face is not None:
        try:
            Path(args.face_out).write_bytes(result.face.data)
        except OSError as e:
            raise KioskError(code="card.face_write_failed", detail=e.strerror or "") from None
        out["face_image"]["path"] = str(Path(args.face_out).resolve())
    emit(out, args.json, _human)
    return 0


def _human(d: dict[str, Any]) -> str:
    lines = [
        f"{k:18} {d[k]}"
        for k in ("full_name", "personal_number", "document_number", "birth_date", "expiry_date", "sex")
    ]
    lines.append(f"{'verification':18} {d['verification']['level']} {d['verification']['detail']}")
    if d.get("face_image"):
        lines.append(f"{'face':18} {d['face_image']['format']} {d['face_image']['bytes']} bytes")
    return "\n".join(lines)
