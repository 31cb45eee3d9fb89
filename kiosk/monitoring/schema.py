"""The monitoring event: an allow-list of fields, each with a closed set of values.

Why an allow-list rather than scrubbing: a scrubber must recognise every way a name, an ID
number or an address can be written; an allow-list needs only to know what may pass. Every
field below is an enumeration, a bounded integer, a boolean, a random session id of a fixed
shape, or a procedure code checked against the catalog. Nothing typed by a citizen fits.

Times: the day only (Vietnam's calendar day), never a clock time, so an event cannot be
matched to a dossier's exact submission time; durations are rounded to 5 seconds.
The central validates the same rules again (``central/monitoring/ingest.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from kiosk.errors import KioskError

SCHEMA_VERSION = 1

KINDS = ("session", "screen", "back", "help", "error", "fault", "submitted", "rating")
# Screens of the kiosk (ui/screens/registry ids); anything else is reported as "other".
SCREENS = (
    "attract",
    "home",
    "find",
    "procedure",
    "track",
    "help",
    "info",
    "submit",
    "submit_where",
    "submit_identify",
    "submit_form",
    "submit_documents",
    "submit_review",
    "submit_done",
    "submit_handover",
    "submit_rate",
    "error",
    "other",
)
# How a session ended.
OUTCOMES = ("submitted", "abandoned", "timeout", "error", "finished")
REASONS = ("easy", "fast", "hard", "slow", "device")
DEVICES = ("card_reader", "printer", "scanner", "camera")
LANGUAGES = ("vi", "en")
TEXT_SIZES = (100, 150, 200)
SPEECH_MODES = ("off", "on")
# The fields whose value is one of a fixed few.
CHOICES: dict[str, tuple[Any, ...]] = {
    "screen": SCREENS,
    "outcome": OUTCOMES,
    "face": (1, 2, 3, 4, 5),
    "device": DEVICES,
    "language": LANGUAGES,
    "text_size": TEXT_SIZES,
    "speech": SPEECH_MODES,
}
MAX_DURATION_S = 4 * 3600
ROUND_S = 5
MAX_SEQ = 10_000

SESSION_RE = re.compile(r"[0-9a-f]{32}")
# Catalog procedure codes ("1.001", "2.000123.000.00.00.H12") and message codes ("card.read_failed").
PROCEDURE_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._\-]{0,39}")
CODE_RE = re.compile(r"[a-z][a-z0-9_]{0,30}(\.[a-z0-9_]{1,30}){1,4}")

# Which optional fields each kind may carry (anything else is refused).
FIELDS: dict[str, frozenset[str]] = {
    "session": frozenset(
        {"outcome", "screen", "duration_s", "procedure", "language", "text_size", "speech", "assisted"}
    ),
    "screen": frozenset({"screen", "duration_s"}),
    "back": frozenset({"screen"}),
    "help": frozenset({"screen", "wait_s"}),
    "error": frozenset({"screen", "code"}),
    "fault": frozenset({"screen", "device"}),
    "submitted": frozenset({"procedure", "duration_s"}),
    "rating": frozenset({"face", "reasons", "procedure"}),
}
COMMON = frozenset({"session", "seq", "kind", "day"})
ALL_FIELDS = COMMON | frozenset().union(*FIELDS.values())


class EventError(KioskError):
    code = "monitoring.invalid_event"


@dataclass(frozen=True)
class Event:
    session: str
    seq: int
    kind: str
    day: str  # ISO date, Vietnam time
    screen: str | None = None
    duration_s: int | None = None
    wait_s: int | None = None
    procedure: str | None = None
    outcome: str | None = None
    face: int | None = None
    reasons: tuple[str, ...] | None = None
    code: str | None = None
    device: str | None = None
    language: str | None = None
    text_size: int | None = None
    speech: str | None = None
    assisted: bool | None = None

    def to_wire(self) -> dict[str, Any]:
        """Only the fields that are set (the central refuses unknown ones)."""
        out = {k: v for k, v in asdict(self).items() if v is not None}
        if "reasons" in out:
            out["reasons"] = list(out["reasons"])
        return out


def round_duration(seconds: float) -> int:
    """To the nearest 5 s, within [0, 4 h]: enough for medians, too coarse to fingerprint."""
    s = max(0.0, min(float(seconds), MAX_DURATION_S))
    return int(round(s / ROUND_S) * ROUND_S)


def _fail(field: str, why: str) -> EventError:
    return EventError(f"monitoring event field {field!r}: {why}")


def _one_of(field: str, value: Any, allowed: tuple[Any, ...]) -> Any:
    if type(value) is not type(allowed[0]) or value not in allowed:
        raise _fail(field, f"must be one of {allowed}")
    return value


def _int(field: str, value: Any, high: int) -> int:
    if type(value) is not int or not 0 <= value <= high:
        raise _fail(field, f"must be a whole number from 0 to {high}")
    return value


def _match(field: str, value: Any, pattern: re.Pattern[str]) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise _fail(field, "is not a code of the expected shape")
    return value


def make_event(
    fields: Mapping[str, Any],
    *,
    procedures: frozenset[str] | None = None,
    codes: frozenset[str] | None = None,
) -> Event:
    """Validate ``fields`` against the allow-list and build the event, or raise :class:`EventError`.

    ``procedures`` / ``codes``: the catalog's procedure codes and the message catalog's codes;
    given, a value must be one of them (the kiosk always gives them; the central checks shapes).
    """
    kind = _one_of("kind", fields.get("kind"), KINDS)
    extra = set(fields) - COMMON - FIELDS[kind]
    if extra:
        raise _fail(sorted(extra)[0], f"is not allowed in a {kind!r} event")
    out: dict[str, Any] = {
        "session": _match("session", fields.get("session"), SESSION_RE),
        "seq": _int("seq", fields.get("seq"), MAX_SEQ),
        "kind": kind,
    }
    day = fields.get("day")
    try:
        if not isinstance(day, str) or len(day) != 10 or date.fromisoformat(day).isoformat() != day:
            raise ValueError
    except ValueError:
        raise _fail("day", "must be an ISO date (YYYY-MM-DD)") from None
    out["day"] = day
    for name, value in fields.items():
        if name in COMMON or value is None:
            continue
        if name in CHOICES:
            out[name] = _one_of(name, value, CHOICES[name])
        elif name in ("duration_s", "wait_s"):
            v = _int(name, value, MAX_DURATION_S)
            if v % ROUND_S:
                raise _fail(name, f"must be rounded to {ROUND_S} s")
            out[name] = v
        elif name == "procedure":
            out[name] = _match(name, value, PROCEDURE_RE)
            if procedures is not None and value not in procedures:
                raise _fail(name, "is not a procedure of the catalog")
        elif name == "reasons":
            if not isinstance(value, list | tuple) or len(set(value)) != len(value):
                raise _fail(name, "must be a list of distinct reason codes")
            out[name] = tuple(_one_of(name, r, REASONS) for r in value)
        elif name == "code":
            out[name] = _match(name, value, CODE_RE)
            if codes is not None and value not in codes:
                raise _fail(name, "is not a message code")
        elif name == "assisted":
            if type(value) is not bool:
                raise _fail(name, "must be true or false")
            out[name] = value
    return Event(**out)
