"""Health probe for the card reader: pcscd reachable, the configured reader present, a card in it."""

from __future__ import annotations

from devices.registry import DeviceHealth
from devices.settings import DeviceSettings


def probe(settings: DeviceSettings) -> DeviceHealth:
    value = str(settings.card_reader)
    if value.startswith("sim"):
        return DeviceHealth("card_reader", "Simulated CCCD reader", "simulated", "ok", "demo profile")
    from smartcard import scard as sc

    from devices.card.errors import CardError
    from devices.card.pcsc import establish, list_readers, pick_reader

    try:
        ctx = establish()
    except CardError as e:
        return DeviceHealth("card_reader", value, "pcsc", "fail", f"{e.code}: {e.detail}")
    try:
        names = list_readers(ctx)
        reader = pick_reader(names, value)
        if reader is None:
            return DeviceHealth(
                "card_reader",
                value,
                "pcsc",
                "absent",
                f"no reader matches {value!r} ({len(names)} readers seen)",
            )
        rc, states = sc.SCardGetStatusChange(ctx, 0, [(reader, sc.SCARD_STATE_UNAWARE)])
        present = rc == sc.SCARD_S_SUCCESS and bool(states[0][1] & sc.SCARD_STATE_PRESENT)
        return DeviceHealth(
            "card_reader", reader, "pcsc", "ok", "card present" if present else "ready, no card",
            {"readers": len(names), "card_present": present},
        )  # fmt: skip
    except CardError as e:
        return DeviceHealth("card_reader", value, "pcsc", "fail", f"{e.code}: {e.detail}")
    finally:
        sc.SCardReleaseContext(ctx)
