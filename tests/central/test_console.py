"""The staff console moves dossiers through the workflow; tracking shows every move.

Given a dossier submitted by a kiosk, when an officer uses the console's HTML forms, then the
official dossier code is assigned on registration, notes are required where the citizen must
act, impossible moves are refused with the reason, and the kiosk's tracking sees it all.
"""

from __future__ import annotations

import re

import pytest
import requests

from kiosk.submission import Applicant, Channel, Submission
from kiosk.tracking import display, new_tracking_code
from tests.peers.people import session_as
from tests.peers.sandbox import TEST_KIOSK_ID


def _copy_request(**over) -> Submission:
    values = dict(
        procedure_code="certified_copy",
        tracking_code=new_tracking_code(),
        kiosk_id=TEST_KIOSK_ID,
        applicant=Applicant("001203004567", "Lê Văn Tám"),
        attributes={"document_title": "Bằng tốt nghiệp", "pages": "2", "copies": "3"},
    )
    values.update(over)
    return Submission(**values)


def move(
    sandbox, dossier_id: str, to_state: str, officer: str = "Trần Thị Bình", note: str = ""
) -> requests.Response:
    # The officer recorded is the signed-in person (their name), never a form field.
    return session_as(sandbox, "officer", officer).post(
        f"{sandbox.url}console/dossiers/{dossier_id}/transition",
        data={"to_state": to_state, "note": note},
        timeout=5,
    )


def test_full_workflow_through_the_console_is_visible_to_tracking(central_client, sandbox):
    sub = _copy_request()
    rid = central_client.submit(sub).service_request_id
    assert rid

    r = move(sandbox, rid, "in_processing")
    assert r.status_code == 200 and r.url.endswith(f"/console/dossiers/{rid}")  # 303 followed
    t = central_client.track(sub.tracking_code)
    assert re.fullmatch(r"UB07210-\d{6}-0001", t.dossier_code)
    assert t.state == "in_processing" and t.officer == "Trần Thị Bình"

    r = move(sandbox, rid, "more_documents_needed")
    assert r.status_code == 400 and "note is required" in r.text
    assert move(sandbox, rid, "more_documents_needed", note="Thiếu bản chính").status_code == 200
    assert move(sandbox, rid, "in_processing", note="Đã bổ sung").status_code == 200
    assert move(sandbox, rid, "ready_for_pickup").status_code == 200
    assert move(sandbox, rid, "returned").status_code == 200

    t = central_client.track(sub.tracking_code)
    assert t.status == "closed" and t.state == "returned"
    assert [e.state for e in t.history] == [
        "received",
        "in_processing",
        "more_documents_needed",
        "in_processing",
        "ready_for_pickup",
        "returned",
    ]
    assert t.history[2].note == "Thiếu bản chính"
    assert t.expected_datetime is None  # closed: nothing more is expected


def test_impossible_moves_are_refused_with_the_reason(central_client, sandbox):
    rid = central_client.submit(_copy_request()).service_request_id
    r = move(sandbox, rid, "returned")
    assert r.status_code == 400 and "cannot move" in r.text
    assert central_client.get_request(rid).state == "received"


def test_the_officer_on_a_move_is_the_signed_in_person_not_the_form(central_client, sandbox):
    sub = _copy_request()
    rid = central_client.submit(sub).service_request_id
    officer = session_as(sandbox, "officer", "Đỗ Thị Hoa")
    r = officer.post(
        f"{sandbox.url}console/dossiers/{rid}/transition",
        data={"to_state": "in_processing", "officer": "Giám đốc Sở (giả mạo)"},
        timeout=5,
    )
    assert r.status_code == 200
    assert central_client.track(sub.tracking_code).officer == "Đỗ Thị Hoa"


def test_dossier_codes_count_per_agency_and_day(central_client, sandbox):
    codes = []
    for _ in range(2):
        rid = central_client.submit(_copy_request()).service_request_id
        move(sandbox, rid, "in_processing")
        codes.append(central_client.get_request(rid).dossier_code)
    assert [c[-4:] for c in codes] == ["0001", "0002"]
    # A residence dossier goes to the commune police, numbered on its own.
    res = _copy_request(
        procedure_code="temporary_residence_registration",
        attributes={"residence_address": "Số 5 ngõ 2", "months": "6"},
    )
    rid = central_client.submit(res).service_request_id
    move(sandbox, rid, "in_processing")
    assert re.fullmatch(r"CA07210-\d{6}-0001", central_client.get_request(rid).dossier_code)


