"""The QR code on the front of a CCCD / căn cước card, and the BAC key it implies.

Format (pipe-separated, UTF-8): ``ID12|old ID|Full name|DDMMYYYY birth|Nam/Nữ|Address|DDMMYYYY issue``.
Variants seen: the old-ID field empty or absent (6 fields), the issue date absent, extra trailing
fields on newer cards. The parser anchors on the sex field ("Nam"/"Nữ"), so it copes with all
of these. The QR is not signed: its data is a *hint* for prefill, always marked unverified.

BAC key (ICAO 9303 Part 11 §9.7.2) from the QR:

* document number = the last 9 digits of the 12-digit ID (as printed in the card's MRZ);
* birth date = the QR's birth date;
* expiry date = derived from the renewal ages of the card law, below.

Renewal ages. Luật Căn cước công dân 2014 (Law 59/2014/QH13) Art. 21: the card must be
renewed at 25, 40 and 60; a card issued, renewed or replaced within 2 years before one of those
ages stays valid until the next one. Luật Căn cước 2023 (Law 26/2023/QH15, in force 1 July
2024) Art. 21: renew at 14, 25, 40 and 60, with the same 2-year rule; cards of CCCD holders
keep their printed validity. Under both, a card issued at 58 or later has no expiry.

Assumptions (not confirmed on a real card; the reader falls back to asking for the MRZ when
the chip refuses every derived key, and tries each candidate in turn):

* the printed expiry date is the holder's birthday in the renewal-age year (29 Feb -> 28 Feb,
  and 1 Mar tried second);
* "within 2 years before" includes the day exactly 2 years before; issue dates within a week
  of that boundary try both expiries;
* a card without expiry has the MRZ expiry ``<<<<<<`` (then ``991231`` is tried).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from unidecode import unidecode

from devices.card.base import CardRead, Verification
from devices.card.dg13 import Dg13
from devices.card.errors import BadQr
from devices.card.mrz import NO_EXPIRY, MrzKey
from devices.card.passive import UNVERIFIED

RENEWAL_AGES = (14, 25, 40, 60)
BOUNDARY_SLACK = timedelta(days=7)
_DATE8 = re.compile(r"^\d{8}$")
_ID12 = re.compile(r"^\d{12}$")
_OLD_ID = re.compile(r"^(\d{9}|\d{12})$")
_SEX = {"nam": "M", "nữ": "F", "nu": "F", "male": "M", "female": "F"}


@dataclass(frozen=True)
class CccdQr:
    personal_number: str
    old_id: str | None
    full_name: str
    birth: date
    sex: str  # "M" | "F"
    address: str | None
    issued: date | None
    extra: tuple[str, ...] = ()

    @property
    def document_number(self) -> str:
        return self.personal_number[-9:]

    def to_dict(self) -> dict[str, object]:
        return {
            "personal_number": self.personal_number,
            "document_number": self.document_number,
            "old_id_number": self.old_id,
            "full_name": self.full_name,
            "birth_date": self.birth.isoformat(),
            "sex": self.sex,
            "place_of_residence": self.address,
            "issue_date": self.issued.isoformat() if self.issued else None,
            "verification": {"level": "unverified", "source": "qr"},
        }

    def __repr__(self) -> str:
        return f"CccdQr(fields={7 if self.issued else 6})"

    def to_card_read(self) -> CardRead:
        """The QR as prefill in the same shape as a chip read, marked unverified (source "qr")."""
        surname, _, given = self.full_name.partition(" ")
        dmy = "%d/%m/%Y"
        dg13 = Dg13(
            personal_number=self.personal_number,
            full_name=self.full_name,
            birth_date=self.birth.strftime(dmy),
            sex="Nam" if self.sex == "M" else "Nữ",
            place_of_residence=self.address,
            issue_date=self.issued.strftime(dmy) if self.issued else None,
            old_id_number=self.old_id,
        )
        return CardRead(
            document_number=self.document_number,
            personal_number=self.personal_number,
            full_name=self.full_name,
            surname=unidecode(surname).upper(),
            given_names=unidecode(given).upper(),
            birth_date=self.birth,
            expiry_date=None,  # not on the QR; derived candidates are only guesses for BAC
            sex=self.sex,
            nationality="VNM",
            issuing_state="VNM",
            dg13=dg13,
            verification=Verification(
                level=UNVERIFIED, source="qr", detail="from the card's QR code (unsigned)"
            ),
        )


class BadQrDate(BadQr):
    """A date in the QR that no card can carry (a birth or issue date in the future, before
    1900): the keys derived from it would be meaningless, or not even dates."""

    code = "card.bad_qr_date"


#: No CCCD holder was born before this; later dates than today are impossible on any card.
EARLIEST = date(1900, 1, 1)


def _date8(s: str, what: str) -> date:
    if not _DATE8.match(s):
        raise BadQr(f"{what} is not DDMMYYYY")
    try:
        return date(int(s[4:]), int(s[2:4]), int(s[:2]))
    except ValueError:
        raise BadQrDate(f"{what} is not a real date") from None


def _plausible(d: date, what: str, today: date) -> date:
    # A day of slack: the kiosk's clock and the issuing office's may straddle midnight.
    if d > today + timedelta(days=1):
        raise BadQrDate(f"{what} is in the future")
    if d < EARLIEST:
        raise BadQrDate(f"{what} is before {EARLIEST.year}")
    return d


def parse(text: str, today: date | None = None) -> CccdQr:
    """Parse the QR text; BadQr (without echoing the content) when it is not a CCCD QR, and
    :class:`BadQrDate` when a date in it is impossible (``today``: the kiosk's date)."""
    today = today or date.today()
    fields = [unicodedata.normalize("NFC", f).strip() for f in text.strip().strip("\ufeff").split("|")]
    if len(fields) < 5 or not _ID12.match(fields[0]):
        raise BadQr(f"not a CCCD QR ({len(fields)} fields)")
    sex_at = next((i for i, f in enumerate(fields) if i >= 3 and f.lower() in _SEX), None)
    if sex_at is None or sex_at not in (3, 4):
        raise BadQr("no Nam/Nữ field where expected")
    birth = _plausible(_date8(fields[sex_at - 1], "birth date"), "birth date", today)
    name = fields[sex_at - 2]
    if not name or _DATE8.match(name) or name.isdigit():
        raise BadQr("no name before the birth date")
    old = fields[1] if sex_at == 4 else None
    if old is not None and old and not _OLD_ID.match(old):
        raise BadQr("old ID field is neither 9 nor 12 digits")
    rest = fields[sex_at + 1 :]
    address = None
    issued = None
    if rest and not _DATE8.match(rest[0]):
        address = rest.pop(0) or None
    if rest and _DATE8.match(rest[0]):
        issued = _plausible(_date8(rest.pop(0), "issue date"), "issue date", today)
        if issued < birth:
            raise BadQr("issue date before birth date")
    return CccdQr(
        fields[0], old or None, name, birth, _SEX[fields[sex_at].lower()], address, issued, tuple(rest)
    )


def birthday(birth: date, age: int, leap_to_march: bool = False) -> date:
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # 29 February in a common year
        return date(birth.year + age, 3, 1) if leap_to_march else date(birth.year + age, 2, 28)


def expiry_for(birth: date, issued: date, boundary_inclusive: bool = True) -> date | None:
    """The card's expiry by the renewal rule; None = no expiry (issued at 58 or later)."""
    for age in RENEWAL_AGES:
        two_before = birthday(birth, age - 2)
        before_window = issued < two_before if boundary_inclusive else issued <= two_before
        if before_window:
            return birthday(birth, age)
    return None


def expiry_candidates(birth: date, issued: date | None, today: date) -> list[date | None]:
    """Expiry dates to try, most likely first (None = no expiry)."""
    out: list[date | None] = []

    def add(d: date | None) -> None:
        if d not in out:
            out.append(d)

    if issued is not None:
        add(expiry_for(birth, issued))
        for age in RENEWAL_AGES:  # near the 2-year boundary, try the other side too
            if abs(issued - birthday(birth, age - 2)) <= BOUNDARY_SLACK:
                add(expiry_for(birth, issued, boundary_inclusive=False))
                add(expiry_for(birth, issued - 2 * BOUNDARY_SLACK))
                add(expiry_for(birth, issued + 2 * BOUNDARY_SLACK))
    else:
        upcoming = [birthday(birth, a) for a in RENEWAL_AGES if birthday(birth, a) > today]
        past = [birthday(birth, a) for a in RENEWAL_AGES if birthday(birth, a) <= today]
        for d in upcoming[:2]:
            add(d)
        if past:
            add(past[-1])  # an expired card still opens its chip
        if not upcoming or today >= birthday(birth, 58):
            add(None)
    if birth.month == 2 and birth.day == 29:
        for cand in list(out):
            if cand is not None and cand.month == 2 and cand.day == 28:
                add(date(cand.year, 3, 1))
    return out


def _yymmdd(d: date) -> str:
    return d.strftime("%y%m%d")


def bac_keys(qr: CccdQr, today: date | None = None) -> list[MrzKey]:
    """The BAC keys to try for this card, most likely first; :class:`BadQrDate` when the QR's
    dates lead outside the calendar (a :class:`CccdQr` built without :func:`parse`)."""
    keys: list[MrzKey] = []
    try:
        candidates = expiry_candidates(qr.birth, qr.issued, today or date.today())
    except (ValueError, OverflowError):  # e.g. "year 10001 is out of range"
        raise BadQrDate("the QR's dates give no possible expiry date") from None
    for exp in candidates:
        expiries = [_yymmdd(exp)] if exp is not None else [NO_EXPIRY, "991231"]
        for e in expiries:
            k = MrzKey(qr.document_number, _yymmdd(qr.birth), e)
            if k not in keys:
                keys.append(k)
    return keys
