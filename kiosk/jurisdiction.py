"""Where may this dossier be filed? The field study's "can I apply in Bac Giang if I live in
Lang Son?", answered from the catalog's competence rules.

Each procedure's rule (``hasCompetentAuthority``) is one of:

- ``anywhere``: any commune accepts it (certified copies, signatures …): no question at all;
- ``place``: the commune of one fact (the business's location, the applicant's residence …);
- ``any_of``: the commune of any of several facts (the mother's *or* the father's residence).

:func:`resolve` takes the facts known so far and says: accepted here, accepted anywhere, go
elsewhere (with the competent agency and its contacts when the commune is known), or which
single question to ask next. It asks only questions that can change the answer: a fact
already settled "elsewhere" is not asked again, and nothing is asked once one fact puts the
dossier here. The question is a yes/no "… in <this commune>?", the easiest for a citizen.

Simplification (noted in the catalog): rules are the national ones at commune level. Some
provinces accept dossiers anywhere in the province ("phi địa giới hành chính");
``province_wide=True`` models that.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from kiosk.catalog import agencies, units
from kiosk.catalog.agencies import AgencyInfo
from kiosk.catalog.model import Catalog, Procedure, Text
from kiosk.catalog.text import fold
from kiosk.errors import KioskError


class Outcome(StrEnum):
    ACCEPTED_HERE = "accepted_here"
    ANYWHERE = "anywhere"
    ELSEWHERE = "elsewhere"
    NEED_ANSWER = "need_answer"


@dataclass(frozen=True)
class Place:
    """A fact's value: a yes/no answer to "is it here?", a commune/ward, or only a province."""

    here: bool | None = None
    ward_code: int | None = None
    province_code: int | None = None

    def describe(self, lang: str = "vi") -> str:
        if self.ward_code is not None:
            w = units.ward(self.ward_code)
            return units.describe(w, lang) if w else str(self.ward_code)
        if self.province_code is not None:
            p = units.province(self.province_code)
            return units.describe(p, lang) if p else str(self.province_code)
        if self.here is True:
            return "tại đây" if lang == "vi" else "here"
        return "nơi khác" if lang == "vi" else "elsewhere"


@dataclass(frozen=True)
class Question:
    fact: str
    text: Text  # "Does the mother live in Phường Bắc Giang, Bắc Ninh?" (answer yes/no or a place)


@dataclass(frozen=True)
class Resolution:
    procedure: str
    outcome: Outcome
    explanation: Text
    agency: AgencyInfo | None = None  # where to file: this site's agency, or the competent one
    alternatives: tuple[AgencyInfo, ...] = ()  # other competent agencies (any_of rules)
    question: Question | None = None
    relevant_facts: tuple[str, ...] = ()  # the facts this procedure depends on


_YES = {"yes", "y", "co", "here", "tai day", "dung", "true", "1"}
_NO = {"no", "n", "khong", "elsewhere", "noi khac", "false", "0"}
_WARD_PREFIX = re.compile(r"^(phuong|xa|dac khu)\b")


class PlaceNotFound(KioskError):
    code = "jurisdiction.unknown_place"


def parse_place(text: str) -> Place:
    """A place as a citizen or technician types it: yes/no, a unit code, a ward or province
    name (diacritics optional, former provinces accepted), or ``"ward, province"``.

    A bare name that is both a province and a ward ("Bac Giang": the former province, now in
    Bắc Ninh, and Phường Bắc Giang) means the province; write "Phường Bắc Giang" for the ward.
    """
    f = fold(text)
    if f in _YES:
        return Place(here=True)
    if f in _NO:
        return Place(here=False)
    if "," in text:
        ward_part, _, prov_part = text.partition(",")
        provs = [m.unit for m in units.find_places(prov_part) if m.unit.kind == "province"]
        wards = [m.unit for m in units.find_places(ward_part) if m.unit.kind == "ward"]
        hits = [w for w in wards if any(w.province_code == p.code for p in provs)]
        if len(hits) == 1:
            return Place(ward_code=hits[0].code, province_code=hits[0].province_code)
        raise PlaceNotFound(f"no single ward {ward_part.strip()!r} in {prov_part.strip()!r}", place=text)
    matches = units.find_places(text)
    provinces = [m.unit for m in matches if m.unit.kind == "province"]
    wards = [m.unit for m in matches if m.unit.kind == "ward"]
    if provinces and not _WARD_PREFIX.match(f) and not f.isdigit():
        return Place(province_code=provinces[0].code)
    if len(wards) == 1:
        return Place(ward_code=wards[0].code, province_code=wards[0].province_code)
    if f.isdigit() and provinces:
        return Place(province_code=provinces[0].code)
    if len(wards) > 1:
        names = "; ".join(units.describe(w) for w in wards[:5])
        raise PlaceNotFound(f"several wards are called {text!r}: {names} (add the province)", place=text)
    raise PlaceNotFound(f"no administrative unit called {text!r}", place=text)


