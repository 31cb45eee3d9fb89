"""``kiosk outbox list|show|status|retry|export|purge`` and ``kiosk audit verify``.

For staff and technicians at the kiosk (or over SSH): what waits to be sent, why an entry
is stuck, send it again, carry it by hand when the network is down for days. Listings
show no personal data; ``export`` writes the dossier in clear on purpose (audited).
Every command takes ``--json``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.cli import Cli
from kiosk.commands._output import emit
from kiosk.config import load_config
from kiosk.messages import text
from kiosk.paths import data_dir
from offline_cache import OutboxEntry, OutboxState, Store

CLI_ACTOR = "technician:cli"


def register(cli: Cli) -> None:
    g = cli.group("outbox")
    p = g.add_parser("list", help="entries oldest first (no personal data)")
    p.add_argument("--state", action="append", choices=[s.value for s in OutboxState], help="repeatable")
    p.add_argument("--limit", type=int, default=200)
    _common(p, list_cmd)
    p = g.add_parser("show", help="one entry: state, attempts, last error, the central's answer")
    p.add_argument("id", help="entry ID or a unique prefix of at least 6 characters")
    _common(p, show_cmd)
    p = g.add_parser("status", help="queue sizes, oldest waiting, last success")
    _common(p, status_cmd)
    p = g.add_parser("retry", help="send again now, with the same idempotency key")
    p.add_argument("id")
    _common(p, retry_cmd)
    p = g.add_parser("export", help="write the dossier in clear to a folder, to carry it by hand")
    p.add_argument("id")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    _common(p, export_cmd)
    p = g.add_parser("purge", help="delete finished entries older than [offline] retention_days")
    p.add_argument("--dry-run", action="store_true", help="only show what would go")
    _common(p, purge_cmd)

    p = cli.group("audit").add_parser("verify", help="check the hash chain of the audit log")
    _common(p, verify_cmd)


def _common(p: argparse.ArgumentParser, func: Any) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of messages (default vi)")
    p.set_defaults(func=func)


def _store() -> Store:
    return Store.open(data_dir())


def _entry_dict(e: OutboxEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "state": e.state.value,
        "procedure_code": e.procedure_code,
        "tracking_code": e.tracking_code,
        "created_at": e.created_at,
        "updated_at": e.updated_at,
        "attempts": e.attempts,
        "next_attempt_at": e.next_attempt_at,
        "last_error": e.last_error,
        "request_id": e.request_id,
        "token": e.token,
        "id_pending": e.id_pending,
        "reasons": list(e.reasons),
        "attachments": [
            {"sha256": a.sha256, "size": a.size, "media_type": a.media_type, "role": a.role}
            for a in e.attachments
        ],
    }


def _state_text(e: OutboxEntry, lang: str) -> str:
    return text("offline.id_pending", lang) if e.id_pending else text(f"offline.state.{e.state.value}", lang)


def list_cmd(args: argparse.Namespace) -> int:
    with _store() as store:
        entries = store.outbox.list(args.state, limit=args.limit)

    def human(items: list[OutboxEntry]) -> str:
        if not items:
            return "(empty)"
        rows = [f"{'ID':<12} {'STATE':<12} {'PROC':<10} {'TRIES':>5}  CREATED (UTC)        NOTE"]
        for e in items:
            note = e.request_id or e.last_error or ("; ".join(e.reasons) if e.reasons else "")
            rows.append(
                f"{e.id[:12]:<12} {e.state.value:<12} {e.procedure_code[:10]:<10} {e.attempts:>5}  "
                f"{e.created_at:%Y-%m-%d %H:%M:%S}  {note[:60]}"
            )
        return "\n".join(rows)

    emit([_entry_dict(e) for e in entries] if args.json else entries, args.json, human)
    return 0


def show_cmd(args: argparse.Namespace) -> int:
    with _store() as store:
        e = store.outbox.get(args.id)

    def human(_: Any) -> str:
        lines = [
            f"id:              {e.id}",
            f"state:           {e.state.value} ({_state_text(e, args.lang)})",
            f"procedure:       {e.procedure_code}",
            f"tracking code:   {e.tracking_code or '-'}",
            f"created:         {e.created_at:%Y-%m-%d %H:%M:%S} UTC",
            f"attempts:        {e.attempts}",
            f"next attempt:    {e.next_attempt_at:%Y-%m-%d %H:%M:%S} UTC"
            if e.next_attempt_at
            else "next attempt:    -",
            f"last error:      {e.last_error or '-'}",
            f"request id:      {e.request_id or ('pending (token ' + e.token + ')' if e.token else '-')}",
        ]
        lines += [f"reason:          {r}" for r in e.reasons]
        lines += [
            f"attachment:      {a.role} {a.media_type} {a.size} B {a.sha256[:16]}…" for a in e.attachments
        ]
        return "\n".join(lines)

    emit(_entry_dict(e), args.json, human)
    return 0


def status_cmd(args: argparse.Namespace) -> int:
    with _store() as store:
        st = store.outbox.status()

    def human(_: Any) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in st.counts.items())
        age = f"{st.oldest_pending_age_s:.0f} s" if st.oldest_pending_age_s is not None else "-"
        return "\n".join(
            [
                f"entries:         {counts}",
                f"waiting:         {st.pending} (oldest {age})",
                f"last success:    {st.last_success_at or '-'}",
                f"last attempt:    {st.last_attempt_at or '-'}",
                f"last error:      {st.last_error or '-'}",
            ]
        )

    emit(st, args.json, human)
    return 0


def retry_cmd(args: argparse.Namespace) -> int:
    with _store() as store:
        e = store.outbox.retry(args.id, actor=CLI_ACTOR)
    emit(_entry_dict(e) if args.json else f"{e.id}: queued, will be sent at the next sync", args.json)
    return 0


def export_cmd(args: argparse.Namespace) -> int:
    with _store() as store:
        dest = store.outbox.export(args.id, args.out, actor=CLI_ACTOR)
    warning = text("offline.export_warning", args.lang)
    emit({"path": str(dest), "warning": warning} if args.json else f"{dest}\n{warning}", args.json)
    return 0


def purge_cmd(args: argparse.Namespace) -> int:
    cfg = load_config(Path(args.config) if getattr(args, "config", None) else None).offline
    with _store() as store:
        report = store.retention.purge(
            cfg.retention_days, draft_grace_hours=cfg.draft_grace_hours, dry_run=args.dry_run, actor=CLI_ACTOR
        )

    def human(_: Any) -> str:
        verb = "would delete" if report.dry_run else "deleted"
        lines = [
            f"{verb}: {len(report.entries)} entries finished before {report.cutoff:%Y-%m-%d %H:%M} UTC, "
            f"{report.attachments} attachments ({report.attachment_bytes} bytes), {report.drafts} abandoned drafts"
        ]
        lines += [f"  {i}" for i in report.entries]
        return "\n".join(lines)

    emit(report, args.json, human)
    return 0


def verify_cmd(args: argparse.Namespace) -> int:
    with _store() as store:
        result = store.audit.verify()
    if result.ok:
        message = text("offline.audit_ok", args.lang, entries=result.entries)
    else:
        message = text("offline.audit_broken", args.lang, problem=result.problem)
    emit({**result.__dict__, "message": message} if args.json else message, args.json)
    return 0 if result.ok else 1
