"""What the technician screen may do, as plain callables (no Qt), built from the real kiosk.

Every action goes through :mod:`provisioning` and the same glue the ``kiosk provision`` /
``kiosk selftest`` commands use, so the screen and the console behave the same. Nothing here
reads citizens' data: self-test keeps counts and device figures only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class TechnicianServices:
    status: Callable[[], dict[str, Any]]  # enrollment, key fingerprint, config version, last heartbeat
    devices: Callable[[], list[Any]]  # devices.registry.DeviceHealth list
    selftest: Callable[[tuple[str, ...], bool], dict[str, Any]]  # (only, print_test_page) -> report dict
    camera_source: Callable[[], str]  # the configured camera ("sim", an index or a file)
    audit: Callable[[str, dict[str, Any]], None]


def from_kiosk(
    cfg: Any, data_dir: Path, *, central: str | None = None, send_reports: bool = True
) -> TechnicianServices:
    """Services bound to this kiosk's configuration and data dir."""
    from common.durable import write_json
    from devices.registry import list_devices
    from kiosk import provision as glue
    from kiosk.devices_setup import device_settings
    from kiosk.messages import text
    from provisioning import commands as remote
    from provisioning import config as signed_config
    from provisioning import enroll as enrollment
    from provisioning import selftest as st
    from provisioning.errors import ProvisioningError
    from provisioning.link import CentralLink

    audit = glue.audit_sink(data_dir)

    def status() -> dict[str, Any]:
        out = enrollment.status(data_dir)
        cur = signed_config.current(data_dir)
        out["config_version"] = cur.version if cur else None
        out["config_source"] = cur.source if cur else None
        last = enrollment.provisioning_dir(data_dir) / "last_heartbeat.json"
        import json

        out["last_heartbeat"] = json.loads(last.read_text()) if last.exists() else None
        out["out_of_service"] = remote.service_state(data_dir).out_of_service
        out["tray"] = glue.tray_status(data_dir, device_settings(cfg).camera)
        return out

    def selftest(only: tuple[str, ...], print_test_page: bool) -> dict[str, Any]:
        e = enrollment.load_enrollment(data_dir)
        url = central or (e.central_url if e else cfg.central.url)
        link = None
        if e is not None:
            try:
                link = enrollment.link_for(data_dir, central)
            except ProvisioningError:
                link = None
        public = CentralLink(url, None) if url else None
        try:
            ctx = st.SelftestContext(
                settings=device_settings(cfg),
                data_dir=data_dir,
                link=link,
                public_link=public,
                outbox=lambda: glue.outbox_figures(data_dir),
                print_test_page=print_test_page,
                kiosk_id=e.kiosk_id if e else cfg.kiosk.id,
                describe=text,
                only=only,
                extra_checks=glue.extra_checks(cfg),
            )
            report = st.run_selftest(ctx)
            out = report.to_dict()
            audit(
                "technician_selftest", {"overall": report.overall, "checks": [c.name for c in report.checks]}
            )
            if not only:
                write_json(enrollment.provisioning_dir(data_dir) / "last_selftest.json", out)
                if link is not None and send_reports:
                    try:
                        out["report_id"] = st.send_report(link, report)
                    except ProvisioningError as err:
                        out["send_error"] = err.detail
            return out
        finally:
            for lk in (link, public):
                if lk is not None:
                    lk.close()

    return TechnicianServices(
        status=status,
        devices=lambda: list_devices(device_settings(cfg)),
        selftest=selftest,
        camera_source=lambda: cfg.devices.camera,
        audit=audit,
    )
