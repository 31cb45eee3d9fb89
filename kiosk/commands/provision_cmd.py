"""Technician commands: enrollment, signed configuration, heartbeat, self-test, reset (the
central's side of them is ``central enroll-code|sign-config|fleet-command``).

    kiosk provision enroll --central URL --code CODE [--json]     (or --qr 'KENROLL1:…')
    kiosk provision status [--json]
    kiosk provision apply-config FILE [--json]
    kiosk provision fetch-config [--central URL] [--json]
    kiosk provision heartbeat --once [--central URL] [--json]   (without --once: every interval)
    kiosk provision reset --confirm KIOSK_ID [--central URL] [--offline] [--json]
    kiosk selftest [--json] [--print-test-page] [--scan-timeout S] [--central URL] [--no-send] [--tray]

This module is the glue between the Qt-free :mod:`provisioning` package and the rest of the
kiosk: the configuration schema (validator), the offline cache (audit log, outbox figures
and export), the device registry and the message catalog.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.cli import Cli
from kiosk.commands._output import emit, fail
from kiosk.config import KioskConfig
from kiosk.errors import KioskError
from kiosk.logs import get_logger
from kiosk.paths import data_dir
from kiosk.provision import (
    apply_signed,
    audit_sink,
    beat_once,
    extra_checks,
    fetch_and_apply,
    heartbeat_state_path,
    outbox_export,
    outbox_figures,
    tray_status,
)
from provisioning import commands as remote
from provisioning import config as signed_config
from provisioning import enroll as enrollment
from provisioning import heartbeat as hb
from provisioning import reset as resetting
from provisioning import selftest as st
from provisioning.errors import ProvisioningError
from provisioning.link import CentralLink

log = get_logger(__name__)


def register(cli: Cli) -> None:
    g = cli.group("provision")
    p = g.add_parser("enroll", help="enroll this kiosk with a one-time code from the central")
    _central(p)
    p.add_argument("--code", help="the one-time enrollment code (XXXX-XXXX)")
    p.add_argument("--qr", help="the enrollment QR's text: KENROLL1:<code>@<central URL>")
    p.add_argument(
        "--central-key",
        metavar="FINGERPRINT",
        help="the central key's fingerprint as the central shows it: any other key is refused "
        "(without it the key is pinned at first contact)",
    )
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
    p.add_argument(
        "--tray",
        action="store_true",
        help="also check the tray's contrast (lay a blank A4 sheet on it first)",
    )
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the hints (default vi)")
    p.set_defaults(func=cmd_selftest)


def _central(p: argparse.ArgumentParser) -> None:
    p.add_argument("--central", metavar="URL", help="the central's base URL (overrides the configured one)")


# ---------------------------------------------------------------- glue to the rest of the kiosk


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


def _link_if_enrolled(ddir: Path, e: enrollment.Enrollment | None, central: str | None) -> CentralLink | None:
    """The signed link to the central, or None when not enrolled or its keys cannot be used
    (the self-test and a reset still run, offline)."""
    if e is None:
        return None
    try:
        return enrollment.link_for(ddir, central)
    except ProvisioningError:
        return None


def _err(e: ProvisioningError) -> KioskError:
    return KioskError(e.detail, code=e.code)


# ---------------------------------------------------------------- provision …


def cmd_enroll(args: argparse.Namespace) -> int:
    ddir = data_dir()
    code, url = args.code, args.central
    pinned = getattr(args, "central_key", None)
    if args.qr:
        try:
            code, qr_url, qr_pin = enrollment.parse_enroll_qr_pinned(args.qr)
        except ProvisioningError as err:
            raise _err(err) from None
        url = url or qr_url
        pinned = pinned or qr_pin
    if not code or not url:
        return fail("provisioning.usage", "give --central URL and --code CODE, or --qr TEXT", args.json, 2)
    try:
        e = enrollment.enroll(
            ddir,
            url,
            code,
            audit=audit_sink(ddir),
            software_version=__version__,
            central_key_fingerprint=pinned,
        )
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
            # first_contact: compare the fingerprint with the central's console
            "central_key_pinned": "given" if pinned else "first_contact",
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
    last = heartbeat_state_path(ddir)
    out["last_heartbeat"] = json.loads(last.read_text()) if last.exists() else None
    svc = remote.service_state(ddir)
    out["out_of_service"] = svc.out_of_service
    from kiosk.devices_setup import device_settings

    out["tray"] = tray_status(ddir, device_settings(effective_config(args)).camera)
    emit(out, args.json, _status_text)
    return 0


def _status_text(d: dict[str, Any]) -> str:
    lines = [f"{k}: {v}" for k, v in d.items() if k != "tray"]
    t = d["tray"]
    use = t["in_use"]
    lines.append(
        f"tray: {t['standing']}"
        + (f", ΔE {t['delta_e']}, checked {t['checked_on']}" if t["checked_on"] else "")
        + f"; in use: {use['count']} documents, median ΔE {use['median_delta_e']}"
    )
    if t["advice_vi"]:
        lines += [f"  → {t['advice_vi']}", f"  → {t['advice_en']}"]
    return "\n".join(lines)


def _applied_json(a: signed_config.AppliedConfig, ddir: Path) -> dict[str, Any]:
    return {**asdict(a), "ok": True, "active_config": str(signed_config.active_config_path(ddir))}


def cmd_apply_config(args: argparse.Namespace) -> int:
    from common.limits import TooDeep, loads_json

    ddir = data_dir()
    try:
        doc = loads_json(args.file.read_text(encoding="utf-8"), str(args.file))
    except TooDeep as e:
        audit_sink(ddir)("config_refused", {"reason": "too_deep", "why": str(e), "source": "file"})
        raise KioskError(
            str(e), code=e.code, what=str(args.file), depth=f"> {e.limit}", limit=e.limit
        ) from None
    except (OSError, ValueError) as e:
        audit_sink(ddir)(
            "config_refused", {"reason": "unreadable", "why": f"{e.__class__.__name__}", "source": "file"}
        )
        return fail(
            "provisioning.config_unsigned", f"{args.file}: not a signed configuration file ({e})", args.json
        )
    try:
        applied = apply_signed(ddir, doc, f"file:{args.file.name}")
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
    link = _link_if_enrolled(ddir, e, args.central)
    public = CentralLink(url, None) if url else None
    ctx = st.SelftestContext(
        settings=device_settings(cfg),
        data_dir=ddir,
        link=link,
        public_link=public,
        outbox=lambda: outbox_figures(ddir),
        print_test_page=args.print_test_page,
        scan_timeout_s=args.scan_timeout,
        tray=args.tray,
        kiosk_id=e.kiosk_id if e else cfg.kiosk.id,
        describe=describe,
        extra_checks=extra_checks(cfg),
    )
    try:
        report = st.run_selftest(ctx)
        out = report.to_dict()
        from common.durable import write_json

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
    link = _link_if_enrolled(ddir, e, args.central)
    try:
        report = resetting.decommission(
            ddir,
            link=link,
            outbox_export=lambda: outbox_export(ddir),
            audit=audit_sink(ddir),
            reason=args.reason,
            offline=args.offline,
            legacy_dirs=resetting.legacy_log_dirs(),
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
