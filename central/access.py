"""Who may call a route: every route of the central declares it, and nothing else decides.

A route says its rule with ``openapi_extra=access(Access.OFFICER)`` (or any other level);
the rule is carried in the OpenAPI operation as ``x-access`` so that tests and reviewers read
it from the app itself. Enforcement reads the same declaration (one place decides who is
calling); a route without a declaration is refused (default deny), and a test lists every
route from the app so that a new route without a rule fails.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Access(StrEnum):
    PUBLIC = "public"  # anyone: the Open311 discovery, public tracking by code, published figures
    KIOSK = "kiosk"  # an enrolled kiosk's RFC 9421 signature (or the demo profile's site key)
    OFFICER = "officer"  # a signed-in officer of the dossier's agency (console)
    SUPERVISOR = "supervisor"  # a signed-in supervisor (unlocks, agency figures)
    TECHNICIAN = "technician"  # a signed-in technician (fleet pages)
    ADMIN = "admin"  # a signed-in administrator (signed configs, fleet commands, accounts)


ACCESS_KEY = "x-access"


def access(level: Access) -> dict[str, Any]:
    """``openapi_extra`` for a route: ``@router.get(path, openapi_extra=access(Access.PUBLIC))``."""
    return {ACCESS_KEY: level.value}
