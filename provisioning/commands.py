"""Remote commands from the central, pulled with the heartbeat and signed by the central.

A command is a signed envelope (kind ``kiosk-command``) whose payload is ``{"command_id",
"kiosk_id", "kind", "args", "issued_at", "expires_at"}``. It is refused — reason in plain
words, in the audit log, and reported back to the central — when unsigned or wrongly
signed, meant for another kiosk, expired, of an unknown kind, or already carried out (each
command runs once: its ID is remembered).

Kinds:

* ``out_of_service`` / ``in_service`` — persisted in ``<data>/provisioning/service.json``;
  the UI shows a calm "out of service, please go to the counter" screen while it is set
  (:func:`service_state`).
* ``refresh_catalog`` — calls the refresher the caller gives (the offline cache's catalog).
* ``collect_diagnostics`` — builds a bundle without personal data (:mod:`provisioning.diagnostics`)
  and uploads it to the central.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common.durable import read_json, write_json
from provisioning.audit import AuditSink
from provisioning.errors import ProvisioningError
from provisioning.link import CentralLink
from provisioning.signing import DocumentRejected, open_document

KIND = "kiosk-command"
KINDS = ("out_of_service", "in_service", "refresh_catalog", "collect_diagnostics")
REMEMBER = 500  # command IDs kept for the "already carried out" check


@dataclass(frozen=True)
class Command:
    command_id: int
    kind: str
    args: dict[str, Any]
    issued_at: float
    expires_at: float


@dataclass(frozen=True)
class CommandOutcome:
    command_id: int | None
    kind: str
    status: str  # done | refused | failed
    detail: str


@dataclass(frozen=True)
class ServiceState:
    out_of_service: bool = False
    since: float | None = None
    command_id: int | None = None
    reason: str = ""


def _dir(data_dir: Path) -> Path:
    d = data_dir / "provisioning"
    d.mkdir(parents=True, exist_ok=True)
    return d


def service_state(data_dir: Path) -> ServiceState:
    p = _dir(data_dir) / "service.json"
    if not p.exists():
        return ServiceState()
    return ServiceState(**read_json(p))


def set_service_state(data_dir: Path, state: ServiceState) -> None:
    write_json(_dir(data_dir) / "service.json", state.__dict__)


def _done_ids(data_dir: Path) -> list[int]:
    p = _dir(data_dir) / "commands_done.json"
    return list(read_json(p)) if p.exists() else []


def _remember(data_dir: Path, command_id: int) -> None:
    ids = [i for i in _done_ids(data_dir) if i != command_id] + [command_id]
    write_json(_dir(data_dir) / "commands_done.json", ids[-REMEMBER:])


class CommandRefused(ProvisioningError):
    code = "provisioning.command_refused"

    def __init__(self, detail: str, command_id: int | None = None, kind: str = "?"):
        super().__init__(detail)
        self.command_id = command_id
        self.kind = kind


def verify_command(
    doc: Any, *, central_public_key: bytes, kiosk_id: str, data_dir: Path, now: float | None = None
) -> Command:
    now = time.time() if now is None else now
    try:
        p = open_document(doc, central_public_key, KIND)
    except DocumentRejected as e:
        raise CommandRefused(f"command refused: {e.message}") from None
    cid = p.get("command_id")
    kind = str(p.get("kind"))
    if not isinstance(cid, int):
        raise CommandRefused("command refused: no command ID", None, kind)
    if p.get("kiosk_id") != kiosk_id:
        raise CommandRefused(
            f"command refused: it is for kiosk {p.get('kiosk_id')!r}, not {kiosk_id!r}", cid, kind
        )
    if kind not in KINDS:
        raise CommandRefused(f"command refused: unknown command {kind!r}", cid, kind)
    expires = float(p.get("expires_at") or 0)
    if expires < now:
        raise CommandRefused("command refused: it has expired", cid, kind)
    if cid in _done_ids(data_dir):
        raise CommandRefused("command refused: already carried out once (replay)", cid, kind)
    args = p.get("args") if isinstance(p.get("args"), dict) else {}
    return Command(cid, kind, dict(args or {}), float(p.get("issued_at") or 0), expires)


@dataclass
class CommandContext:
    data_dir: Path
    central_public_key: bytes
    kiosk_id: str
    audit: AuditSink
    link: CentralLink | None = None  # results and diagnostics go back through it
    refresh_catalog: Callable[[], str] | None = None  # returns a short technical summary
    diagnostics: Callable[[], dict[str, Any]] | None = None  # builds the bundle
    on_service_change: Callable[[ServiceState], None] | None = None
    now: Callable[[], float] = field(default=time.time)


def _execute(ctx: CommandContext, c: Command) -> str:
    if c.kind in ("out_of_service", "in_service"):
        out = c.kind == "out_of_service"
        st = ServiceState(
            out_of_service=out,
            since=ctx.now(),
            command_id=c.command_id,
            reason=str(c.args.get("reason", ""))[:200],
        )
        set_service_state(ctx.data_dir, st)
        if ctx.on_service_change:
            ctx.on_service_change(st)
        return "out of service" if out else "back in service"
    if c.kind == "refresh_catalog":
        if ctx.refresh_catalog is None:
            raise ProvisioningError("this kiosk has no catalog refresher configured")
        return ctx.refresh_catalog()
    if c.kind == "collect_diagnostics":
        if ctx.diagnostics is None or ctx.link is None:
            raise ProvisioningError("no diagnostics collector or no link to the central")
        bundle = ctx.diagnostics()
        a = ctx.link.call("POST", "kiosk/diagnostics", json_body=bundle, expect=(200,))
        return f"bundle uploaded (id {(a.body or {}).get('bundle_id')})"
    raise ProvisioningError(f"unknown command {c.kind}")


def handle_commands(ctx: CommandContext, docs: list[dict[str, Any]]) -> list[CommandOutcome]:
    """Verify and carry out each command once; report each outcome to the central."""
    outcomes = []
    for doc in docs:
        try:
            c = verify_command(
                doc,
                central_public_key=ctx.central_public_key,
                kiosk_id=ctx.kiosk_id,
                data_dir=ctx.data_dir,
                now=ctx.now(),
            )
        except CommandRefused as e:
            ctx.audit("command_refused", {"command_id": e.command_id, "kind": e.kind, "why": e.detail})
            outcome = CommandOutcome(e.command_id, e.kind, "refused", e.detail)
            # A replay of one we carried out is not reported again: the central has the result.
            if e.command_id is not None and "already carried out" not in e.detail:
                _report(ctx, outcome)
            outcomes.append(outcome)
            continue
        try:
            detail = _execute(ctx, c)
            status = "done"
        except Exception as e:  # noqa: BLE001 - any failure is reported to the central, not raised
            detail, status = f"{e.__class__.__name__}: {e}", "failed"
        _remember(ctx.data_dir, c.command_id)
        ctx.audit("command_" + status, {"command_id": c.command_id, "kind": c.kind, "detail": detail[:300]})
        outcome = CommandOutcome(c.command_id, c.kind, status, detail)
        _report(ctx, outcome)
        outcomes.append(outcome)
    return outcomes


def _report(ctx: CommandContext, o: CommandOutcome) -> None:
    if ctx.link is None or o.command_id is None:
        return
    try:
        ctx.link.call(
            "POST",
            f"kiosk/commands/{o.command_id}/result",
            json_body={"status": o.status, "detail": o.detail[:500]},
            expect=(200,),
        )
    except ProvisioningError as e:
        ctx.audit("command_report_failed", {"command_id": o.command_id, "why": e.detail})
