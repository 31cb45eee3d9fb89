"""MRZ: the BAC key's three fields, TD1 and TD3 parsing, with the check digits of the ``mrz`` package.

The key (ICAO 9303 Part 11 §9.7.2): document number, birth date and expiry date, each with its
check digit. A document number longer than nine characters is used whole, with its own check
digit (Part 3 §4.2.4); CCCD document numbers are nine digits (the last nine of the 12-digit ID).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mrz.base.functions import hash_string
from mrz.checker.td1 import TD1CodeChecker
from mrz.checker.td3 import TD3CodeChecker

from devices.card.errors import BadMrz

_YYMMDD = re.compile(r"^\d{6}$")
_DOCNUM = re.compile(r"^[0-9A-Z<]{1,20}$")
#: The expiry field of a card that never expires (our assumption for CCCDs issued at 58+;
#: ICAO 9303 Part 3 allows '<' fillers where a date is not recorded).
NO_EXPIRY = "<<<<<<"


def check_digit(field: str) -> str:
    return hash_string(field)


@dataclass(frozen=True)
class MrzKey:
    """What BAC needs. Dates as YYMMDD strings, as printed in the MRZ."""

    document_number: str
    birth: str
    expiry: str

    def __post_init__(self) -> None:
        if not _DOCNUM.match(self.document_number):
            raise BadMrz("document number must be 1-20 characters 0-9 A-Z")
        if not _YYMMDD.match(self.birth) or not valid_yymmdd(self.birth):
            raise BadMrz("birth date must be YYMMDD")
        if self.expiry != NO_EXPIRY and (not _YYMMDD.match(self.expiry) or not valid_yymmdd(self.expiry)):
            raise BadMrz("expiry date must be YYMMDD")

    def __repr__(self) -> str:  # the key is personal data: never in logs
        return "MrzKey(***)"

    def information(self) -> bytes:
        """MRZ_information of §9.7.2 (the input of K_seed)."""
        number = self.document_number.ljust(9, "<")
        parts = [number, check_digit(number), self.birth, check_digit(self.birth)]
        parts += [self.expiry, check_digit(self.expiry)]
        return "".join(parts).encode("ascii")


def valid_yymmdd(s: str) -> bool:
    try:
        date(2000 + int(s[:2]), int(s[2:4]), int(s[4:6]))
    except ValueError:
        return False
    return True


class _Zone:
    """What a parsed zone of any format gives: its chip key, and a repr without personal data."""

    document_code: str
    issuing_state: str
    document_number: str
    birth: str
    expiry: str
    checks_ok: bool

    def __repr__(self) -> str:  # personal data: never in logs
        return (
            f"{type(self).__name__}({self.document_code}, {self.issuing_state}, checks_ok={self.checks_ok})"
        )

    def key(self) -> MrzKey:
        return MrzKey(self.document_number, self.birth, self.expiry)


@dataclass(frozen=True, repr=False)
class Td1(_Zone):
    """A parsed, check-digit-verified TD1 MRZ (3 lines of 30)."""

    document_code: str
    issuing_state: str
    document_number: str
    optional_data_1: str
    birth: str
    sex: str
    expiry: str
    nationality: str
    optional_data_2: str
    surname: str
    given_names: str
    checks_ok: bool


def normalise_lines(text: str) -> str:
    """Three TD1 lines from typed or scanned text (spaces dropped, case folded, any line breaks)."""
    flat = re.sub(r"[\s]", "", text.upper())
    if len(flat) != 90:
        raise BadMrz(f"a TD1 MRZ has 90 characters, got {len(flat)}")
    return "\n".join(flat[i : i + 30] for i in (0, 30, 60))


def parse_td1(text: str, *, strict: bool = True) -> Td1:
    """Parse a TD1 MRZ. ``strict``: every check digit must be right (BadMrz otherwise)."""
    lines = normalise_lines(text)
    try:
        checker = TD1CodeChecker(lines, check_expiry=False, compute_warnings=False)
        fields = checker.fields()
    except Exception as e:  # noqa: BLE001 - the mrz package raises assorted errors for bad input
        raise BadMrz(f"MRZ not readable: {e.__class__.__name__}") from None
    l1, l2, l3 = lines.split("\n")
    number = l1[5:14]
    optional_1 = l1[15:30]
    # Part 3 §4.2.4: a '<' check digit means the number continues in the optional data.
    if l1[14] == "<" and optional_1.rstrip("<"):
        ext = optional_1.rstrip("<")
        number = number + ext[:-1]
        optional_1 = ""
    ok = bool(checker)
    if not ok and l2[8:14] == NO_EXPIRY:
        # the mrz package wants a real expiry date; a card without expiry has fillers there
        ok = _check_digits_ok(l1, l2)
    if strict and not ok:
        raise BadMrz("an MRZ check digit is wrong")
    surname, _, given = l3.partition("<<")
    return Td1(
        document_code=l1[0:2].replace("<", ""),
        issuing_state=l1[2:5],
        document_number=number.rstrip("<"),
        optional_data_1=optional_1.rstrip("<"),
        birth=l2[0:6],
        sex=l2[7],
        expiry=l2[8:14],
        nationality=l2[15:18],
        optional_data_2=l2[18:29].rstrip("<"),
        surname=surname.replace("<", " ").strip(),
        given_names=given.replace("<", " ").strip(),
        checks_ok=ok and bool(fields),
    )


@dataclass(frozen=True, repr=False)
class Td3(_Zone):
    """A parsed, check-digit-verified TD3 MRZ (a passport's data page: 2 lines of 44)."""

    document_code: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth: str
    sex: str
    expiry: str
    personal_number: str
    checks_ok: bool


def parse_td3(text: str, *, strict: bool = True) -> Td3:
    """Parse a TD3 MRZ (spaces and line breaks dropped, case folded). ``strict``: every check digit must be right.

    The five check digits of Doc 9303 part 4 §4.2.2: document number, birth, expiry, personal
    number (a ``<`` stands for 0 when that field is empty) and the composite over all of them.
    """
    flat = re.sub(r"[\s]", "", text.upper())
    if len(flat) != 88:
        raise BadMrz(f"a TD3 MRZ has 88 characters, got {len(flat)}")
    l1, l2 = flat[:44], flat[44:]
    try:
        checker = TD3CodeChecker(f"{l1}\n{l2}", check_expiry=False, compute_warnings=False)
        ok = bool(checker)
    except Exception as e:  # noqa: BLE001 - the mrz package raises assorted errors for bad input
        raise BadMrz(f"MRZ not readable: {e.__class__.__name__}") from None
    if strict and not ok:
        raise BadMrz("an MRZ check digit is wrong")
    surname, _, given = l1[5:].partition("<<")
    return Td3(
        document_code=l1[0:2].replace("<", ""),
        issuing_state=l1[2:5],
        surname=surname.replace("<", " ").strip(),
        given_names=given.replace("<", " ").strip(),
        document_number=l2[0:9].rstrip("<"),
        nationality=l2[10:13],
        birth=l2[13:19],
        sex=l2[20],
        expiry=l2[21:27],
        personal_number=l2[28:42].rstrip("<"),
        checks_ok=ok,
    )


def parse_zone(text: str, *, strict: bool = True) -> Td1 | Td3:
    """A TD1 (90 characters) or TD3 (88) zone, told apart by its length."""
    flat = re.sub(r"[\s]", "", text)
    return parse_td3(flat, strict=strict) if len(flat) == 88 else parse_td1(flat, strict=strict)


def _check_digits_ok(l1: str, l2: str) -> bool:
    try:
        pairs = [(l1[5:14], l1[14]), (l2[0:6], l2[6]), (l2[8:14], l2[14])]
        pairs.append((l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29], l2[29]))
        return all(check_digit(field) == digit for field, digit in pairs)
    except ValueError:
        return False


def yymmdd_to_date(s: str, *, future: bool) -> date | None:
    """Century by context: birth dates are in the past, expiry dates usually in the future."""
    if not _YYMMDD.match(s) or not valid_yymmdd(s):
        return None
    yy, mm, dd = int(s[:2]), int(s[2:4]), int(s[4:6])
    this = date.today().year % 100
    if future:
        century = 2000 if yy < 70 else 1900
    else:
        century = 2000 if yy <= this else 1900
    return date(century + yy, mm, dd)
