"""Supervised mode wired to the real kiosk: call ``attach_staff(window)`` once after the main
window is built (``ui/app.py``), and ``mode.set_central_url(url)`` when the demo sandbox is up.

Opens the staff store and the offline store under the data dir, builds :class:`StaffAuth`
from the configuration, and gives the staff menu its data sources (outbox, device probes,
the status model, help requests from the central, the end-of-day report, print jobs if the
printer area put a ``PrintJobs`` on the window as ``window.print_jobs``).
"""

from __future__ import annotations

from typing import Any

from devices.registry import list_devices
from kiosk.devices_setup import device_settings
from kiosk.paths import data_dir
from kiosk.report import day_report_from_kiosk
from kiosk.staff.auth import StaffAuth
from kiosk.staff.errors import CentralUnreachable
from kiosk.staff.store import StaffStore
from kiosk.staff.wiring import client_from, policy_from
from ui.staff.menu import StaffServices
from ui.staff.mode import StaffMode, install_staff


def attach_staff(window: Any) -> StaffMode:
    from offline_cache.store import Store

    cfg = window.config
    data = data_dir()
    staff_store = StaffStore.open(data)
    cache = Store.open(data)
    auth = StaffAuth(
        staff_store, cache.audit, kiosk_id=cfg.kiosk.id, client=client_from(cfg), policy=policy_from(cfg)
    )

    def help_requests() -> list[Any]:
        if auth.client is None:
            raise CentralUnreachable("no central configured")
        return auth.client.help_requests(cfg.kiosk.id)

    def connectivity() -> dict[str, tuple[str, str]]:
        return {k: (window.status.get(k).state, window.status.get(k).detail) for k in ("network", "central")}

    services = StaffServices(
        audit=cache.audit,
        store=cache,
        print_jobs=getattr(window, "print_jobs", None),
        device_health=lambda: list_devices(device_settings(cfg)),
        connectivity=connectivity,
        help_requests=help_requests,
        day_report=lambda day: day_report_from_kiosk(cfg, data, day),
        export_dir=data / "exports",
    )
    mode = install_staff(window, auth, services)
    mode.closers += [staff_store.close, cache.close]
    if auth.client is not None:
        mode.closers.append(auth.client.close)
    demo = getattr(window, "demo_central", None)
    if demo is not None:
        connect_demo_central(mode, demo)
    return mode


def connect_demo_central(mode: StaffMode, demo: Any) -> None:
    """Demo profile: when ui.demo's sandbox is up, sign in through it with its site API key."""

    def ready(url: str) -> None:
        from kiosk.sandbox.kiosk_auth import KEY_FILE

        key_file = demo.data_dir / "sandbox" / KEY_FILE
        mode.set_central_url(url, key_file.read_text().strip() if key_file.exists() else None)

    demo.ready.connect(ready)
