"""Card errors: each a stable message code (words in ``kiosk/messages/card.py``) and a way on.

``detail`` is technical and never holds personal data (no names, no full ID numbers, no MRZ).
"""

from __future__ import annotations

from typing import Any

from devices.errors import DeviceError


class CardError(DeviceError, code="card.error"):
    #: what the person at the kiosk can do next: reinsert | rescan_qr | type_mrz | ask_staff | wait
    way_on = "ask_staff"

    def __init_subclass__(cls, way_on: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if way_on is not None:
            cls.way_on = way_on

    def __init__(self, detail: str = "", *, code: str | None = None, way_on: str | None = None):
        super().__init__(detail, code=code)
        if way_on:
            self.way_on = way_on


# One line each: the code, and the way on when it is not "ask staff".
class PcscUnavailable(CardError, code="card.pcsc_unavailable"): ...  # pcscd not running / no libpcsclite


class NoReader(CardError, code="card.no_reader"): ...


class ReaderGone(CardError, code="card.reader_unplugged"): ...


class NoCard(CardError, code="card.no_card", way_on="reinsert"): ...


class CardRemoved(CardError, code="card.removed", way_on="reinsert"): ...


class NotEmrtd(CardError, code="card.not_emrtd"): ...


class WrongKey(CardError, code="card.wrong_key", way_on="type_mrz"): ...  # MUTUAL AUTHENTICATE said 6300


class AccessUnsupported(CardError, code="card.access_unsupported", way_on="type_mrz"): ...  # a CAN, no PACE


class SecureMessagingError(CardError, code="card.sm_failed", way_on="reinsert"): ...  # MAC or format wrong


class FileMissing(CardError, code="card.file_missing"): ...


class CorruptFile(CardError, code="card.corrupt_file", way_on="reinsert"): ...


class CardTimeout(CardError, code="card.timeout", way_on="reinsert"): ...


class BadMrz(CardError, code="card.bad_mrz", way_on="type_mrz"): ...


class BadQr(CardError, code="card.bad_qr", way_on="type_mrz"): ...


class CardStatus(CardError, code="card.card_error", way_on="reinsert"):
    """Any other status word the card answered (the detail says which)."""

    def __init__(self, sw: int, what: str):
        super().__init__(f"{what}: status {sw:04X}")
        self.sw = sw
