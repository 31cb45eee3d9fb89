"""A birth registration journey the wizard's domain tests share (no tests here)."""

from __future__ import annotations

from datetime import date

from kiosk.catalog.model import load_catalog
from kiosk.jurisdiction import Place
from kiosk.wizard.documents import checklist
from kiosk.wizard.form import apply_prefill
from kiosk.wizard.state import EXTRA_DOC, Behalf, Journey, Person

CAT = load_catalog()
BIRTH = CAT.require("birth_registration")
MOTHER = Person("001203004567", "Lê Thị Hoa", "1990-04-02", "F", "Phường Bắc Giang", "chip_verified")
FATHER = Person("001088012345", "Nguyễn Văn An", "1988-03-12", "M", None, "chip_read")
TODAY = date(2026, 11, 23)


def filled() -> Journey:
    j = Journey()
    j.choose("birth_registration")
    j.answer("mother_residence", Place(here=True))
    j.identify(MOTHER)
    j.behalf = Behalf.CHILD.value
    apply_prefill(BIRTH, j)
    j.values.update(child_full_name="lê   minh an", child_birth_date="2026-11-20", child_sex="M")
    checklist(BIRTH, j)  # the ID card document is taken from the chip once read
    j.add_page("birth_notice", b"\xff\xd8jpeg-bytes-1")
    j.add_page(EXTRA_DOC, b"\xff\xd8jpeg-bytes-2")
    j.consent = True
    return j
