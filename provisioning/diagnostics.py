"""A diagnostic bundle for the central: versions, devices, last self-test, and log events —
never personal data.

Logs are already written without personal data, but the bundle does not rely on that: it
keeps only whitelisted keys of each JSON log line, drops every value that looks like an
identity number, and keeps no free text at all beyond the event name.
"""

from __future__ import annotations

import json
import re
import time
from collections import deque
from pathlib import Path
from typing import Any

LOG_KEYS = frozenset(
    {
        "timestamp",
        "level",
        "event",
        "logger",
        "code",
        "reason",
        "ref",
        "state",
        "kind",
        "status",
        "driver",
        "version",
    }
)
_DIGITS = re.compile(r"\d{6,}")


def _clean_value(v: Any) -> Any:
    if isinstance(v, bool | int | float) or v is None:
        return v
    s = str(v)[:80]
    return _DIGITS.sub(lambda m: "#" * len(m.group(0)), s)


def log_events(log_dir: Path, limit: int = 300) -> list[dict[str, Any]]:
    """The last ``limit`` log events, reduced to whitelisted keys."""
    out: deque[dict[str, Any]] = deque(maxlen=limit)
    files = sorted(log_dir.glob("kiosk.log*"), key=lambda p: p.stat().st_mtime) if log_dir.exists() else []
    for f in files:
        with f.open("r", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if isinstance(rec, dict):
                    out.append({k: _clean_value(v) for k, v in rec.items() if k in LOG_KEYS})
    return list(out)


def build_bundle(
    *,
    kiosk_id: str,
    software_version: str,
    config_version: int,
    devices: list[dict[str, Any]],
    selftest: dict[str, Any] | None,
    log_dir: Path,
    crashes: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "kind": "diagnostics",
        "kiosk_id": kiosk_id,
        "created_at": time.time(),
        "software_version": software_version,
        "config_version": config_version,
        "devices": [
            {k: _clean_value(d.get(k)) for k in ("kind", "name", "driver", "state", "detail")}
            for d in devices
        ],
        "selftest": selftest,
        "log_events": log_events(log_dir),
        # Native crashes' Python stacks (kiosk.crash_record): files, lines, functions, no values.
        "crashes": list(crashes or []),
    }
