"""A citizen's "Ask for staff help": recorded in the audit log (for the end-of-day report) and
raised on the central, where it shows until staff sign in at this kiosk (the central closes
it then). Offline, the request is only local: the kiosk's own banner still offers staff help.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.logs import get_logger
from kiosk.staff.audit import AuditSink
from kiosk.staff.errors import CentralRefused, CentralUnreachable

if TYPE_CHECKING:
    from kiosk.staff.client import StaffCentralClient

log = get_logger(__name__)


@dataclass(frozen=True)
class HelpRaised:
    request_id: str | None  # None when the central could not be told
    on_central: bool


def request_help(
    audit: AuditSink, client: StaffCentralClient | None, kiosk_id: str, screen: str
) -> HelpRaised:
    request_id = None
    if client is not None:
        try:
            request_id = client.raise_help_request(kiosk_id, screen)
        except (CentralUnreachable, CentralRefused) as e:
            log.info("help_request_not_sent", error=type(e).__name__)
    audit.append(
        "citizen", "help.requested", {"kiosk_id": kiosk_id, "screen": screen, "on_central": bool(request_id)}
    )
    return HelpRaised(request_id, request_id is not None)
