"""What the rest of the kiosk sees of a card reader: one Protocol, plain events, plain results.

A reader runs its own thread (the device's owning thread). ``start(sink)`` begins watching
readers and cards; every happening is handed to ``sink`` as one of the frozen event classes
below, *on the reader's thread* (the Qt wrapper in ``ui/devices/card.py`` re-emits them as
signals). ``request_read(keys)`` asks for a read of the card present; its outcome arrives as
``ReadProgress`` … then ``ReadFinished`` or ``ReadFailed``. ``read(keys)`` is the blocking
form for the command line and tests (not to be called while the monitor thread runs).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from devices.card.dg13 import Dg13
from devices.card.lds import FaceImage
from devices.card.mrz import MrzKey
from devices.card.passive import UNVERIFIED


@dataclass(frozen=True)
class CanKey:
    """The 6-digit card access number printed on the card (PACE only)."""

    can: str

    def __repr__(self) -> str:
        return "CanKey(******)"


AccessKey = MrzKey | CanKey


@dataclass(frozen=True)
class Verification:
    level: str = UNVERIFIED  # verified | signer_untrusted | failed | unverified
    source: str = "chip"  # chip | qr | simulated | mrz_typed
    access: str = ""  # BAC | PACE | ""
    detail: str = ""
    signer: str = ""
    checked_groups: tuple[int, ...] = ()
    mismatched_groups: tuple[int, ...] = ()
    active_authentication: str = "not_supported"  # passed | failed | not_supported
    chip_authentication: str = "not_supported"  # passed | failed | not_supported


@dataclass(frozen=True)
class CardRead:
    """The card's holder data, ready to prefill forms. Dates as ``date``; ISO in ``to_dict``."""

    document_number: str
    personal_number: str  # 12-digit ID (DG13, else the MRZ optional data)
    full_name: str  # with diacritics from DG13, else from the MRZ
    surname: str
    given_names: str
    birth_date: date | None
    expiry_date: date | None  # None: no expiry (cards issued at 58 or older)
    sex: str  # "M" | "F" | "X"
    nationality: str
    issuing_state: str
    face: FaceImage | None = None
    dg13: Dg13 | None = None
    verification: Verification = field(default_factory=Verification)
    files: tuple[str, ...] = ()
    figures: dict[str, Any] = field(default_factory=dict)  # apdus, seconds, mode: no personal data

    def to_dict(self) -> dict[str, Any]:
        face = None
        if self.face is not None:
            face = {
                "format": self.face.format,
                "bytes": len(self.face.data),
                "width": self.face.width,
                "height": self.face.height,
            }
        return {
            "document_number": self.document_number,
            "personal_number": self.personal_number,
            "full_name": self.full_name,
            "surname": self.surname,
            "given_names": self.given_names,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
            "sex": self.sex,
            "nationality": self.nationality,
            "issuing_state": self.issuing_state,
            "face_image": face,
            "dg13": self.dg13.to_dict() if self.dg13 else None,
            "verification": self.verification.__dict__
            | {
                "checked_groups": list(self.verification.checked_groups),
                "mismatched_groups": list(self.verification.mismatched_groups),
            },
            "files": list(self.files),
            "figures": dict(self.figures),
        }

    def __repr__(self) -> str:  # personal data: never in logs
        return f"CardRead(files={self.files}, level={self.verification.level})"


# ---- events (delivered on the reader's thread) ---------------------------------------------


@dataclass(frozen=True)
class ReaderAdded:
    reader: str


@dataclass(frozen=True)
class ReaderRemoved:
    reader: str


@dataclass(frozen=True)
class CardInserted:
    reader: str
    atr: str  # hex


@dataclass(frozen=True)
class CardRemoved:
    reader: str


@dataclass(frozen=True)
class ReadProgress:
    step: str  # "access" | "COM" | "DG1" | "DG2" | "DG13" | "SOD" | "verify" …
    done: int  # bytes of the current file read so far (0 for steps without a file)
    total: int


@dataclass(frozen=True)
class ReadFinished:
    result: CardRead


@dataclass(frozen=True)
class ReadFailed:
    code: str  # message code: kiosk/messages/card.py has the words
    way_on: str  # reinsert | rescan_qr | type_mrz | ask_staff | wait
    detail: str = ""  # technical, no personal data


@dataclass(frozen=True)
class MonitorFailed:
    code: str
    detail: str = ""


CardEvent = (
    ReaderAdded
    | ReaderRemoved
    | CardInserted
    | CardRemoved
    | ReadProgress
    | ReadFinished
    | ReadFailed
    | MonitorFailed
)
EventSink = Callable[[CardEvent], None]
ProgressSink = Callable[[ReadProgress], None]


class CardReader(Protocol):
    name: str

    def start(self, sink: EventSink) -> None: ...

    def stop(self) -> None: ...

    def request_read(self, keys: Sequence[AccessKey]) -> None: ...

    def read(self, keys: Sequence[AccessKey], progress: ProgressSink | None = None) -> CardRead: ...
