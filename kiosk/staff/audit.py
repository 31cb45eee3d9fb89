"""Where staff events go: the kiosk's hash-chained audit log, never with the PIN.

:class:`AuditSink` is the one method this package needs (``append(actor, action, details)``);
the kiosk passes the offline cache's audit log. Actions written here: ``staff.sign_in``,
``staff.sign_in_refused`` (``reason``, ``attempts_left``), ``staff.locked``,
``staff.lock_expired``, ``staff.unlocked`` (``by``), ``staff.sign_out`` (``reason``),
``staff.take_over``, ``staff.hand_back``, ``staff.finish``, ``staff.step`` and
``staff.reprint``. Details hold IDs and codes only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

FORBIDDEN = frozenset({"pin", "supervisor_pin", "name", "credential", "verifier"})


class AuditSink(Protocol):
    def append(self, actor: str, action: str, details: Mapping[str, Any]) -> Any: ...


def clean(details: Mapping[str, Any]) -> dict[str, Any]:
    """Details as given, minus anything that must never reach the audit log."""
    return {k: v for k, v in details.items() if k not in FORBIDDEN}
