"""The facts a citizen is told about a procedure, worded once: fee, processing time, the
documents to bring and the agency that receives the file.

"Find a procedure", the wizard's steps and the receipt all take their words from here, so a
fee or a time can never read one way on a screen and another on paper (the test
``tests/kiosk/catalog/test_agreement.py`` renders every screen and the receipt for every
procedure and compares). The catalog (``data/catalog/procedures.json``) is the only source:
the description it gives is shown as written, and the plain number is used only when it has
no words ("Miễn phí" for 0, "set by the province" for a fee it does not state).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.catalog import agencies
from kiosk.catalog.model import Procedure
from kiosk.messages import text


def fee_text(p: Procedure, lang: str) -> str:
    """The fee as the catalog states it: its own words first (they carry the conditions)."""
    if p.cost.description(lang):
        return p.cost.description(lang)
    if p.cost.value is None:
        return text("wizard.fee.local", lang)
    if p.cost.value == 0:
        return text("wizard.fee.free", lang)
    from kiosk.receipt.render import fmt_fee

    return fmt_fee(p.cost.value, lang)


def fee_short(p: Procedure, lang: str) -> str:
    """The fee in a few words, for a tile: the amount, "free" or "set by the province"."""
    if p.cost.value is None:
        return text("wizard.fee.local", lang)
    if p.cost.value == 0:
        return text("wizard.fee.free", lang)
    from kiosk.receipt.render import fmt_fee

    return fmt_fee(p.cost.value, lang)


def time_text(p: Procedure, lang: str) -> str:
    """The processing time as the catalog words it; the number of working days otherwise."""
    if p.processing_time(lang):
        return p.processing_time(lang)
    if p.working_days <= 0:
        return text("find.days_same", lang)
    return text("find.days_n", lang, n=p.working_days)


@dataclass(frozen=True)
class DocumentFact:
    code: str
    name: str
    required: bool
    from_chip: bool


def documents(p: Procedure, lang: str) -> tuple[DocumentFact, ...]:
    """Every document the procedure asks for, in the catalog's order."""
    return tuple(DocumentFact(d.identifier, d.name(lang), d.required, d.from_chip) for d in p.inputs)


def agency_for(p: Procedure, site_code: str, *, samples: bool = False) -> agencies.AgencyInfo | None:
    """The agency of this site's ward that handles the procedure (None: the site is unknown);
    ``samples``: the demo's sample contacts too."""
    ward = agencies.site_ward(site_code)
    if ward is None:
        return None
    return agencies.for_ward(p.authority.kind, ward, samples=samples)
