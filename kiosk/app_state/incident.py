"""Incident records for the safety net: a reference to read to staff, and a log entry.

The log entry names the exception type and where it was raised (file, line, function) —
never the exception's message or local values, which might quote a citizen's data.
"""

from __future__ import annotations

import secrets
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

# Crockford's alphabet (as in kiosk.tracking): easy to read aloud over a counter.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference(now: datetime | None = None) -> str:
    """``E-1045-7K3M``: the UTC time (to find it in the log) and four random symbols."""
    now = now or datetime.now(UTC)
    return f"E-{now:%H%M}-" + "".join(secrets.choice(_ALPHABET) for _ in range(4))


def _where(filename: str) -> str:
    # Only the path inside the project / site-packages: no home directories in logs.
    parts = Path(filename).parts
    for anchor in ("site-packages", "kiosk", "ui", "devices", "offline_cache", "provisioning"):
        if anchor in parts:
            i = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[i:])
    return Path(filename).name


def incident_fields(
    reference: str,
    exc_type: type[BaseException] | None,
    tb: TracebackType | None,
    *,
    thread: str,
    screen: str | None,
    limit: int = 12,
) -> dict[str, Any]:
    frames = traceback.extract_tb(tb, limit=None)[-limit:] if tb else []
    return {
        "reference": reference,
        "error_type": f"{exc_type.__module__}.{exc_type.__qualname__}" if exc_type else "unknown",
        "thread": thread,
        "screen": screen or "",
        "frames": [f"{_where(f.filename)}:{f.lineno}:{f.name}" for f in frames],
    }