def test_console_lists_channel_and_masks_the_id_number(central_client, sandbox):
    sub = _copy_request(channel=Channel.ASSISTED, officer_id="cb-07")
    rid = central_client.submit(sub).service_request_id
    officer = session_as(sandbox)
    listing = officer.get(f"{sandbox.url}console", timeout=5).text
    assert display(sub.tracking_code) in listing and "cb-07" in listing
    page = officer.get(f"{sandbox.url}console/dossiers/{rid}", timeout=5).text
    assert "001******567" in page and "001203004567" not in page


def test_help_requests_are_listed_and_closed(sandbox):
    r = requests.post(
        f"{sandbox.url}staff/v1/help-requests",
        json={"kiosk_id": "k-9", "screen": "documents"},
        headers={"X-Api-Key": sandbox.api_key, "X-Kiosk-Id": "k-9"},
        timeout=5,
    )
    hid = r.json()["id"]
    officer = session_as(sandbox)
    assert f"help-{hid}" in officer.get(f"{sandbox.url}console", timeout=5).text
    r = officer.post(f"{sandbox.url}console/help/{hid}/close", timeout=5)
    assert r.status_code == 200 and f"help-{hid}" not in r.text
    still_open = requests.get(
        f"{sandbox.url}staff/v1/help-requests?status=open", headers={"X-Api-Key": sandbox.api_key}, timeout=5
    ).json()
    assert all(h["id"] != hid for h in still_open["help_requests"])


def test_json_transition_route(central_client, sandbox):
    rid = central_client.submit(_copy_request()).service_request_id
    officer = session_as(sandbox, "officer", "cb-02")
    r = officer.post(
        f"{sandbox.url}console/api/dossiers/{rid}/transition",
        json={"to_state": "rejected", "officer": "someone else", "note": "Không thuộc thẩm quyền"},
        timeout=5,
    )
    assert r.status_code == 400 and "officer" in r.text  # the officer is never taken from the body
    r = officer.post(
        f"{sandbox.url}console/api/dossiers/{rid}/transition",
        json={"to_state": "rejected", "note": "Không thuộc thẩm quyền"},
        timeout=5,
    )
    assert r.status_code == 200 and r.json()["status"] == "closed"
    assert r.json()["status_notes"] and r.json()["x_officer"] == "cb-02"
    r = officer.post(
        f"{sandbox.url}console/api/dossiers/{rid}/transition",
        json={"to_state": "in_processing"},
        timeout=5,
    )
    assert r.status_code == 400 and r.json()[0]["description"].startswith("cannot move")


@pytest.mark.parametrize("dossier_id", ["999", "abc"])
def test_unknown_dossier_in_console(sandbox, dossier_id):
    r = session_as(sandbox).get(f"{sandbox.url}console/dossiers/{dossier_id}", timeout=5)
    assert r.status_code in (400, 404) and r.headers["content-type"].startswith("application/json")


def test_appointment_is_recounted_once_missing_documents_arrive(central_client, sandbox):
    from datetime import date

    from central.models import DossierRow

    res = _copy_request(
        procedure_code="permanent_residence_registration",
        attributes={"residence_address": "Số 5 ngõ 2", "basis": "owner"},
    )
    rid = central_client.submit(res).service_request_id
    move(sandbox, rid, "in_processing")
    # Pretend the appointment was set long ago, then the officer asks for more papers.
    with sandbox.state.db() as s, s.begin():
        s.get(DossierRow, int(rid)).appointment_date = date(2020, 1, 1)
    move(sandbox, rid, "more_documents_needed", note="Thiếu giấy tờ chỗ ở")
    waiting = central_client.get_request(rid)
    assert waiting.expected_datetime is None  # no promise while the citizen owes documents
    move(sandbox, rid, "in_processing")
    resumed = central_client.get_request(rid)
    assert resumed.appointment_date and resumed.appointment_date > date.today()  # 7 working days from now
    assert resumed.expected_datetime is not None


def test_attachment_items_link_each_file_escape_its_name_and_show_the_columns_asked_for():
    from types import SimpleNamespace

    from central.console import attachment_items

    att = SimpleNamespace(
        name="<b>giấy.jpg", sha256="ab" * 32, mime="image/jpeg", size=1234, document_code=""
    )
    row = SimpleNamespace(id=7, attachments=[att])
    html = attachment_items(
        row, lambda a: [a.mime, f"{a.size} B", *([a.document_code] if a.document_code else [])]
    )  # type: ignore[arg-type]
    assert (
        html
        == f"<li><a href='/console/attachments/7/{'ab' * 32}'>&lt;b&gt;giấy.jpg</a> (image/jpeg, 1234 B)</li>"
    )
    assert attachment_items(SimpleNamespace(id=7, attachments=[]), lambda a: []) == ""  # type: ignore[arg-type]
