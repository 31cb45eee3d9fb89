"""Step 5, the documents checklist: each document of the procedure and the ways it may be given."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.catalog.model import Procedure
from kiosk.wizard.state import EXTRA_DOC, DocState, How, Journey


@dataclass(frozen=True)
class DocItem:
    code: str
    name_vi: str
    name_en: str
    required: bool
    options: tuple[How, ...]  # what the citizen may choose, the best first
    state: DocState

    @property
    def done(self) -> bool:
        return self.state.how is not None

    def name(self, lang: str) -> str:
        return self.name_vi if lang == "vi" else self.name_en


def checklist(procedure: Procedure, j: Journey) -> list[DocItem]:
    """The procedure's documents, each with the ways it may be given.

    Rules: a document the chip holds (``from_chip``) is taken from the card once it was read;
    paper documents are photographed, or — where the law lets the original be shown at the
    counter (every paper document here: the officer checks originals at reception) — brought
    to the counter. An optional "another paper" slot takes anything else the citizen has
    (e.g. the parents' marriage certificate for a birth registration).
    """
    items = []
    for d in procedure.inputs:
        state = j.docs.get(d.identifier) or DocState()
        if d.from_chip:
            options: tuple[How, ...] = (How.CHIP, How.CAMERA) if j.applicant else (How.CAMERA,)
            if j.applicant and state.how is None:
                state = DocState(How.CHIP.value)
                j.docs[d.identifier] = state
        else:
            options = (How.CAMERA, How.COUNTER)
        items.append(DocItem(d.identifier, d.name.vi, d.name.en, d.required, options, state))
    extra = j.docs.get(EXTRA_DOC) or DocState()
    items.append(
        DocItem(
            EXTRA_DOC, "Giấy tờ khác (nếu có)", "Another paper (if you have one)", False, (How.CAMERA,), extra
        )
    )
    return items
