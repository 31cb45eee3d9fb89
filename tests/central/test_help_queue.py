"""A help request's standing (place in the queue, staff signed in, estimated wait) and its
cancellation by the kiosk that raised it (central/help_queue.py, routes in central/staff.py)."""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from central import help_queue
from central.app import create_app
from central.fleet_models import FleetKiosk
from central.people.accounts import add_person
from central.people.models import PersonSession
from central.people.sessions import IDLE, start_session
from central.settings import CentralSettings
from central.staff_models import HelpRequestRecord
from tests.peers.people import session_as
from tests.peers.sandbox import TEST_KIOSK_ID

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def app(tmp_path: Path, central_db_url: str):
    return create_app(CentralSettings(data_dir=tmp_path / "central", db_url=central_db_url, profile="demo"))


@contextmanager
def _kiosk(app, kiosk_id: str):  # type: ignore[no-untyped-def]
    """A kiosk not enrolled (the demo's site key), as the demo profile's kiosks are."""
    with TestClient(app) as c:
        c.headers["X-Api-Key"] = app.state.sandbox.extra["site_api_key"]
        c.headers["X-Kiosk-Id"] = kiosk_id
        yield c


def _enrolled(app, kiosk_id: str, agency: str) -> None:  # type: ignore[no-untyped-def]
    with app.state.sandbox.db() as s, s.begin():
        s.add(
            FleetKiosk(id=kiosk_id, agency=agency, public_key=kiosk_id, fingerprint=kiosk_id, enrolled_at=0.0)
        )


def _on_duty(app, username: str, role: str, agencies: list[str]) -> None:  # type: ignore[no-untyped-def]
    db = app.state.sandbox.db
    add_person(
        db, username, name="Cán bộ", role=role, agencies=agencies, password="correct horse battery staple"
    )
    start_session(db, username, "127.0.0.1")


