"""Shared by the sandbox-backed offline tests and bench/offline.py: deterministic dossiers
and a look at what the sandbox central actually stored."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk import tracking
from kiosk.submission import Applicant, Attachment, Submission, Verification

PROCEDURE = "residence_information_confirmation"  # no required attributes in the packaged catalog
KIOSK_ID = "test-kiosk"


def tracking_code(seed: int, i: int) -> str:
    digest = hashlib.sha256(f"{seed}:{i}".encode()).digest()
    body = "".join(tracking.ALPHABET[b % 32] for b in digest[: tracking.BODY_LEN])
    return body + tracking.check_symbol(body)


def attachment_bytes(seed: int, i: int, k: int, size: int) -> bytes:
    # A JPEG header then pseudo-random bytes: incompressible, like a real scan.
    rng = random.Random(f"{seed}:{i}:{k}")  # noqa: S311 - test data
    return b"\xff\xd8\xff\xe0" + rng.randbytes(max(0, size - 4))


def make_submission(
    seed: int, i: int, *, attachment_size: int = 2_000, attachments: int = 2, kiosk_id: str = KIOSK_ID
) -> tuple[Submission, dict[str, bytes]]:
    blobs = [attachment_bytes(seed, i, k, attachment_size) for k in range(attachments)]
    atts = tuple(
        Attachment.of_bytes(b, f"scan-{k + 1}.jpg", "image/jpeg", "identity_document")
        for k, b in enumerate(blobs)
    )
    sub = Submission(
        procedure_code=PROCEDURE,
        tracking_code=tracking_code(seed, i),
        kiosk_id=kiosk_id,
        applicant=Applicant(
            id_number=f"0012{seed % 100:02d}{i:06d}",
            full_name=f"Nguyễn Văn Thử {i}",
            verification=Verification.CHIP_VERIFIED,
            address="Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội",
        ),
        attachments=atts,
        created_at=datetime(2026, 11, 23, 8, 0, tzinfo=UTC),
    )
    return sub, {a.sha256: b for a, b in zip(atts, blobs, strict=True)}


@dataclass(frozen=True)
class CentralView:
    dossiers: dict[str, tuple[str, ...]]  # tracking code -> attachment hashes, in order
    total_rows: int  # dossier rows (a duplicate would make this exceed len(dossiers))
    blobs_intact: bool  # every cited attachment is in the blob store and hashes to its name


def central_view(handle) -> CentralView:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from central.models import AttachmentRow, DossierRow

    with handle.state.db() as s:
        rows = s.execute(select(DossierRow.id, DossierRow.tracking_code)).all()
        atts = s.execute(
            select(AttachmentRow.dossier_id, AttachmentRow.sha256).order_by(AttachmentRow.id)
        ).all()
    blobs = handle.state.blobs
    stored = {sha: blobs.get(sha) for _, sha in atts}  # the blob store checks each file's hash too
    intact = all(data is not None and hashlib.sha256(data).hexdigest() == sha for sha, data in stored.items())
    by_id: dict[int, list[str]] = {}
    for dossier_id, sha in atts:
        by_id.setdefault(dossier_id, []).append(sha)
    return CentralView(
        dossiers={code: tuple(by_id.get(did, ())) for did, code in rows},
        total_rows=len(rows),
        blobs_intact=intact,
    )
