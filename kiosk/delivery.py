"""Where a dossier just submitted is, in one word, from the live state of the kiosk.

The done screen, the receipt and the header all say it from the same facts (the network,
the central, the outbox's answer), so they never disagree: "sent now", "kept here: the
central system cannot be reached", or "kept here: the network is down".
"""

from __future__ import annotations

from typing import Literal

Delivery = Literal["sent", "queued_central", "queued_network"]


def delivery(*, network: str, central: str, accepted: bool) -> Delivery:
    """``network``/``central``: the header's indicator states ("ok", "down", "connecting" …);
    ``accepted``: the outbox says the central has the dossier."""
    if accepted:
        return "sent"
    if network not in ("ok", "demo"):
        return "queued_network"
    return "queued_central"
