"""Technician commands: enrollment, signed configuration, heartbeat, self-test, reset; and the
sandbox central's side of them.

    kiosk provision enroll --central URL --code CODE [--json]     (or --qr 'KENROLL1:…')
    kiosk provision status [--json]
    kiosk provision apply-config FILE [--json]
    kiosk provision fetch-config [--central URL] [--json]
    kiosk provision heartbeat --once [--central URL] [--json]   (without --once: every interval)
    kiosk provision reset --confirm KIOSK_ID [--central URL] [--offline] [--json]
    kiosk selftest [--json] [--print-test-page] [--scan-timeout S] [--central URL] [--no-send]
    kiosk sandbox enroll-code [--agency CODE] --data DIR [--json]
    kiosk sandbox sign-config --data DIR --kiosk ID --version N --in CONFIG.toml --out FILE
    kiosk sandbox fleet-command --data DIR --kiosk ID --kind out_of_service|in_service|…

This module is the glue between the Qt-free :mod:`provisioning` package and the rest of the
kiosk: the configuration schema (validator), the offline cache (audit log, outbox figures
and export), the device registry and the message catalog.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.cli import Cli
from kiosk.commands._output import emit, fail
from kiosk.config import KioskConfig, parse_config
from kiosk.errors import KioskError
from kiosk.logs import get_logger
from kiosk.paths import data_dir
from provisioning import commands as remote
from provisioning import config as signed_config
from provisioning import enroll as enrollment
from provisioning import heartbeat as hb
from provisioning import reset as resetting
from provisioning import selftest as st
from provisioning.audit import AuditSink, FileAudit
from provisioning.errors import ProvisioningError
from provisioning.link import CentralLink

log = get_logger(__name__)
STARTED_AT = time.time()


def register(cli: Cli) -> None:
    g = cli.group("provision")
    p = g.add_parser("enroll", help="enroll this kiosk with a one-time code from the central")
    _central(p)
    p.add_argument("--code", help="the one-time enrollment code (XXXX-XXXX)")
    p.add_argument("--qr", help="the enrollment QR's text: KENROLL1:<code>@<central URL>")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_enroll)

    p = g.add_parser("status", help="enrollment, key fingerprint, configuration version, last heartbeat")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = g.add_parser("apply-config", help="apply a configuration file signed by the central")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_apply_config)

    p = g.add_parser("fetch-config", help="fetch and apply the newest signed configuration from the central")
    _central(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_fetch_config)

    p = g.add_parser("heartbeat", help="post this kiosk's health to the central (and run its commands)")
    _central(p)
    p.add_argument("--once", action="store_true", help="send one heartbeat now and exit")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_heartbeat)

    p = g.add_parser("reset", help="decommission: hand the outbox to the central, then wipe everything")
    _central(p)
    p.add_argument("--confirm", metavar="KIOSK_ID", help="this kiosk's ID, typed to confirm the wipe")
    p.add_argument(
        "--offline", action="store_true", help="wipe even if the central cannot be told (empty outbox only)"
    )
    p.add_argument("--reason", default="", help="why (kept in the central's audit record)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reset)

    p = cli.top.add_parser(
        "selftest", help="test every device, the network and the central; report to the central"
    )
    _central(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--print-test-page", action="store_true")
    p.add_argument(
        "--scan-timeout", type=float, default=0.0, metavar="S", help="wait S seconds for a test scan"
    )
    p.add_argument("--no-send", action="store_true", help="do not send the report to the central")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the hints (default vi)")
    p.set_defaults(func=cmd_selftest)

    sb = cli.group("sandbox")
    p = sb.add_parser("enroll-code", help="issue a one-time kiosk enrollment code")
    p.add_argument("--data", required=True, type=Path, help="the sandbox's data directory")
    p.add_argument("--agency", help="agency code (default: the sandbox's own)")
    p.add_argument(
        "--ttl-min", type=int, default=24 * 60, help="minutes until the code expires (default 1440)"
    )
    p.add_argument("--central", metavar="URL", help="central URL to put in the QR text")
    p.add_argument(
        "--qr-png", type=Path, metavar="FILE", help="also write the KENROLL1 QR as a PNG (needs --central)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sandbox_enroll_code)

    p = sb.add_parser("sign-config", help="sign a configuration (TOML) for one kiosk")
    p.add_argument("--data", required=True, type=Path)
    p.add_argument("--kiosk", required=True)
    p.add_argument("--version", required=True, type=int)
    p.add_argument("--in", dest="infile", required=True, type=Path)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sandbox_sign_config)

    p = sb.add_parser("fleet-command", help="queue a signed remote command for a kiosk")
    p.add_argument("--data", required=True, type=Path)
    p.add_argument("--kiosk", required=True)
    p.add_argument("--kind", required=True, choices=remote.KINDS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sandbox_fleet_command)


def _central(p: argparse.ArgumentParser) -> None:
    p.add_argument("--central", metavar="URL", help="the central's base URL (overrides the configured one)")


# ---------------------------------------------------------------- glue to the rest of the kiosk


def validator(cfg: dict[str, Any]) -> object:
    """The configuration schema of :mod:`kiosk.config` (its ConfigError says which key is wrong)."""
    return parse_config(cfg)


def audit_sink(ddir: Path) -> AuditSink:
    """The offline cache's audit log; the provisioning file log when the store cannot be opened."""
    fallback = FileAudit.under(ddir)

    def sink(event: str, fields: dict[str, Any]) -> None:
        try:
            from offline_cache import Store

            with Store.open(ddir, check_integrity=False) as store:
                store.audit.append("provisioning", event, fields)
                return
        except Exception as e:  # noqa: BLE001 - the record must land somewhere
            fields = {**fields, "offline_audit_error": e.__class__.__name__}
        fallback(event, fields)

    return sink


