"""Never type it twice: the journey kept in the encrypted draft store as it is made, photos
included, bound to the citizen's card, and found again when the same card comes back.

:class:`DraftKeeper` is what a wizard step calls after every change (Qt-free; the UI runs it off
the GUI thread): the journey's data is saved, its photographed pages are added as they are
taken and dropped when retaken, and the draft is bound to the applicant's card by a keyed hash
(:meth:`offline_cache.drafts.Drafts.card_tag`). After a crash, a power cut or a restart,
:func:`offer_for_card` says whether the card just read has a draft within the grace period
(procedure, step reached, time: what "Tiếp tục hồ sơ đang làm dở?" shows), and :func:`resume`
moves it into the new session with every page. Nobody else can see or resume it: the draft is
found only through the card's number, and nothing on the attract screen lists it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kiosk.wizard.state import STEPS, Journey

if TYPE_CHECKING:
    from offline_cache import Store


@dataclass(frozen=True)
class ResumeOffer:
    session_id: str
    procedure_code: str | None
    step: str  # a wizard step name (STEPS)
    updated_at: datetime


class DraftKeeper:
    """Saves one session's journey, pages and card binding; call :meth:`save` after each change."""

    def __init__(self, store: Store, session_id: str):
        self.store = store
        self.session_id = session_id
        self._stored: set[str] | None = None  # page hashes already in the draft

    def save(self, journey: Journey) -> None:
        if journey.submitted_at is not None:
            return  # submitted: the outbox holds the dossier and its draft is gone
        drafts = self.store.drafts
        tag = drafts.card_tag(journey.applicant.id_number) if journey.applicant else None
        drafts.save_step(
            self.session_id,
            journey.step,
            journey.to_dict(),
            step_index=STEPS.index(journey.step) if journey.step in STEPS else 0,
            procedure_code=journey.procedure,
            card_tag=tag,
        )
        if self._stored is None:
            self._stored = set(drafts.pages(self.session_id))
        wanted = {sha for state in journey.docs.values() for sha in state.pages if sha in journey.blobs}
        for sha in sorted(wanted - self._stored):
            drafts.add_page(self.session_id, journey.blobs[sha])
        for sha in sorted(self._stored - wanted):
            drafts.drop_page(self.session_id, sha)
        self._stored = wanted


def offer_for_card(store: Store, id_number: str, grace_hours: float) -> ResumeOffer | None:
    """The unfinished draft of the card just read, if there is one within the grace period."""
    summary = store.drafts.find_for_card(store.drafts.card_tag(id_number), grace_hours)
    if summary is None:
        return None
    return ResumeOffer(summary.session_id, summary.procedure_code, summary.step, summary.updated_at)


def resume(store: Store, offer: ResumeOffer, new_session_id: str) -> Journey:
    """The draft's journey, photos included, now kept under ``new_session_id`` (the old draft is
    wiped: one citizen, one draft)."""
    draft = store.drafts.load(offer.session_id)
    if draft is None:
        raise LookupError("the draft is gone (wiped after its grace period, or resumed elsewhere)")
    journey = Journey.from_dict(draft.data)
    pages = store.drafts.pages(offer.session_id)
    journey.blobs = {sha: data for sha, data in pages.items()}
    if offer.session_id != new_session_id:
        DraftKeeper(store, new_session_id).save(journey)
        store.drafts.wipe(offer.session_id)
    return journey