def _history(app, kiosk_id: str, minutes: list[int]) -> None:  # type: ignore[no-untyped-def]
    """Requests closed within the hour, each after ``minutes``."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with app.state.sandbox.db() as s, s.begin():
        for i, m in enumerate(minutes):
            closed = now - timedelta(minutes=30 + i)
            s.add(
                HelpRequestRecord(
                    id=f"old{kiosk_id}{i}",
                    kiosk_id=kiosk_id,
                    created_at=closed - timedelta(minutes=m),
                    status="closed",
                    closed_at=closed,
                    closed_by="x",
                )
            )


def _raise(app, kiosk_id: str, minutes_ago: int) -> HelpRequestRecord:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC).replace(tzinfo=None)
    row = HelpRequestRecord(
        id=f"h{kiosk_id}{minutes_ago}", kiosk_id=kiosk_id, created_at=now - timedelta(minutes=minutes_ago)
    )
    with app.state.sandbox.db() as s, s.begin():
        s.add(row)
    return row


def _standing(app, hid: str):  # type: ignore[no-untyped-def]
    with app.state.sandbox.db() as s:
        return help_queue.standing(s, s.get(HelpRequestRecord, hid))


def test_nobody_signed_in_gives_a_place_but_no_promise(app):
    _on_duty(app, "other", "officer", ["UB00070"])  # signed in, but sees only UB00070's kiosks
    _on_duty(app, "boss", "admin", ["*"])  # administrators do not answer the counter
    with _kiosk(app, "K1") as k:
        r = k.post("/staff/v1/help-requests", json={"screen": "home #01"})
        assert r.status_code == 201
        assert r.json() | {"id": ""} == {
            "id": "",
            "status": "open",
            "position": 1,
            "staff_on_duty": 0,
            "estimated_wait_min": None,
        }


def test_staff_on_duty_and_history_give_a_position_and_an_estimate(app):
    _on_duty(app, "cb1", "officer", ["*"])
    _history(app, "K2", [4, 6, 20])  # median 6 minutes a request
    with _kiosk(app, "K2") as k2, _kiosk(app, "K1") as k1:
        first = k2.post("/staff/v1/help-requests", json={"screen": "x"}).json()
        assert first["position"] == 1 and first["staff_on_duty"] == 1 and first["estimated_wait_min"] == 6
        mine = k1.post("/staff/v1/help-requests", json={"screen": "y"}).json()
        assert mine["position"] == 2 and mine["estimated_wait_min"] == 12
        _on_duty(app, "cb2", "supervisor", ["*"])
        now = k1.get(f"/staff/v1/help-requests/{mine['id']}").json()
        assert now["staff_on_duty"] == 2 and now["estimated_wait_min"] == 6  # two serve the queue
        # The one ahead is cancelled: this one moves up.
        assert k2.post(f"/staff/v1/help-requests/{first['id']}/cancel").json()["status"] == "cancelled"
        assert k1.get(f"/staff/v1/help-requests/{mine['id']}").json()["position"] == 1


def test_staff_on_duty_without_history_give_a_position_and_no_minutes(app):
    _on_duty(app, "cb1", "officer", ["*"])
    with _kiosk(app, "K1") as k:
        r = k.post("/staff/v1/help-requests", json={"screen": "x"}).json()
        assert r["staff_on_duty"] == 1 and r["position"] == 1 and r["estimated_wait_min"] is None


def test_an_enrolled_kiosk_is_served_by_its_agency_staff(app):
    _enrolled(app, "E1", "DEMO")
    _enrolled(app, "E2", "DEMO")
    _enrolled(app, "F1", "UB00070")
    _history(app, "E2", [10])
    _raise(app, "F1", 20)  # another agency's queue: not ahead of E1's
    _raise(app, "E2", 15)
    mine = _raise(app, "E1", 5)
    assert _standing(app, mine.id).staff_on_duty == 0
    _on_duty(app, "far", "officer", ["UB00070"])
    _on_duty(app, "near", "officer", ["UB07210", "DEMO"])
    st = _standing(app, mine.id)
    assert (st.position, st.staff_on_duty, st.estimated_wait_min) == (2, 1, 20)


def test_a_session_idle_too_long_is_not_on_duty(app):
    _on_duty(app, "cb1", "officer", ["*"])
    with app.state.sandbox.db() as s, s.begin():
        for row in s.scalars(select(PersonSession)):
            row.last_seen_at = datetime.now(UTC).replace(tzinfo=None) - IDLE - timedelta(minutes=1)
    with _kiosk(app, "K1") as k:
        assert k.post("/staff/v1/help-requests", json={"screen": "x"}).json()["staff_on_duty"] == 0


def test_only_the_kiosk_that_asked_reads_or_cancels_it(app):
    with _kiosk(app, "K1") as k1, _kiosk(app, "K2") as k2, TestClient(app) as anon:
        hid = k1.post("/staff/v1/help-requests", json={"screen": "x"}).json()["id"]
        assert anon.get(f"/staff/v1/help-requests/{hid}").status_code == 401
        assert anon.post(f"/staff/v1/help-requests/{hid}/cancel").status_code == 401
        assert k2.get(f"/staff/v1/help-requests/{hid}").status_code == 404
        assert k2.post(f"/staff/v1/help-requests/{hid}/cancel").status_code == 404
        assert k1.get(f"/staff/v1/help-requests/{hid}").json()["status"] == "open"
        assert k1.post(f"/staff/v1/help-requests/{hid}/cancel").json()["status"] == "cancelled"
        assert k1.get("/staff/v1/help-requests", params={"kiosk_id": "K1"}).json()["help_requests"] == []


def test_an_officer_session_is_not_a_kiosk(sandbox):
    officer = session_as(sandbox, "officer")
    hid = requests.post(
        f"{sandbox.url}staff/v1/help-requests",
        json={"screen": "x"},
        headers={"X-Api-Key": sandbox.api_key, "X-Kiosk-Id": TEST_KIOSK_ID},
        timeout=5,
    ).json()["id"]
    assert officer.get(f"{sandbox.url}staff/v1/help-requests/{hid}", timeout=5).status_code == 401
    assert officer.post(f"{sandbox.url}staff/v1/help-requests/{hid}/cancel", timeout=5).status_code == 401


def test_a_cancelled_request_leaves_the_staff_console(sandbox):
    headers = {"X-Api-Key": sandbox.api_key, "X-Kiosk-Id": TEST_KIOSK_ID}
    hid = requests.post(
        f"{sandbox.url}staff/v1/help-requests", json={"screen": "documents"}, headers=headers, timeout=5
    ).json()["id"]
    officer = session_as(sandbox)
    assert f"help-{hid}" in officer.get(f"{sandbox.url}console", timeout=5).text
    r = requests.post(f"{sandbox.url}staff/v1/help-requests/{hid}/cancel", headers=headers, timeout=5)
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert f"help-{hid}" not in officer.get(f"{sandbox.url}console", timeout=5).text
