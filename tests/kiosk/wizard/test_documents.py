"""The documents checklist: chip, camera or counter, as each document allows."""

from __future__ import annotations

from kiosk.wizard.documents import checklist
from kiosk.wizard.state import EXTRA_DOC, How, Journey
from tests.kiosk.wizard.sample import BIRTH, MOTHER


def test_checklist_offers_chip_camera_and_counter_where_allowed():
    j = Journey()
    j.choose("birth_registration")
    items = {i.code: i for i in checklist(BIRTH, j)}
    assert items["birth_notice"].options == (How.CAMERA, How.COUNTER)
    assert items["applicant_id"].options == (How.CAMERA,) and not items["applicant_id"].done
    j.identify(MOTHER)
    items = {i.code: i for i in checklist(BIRTH, j)}
    assert items["applicant_id"].state.how == How.CHIP.value and How.CHIP in items["applicant_id"].options
    assert not items[EXTRA_DOC].required
