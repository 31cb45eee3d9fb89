"""A month of four kiosks, through the real outbox and endpoints: the published figures equal
an independent computation from the simulation's truth, small counts are withheld, and every
event arrived exactly once (three answers were cut off and resent)."""

from __future__ import annotations

import csv
import io

import pytest
import requests
from sqlalchemy import func, select

from central.monitoring.models import MonEvent, MonSession
from tests.central.monitoring.expected import expected, k_anonymous, month_range
from tests.peers.people import session_as, signed_in

AGENCIES = ("UB07210", "UB00070")


def figures(month, agency: str, period: str, by: str = "", fmt: str = "json"):  # type: ignore[no-untyped-def]
    start, end = month_range()
    r = requests.get(
        f"{month.central.url}monitoring/{agency}/figures.{fmt}",
        params={"period": period, "by": by, "from": start.isoformat(), "to": "2026-11-30"},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    return r.json() if fmt == "json" else r.text


def test_every_event_arrived_exactly_once(month):
    with month.central.state.db() as s:
        events = s.scalar(select(func.count(MonEvent.id)))
        sessions = s.scalar(select(func.count()).select_from(MonSession))
    assert month.resent >= 1, "the cut connections should have forced resends"
    assert events == month.events_sent
    assert sessions == len(month.sessions) > 400


def _same(published: dict, wanted: dict, where: str) -> None:
    for name, value in wanted.items():
        got = published[name]
        if isinstance(value, float):
            assert got == pytest.approx(value, rel=1e-9), f"{where} {name}"
        else:
            assert got == value, f"{where} {name}: published {got!r}, expected {value!r}"


@pytest.mark.parametrize("agency", AGENCIES)
@pytest.mark.parametrize("period", ["month", "week", "day"])
@pytest.mark.parametrize("by", ["", "kiosk", "procedure"])
def test_published_figures_equal_an_independent_computation(month, agency, period, by):
    start, end = month_range()
    total, cells = expected(month.sessions, month.dossiers, agency, start, end, period, by)
    body = figures(month, agency, period, by)
    _same(body["total"], k_anonymous(total), f"{agency} total")
    published = {(r["period"], r["group"]): r for r in body["rows"]}
    assert set(published) == set(cells)
    for key, wanted in cells.items():
        _same(published[key], k_anonymous(wanted), f"{agency} {key}")


def test_small_counts_are_withheld_in_public(month):
    rare = month.kiosk_ids["k4"]
    assert sum(1 for s in month.sessions if s.kiosk == rare) == 3
    rows = {r["group"]: r for r in figures(month, "UB00070", "month", "kiosk")["rows"]}
    assert rows[rare]["sessions"] is None and rows[rare]["completion_rate"] is None
    assert rows[month.kiosk_ids["k3"]]["sessions"] > 100
    by_proc = {r["group"]: r for r in figures(month, "UB07210", "month", "procedure")["rows"]}
    death = by_proc.get("death_registration")
    if death is not None:
        assert death["sessions"] is None or death["sessions"] >= 5
    # Daily figures are mostly small: most are withheld, none shows a count of 1–4.
    for r in figures(month, "UB00070", "day", "kiosk")["rows"]:
        for name in ("sessions", "submitted", "ratings", "help_requests", "late", "on_time"):
            assert r[name] is None or r[name] == 0 or r[name] >= 5
    # CSV: withheld cells are empty, never a small number.
    table = list(csv.DictReader(io.StringIO(figures(month, "UB00070", "month", "kiosk", fmt="csv"))))
    rare_row = next(r for r in table if r["group"] == rare)
    assert rare_row["sessions"] == "" and rare_row["completion_rate"] == ""


def test_staff_view_has_exact_counts_and_marks_the_weakest_step(month):
    r = session_as(month.central, "supervisor", agencies=["UB00070"]).get(
        f"{month.central.url}console/monitoring/UB00070",
        params={"from": "2026-11-01", "to": "2026-11-30"},
        timeout=30,
    )
    assert r.status_code == 200
    k3 = month.kiosk_ids["k3"]
    row = r.text.split(f'data-group="{k3}"')[1].split("</tr>")[0]
    assert '<td data-step="submit_documents" class="weakest">' in row
    rare = r.text.split(f'data-group="{month.kiosk_ids["k4"]}"')[1].split("</tr>")[0]
    assert "<td>3</td>" in rare  # the agency head sees the exact count


def test_unknown_agency_and_bad_ranges_say_what_to_do(month):
    r = requests.get(f"{month.central.url}monitoring/NOPE", timeout=10)
    assert r.status_code == 404 and "No agency has this code" not in r.text and "Không có cơ quan" in r.text
    r = requests.get(
        f"{month.central.url}monitoring/UB07210/figures.json", params={"from": "2026-13-01"}, timeout=10
    )
    assert r.status_code == 400 and "'from' must be a date" in r.json()[0]["description"]


def test_the_staff_view_is_for_supervisors_of_the_agency(month):
    url = f"{month.central.url}console/monitoring/UB00070"
    r = requests.get(url, timeout=10, allow_redirects=False)
    assert r.status_code in (401, 303)  # nobody signed in: refused before the route
    assert session_as(month.central, "officer", agencies=["UB00070"]).get(url, timeout=10).status_code == 403
    other = session_as(month.central, "supervisor", agencies=["UB07210"]).get(url, timeout=10)
    assert other.status_code == 404  # another agency's supervisor: not among theirs


def test_an_answer_needs_an_admin_the_pages_token_and_valid_fields(month):
    url = f"{month.central.url}console/monitoring/UB07210/answers"
    form = {"reason": "hard", "month": "2026-11", "text_vi": "Chúng tôi sẽ viết lại hướng dẫn."}
    supervisor = session_as(month.central, "supervisor", agencies=["UB07210"])
    r = supervisor.post(url, data=form, timeout=10, allow_redirects=False)
    assert r.status_code == 403  # a supervisor reads the figures; only an admin publishes
    admin = signed_in(month.central, "admin", agencies=["UB07210"])
    admin.headers.pop("X-CSRF-Token")  # a browser's form: the token only in the form field
    r = admin.post(url, data=form, timeout=10, allow_redirects=False)
    assert r.status_code == 403 and "reload the page" in r.json()[0]["description"]
    page = admin.get(f"{month.central.url}console/monitoring/UB07210", timeout=30).text
    token = page.split('name="csrf" value="')[1].split('"')[0]
    r = admin.post(url, data={**form, "month": "11/2026", "csrf": token}, timeout=30, allow_redirects=False)
    assert r.status_code == 400 and "month: must be YYYY-MM" in r.text
    r = admin.post(url, data={**form, "csrf": token}, timeout=30, allow_redirects=False)
    assert r.status_code == 303
    with month.central.state.db() as s:
        from central.monitoring.models import MonAnswer

        row = s.scalar(select(MonAnswer).where(MonAnswer.agency == "UB07210", MonAnswer.reason == "hard"))
        assert row is not None and row.answered_by.startswith("admin")  # from the session
    public = requests.get(
        f"{month.central.url}monitoring/UB07210",
        params={"from": "2026-11-01", "to": "2026-11-30"},
        timeout=30,
    )
    item = public.text.split('data-reason="hard"')[1].split("</li>")[0]
    assert "Chúng tôi sẽ viết lại hướng dẫn." in item
