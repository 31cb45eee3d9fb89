"""The central keeps only the applicant fields the protocol defines, each within its length."""

from __future__ import annotations

import dataclasses
import json

import requests
from sqlalchemy import select

from central.models import DossierRow
from central.open311 import APPLICANT_FIELDS
from kiosk.submission import Applicant
from kiosk.tracking import new_tracking_code


def post(sandbox, applicant: dict) -> requests.Response:
    return requests.post(
        f"{sandbox.url}requests.json",
        data={
            "service_code": "certified_copy",
            "x_tracking_code": new_tracking_code(),
            "x_applicant": json.dumps(applicant, ensure_ascii=False),
            "attribute[document_title]": "Bằng",
            "attribute[pages]": "2",
            "attribute[copies]": "1",
        },
        headers={"X-Api-Key": sandbox.api_key, "X-Kiosk-Id": "test-kiosk"},
        timeout=10,
    )


def test_the_allow_list_is_the_kiosk_protocols_applicant_block():
    assert set(APPLICANT_FIELDS) == {f.name for f in dataclasses.fields(Applicant)}


def test_unknown_applicant_keys_are_not_stored(sandbox):
    r = post(
        sandbox,
        {
            "id_number": "001203004567",
            "full_name": "Lê Văn Tám",
            "verification": "chip_read",
            "phone": "0912345678",
            "religion": "không",  # nobody asked for it: not stored
            "ethnicity": "Kinh",
            "nested": {"a": 1},
        },
    )
    assert r.status_code == 201, r.text
    with sandbox.state.db() as s:
        row = s.scalar(select(DossierRow).where(DossierRow.id == int(r.json()[0]["service_request_id"])))
        stored = json.loads(row.applicant_json)
    assert stored == {
        "id_number": "001203004567",
        "full_name": "Lê Văn Tám",
        "verification": "chip_read",
        "phone": "0912345678",
    }


def test_wrong_type_or_too_long_is_a_400_naming_the_field(sandbox):
    r = post(sandbox, {"id_number": "001203004567", "full_name": "Lê Văn Tám", "phone": 912345678})
    assert r.status_code == 400 and "x_applicant.phone must be text" in r.text
    r = post(sandbox, {"id_number": "001203004567", "full_name": "A" * 201})
    assert r.status_code == 400 and "x_applicant.full_name is too long" in r.text
    with sandbox.state.db() as s:
        assert s.scalar(select(DossierRow)) is None