def outbox_figures(ddir: Path) -> hb.OutboxFigures | None:
    try:
        from offline_cache import Store

        with Store.open(ddir, check_integrity=False) as store:
            q = store.outbox.status()
    except Exception as e:  # noqa: BLE001 - no figures is a finding, not a crash
        log.warning("outbox_status_unavailable", error=e.__class__.__name__)
        return None
    return hb.OutboxFigures(
        size=int(q.pending) + int(q.counts.get("needs-staff", 0)),
        oldest_age_s=q.oldest_pending_age_s,
        last_sync_at=q.last_success_at.timestamp() if q.last_success_at else None,
    )


def outbox_export(ddir: Path) -> dict[str, Any]:
    """Everything not yet accepted by the central, decrypted, for the hand-over before a reset."""
    from offline_cache import Store

    if not (ddir / "offline").exists():
        return {"entries": []}
    import base64

    entries = []
    with Store.open(ddir, check_integrity=False) as store:
        for e in store.outbox.list(["queued", "sending", "needs-staff"], limit=100_000):
            entries.append(
                {
                    "entry_id": e.id,
                    "idempotency_key": e.idempotency_key,
                    "procedure_code": e.procedure_code,
                    "tracking_code": e.tracking_code,
                    "state": e.state.value,
                    "created_at": e.created_at.isoformat(),
                    "submission": dict(store.outbox.submission(e.id)),
                    "attachments": [
                        {
                            "sha256": a.sha256,
                            "media_type": a.media_type,
                            "role": a.role,
                            "data_b64": base64.b64encode(store.attachments.read(a)).decode(),
                        }
                        for a in e.attachments
                    ],
                }
            )
    return {"entries": entries}


def describe(code: str, lang: str = "vi", **values: Any) -> str:
    from kiosk.messages import text

    return text(code, lang, **values)


def effective_config(args: argparse.Namespace) -> KioskConfig:
    """``--config`` if given; else the signed configuration in force; else the usual file / demo."""
    from kiosk.effective_config import effective_config as in_force

    return in_force(getattr(args, "config", None))


def central_url(args: argparse.Namespace, cfg: KioskConfig | None = None) -> str | None:
    if getattr(args, "central", None):
        return str(args.central)
    e = enrollment.load_enrollment(data_dir())
    if e is not None:
        return e.central_url
    return cfg.central.url if cfg else None


