"""Commands of the central area: ``kiosk sandbox``, ``kiosk procedures search|show|where``,
``kiosk track``. Same code paths as the app; ``--json`` for data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli import Cli
from kiosk.commands._output import emit
from kiosk.errors import KioskError


def register(cli: Cli) -> None:
    sp = cli.group_parser("sandbox")
    sp.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sp.add_argument("--port", type=int, default=8311, help="port (default 8311; 0 = any free port)")
    sp.add_argument("--data", metavar="DIR", help="sandbox data folder (default: <kiosk data>/sandbox)")
    sp.add_argument("--agency", default="DEMO", help="site code of this one-stop shop (default DEMO)")
    sp.set_defaults(func=_sandbox)

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


# ---- sandbox ----------------------------------------------------------------------------------


def _sandbox(args: argparse.Namespace) -> int:
    import socket

    import uvicorn

    from kiosk.paths import data_dir
    from kiosk.sandbox.app import create_app

    folder = Path(args.data) if args.data else data_dir() / "sandbox"
    app = create_app(folder, agency_code=args.agency)
    key = app.state.sandbox.extra["site_api_key"]
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    # Bind here so --port 0 can print the real port; IPPROTO_TCP so asyncio sets TCP_NODELAY.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as e:
        sock.close()
        raise KioskError(f"cannot listen on {args.host}:{args.port}: {e.strerror}") from None
    sock.listen(128)  # connections made as soon as the URL is printed wait in the backlog
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if family == socket.AF_INET6 else args.host
    print(f"sandbox central: http://{host}:{port}/  (data: {folder})", file=sys.stderr, flush=True)
    print(f"site API key: {key}", file=sys.stderr)
    print(
        f"staff console: http://{host}:{port}/console   spec: http://{host}:{port}/openapi.json",
        file=sys.stderr,
    )
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        print(
            "warning: the staff console has no sign-in; expose it only on a trusted network", file=sys.stderr
        )
    sys.stderr.flush()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[sock])
    return 0


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
        from kiosk.paths import data_dir
        from kiosk.sandbox.runner import start_local_sandbox

        with start_local_sandbox(data_dir() / "sandbox") as sb:
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
