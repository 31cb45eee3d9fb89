"""Agencies: one People's Committee (UBND) and one police office per commune/ward, derived
from the administrative units, with contacts where the directory has them.

Agency codes are ``UB<ward code, 5 digits>`` and ``CA<ward code>`` (People's Committee,
Công an), so ``UB07210`` is the People's Committee of Phường Bắc Giang. A *site* is a
one-stop shop (a kiosk's ``agency_code``) sitting in one ward and receiving the dossiers of
that ward's agencies.

Directory entries marked ``"sample": true`` (the demo's made-up addresses and phones, and the
default opening hours that go with them) reach citizens only in the demo profile: the reader
passes ``samples=True`` then (the kiosk's catalog carries its profile, the central its own);
by default (production) a sample entry reads as no contact at all, so only the agency's name
is shown. A parameter, not a process-wide switch: one process may hold a demo and a
production reader (a test holding a kiosk and a central).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kiosk.catalog import units
from kiosk.catalog.model import DATA_DIR, Text

KIND_PREFIX = {"ubnd": "UB", "police": "CA"}
_CODE_RE = re.compile(r"^(UB|CA)(\d{5})$")


@dataclass(frozen=True)
class Contact:
    address: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""
    sample: bool = False  # made-up demo values: read only with samples=True (the demo profile)


def _read_contact(c: dict[str, Any], samples: bool) -> Contact:
    d = _directory()
    sample = bool(c.get("sample"))
    if sample and not samples:
        return Contact()
    hours = str(c.get("hours") or "")
    if not hours and samples:
        hours = str(d.get("hours_default", {}).get("vi") or "")  # the demo's usual hours, a sample too
    return Contact(
        address=str(c.get("address") or ""),
        phone=str(c.get("phone") or ""),
        email=str(c.get("email") or ""),
        hours=hours,
        sample=sample,
    )


@dataclass(frozen=True)
class AgencyInfo:
    code: str
    kind: str  # ubnd | police | site
    name: Text
    ward_code: int
    province_code: int
    contact: Contact

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "name_vi": self.name.vi,
            "name_en": self.name.en,
            "ward_code": self.ward_code,
            "province_code": self.province_code,
            "contact": {
                "address": self.contact.address,
                "phone": self.contact.phone,
                "email": self.contact.email,
                "hours": self.contact.hours,
            },
        }


@cache
def _directory() -> dict[str, Any]:
    return json.loads((DATA_DIR / "agencies.json").read_text(encoding="utf-8"))


def _contact(code: str, samples: bool) -> Contact:
    return _read_contact(_directory().get("contacts", {}).get(code) or {}, samples)


def agency_code(kind: str, ward_code: int) -> str:
    return f"{KIND_PREFIX[kind]}{ward_code:05d}"


def agency(code: str, *, samples: bool = False) -> AgencyInfo | None:
    """The agency (or site) with this code, or None; ``samples``: the demo's sample contacts too."""
    for s in _directory().get("sites", ()):
        if s["code"] == code:
            w = units.ward(int(s["ward_code"]))
            if w is None:
                return None
            return AgencyInfo(
                code=code,
                kind="site",
                name=Text.of(s["name"]),
                ward_code=w.code,
                province_code=w.province_code,
                contact=_read_contact(s.get("contact") or {}, samples),
            )
    m = _CODE_RE.match(code)
    if not m:
        return None
    w = units.ward(int(m.group(2)))
    if w is None:
        return None
    where_vi, where_en = units.describe(w, "vi"), units.describe(w, "en")
    if m.group(1) == "UB":
        name = Text(f"Ủy ban nhân dân {where_vi}", f"People's Committee of {where_en}")
        kind = "ubnd"
    else:
        name = Text(f"Công an {where_vi}", f"Police of {where_en}")
        kind = "police"
    return AgencyInfo(code, kind, name, w.code, w.province_code, _contact(code, samples))


def for_ward(kind: str, ward_code: int, *, samples: bool = False) -> AgencyInfo | None:
    return agency(agency_code(kind, ward_code), samples=samples)


def site_ward(site_code: str) -> int | None:
    """The ward a site (or agency) code sits in."""
    a = agency(site_code)
    return a.ward_code if a else None


def listed(*, samples: bool = False) -> list[AgencyInfo]:
    """The agencies the directory has contacts for, plus the sites."""
    d = _directory()
    codes = [s["code"] for s in d.get("sites", ())] + list(d.get("contacts", {}))
    return [a for a in (agency(c, samples=samples) for c in codes) if a is not None]
