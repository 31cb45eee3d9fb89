"""DG13 of the Vietnamese CCCD / căn cước card: the holder's details in Vietnamese.

Not specified by ICAO (DG13 is "optional details", left to the issuer) and not published by
the Ministry of Public Security. What open-source readers agree on (and real dumps show):
inside tag 6D, a list of DER SEQUENCEs, each starting with an INTEGER field number followed by
its value(s) as UTF8String (0C) or PrintableString (13); dates as ``DD/MM/YYYY``.

    1 ID number (12 digits)         8 place of origin (quê quán)
    2 full name (with diacritics)   9 place of residence (nơi thường trú)
    3 date of birth                 10 identifying marks (đặc điểm nhận dạng)
    4 sex ("Nam" / "Nữ")            11 date of issue
    5 nationality ("Việt Nam")      12 date of expiry (or a text such as "Không thời hạn")
    6 ethnicity (dân tộc)           13 parents: nested sequences, father then mother
    7 religion (tôn giáo)           14 spouse
                                    15 not identified (kept as unknown)
                                    16 old ID number (9-digit CMND or previous 12-digit)

Sources: nguyenddat/ript-virtual-recep ``ExtractCCCD.py`` (fields 1-13), a TypeScript
"VN-CCCD-2024" ICAO profile in the public code corpus (fields 1-13 and 16), and Vietnamese
reader apps' field lists (spouse, old ID). Assumptions: 14 = spouse. The parser is tolerant:
fields it does not know, extra values and other string types are kept in ``unknown``; a
malformed DG13 never stops the read (it is reported as corrupt and the MRZ still serves).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from devices.card import tlv
from devices.card.errors import CorruptFile
from devices.card.lds import unwrap

FIELD_NAMES = {
    1: "personal_number",
    2: "full_name",
    3: "birth_date",
    4: "sex",
    5: "nationality",
    6: "ethnicity",
    7: "religion",
    8: "place_of_origin",
    9: "place_of_residence",
    10: "identifying_marks",
    11: "issue_date",
    12: "expiry_date",
    13: "parents",
    14: "spouse",
    16: "old_id_number",
}
_STRING_TAGS = {0x0C, 0x13, 0x16, 0x1A, 0x1E, 0x04}
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class Dg13:
    personal_number: str | None = None
    full_name: str | None = None
    birth_date: str | None = None  # as on the card, DD/MM/YYYY
    sex: str | None = None
    nationality: str | None = None
    ethnicity: str | None = None
    religion: str | None = None
    place_of_origin: str | None = None
    place_of_residence: str | None = None
    identifying_marks: str | None = None
    issue_date: str | None = None
    expiry_date: str | None = None
    father_name: str | None = None
    mother_name: str | None = None
    spouse_name: str | None = None
    old_id_number: str | None = None
    unknown: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {k: v for k, v in self.__dict__.items() if k != "unknown" and v}
        for key, parsed in (
            ("birth_date", self.birth),
            ("issue_date", self.issued),
            ("expiry_date", self.expires),
        ):
            if parsed is not None:
                out[key] = parsed.isoformat()
        if self.unknown:
            out["unknown"] = dict(self.unknown)
        return out

    @property
    def birth(self) -> date | None:
        return parse_date(self.birth_date)

    @property
    def issued(self) -> date | None:
        return parse_date(self.issue_date)

    @property
    def expires(self) -> date | None:
        return parse_date(self.expiry_date)

    def __repr__(self) -> str:  # personal data: never in logs
        return f"Dg13({len(self.to_dict())} fields)"


def parse_date(text: str | None) -> date | None:
    m = _DATE.match((text or "").strip())
    if not m:
        return None
    try:
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


def _strings(value: bytes) -> list[str]:
    """Every string leaf under ``value``, depth first, in order."""
    out: list[str] = []
    for obj in tlv.iterate(value):
        if obj.tag in _STRING_TAGS:
            out.append(obj.value.decode("utf-8", "replace").strip())
        elif obj.tag & 0x20:  # constructed: look inside
            out.extend(_strings(obj.value))
    return out


def _fields(value: bytes, found: dict[int, list[str]]) -> None:
    """Collect SEQUENCEs that start with INTEGER n: n -> their string values."""
    for obj in tlv.iterate(value):
        if obj.tag != 0x30:
            if obj.tag & 0x20:
                _fields(obj.value, found)
            continue
        first = tlv.read(obj.value) if obj.value else None
        if first is not None and first.tag == 0x02 and 0 < len(first.value) <= 2:
            number = int.from_bytes(first.value, "big")
            found.setdefault(number, []).extend(_strings(obj.value[first.end :]))
        else:
            _fields(obj.value, found)


def parse_dg13(data: bytes) -> Dg13:
    found: dict[int, list[str]] = {}
    try:
        _fields(unwrap("DG13", data), found)
    except tlv.TlvError as e:
        raise CorruptFile(f"DG13: {e}") from None
    if not found:
        raise CorruptFile("DG13: no numbered fields")
    values: dict[str, object] = {}
    unknown: dict[str, list[str]] = {}
    for number, strings in sorted(found.items()):
        name = FIELD_NAMES.get(number)
        if name == "parents":
            values["father_name"] = strings[0] if len(strings) > 0 and strings[0] else None
            values["mother_name"] = strings[1] if len(strings) > 1 and strings[1] else None
            if len(strings) > 2:
                unknown["13"] = strings[2:]
        elif name == "spouse":
            values["spouse_name"] = strings[0] if strings and strings[0] else None
        elif name is not None:
            values[name] = strings[0] if strings and strings[0] else None
            if len(strings) > 1:
                unknown[str(number)] = strings[1:]
        elif any(strings):
            unknown[str(number)] = strings
    return Dg13(**values, unknown=unknown)  # type: ignore[arg-type]
