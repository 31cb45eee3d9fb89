"""The hand-over to the counter (issue 19), without the HTTP: a kiosk's incomplete dossier is
stored in state ``needs_completion`` with a queue number, and an officer completes it (adds
what is missing, never changes what the chip or the citizen gave) and registers it.

Queue numbers ``Q-017`` are counted per agency and Vietnam day, by one atomic upsert like the
dossier codes (:func:`central.dossiers.next_dossier_code`): two kiosks handing over at the same
moment cannot get the same number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from central.db import insert
from central.dossiers import appointment_for, now
from central.errors import Open311Problem
from central.handover_models import HandoverRow, QueueCounterRow
from central.models import DossierRow, StatusEventRow
from kiosk.catalog.model import Catalog, Procedure
from kiosk.vntime import VN_TZ

# Who the chip identified: a hand-over is accepted only for a citizen the kiosk read from a card.
CHIP_VERIFICATIONS = ("chip_read", "chip_verified")


def check_handover_applicant(applicant: dict[str, Any]) -> None:
    if applicant.get("verification") not in CHIP_VERIFICATIONS:
        raise Open311Problem(
            400,
            "x_needs_completion: the applicant must be identified from the chip card "
            "(x_applicant.verification chip_read or chip_verified)",
        )


def next_queue_number(s: Session, agency_code: str, when: datetime) -> tuple[str, str]:
    """(day, ``Q-NNN``) for ``agency_code`` on ``when``'s Vietnam day."""
    day = when.astimezone(VN_TZ).strftime("%y%m%d")
    stmt = (
        insert(s, QueueCounterRow)
        .values(agency_code=agency_code, day=day, last=1)
        .on_conflict_do_update(index_elements=["agency_code", "day"], set_={"last": QueueCounterRow.last + 1})
        .returning(QueueCounterRow.last)
    )
    number = int(s.execute(stmt).scalar_one())
    return day, f"Q-{number:03d}"


def record_handover(s: Session, row: DossierRow, at: datetime) -> str:
    """In the dossier's own transaction (flushed, so it has an ID): its queue number."""
    day, number = next_queue_number(s, row.agency_code, at)
    s.add(
        HandoverRow(
            dossier_id=row.id,
            agency_code=row.agency_code,
            queue_day=day,
            queue_number=number,
            handed_over_at=at,
        )
    )
    return number


@dataclass(frozen=True)
class Missing:
    """What a handed-over dossier still lacks: attribute codes and required document codes."""

    attributes: tuple[str, ...]
    documents: tuple[str, ...]

    @property
    def none(self) -> bool:
        return not self.attributes and not self.documents


def documents_given(row: DossierRow) -> set[str]:
    """Document codes the dossier has a scan of: photographed at the kiosk or uploaded at the counter."""
    return {a.document_code for a in row.attachments if a.document_code}


def missing_parts(row: DossierRow, proc: Procedure, seen: set[str] | None = None) -> Missing:
    attributes = json.loads(row.attributes_json or "{}")
    docs = documents_given(row) | (seen or set())
    return Missing(
        attributes=tuple(a.code for a in proc.attributes if a.required and a.code not in attributes),
        documents=tuple(
            d.identifier for d in proc.inputs if d.required and not d.from_chip and d.identifier not in docs
        ),
    )


def register_completed(
    s: Session,
    row: DossierRow,
    catalog: Catalog,
    *,
    added: dict[str, str | list[str]],
    seen_documents: set[str],
    officer_name: str,
    officer_username: str,
) -> None:
    """Merge the officer's answers (only where the dossier had none), check the dossier is now
    complete, and register it: state ``received`` (its time limit runs from now), history step
    ``completed`` by the signed-in officer. Raises :class:`Open311Problem` (400) with what is
    still missing; nothing is changed then."""
    if row.state != "needs_completion":
        raise Open311Problem(409, "this dossier is not waiting for completion (already registered?)")
    proc = catalog.require(row.service_code)
    given = json.loads(row.attributes_json or "{}")
    changed = sorted(k for k in added if k in given)
    if changed:
        # What the citizen or the chip gave is theirs: the counter adds, never retypes.
        raise Open311Problem(
            400, *(f"attribute[{k}] was given by the citizen and cannot be changed" for k in changed)
        )
    merged = {**given, **added}
    row.attributes_json = json.dumps(merged, ensure_ascii=False)
    still = missing_parts(row, proc, seen_documents)
    if not still.none:
        problems = [f"attribute[{c}] is still missing" for c in still.attributes]
        problems += [
            f"document {d} is still missing: upload it or tick that the original was seen"
            for d in still.documents
        ]
        raise Open311Problem(400, *problems)
    at = now()
    row.state = "received"
    row.officer = officer_name.strip()[:64]
    row.updated_at = at
    row.appointment_date = appointment_for(catalog, row.service_code, at)
    note = "; ".join(f"original seen: {d}" for d in sorted(seen_documents))
    s.add(
        StatusEventRow(
            dossier=row, state="completed", note=note, officer=row.officer, agency_code=row.agency_code, at=at
        )
    )
    handover = s.get(HandoverRow, row.id)
    if handover is not None:
        handover.completed_by = officer_username[:64]
        handover.completed_at = at