def _match(v: Place | None, ward: int, province: int, province_wide: bool) -> bool | None:
    """True: this fact puts the dossier here; False: it does not; None: not known yet."""
    if v is None:
        return None
    if v.ward_code is not None:
        if v.ward_code == ward:
            return True
        w = units.ward(v.ward_code)
        return bool(province_wide and w and w.province_code == province)
    if v.province_code is not None:
        if v.province_code != province:
            return False
        return True if province_wide else None
    return v.here


def resolve(
    procedure: Procedure,
    site_code: str,
    facts: Mapping[str, Place],
    catalog: Catalog,
    *,
    province_wide: bool = False,
) -> Resolution:
    """Where ``procedure`` may be filed, seen from the one-stop shop ``site_code``."""
    auth = procedure.authority
    site = agencies.agency(site_code, samples=catalog.samples)
    if site is None:
        raise KioskError(
            f"site {site_code!r} has no known ward", code="jurisdiction.unknown_site", site=site_code
        )
    here_agency = agencies.for_ward(auth.kind, site.ward_code, samples=catalog.samples)
    site_ward = units.ward(site.ward_code)
    here = (
        Text(units.describe(site_ward, "vi"), units.describe(site_ward, "en"))
        if site_ward
        else Text.of(site_code)
    )
    code = procedure.identifier
    if auth.rule == "anywhere":
        return Resolution(
            code,
            Outcome.ANYWHERE,
            Text(
                f"Nộp được tại đây: thủ tục này không phụ thuộc nơi cư trú. {auth.note.vi}",
                f"You can file it here: this procedure does not depend on where you live. {auth.note.en}",
            ),
            agency=here_agency,
        )
    results = {f: _match(facts.get(f), site.ward_code, site.province_code, province_wide) for f in auth.facts}
    for f, ok in results.items():
        if ok:
            fact_q = catalog.facts[f].question
            return Resolution(
                code,
                Outcome.ACCEPTED_HERE,
                Text(
                    f"Nộp được tại đây ({here.vi}). {auth.note.vi} ({fact_q.vi} — {facts[f].describe('vi')})",
                    f"You can file it here ({here.en}). {auth.note.en} ({fact_q.en} — {facts[f].describe('en')})",
                ),
                agency=here_agency,
                relevant_facts=auth.facts,
            )
    unknown = [f for f, ok in results.items() if ok is None]
    if unknown:
        f = unknown[0]
        fact = catalog.facts[f]
        return Resolution(
            code,
            Outcome.NEED_ANSWER,
            Text(auth.note.vi, auth.note.en),
            question=Question(
                f,
                Text(
                    fact.here_question.vi.format(place=here.vi),
                    fact.here_question.en.format(place=here.en),
                ),
            ),
            relevant_facts=auth.facts,
        )
    # Every fact points elsewhere: name the competent agencies where the communes are known.
    competent: list[AgencyInfo] = []
    described: list[tuple[str, str]] = []
    for f in auth.facts:
        v = facts.get(f)
        if v is None:
            continue
        if v.ward_code is not None:
            a = agencies.for_ward(auth.kind, v.ward_code, samples=catalog.samples)
            if a is not None and a not in competent:
                competent.append(a)
        if (v.ward_code is not None or v.province_code is not None) and (
            pair := (v.describe("vi"), v.describe("en"))
        ) not in described:
            described.append(pair)
    where_vi = "; ".join(d[0] for d in described)
    where_en = "; ".join(d[1] for d in described)
    vi = f"Không nộp được tại {here.vi}. {auth.note.vi}"
    en = f"This cannot be filed in {here.en}. {auth.note.en}"
    if competent:
        vi += " Nơi có thẩm quyền: " + "; ".join(a.name.vi for a in competent) + "."
        en += " Competent: " + "; ".join(a.name.en for a in competent) + "."
    elif where_vi:
        vi += f" Hãy nộp tại cấp xã ở: {where_vi}."
        en += f" File it with the commune in: {where_en}."
    return Resolution(
        code,
        Outcome.ELSEWHERE,
        Text(vi, en),
        agency=competent[0] if competent else None,
        alternatives=tuple(competent[1:]),
        relevant_facts=auth.facts,
    )
