"""Structured logs (JSON lines) to a rotating file, with personal data kept out.

Call sites log event names and technical facts only. As a second line of defence a
processor masks anything that looks like a 12-digit citizen ID or 9-character document
number and drops keys that must never be logged (names, addresses, images, PINs).

One path for every module: structlog events and the standard library's records (the device
drivers, the offline cache's sync, third-party libraries) go through the same
:class:`structlog.stdlib.ProcessorFormatter`, so the scrubber sees them all, tracebacks
included. The file lives under the data dir only (``<data>/logs/kiosk.log``, 0600 in a 0700
folder, rotated files too), so ``provision reset`` wipes it.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import structlog

from common.personal import PERSONAL_KEYS
from kiosk.paths import log_dir

# Keys whose values are personal or secret: dropped, whatever the caller meant. ID numbers are
# masked rather than dropped (mask_id), so records stay apart.
FORBIDDEN_KEYS = PERSONAL_KEYS | {"qr_text", "payload"}
_ID_RE = re.compile(r"(?<!\d)(\d{3})\d{6,9}(\d{3})(?!\d)")


def mask_id(value: str | None) -> str:
    """``001203004567`` → ``001******567``: enough to tell records apart, not to identify."""
    if not value:
        return ""
    v = str(value)
    if len(v) <= 6:
        return "*" * len(v)
    return v[:3] + "*" * (len(v) - 6) + v[-3:]


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return _ID_RE.sub(lambda m: m.group(1) + "*" * (len(m.group(0)) - 6) + m.group(2), value)
    return value


def scrub_personal(_logger: Any, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key in list(event):
        if key.lower() in FORBIDDEN_KEYS:
            event[key] = "[removed]"
        else:
            event[key] = _scrub(event[key])
    return event


_configured = False


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates the log and its rotated successors 0600, whatever the process umask."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)


def configure_logging(level: str = "info", directory: Path | None = None, *, to_stderr: bool = False) -> Path:
    """Route structlog and stdlib logging to ``kiosk.log`` (JSON lines, rotated at 5 MB × 5)."""
    global _configured
    directory = directory or log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    os.chmod(directory, 0o700)
    path = directory / "kiosk.log"
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
            h.close()
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    formatter = structlog.stdlib.ProcessorFormatter(
        # records from the standard library (device drivers, libraries) get the same fields
        foreign_pre_chain=[*shared, structlog.stdlib.add_logger_name],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            scrub_personal,  # after the traceback is text, so it is scrubbed too
            structlog.processors.JSONRenderer(ensure_ascii=False),
        ],
    )
    handler = _PrivateRotatingFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    handler._kiosk = True  # type: ignore[attr-defined]
    handler.setFormatter(formatter)
    root.addHandler(handler)
    if to_stderr:
        err = logging.StreamHandler()
        err._kiosk = True  # type: ignore[attr-defined]
        err.setFormatter(formatter)
        root.addHandler(err)
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )
    _configured = True
    return path


def get_logger(name: str) -> Any:
    return structlog.get_logger(name)
