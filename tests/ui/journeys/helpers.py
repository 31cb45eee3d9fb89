"""Shared by the journey screen tests: a kiosk window wired to the real sandbox central, a
dossier filed there, officers moving it through the console's routes, and receipt QRs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from kiosk import tracking
from kiosk.central.client import ApiKeyAuth, CentralClient
from kiosk.receipt import receipt_qr_text, sample_receipt
from kiosk.submission import Applicant, Submission
from tests.peers.people import session_as

NOTE = "Bổ sung bản sao Giấy chứng nhận kết hôn của cha mẹ"
OFFICER = "Trần Thị Bình"


def wire(window: Any, sandbox: Any, **devices: str) -> Any:
    """The window's services use this sandbox (and these device settings)."""
    window.services.override(scanner="none", **devices)
    window.services.set_central(sandbox.url, sandbox.api_key)
    return window


@dataclass(frozen=True)
class Filed:
    submission: Submission
    request_id: str

    @property
    def code(self) -> str:
        return self.submission.tracking_code


def file_dossier(sandbox: Any, kiosk_id: str, procedure: str = "birth_registration") -> Filed:
    """A dossier as a kiosk sends it (through the real client), as if submitted earlier."""
    attrs = {
        "birth_registration": {
            "child_full_name": "Nguyễn Văn An",
            "child_birth_date": "2026-11-01",
            "child_sex": "M",
            "applicant_relation": "mother",
        },
        "certified_copy": {"document_title": "Bằng tốt nghiệp", "pages": "2", "copies": "3"},
    }[procedure]
    sub = Submission(
        procedure,
        tracking.new_tracking_code(),
        kiosk_id,
        Applicant("001203004567", "Lê Thị Hoa"),
        attributes=attrs,
    )
    with CentralClient(sandbox.url, auth=ApiKeyAuth(sandbox.api_key, kiosk_id)) as c:
        result = c.submit(sub)
    assert result.service_request_id
    return Filed(sub, result.service_request_id)


def officer_moves(sandbox: Any, filed: Filed, to_state: str, note: str = "", officer: str = OFFICER) -> None:
    """The officer's form on the staff console (the HTML route an officer's browser posts)."""
    rid = filed.request_id
    # The officer is the signed-in person (by name), never a form field.
    r = session_as(sandbox, "officer", officer).post(
        f"{sandbox.url}console/dossiers/{rid}/transition",
        data={"to_state": to_state, "note": note},
        timeout=10,
    )
    assert r.status_code == 200 and r.url.endswith(f"/console/dossiers/{rid}"), r.text[:300]


def receipt_qr(window: Any, filed: Filed, public_base: str, **fields: Any) -> str:
    """The QR this kiosk prints on the receipt of ``filed`` (signed with the kiosk's key)."""
    receipt = replace(
        sample_receipt(),
        tracking_code=filed.code,
        procedure_code=filed.submission.procedure_code,
        kiosk_id=window.config.kiosk.id,
        **fields,
    )
    return receipt_qr_text(receipt, window.services.key, public_base)


def console(sandbox: Any) -> str:
    r = session_as(sandbox, "officer", OFFICER).get(sandbox.url + "console", timeout=10)
    r.raise_for_status()
    return r.text
