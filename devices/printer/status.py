"""Real-time printer status: ESC/POS ``DLE EOT n`` (n = 1..4) and what its answers mean.

Each ``DLE EOT n`` (``10 04 n``) is answered at once with one byte, even while the printer
is offline. In every answer bit 0 and bit 7 are 0 and bits 1 and 4 are 1 (``b & 0x93 ==
0x12``); a byte that breaks this is not a status answer.

n=1 printer status     bit 3: offline; bit 5: waiting for online recovery; bit 6: feed button
n=2 offline cause      bit 2: cover open; bit 3: paper fed by button; bit 5: printing stopped
                       by paper end; bit 6: an error occurred
n=3 error cause        bit 2: recoverable error; bit 3: autocutter error; bit 5:
                       unrecoverable error; bit 6: auto-recoverable error (e.g. head heat)
n=4 roll paper sensor  bits 2-3: paper near end; bits 5-6: paper end (both bits of a pair
                       are set by the printers we know; either one counts)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

DLE_EOT = b"\x10\x04"
FIXED_MASK = 0x93
FIXED_VALUE = 0x12

OFFLINE = 0x08
WAITING_RECOVERY = 0x20
COVER_OPEN = 0x04
STOPPED_PAPER_END = 0x20
ERROR_OCCURRED = 0x40
ERR_RECOVERABLE = 0x04
ERR_CUTTER = 0x08
ERR_UNRECOVERABLE = 0x20
ERR_AUTO_RECOVERABLE = 0x40
NEAR_END = 0x0C
PAPER_END = 0x60

Condition = Literal["ready", "near_end", "paper_end", "cover_open", "offline", "error", "unknown"]


def query(n: int) -> bytes:
    if n not in (1, 2, 3, 4):
        raise ValueError("DLE EOT n: n is 1..4")
    return DLE_EOT + bytes([n])


def is_status_byte(b: int) -> bool:
    return b & FIXED_MASK == FIXED_VALUE


@dataclass(frozen=True)
class PrinterStatus:
    """One reading of the printer. ``known`` is False when the transport cannot read back (file)."""

    reachable: bool = True
    online: bool = True
    cover_open: bool = False
    paper_near_end: bool = False
    paper_end: bool = False
    error: bool = False
    known: bool = True
    detail: str = ""  # technical: raw bytes, which error bits
    raw: tuple[int, ...] = field(default=(), compare=False)

    @property
    def condition(self) -> Condition:
        """The one thing to tell people, most serious first."""
        if not self.reachable:
            return "offline"
        if self.cover_open:
            return "cover_open"
        if self.paper_end:
            return "paper_end"
        if self.error:
            return "error"
        if not self.online:
            return "offline"
        if not self.known:
            return "unknown"
        if self.paper_near_end:
            return "near_end"
        return "ready"

    @property
    def can_print(self) -> bool:
        return self.condition in ("ready", "near_end", "unknown")

    @property
    def code(self) -> str:
        """Message-catalog code for this condition (``printer.<condition>``)."""
        return f"printer.{self.condition}"

    def as_dict(self) -> dict[str, object]:
        return {
            "condition": self.condition,
            "can_print": self.can_print,
            "reachable": self.reachable,
            "online": self.online,
            "cover_open": self.cover_open,
            "paper_near_end": self.paper_near_end,
            "paper_end": self.paper_end,
            "error": self.error,
            "known": self.known,
            "detail": self.detail,
            "raw": [f"0x{b:02X}" for b in self.raw],
        }


UNREACHABLE = PrinterStatus(reachable=False, online=False, detail="no connection")
NOT_READABLE = PrinterStatus(known=False, detail="this transport cannot read status")


def decode(printer: int, offline_cause: int, error_cause: int, paper: int) -> PrinterStatus:
    """The four answers of DLE EOT 1, 2, 3, 4 as one status."""
    raw = (printer, offline_cause, error_cause, paper)
    bad = [n for n, b in enumerate(raw, 1) if not is_status_byte(b)]
    if bad:
        return PrinterStatus(
            online=False, error=True, detail=f"not a status answer to DLE EOT {bad}: {_hex(raw)}", raw=raw
        )
    errors = []
    if error_cause & ERR_CUTTER:
        errors.append("autocutter")
    if error_cause & ERR_UNRECOVERABLE:
        errors.append("unrecoverable")
    if error_cause & ERR_AUTO_RECOVERABLE:
        errors.append("auto-recoverable (head temperature?)")
    if error_cause & ERR_RECOVERABLE:
        errors.append("recoverable")
    paper_end = bool(paper & PAPER_END) or bool(offline_cause & STOPPED_PAPER_END)
    return PrinterStatus(
        online=not (printer & OFFLINE),
        cover_open=bool(offline_cause & COVER_OPEN),
        paper_near_end=bool(paper & NEAR_END) or paper_end,
        paper_end=paper_end,
        error=bool(errors) or bool(offline_cause & ERROR_OCCURRED and not paper_end),
        detail=(f"errors: {', '.join(errors)}; " if errors else "") + f"DLE EOT 1-4: {_hex(raw)}",
        raw=raw,
    )


def read_status(send: Callable[[bytes], None], read_byte: Callable[[], int | None]) -> PrinterStatus:
    """Ask DLE EOT 1, 2, 3, 4 in turn. ``read_byte`` returns None when nothing came in time."""
    answers: list[int] = []
    for n in (1, 2, 3, 4):
        send(query(n))
        b = read_byte()
        if b is None:
            if n == 1:
                return PrinterStatus(online=False, detail="no answer to DLE EOT 1 (offline or not ESC/POS)")
            return PrinterStatus(online=False, detail=f"no answer to DLE EOT {n}", raw=tuple(answers))
        answers.append(b)
    return decode(*answers)


def _hex(raw: tuple[int, ...]) -> str:
    return " ".join(f"{b:02X}" for b in raw)
