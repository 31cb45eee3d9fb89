"""Shared output conventions for commands: JSON where output is data, errors without tracebacks."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import uuid
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from kiosk.logs import get_logger

log = get_logger(__name__)


def _default(o: Any) -> Any:
    if is_dataclass(o) and not isinstance(o, type):
        return asdict(o)
    if isinstance(o, datetime | date):
        return o.isoformat()
    if isinstance(o, Enum):
        return o.value
    if isinstance(o, Path):
        return str(o)
    if isinstance(o, bytes):
        return {"bytes": len(o)}
    if isinstance(o, set | frozenset):
        return sorted(o)
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def to_json(obj: Any) -> str:
    return json.dumps(obj, default=_default, ensure_ascii=False)


def emit(obj: Any, as_json: bool, human: Callable[[Any], str] | None = None) -> None:
    """Print ``obj`` as one JSON line, or through ``human`` (default: str)."""
    if as_json:
        print(to_json(obj))
    else:
        print(human(obj) if human else obj)


def fail(code: str, message: str, as_json: bool, status: int = 1) -> int:
    if as_json:
        print(to_json({"error": {"code": code, "message": message}}))
    else:
        print(f"error: {message}", file=sys.stderr)
    return status


def guarded(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command handler; expected errors become messages, unexpected ones a reference."""
    as_json = bool(getattr(args, "json", False))
    lang = getattr(args, "lang", None) or "en"
    try:
        status = int(func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows up here, inside the guard, not at interpreter exit
        return status
    except KioskError as e:
        return fail(e.code, e.user_text(lang) + (f" ({e.detail})" if e.detail else ""), as_json)
    except KeyboardInterrupt:
        return fail("interrupted", "interrupted", as_json, 130)
    except BrokenPipeError:
        # The reader went away (`kiosk outbox list | head`): not an error worth a traceback.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stdout for the rest of the process
        return 141
    except Exception as e:  # noqa: BLE001 - the last line of defence: no traceback for users
        # Device errors carry a code too, without importing kiosk from devices.
        code = getattr(e, "code", None)
        if isinstance(code, str) and "." in code:
            from kiosk.messages import text

            detail = getattr(e, "detail", "") or ""
            return fail(code, text(code, lang) + (f" ({detail})" if detail else ""), as_json)
        ref = uuid.uuid4().hex[:8].upper()
        log.exception("command_failed", ref=ref, command=getattr(args, "command", None))
        return fail("internal", f"unexpected error, reference {ref} (details in the kiosk log)", as_json, 70)
