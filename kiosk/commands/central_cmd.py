"""Commands of the central area: ``kiosk procedures search|show|where``,
``kiosk track``. Same code paths as the app; ``--json`` for data."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.cli import Cli
from kiosk.commands._output import emit
from kiosk.errors import KioskError


def register(cli: Cli) -> None:
    g = cli.group("procedures")
    p = g.add_parser("search", help="find procedures (diacritics optional, Telex ok)")
    p.add_argument("text", nargs="+")
    p.add_argument("--limit", type=int, default=10)
    _common(p)
    p.set_defaults(func=_search)

    p = g.add_parser("show", help="one procedure: documents, fee, time, competent agency, sources")
    p.add_argument("code")
    _common(p)
    p.set_defaults(func=_show)

    p = g.add_parser("where", help="may this dossier be filed here? which agency otherwise?")
    p.add_argument("code")
    p.add_argument(
        "--fact",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a known fact, e.g. mother_residence='Lang Son' or father_residence=yes (repeatable)",
    )
    p.add_argument("--site", help="one-stop shop code (default: [kiosk] agency_code)")
    p.add_argument(
        "--province-wide", action="store_true", help="the province accepts dossiers in any commune"
    )
    _common(p)
    p.set_defaults(func=_where)

    p = cli.top.add_parser("track", help="status timeline of a dossier by its tracking code")
    p.add_argument("code", help="tracking code as on the receipt, e.g. K7M4Q-X9T2R")
    p.add_argument("--url", help="central base URL (default: [central] url; demo: the local sandbox)")
    _common(p)
    p.set_defaults(func=_track)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")


def _config(args: argparse.Namespace) -> Any:
    from kiosk.config import load_config

    return load_config(Path(args.config) if getattr(args, "config", None) else None)


# ---- procedures --------------------------------------------------------------------------------


def _catalog() -> Any:
    from kiosk.catalog.model import load_catalog

    return load_catalog()


def _search(args: argparse.Namespace) -> int:
    from kiosk.catalog.search import search

    query = " ".join(args.text)
    hits = search(_catalog(), query, limit=args.limit)
    if not hits:
        raise KioskError(f"no procedure matches {query!r}", code="catalog.no_match", query=query)
    rows = [
        {"code": h.procedure.identifier, "name": h.procedure.name(args.lang), "score": h.score} for h in hits
    ]
    emit(
        rows, args.json, lambda rs: "\n".join(f"{r['code']:<38} {r['name']}  ({r['score']:.0f})" for r in rs)
    )
    return 0


def _procedure_dict(p: Any, lang: str) -> dict[str, Any]:
    return {
        "code": p.identifier,
        "name": p.name(lang),
        "description": p.description(lang),
        "sector": p.sector(lang),
        "competent_authority": {
            "kind": p.authority.kind,
            "rule": p.authority.rule,
            "note": p.authority.note(lang),
        },
        "documents": [
            {"code": d.identifier, "name": d.name(lang), "required": d.required, "from_chip": d.from_chip}
            for d in p.inputs
        ],
        "fee_vnd": p.cost.value,
        "fee": p.cost.description(lang),
        "working_days": p.working_days,
        "processing_time": p.processing_time(lang),
        "channels": list(p.channels),
        "legal_basis": [r.title for r in p.legal],
        "sources": list(p.sources),
        "simplifications": p.simplifications(lang),
        "attributes": [
            {
                "code": a.code,
                "datatype": a.datatype,
                "required": a.required,
                "description": a.description(lang),
            }
            for a in p.attributes
        ],
    }


def _show(args: argparse.Namespace) -> int:
    p = _catalog().require(args.code)
    d = _procedure_dict(p, args.lang)

    def human(d: dict[str, Any]) -> str:
        vi = args.lang == "vi"
        lines = [f"{d['name']} ({d['code']})", d["description"], ""]
        lines.append(
            ("Cơ quan có thẩm quyền: " if vi else "Competent authority: ") + d["competent_authority"]["note"]
        )
        lines.append("Giấy tờ:" if vi else "Documents:")
        for doc in d["documents"]:
            mark = "*" if doc["required"] else "-"
            chip = (" [từ chip CCCD]" if vi else " [from the ID chip]") if doc["from_chip"] else ""
            lines.append(f"  {mark} {doc['name']}{chip}")
        lines.append(("Lệ phí: " if vi else "Fee: ") + d["fee"])
        lines.append(("Thời hạn: " if vi else "Time: ") + d["processing_time"])
        lines.append(("Căn cứ: " if vi else "Legal basis: ") + "; ".join(d["legal_basis"]))
        lines.append(("Đơn giản hoá: " if vi else "Simplified: ") + d["simplifications"])
        return "\n".join(lines)

    emit(d, args.json, human)
    return 0


def _where(args: argparse.Namespace) -> int:
    from kiosk.jurisdiction import parse_place, resolve

    catalog = _catalog()
    proc = catalog.require(args.code)
    facts = {}
    for item in args.fact:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not value.strip():
            raise KioskError(
                f"--fact {item!r}", code="jurisdiction.bad_fact", fact=item, why="write KEY=VALUE"
            )
        if key not in catalog.facts:
            known = ", ".join(proc.authority.facts) or "(none: accepted anywhere)"
            raise KioskError(
                f"--fact {key!r}",
                code="jurisdiction.bad_fact",
                fact=key,
                why=f"unknown fact; this procedure uses {known}",
            )
        facts[key] = parse_place(value)
    site = args.site or _config(args).kiosk.agency_code
    r = resolve(proc, site, facts, catalog, province_wide=args.province_wide)
    out: dict[str, Any] = {
        "procedure": r.procedure,
        "outcome": r.outcome.value,
        "explanation": r.explanation(args.lang),
        "relevant_facts": list(r.relevant_facts),
        "question": {"fact": r.question.fact, "text": r.question.text(args.lang)} if r.question else None,
        "agency": r.agency.to_json() if r.agency else None,
        "alternatives": [a.to_json() for a in r.alternatives],
    }

    def human(o: dict[str, Any]) -> str:
        lines = [o["explanation"]]
        if o["question"]:
            lines.append(f"? {o['question']['text']}   (--fact {o['question']['fact']}=yes|no|<place>)")
        for a in [o["agency"], *o["alternatives"]]:
            if a:
                c = a["contact"]
                name = a["name_vi"] if args.lang == "vi" else a["name_en"]
                lines.append(f"→ {name} [{a['code']}] {c['address']} {c['phone']} {c['hours']}".rstrip())
        return "\n".join(lines)

    emit(out, args.json, human)
    return 0


# ---- track -----------------------------------------------------------------------------------


def _track(args: argparse.Namespace) -> int:
    from kiosk import tracking
    from kiosk.central.errors import CentralRejected
    from kiosk.central.errors import Open311Error as E

    code = tracking.normalize(args.code)
    if code is None or not tracking.is_valid(code):
        raise CentralRejected(
            f"{args.code!r}", code="central.bad_tracking_code", reasons=(E(400, "check symbol"),)
        )
    cfg = _config(args)
    url = args.url or cfg.central.url
    if url:
        from kiosk.central.factory import client_from_config

        with client_from_config(cfg, base_url=url) as client:
            req = client.track(code)
    elif cfg.is_demo:
        # Demo profile: read the local sandbox's data through the same HTTP client.
        from kiosk.central.client import ApiKeyAuth, CentralClient
        from kiosk.demo_central import start_demo_central
        from kiosk.paths import data_dir

        with start_demo_central(data_dir() / "sandbox") as sb:
            with CentralClient(sb.url, auth=ApiKeyAuth(sb.api_key, cfg.kiosk.id)) as client:
                req = client.track(code)
    else:
        raise KioskError("no central", code="central.no_central")
    vi = args.lang == "vi"
    out = {
        "tracking_code": tracking.display(code),
        "dossier_code": req.dossier_code or None,
        "procedure": req.service_name,
        "state": req.state or req.status,
        "status": req.status,
        "status_notes": req.status_notes,
        "agency": req.agency_responsible,
        "officer": req.officer or None,
        "appointment_date": req.appointment_date,
        "contact": req.agency.contact if req.agency else None,
        "history": [
            {"state": e.state, "at": e.at, "note": e.note, "officer": e.officer} for e in req.history
        ],
    }

    def human(o: dict[str, Any]) -> str:
        lines = [
            f"{o['tracking_code']}  {o['procedure']}",
            ("Mã hồ sơ: " if vi else "Dossier code: ") + (o["dossier_code"] or "—"),
            ("Trạng thái: " if vi else "Status: ")
            + o["state"]
            + (f" — {o['status_notes']}" if o["status_notes"] else ""),
            ("Cơ quan: " if vi else "Agency: ")
            + o["agency"]
            + (f" / {o['officer']}" if o["officer"] else ""),
            ("Hẹn trả: " if vi else "Appointment: ")
            + (str(o["appointment_date"]) if o["appointment_date"] else "—"),
        ]
        c = o["contact"]
        if c:
            lines.append(
                ("Liên hệ: " if vi else "Contact: ") + " ".join(x for x in (c.address, c.phone, c.hours) if x)
            )
        for h in o["history"]:
            at = h["at"].isoformat(timespec="minutes") if h["at"] else ""
            lines.append(f"  {at}  {h['state']}  {h['officer']}  {h['note']}".rstrip())
        return "\n".join(lines)

    emit(out, args.json, human)
    return 0
