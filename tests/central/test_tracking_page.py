"""The public tracking page a receipt's QR opens on a phone: useful, bilingual, nothing personal."""

from __future__ import annotations

import requests

from kiosk.submission import Applicant, Submission
from kiosk.tracking import display, new_tracking_code
from tests.peers.people import session_as
from tests.peers.sandbox import TEST_KIOSK_ID


def test_page_shows_status_agency_appointment_and_no_personal_data(central_client, sandbox):
    sub = Submission(
        procedure_code="signature_certification",
        tracking_code=new_tracking_code(),
        kiosk_id=TEST_KIOSK_ID,
        applicant=Applicant("079912345678", "Phạm Thị Duyên", phone="0912345678"),
        attributes={"document_title": "Giấy ủy quyền"},
    )
    rid = central_client.submit(sub).service_request_id
    session_as(sandbox, "officer", "Ngô Văn Cường").post(
        f"{sandbox.url}console/dossiers/{rid}/transition", data={"to_state": "in_processing"}, timeout=5
    )
    # The QR's URL carries signed fields in the query; the page ignores them.
    r = requests.get(
        f"{sandbox.url}t/{display(sub.tracking_code)}?p=signature_certification&s=abc", timeout=5
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    for expected in (
        "Đang giải quyết",
        "Ủy ban nhân dân Phường Bắc Giang",
        "Ngô Văn Cường",
        "Ngày hẹn trả kết quả",
    ):
        assert expected in page
    for personal in ("Phạm Thị Duyên", "079912345678", "0912345678"):
        assert personal not in page

    en = requests.get(f"{sandbox.url}t/{sub.tracking_code}?lang=en", timeout=5).text
    assert "In processing" in en and "Appointment date" in en


def test_mistyped_and_unknown_codes_get_a_helpful_page(sandbox):
    r = requests.get(f"{sandbox.url}t/ABCDE-12345", timeout=5)
    assert r.status_code == 400 and "sai ký tự kiểm tra" in r.text
    r = requests.get(f"{sandbox.url}t/0000000000?lang=en", timeout=5)
    assert r.status_code == 404 and "No dossier has this code" in r.text


def test_json_twin_is_open311_shaped(sandbox):
    r = requests.get(f"{sandbox.url}t/0000000000.json", timeout=5)
    assert r.status_code == 404 and r.json() == [
        {"code": 404, "description": "no dossier has this tracking code"}
    ]
