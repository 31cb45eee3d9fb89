"""The kiosk's side of provisioning, shared by the app, the technician screen and the
``kiosk provision`` commands: the audit sink (the offline store's hash-chained log), outbox
figures and export for the heartbeat and the reset hand-over, applying a signed
configuration against the kiosk's schema, one heartbeat round, and a catalog refresh.

The Qt-free :mod:`provisioning` package knows none of the kiosk's modules; this module joins
them. Nothing here parses arguments or prints: the command line and the GUI call it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from common.transport import Limits
from kiosk import __version__
from kiosk.config import KioskConfig, parse_config
from kiosk.logs import get_logger
from provisioning import commands as remote
from provisioning import config as signed_config
from provisioning import enroll as enrollment
from provisioning import heartbeat as hb
from provisioning import selftest as st
from provisioning.audit import AuditSink, FileAudit
from provisioning.errors import ProvisioningError

log = get_logger(__name__)
STARTED_AT = time.time()


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


def heartbeat_state_path(ddir: Path) -> Path:
    return enrollment.provisioning_dir(ddir) / "last_heartbeat.json"


def apply_signed(ddir: Path, doc: Any, source: str) -> signed_config.AppliedConfig:
    e = enrollment.require_enrollment(ddir)
    return signed_config.apply_signed_config(ddir, doc, config_trust(ddir, e), source=source)


def config_trust(ddir: Path, e: enrollment.Enrollment) -> signed_config.Trust:
    """What this kiosk checks a signed configuration against (its enrollment's central key)."""
    return signed_config.Trust(e.central_public_raw, e.kiosk_id, validator, audit_sink(ddir))


def fetch_and_apply(ddir: Path, central: str | None) -> signed_config.AppliedConfig | None:
    with enrollment.link_for(ddir, central) as link:
        have = signed_config.current_version(ddir)
        a = link.call("GET", "kiosk/config", params={"have": have}, expect=(200, 204))
    if a.status == 204 or a.body is None:
        return None
    return apply_signed(ddir, a.body, "central")


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
        tray=tray_health(ddir, device_settings(cfg).camera),
    )
    audit = audit_sink(ddir)
    c = cfg.central  # the configured bounds and CA bundle for every call of the beat
    limits = Limits(c.connect_timeout_s, c.read_timeout_s, c.call_deadline_s, c.max_response_bytes)
    with enrollment.link_for(ddir, central, ca_bundle=c.ca_bundle, limits=limits) as link:
        answer = hb.send(link, payload)
        config_applied = None
        if answer.config_version > signed_config.current_version(ddir):
            a = link.call(
                "GET", "kiosk/config", params={"have": signed_config.current_version(ddir)}, expect=(200, 204)
            )
            if a.status == 200:
                try:
                    config_applied = apply_signed(ddir, a.body, "central").version
                except ProvisioningError as err:
                    log.warning("config_refused", code=err.code)
        ctx = remote.CommandContext(
            data_dir=ddir,
            central_public_key=e.central_public_raw,
            kiosk_id=e.kiosk_id,
            audit=audit,
            link=link,
            refresh_catalog=lambda: refresh_catalog(ddir, link.base_url),
            diagnostics=lambda: diagnostics(ddir, e.kiosk_id, devices),
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
    # Wrong staff PINs counted while offline: the central (so every kiosk) hears of them now.
    from kiosk.staff.wiring import report_offline_failures

    result["staff_failures_reported"] = report_offline_failures(cfg, ddir)
    from common.durable import write_json

    write_json(
        heartbeat_state_path(ddir),
        {k: result[k] for k in ("sent_at", "latency_ms", "clock_skew_s", "config_version")},
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


def diagnostics(ddir: Path, kiosk_id: str, devices: list[Any]) -> dict[str, Any]:
    from kiosk import crash_record
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
        crashes=[crash_record.as_record(c) for c in crash_record.crashes(log_dir())],
    )


def tray_health(ddir: Path, camera: str) -> dict[str, Any]:
    """The tray as the central and the technician see it: the kept tray check's standing for
    this camera, and the edge contrast of the documents citizens laid on it (numbers only)."""
    from kiosk.monitoring.tray_contrast import TrayContrastRecord
    from provisioning.tray_record import heartbeat_figures

    return {**heartbeat_figures(ddir, camera), "in_use": TrayContrastRecord(ddir).summary()}


_ADVICE = {
    "unchecked": "selftest.tray.unchecked",
    "other_camera": "selftest.tray.other_camera",
    "fail": "selftest.tray.failed",
    "warn": "selftest.tray.kept_warn",
}


def tray_status(ddir: Path, camera: str) -> dict[str, Any]:
    """:func:`tray_health` with what to do, in Vietnamese and English (``kiosk provision
    status``, the technician screen): the kept check first, then what use has shown."""
    from kiosk.messages import text
    from kiosk.monitoring.tray_contrast import poor
    from provisioning.tray_record import checked_on

    out = tray_health(ddir, camera)
    day = checked_on(out["checked_at"]) if out.get("checked_at") else None
    out["checked_on"] = day
    code, values = _ADVICE.get(out["standing"]), {"date": day, "delta_e": out.get("delta_e")}
    use = out["in_use"]
    if code is None and poor(use):
        code = "selftest.tray.in_use_poor"
        values = {"median": use["median_delta_e"], "count": use["count"], "days": use["days"]}
    out["advice_code"] = code
    out["advice_vi"] = text(code, "vi", **values) if code else None
    out["advice_en"] = text(code, "en", **values) if code else None
    return out


def tray_in_use_check(ctx: st.SelftestContext) -> st.Check:
    """The self-test's view of the documents captured in use: a tray that passed its check can
    still be covered, changed or lit differently since."""
    from kiosk.monitoring.tray_contrast import MIN_CAPTURES, TrayContrastRecord, poor

    s = TrayContrastRecord(ctx.data_dir).summary()
    if s["count"] < MIN_CAPTURES:
        return st.make_check(
            ctx, "tray_in_use", "pass", f"{s['count']} documents measured in use (too few to judge)", s
        )
    summary = (
        f"median ΔE {s['median_delta_e']} over {s['count']} captures in {s['days']} days;"
        f" {100 * s['under_fail']:.0f} % under 4.5, {100 * s['under_warn']:.0f} % under 14;"
        f" {s['no_outline']} taken without an outline"
    )
    if poor(s):
        return st.make_check(
            ctx, "tray_in_use", "warn", summary, s, "selftest.tray.in_use_poor",
            median=s["median_delta_e"], count=s["count"], days=s["days"],
        )  # fmt: skip
    return st.make_check(ctx, "tray_in_use", "pass", summary, s)


def extra_checks(cfg: KioskConfig) -> dict[str, Callable[[st.SelftestContext], st.Check]]:
    """The checks the kiosk adds to the provisioning self-test (command line and technician screen)."""
    return {"speech": speech_check(cfg), "crashes": crash_check, "tray_in_use": tray_in_use_check}


def speech_check(cfg: KioskConfig) -> Callable[[st.SelftestContext], st.Check]:
    """The self-test's voice-guidance check: a kiosk that cannot speak works silently, and
    staff are told so here (engine, Vietnamese voice, audio output)."""
    from kiosk.speech.health import readiness

    def check(ctx: st.SelftestContext) -> st.Check:
        r = readiness(cfg.speech)
        figures = r.to_dict()
        if r.engine == "none":
            return st.make_check(
                ctx, "speech", "warn", "voice guidance turned off", figures, "selftest.speech.off"
            )
        if not r.ok:
            why = "no audio output" if r.route == "none" else "no speech engine or Vietnamese voice"
            return st.make_check(ctx, "speech", "warn", f"silent: {why}", figures, "selftest.speech.silent")
        return st.make_check(ctx, "speech", "pass", f"voice guidance ready ({r.route})", figures)

    return check


def crash_check(ctx: st.SelftestContext) -> st.Check:
    """Whether the kiosk crashed (a native fault: Qt, the binding) and has not run well since:
    when, what, the innermost Python frame, and the file with every thread's stack."""
    from kiosk import crash_record, vntime

    crash = crash_record.last_crash(ctx.data_dir / "logs")
    if crash is None:
        return st.make_check(ctx, "crashes", "pass", "no crash since the last clean stop")
    at = crash.at.astimezone(vntime.VN_TZ).strftime("%Y-%m-%d %H:%M")  # as the kiosk's clock shows
    figures = {"at": crash.at.isoformat(timespec="seconds"), "signal": crash.what, "where": crash.where}
    return st.make_check(
        ctx,
        "crashes",
        "warn",
        f"the kiosk crashed at {at} ({crash.what} in {crash.where}); stack in {crash.path}",
        {**figures, "file": str(crash.path)},
        "selftest.crash.recent",
        at=at,
        what=crash.what,
        file=str(crash.path),
    )