def signed_link(args: argparse.Namespace) -> CentralLink:
    return enrollment.link_for(data_dir(), getattr(args, "central", None))


def _err(e: ProvisioningError) -> KioskError:
    return KioskError(e.detail, code=e.code)


def _state_path(ddir: Path) -> Path:
    return enrollment.provisioning_dir(ddir) / "last_heartbeat.json"


# ---------------------------------------------------------------- provision …


def cmd_enroll(args: argparse.Namespace) -> int:
    ddir = data_dir()
    code, url = args.code, args.central
    if args.qr:
        try:
            code, qr_url = enrollment.parse_enroll_qr(args.qr)
        except ProvisioningError as err:
            raise _err(err) from None
        url = url or qr_url
    if not code or not url:
        return fail("provisioning.usage", "give --central URL and --code CODE, or --qr TEXT", args.json, 2)
    try:
        e = enrollment.enroll(ddir, url, code, audit=audit_sink(ddir), software_version=__version__)
    except ProvisioningError as err:
        raise _err(err) from None
    applied = None
    try:
        applied = fetch_and_apply(ddir, None)
    except ProvisioningError as err:  # enrolled all the same; the config comes with the next heartbeat
        log.warning("config_after_enroll_failed", code=err.code)
    emit(
        {
            "kiosk_id": e.kiosk_id,
            "agency": e.agency,
            "key_fingerprint": e.key_fingerprint,
            "central_key_fingerprint": e.central_key_fingerprint,
            "config_version": applied.version if applied else None,
        },
        args.json,
        lambda d: f"enrolled as {d['kiosk_id']} ({d['agency']}), key {d['key_fingerprint']}",
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    ddir = data_dir()
    out = enrollment.status(ddir)
    cur = signed_config.current(ddir)
    out["config_version"] = cur.version if cur else None
    out["config_source"] = cur.source if cur else ("file" if not out["enrolled"] else None)
    out["config_applied_at"] = cur.applied_at if cur else None
    last = _state_path(ddir)
    out["last_heartbeat"] = json.loads(last.read_text()) if last.exists() else None
    svc = remote.service_state(ddir)
    out["out_of_service"] = svc.out_of_service
    emit(out, args.json, lambda d: "\n".join(f"{k}: {v}" for k, v in d.items()))
    return 0


def _apply(ddir: Path, doc: Any, source: str) -> signed_config.AppliedConfig:
    e = enrollment.require_enrollment(ddir)
    return signed_config.apply_signed_config(
        ddir,
        doc,
        central_public_key=e.central_public_raw,
        kiosk_id=e.kiosk_id,
        validator=validator,
        audit=audit_sink(ddir),
        source=source,
    )


def fetch_and_apply(ddir: Path, central: str | None) -> signed_config.AppliedConfig | None:
    with enrollment.link_for(ddir, central) as link:
        have = signed_config.current_version(ddir)
        a = link.call("GET", "kiosk/config", params={"have": have}, expect=(200, 204))
    if a.status == 204 or a.body is None:
        return None
    return _apply(ddir, a.body, "central")


def _applied_json(a: signed_config.AppliedConfig, ddir: Path) -> dict[str, Any]:
    return {**asdict(a), "ok": True, "active_config": str(signed_config.active_config_path(ddir))}


def cmd_apply_config(args: argparse.Namespace) -> int:
    ddir = data_dir()
    try:
        doc = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        audit_sink(ddir)(
            "config_refused", {"reason": "unreadable", "why": f"{e.__class__.__name__}", "source": "file"}
        )
        return fail(
            "provisioning.config_unsigned", f"{args.file}: not a signed configuration file ({e})", args.json
        )
    try:
        applied = _apply(ddir, doc, f"file:{args.file.name}")
    except ProvisioningError as e:
        raise _err(e) from None
    emit(
        _applied_json(applied, ddir),
        args.json,
        lambda d: (
            f"configuration version {d['version']} in force ({'applied' if d['changed'] else 'already'})"
        ),
    )
    return 0


def cmd_fetch_config(args: argparse.Namespace) -> int:
    ddir = data_dir()
    try:
        applied = fetch_and_apply(ddir, args.central)
    except ProvisioningError as e:
        raise _err(e) from None
    if applied is None:
        emit({"ok": True, "changed": False, "version": signed_config.current_version(ddir)}, args.json)
    else:
        emit(_applied_json(applied, ddir), args.json)
    return 0


def beat_once(
    ddir: Path, central: str | None, cfg: KioskConfig, *, on_service_change: Callable[..., None] | None = None
) -> dict[str, Any]:
    """One heartbeat round: collect, send, apply a newer configuration, run commands."""
    from devices.registry import list_devices
    from kiosk.devices_setup import device_settings

    e = enrollment.require_enrollment(ddir)
    devices = list_devices(device_settings(cfg))
    payload = hb.collect(
        devices=devices,  # type: ignore[arg-type]
        outbox=outbox_figures(ddir),
        config_version=signed_config.current_version(ddir),
        software_version=__version__,
        started_at=STARTED_AT,
        out_of_service=remote.service_state(ddir).out_of_service,
        data_dir=ddir,
    )
    audit = audit_sink(ddir)
    with enrollment.link_for(ddir, central) as link:
        answer = hb.send(link, payload)
        config_applied = None
        if answer.config_version > signed_config.current_version(ddir):
            a = link.call(
                "GET", "kiosk/config", params={"have": signed_config.current_version(ddir)}, expect=(200, 204)
            )
            if a.status == 200:
                try:
                    config_applied = _apply(ddir, a.body, "central").version
                except ProvisioningError as err:
                    log.warning("config_refused", code=err.code)
        ctx = remote.CommandContext(
            data_dir=ddir,
            central_public_key=e.central_public_raw,
            kiosk_id=e.kiosk_id,
            audit=audit,
            link=link,
            refresh_catalog=lambda: refresh_catalog(ddir, link.base_url),
            diagnostics=lambda: _diagnostics(ddir, e.kiosk_id, devices),
            on_service_change=on_service_change,
        )
        outcomes = remote.handle_commands(ctx, answer.commands)
    result = {
        "kiosk_id": e.kiosk_id,
        "sent_at": payload["sent_at"],
        "latency_ms": round(answer.latency_s * 1000, 1),
        "clock_skew_s": answer.clock_skew_s,
        "heartbeat_interval_s": answer.heartbeat_interval_s,
        "config_version": signed_config.current_version(ddir),
        "config_applied": config_applied,
        "paper": payload["paper"],
        "outbox": payload["outbox"],
        "commands": [asdict(o) for o in outcomes],
        "out_of_service": remote.service_state(ddir).out_of_service,
    }
    from provisioning.fsutil import write_json

    write_json(
        _state_path(ddir), {k: result[k] for k in ("sent_at", "latency_ms", "clock_skew_s", "config_version")}
    )
    return result


def refresh_catalog(ddir: Path, central: str) -> str:
    """Fetch the central's catalog now (signed request) into the offline cache; says what happened."""
    from kiosk.catalog.sync import sync_catalog
    from kiosk.central.client import CentralClient
    from offline_cache import Store
    from provisioning.keys import load_or_create_kiosk_key

    e = enrollment.require_enrollment(ddir)
    auth = enrollment.request_auth(load_or_create_kiosk_key(ddir), e)
    with (
        CentralClient(central, auth=auth, retries=0) as client,
        Store.open(ddir, check_integrity=False) as store,
    ):
        out = sync_catalog(client, store.catalog)
    if out.source == "packaged" or (out.source == "cache" and out.error):
        raise ProvisioningError(f"catalog not refreshed: {out.error}", code="provisioning.central_error")
    return (
        f"catalog version {out.catalog.version} ({len(out.catalog.procedures)} procedures) from {out.source}"
    )


def _diagnostics(ddir: Path, kiosk_id: str, devices: list[Any]) -> dict[str, Any]:
    from kiosk.paths import log_dir
    from provisioning.diagnostics import build_bundle

    last = enrollment.provisioning_dir(ddir) / "last_selftest.json"
    return build_bundle(
        kiosk_id=kiosk_id,
        software_version=__version__,
        config_version=signed_config.current_version(ddir),
        devices=[asdict(d) for d in devices],
        selftest=json.loads(last.read_text()) if last.exists() else None,
        log_dir=log_dir(),
    )


def cmd_heartbeat(args: argparse.Namespace) -> int:
    ddir = data_dir()
    cfg = effective_config(args)
    try:
        if args.once:
            emit(beat_once(ddir, args.central, cfg), args.json, _beat_text)
            return 0
        errors: list[str] = []

        def beat() -> None:
            r = beat_once(ddir, args.central, effective_config(args))
            emit(
                r, args.json, lambda d: f"heartbeat sent, {d['latency_ms']} ms, {len(d['commands'])} commands"
            )

        def on_error(e: BaseException) -> None:
            errors.append(getattr(e, "code", e.__class__.__name__))
            print(f"heartbeat failed: {getattr(e, 'detail', '') or e}", file=sys.stderr)

        loop = hb.HeartbeatLoop(
            beat, lambda: effective_config(args).provisioning.heartbeat_interval_s, on_error
        )
        loop.start()
        try:
            while True:
                loop.join(3600)
        except KeyboardInterrupt:
            loop.stop()
        return 0
    except ProvisioningError as e:
        raise _err(e) from None


def _beat_text(d: dict[str, Any]) -> str:
    lines = [
        f"heartbeat sent for {d['kiosk_id']}: {d['latency_ms']} ms, clock skew {d['clock_skew_s']} s,"
        f" configuration v{d['config_version']}, paper {d['paper']}, outbox {d['outbox']['size']}"
    ]
    if d["config_applied"]:
        lines.append(f"  new configuration applied: version {d['config_applied']}")
    for c in d["commands"]:
        lines.append(f"  command {c['kind']}: {c['status']} ({c['detail']})")
    if d["out_of_service"]:
        lines.append("  this kiosk is OUT OF SERVICE")
    return "\n".join(lines)


def cmd_selftest(args: argparse.Namespace) -> int:
    from kiosk.devices_setup import device_settings

    ddir = data_dir()
    cfg = effective_config(args)
    e = enrollment.load_enrollment(ddir)
    url = central_url(args, cfg)
    link = None
    if e is not None:
        try:
            link = enrollment.link_for(ddir, args.central)
        except ProvisioningError:
            link = None
    public = CentralLink(url, None) if url else None
    ctx = st.SelftestContext(
        settings=device_settings(cfg),
        data_dir=ddir,
        link=link,
        public_link=public,
        outbox=lambda: outbox_figures(ddir),
        print_test_page=args.print_test_page,
        scan_timeout_s=args.scan_timeout,
        kiosk_id=e.kiosk_id if e else cfg.kiosk.id,
        describe=describe,
    )
    try:
        report = st.run_selftest(ctx)
        out = report.to_dict()
        from provisioning.fsutil import write_json

        write_json(enrollment.provisioning_dir(ddir) / "last_selftest.json", out)
        audit_sink(ddir)("selftest", {"overall": report.overall, **{c.name: c.status for c in report.checks}})
        out["sent_to_central"] = False
        if link is not None and not args.no_send:
            try:
                out["report_id"] = st.send_report(link, report)
                out["sent_to_central"] = True
            except ProvisioningError as err:
                out["send_error"] = err.detail
    finally:
        for lk in (link, public):
            if lk is not None:
                lk.close()
    emit(out, args.json, lambda d: _selftest_text(d, args.lang))
    return 0 if report.overall != "fail" else 1


def _selftest_text(d: dict[str, Any], lang: str) -> str:
    mark = {"pass": "OK  ", "warn": "WARN", "fail": "FAIL"}
    lines = [f"self-test: {d['overall'].upper()} ({d['duration_s']} s)"]
    for c in d["checks"]:
        lines.append(f"  {mark[c['status']]} {c['name']:<12} {c['summary']}")
        hint = c["hint"] if lang == "vi" else c["hint_en"]
        if hint:
            lines.append(f"       → {hint}")
    return "\n".join(lines)


def cmd_reset(args: argparse.Namespace) -> int:
    ddir = data_dir()
    e = enrollment.load_enrollment(ddir)
    expected = e.kiosk_id if e else "RESET"
    if args.confirm != expected:
        audit_sink(ddir)("reset_refused", {"why": "not confirmed with this kiosk's ID"})
        return fail(
            "provisioning.reset_not_confirmed",
            f"not confirmed: type --confirm {expected} to wipe this kiosk's data",
            args.json,
            2,
        )
    link = None
    if e is not None:
        try:
            link = enrollment.link_for(ddir, args.central)
        except ProvisioningError:
            link = None
    try:
        report = resetting.decommission(
            ddir,
            link=link,
            outbox_export=lambda: outbox_export(ddir),
            audit=audit_sink(ddir),
            reason=args.reason,
            offline=args.offline,
        )
    except ProvisioningError as err:
        raise _err(err) from None
    finally:
        if link is not None:
            link.close()
    emit(
        asdict(report),
        args.json,
        lambda d: f"kiosk wiped: {d['files_wiped']} files; central told: {d['central_notified']}",
    )
    return 0


# ---------------------------------------------------------------- sandbox …


def _sandbox_state(ddir: Path) -> Any:
    from kiosk.sandbox.app import SandboxState
    from kiosk.sandbox.db import open_database

    return SandboxState(data_dir=ddir, db=open_database(ddir))


def cmd_sandbox_enroll_code(args: argparse.Namespace) -> int:
    from kiosk.sandbox.enrollment import issue_code

    state = _sandbox_state(args.data)
    code = issue_code(state.db, args.agency or state.agency_code, ttl_s=args.ttl_min * 60)
    out: dict[str, Any] = {
        "code": code.code,
        "agency": code.agency,
        "expires_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(code.expires_at)),
    }
    if args.qr_png and not args.central:
        return fail("provisioning.usage", "--qr-png needs --central URL (the QR carries it)", args.json, 2)
    if args.central:
        out["qr"] = code.qr_text(args.central)
    if args.qr_png:
        import segno

        segno.make(out["qr"], error="m").save(str(args.qr_png), scale=10, border=4)
        out["qr_png"] = str(args.qr_png)
    emit(out, args.json, lambda d: f"{d['code']} (agency {d['agency']}, expires {d['expires_at']})")
    return 0


def cmd_sandbox_sign_config(args: argparse.Namespace) -> int:
    from kiosk.config import ConfigError
    from kiosk.sandbox.fleet import sign_config

    try:
        cfg = tomllib.loads(args.infile.read_text(encoding="utf-8"))
        parse_config(cfg, args.infile)
    except (OSError, tomllib.TOMLDecodeError) as e:
        return fail("config.invalid", f"{args.infile}: {e}", args.json)
    except ConfigError as e:
        return fail("config.invalid", str(e), args.json)
    if args.version < 1:
        return fail("config.invalid", "--version starts at 1", args.json, 2)
    doc = sign_config(_sandbox_state(args.data), args.kiosk, args.version, cfg)
    args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    emit(
        {"kiosk_id": args.kiosk, "version": args.version, "out": str(args.out), "signer": doc["signer"]},
        args.json,
        lambda d: f"signed version {d['version']} for {d['kiosk_id']} → {d['out']}",
    )
    return 0


def cmd_sandbox_fleet_command(args: argparse.Namespace) -> int:
    from kiosk.sandbox.fleet import issue_command

    try:
        cid = issue_command(_sandbox_state(args.data), args.kiosk, args.kind, at=time.time())
    except (LookupError, ValueError) as e:
        return fail("fleet.no_kiosk", str(e), args.json)
    emit({"command_id": cid, "kiosk_id": args.kiosk, "kind": args.kind}, args.json)
    return 0
