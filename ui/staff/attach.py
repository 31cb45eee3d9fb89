"""Supervised mode wired to the real kiosk: call ``attach_staff(window)`` once after the main
window is built (``ui/app.py``, next to ``attach_provisioning``); ``mode.shutdown()`` before it
closes (also hooked to the window's ``destroyed``).

Uses the window's live services (``ui/services.py``) when it has them: the offline store (the
hash-chained audit log, the outbox), the central's URL and credentials as they become known,
the scanner (a staff card's QR anywhere opens the sign-in; a CCCD front QR while the sign-in
is open unlocks the officer's own chip card) and the card reader (a chip-verified read while
the sign-in is open signs the officer in with that card). Without services it opens its own
offline store (tests, tools).
"""

from __future__ import annotations

from typing import Any

from devices.registry import list_devices
from kiosk.devices_setup import device_settings
from kiosk.logs import get_logger
from kiosk.paths import data_dir
from kiosk.report import day_report_from_kiosk
from kiosk.staff.auth import StaffAuth
from kiosk.staff.errors import CentralUnreachable
from kiosk.staff.store import StaffStore
from kiosk.staff.wiring import client_from, policy_from
from ui.staff.menu import StaffServices
from ui.staff.mode import SIGN_IN, StaffMode, install_staff

log = get_logger(__name__)


def technician_services(cfg: Any, data: Any) -> Any:
    from ui.technician.services import from_kiosk

    return from_kiosk(cfg, data)


def attach_staff(window: Any) -> StaffMode:
    cfg = window.config
    data = data_dir()
    services = getattr(window, "services", None)
    staff_store = StaffStore.open(data)
    closers = [staff_store.close]
    if services is not None:
        cache = services.store  # owned and closed by the services
    else:
        from offline_cache.store import Store

        cache = Store.open(data)
        closers.append(cache.close)
    auth = StaffAuth(
        staff_store, cache.audit, kiosk_id=cfg.kiosk.id, client=client_from(cfg), policy=policy_from(cfg)
    )

    def help_requests() -> list[Any]:
        if auth.client is None:
            raise CentralUnreachable("no central configured")
        return auth.client.help_requests(cfg.kiosk.id)

    def connectivity() -> dict[str, tuple[str, str]]:
        return {k: (window.status.get(k).state, window.status.get(k).detail) for k in ("network", "central")}

    from devices.printer import jobs_dir

    menu_services = StaffServices(
        audit=cache.audit,
        store=cache,
        printer=(lambda: services.printer) if services is not None else None,
        jobs_folder=jobs_dir(data),
        device_health=lambda: list_devices(device_settings(cfg)),
        connectivity=connectivity,
        help_requests=help_requests,
        day_report=lambda day: day_report_from_kiosk(cfg, data, day),
        technician=lambda: technician_services(cfg, data),
        export_dir=data / "exports",
        start_procedure=lambda code: _resume_at_counter(window, code),
    )
    mode = install_staff(window, auth, menu_services)
    mode.closers += closers
    if auth.client is not None:
        mode.closers.append(auth.client.close)
    if services is not None:
        _connect_services(mode, services, demo=cfg.is_demo)
    else:
        demo = getattr(window, "demo_central", None)
        if demo is not None:
            connect_demo_central(mode, demo)
    window.destroyed.connect(lambda *_: mode.shutdown())
    return mode


def _connect_services(mode: StaffMode, services: Any, *, demo: bool) -> None:
    def central_changed(url: str) -> None:
        if not url:
            return
        try:
            probe = services.client()  # the same credentials as the Open311 client
        except Exception as e:  # noqa: BLE001 - no usable central yet: stay offline
            log.info("staff_central_not_usable", error_type=type(e).__name__)
            return
        try:
            auth = probe.session.auth
        finally:
            probe.close()
        mode.set_central_url(url, auth=auth)

    services.centralChanged.connect(central_changed)
    if services.central_url and mode.auth.client is None:
        central_changed(services.central_url)

    from kiosk.scan_routing import ScanKind

    def scanned(route: Any) -> None:
        if route.kind == ScanKind.STAFF:
            mode.offer_scan(route.text)
        elif route.kind == ScanKind.CCCD and mode.overlay.name == SIGN_IN:
            services.card.read_with_qr(route.text)  # the officer's own card: the QR opens the chip

    def card_read(read: Any) -> None:
        if mode.overlay.name != SIGN_IN:
            return
        v = read.verification
        if v.level == "verified" and (v.source == "chip" or (demo and v.source == "simulated")):
            mode.offer_id_card(read.personal_number)

    try:
        services.scanner.scanned.connect(scanned)
        services.card.readFinished.connect(card_read)
    except Exception as e:  # noqa: BLE001 - no scanner or reader: the banner button still works
        log.warning("staff_devices_not_connected", error_type=type(e).__name__)


def connect_demo_central(mode: StaffMode, demo: Any) -> None:
    """Demo profile without services: when ui.demo's sandbox is up, use its site API key."""

    def ready(url: str) -> None:
        mode.set_central_url(url, demo.api_key)

    demo.ready.connect(ready)


def _resume_at_counter(window: Any, procedure_code: str) -> None:
    """Staff resume a draft with the citizen present: the menu closes and the procedure opens;
    the draft itself comes back only when the citizen's own card is read."""
    from ui.screens.wizard import start_procedure

    mode = getattr(window, "staff_mode", None)
    if mode is not None:
        mode.close_menu()
    start_procedure(window, procedure_code)
