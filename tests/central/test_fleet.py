"""The fleet view: /fleet.json and the HTML fleet page, checked in a real browser (Debian's
chromium through Playwright) against the sandbox central with several real enrolled kiosks."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import requests

from central.enrollment import issue_code
from central.fleet import issue_command
from provisioning import heartbeat as hb
from provisioning.audit import FileAudit
from provisioning.enroll import enroll, link_for
from tests.peers.people import PASSWORD, make_person, session_as
from tests.peers.sandbox import running_sandbox

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOT = Path(__file__).resolve().parents[3] / "docs" / "screenshots" / "fleet-page.png"


class Dev:
    def __init__(self, kind: str, state: str, detail: str = "", figures: dict | None = None):
        self.kind, self.name, self.driver = kind, f"{kind}-0", "test"
        self.state, self.detail, self.figures = state, detail, figures or {}


def healthy() -> list[Dev]:
    return [Dev("card_reader", "ok"), Dev("printer", "ok"), Dev("scanner", "ok"), Dev("camera", "ok")]


def a_kiosk(central, root: Path, agency: str, devices: list[Dev], outbox_age: float | None = None) -> str:
    ddir = root / agency / str(len(list(root.glob("*/*"))))
    ddir.mkdir(parents=True)
    code = issue_code(central.state.db, agency).code
    e = enroll(ddir, central.url, code, audit=FileAudit.under(ddir))
    payload = hb.collect(
        devices=devices,  # type: ignore[arg-type]
        outbox=hb.OutboxFigures(size=2 if outbox_age else 0, oldest_age_s=outbox_age),
        config_version=1,
        software_version="0.1.0",
        started_at=time.time() - 3600,
        out_of_service=False,
        data_dir=ddir,
    )
    with link_for(ddir) as link:
        hb.send(link, payload)
    return e.kiosk_id


@pytest.fixture
def fleet(tmp_path, central_db_url):
    with running_sandbox(tmp_path / "central", db_url=central_db_url) as central:
        root = tmp_path / "kiosks"
        ids = {
            "ok": a_kiosk(central, root, "HN-HK", healthy()),
            "paper": a_kiosk(
                central,
                root,
                "HN-HK",
                [
                    Dev("card_reader", "ok"),
                    Dev("printer", "fail", "paper_end; DLE EOT 2=0x32", {"paper_end": True}),
                    Dev("scanner", "ok"),
                    Dev("camera", "ok"),
                ],
            ),
            "reader": a_kiosk(
                central,
                root,
                "LS-CL",
                [
                    Dev("card_reader", "absent", "no reader matching 'ACS'"),
                    Dev("printer", "warn", "near_end", {"paper_near_end": True}),
                    Dev("scanner", "ok"),
                    Dev("camera", "ok"),
                ],
                outbox_age=3 * 3600,
            ),
            "silent": a_kiosk(central, root, "LS-CL", healthy()),
            "oos": a_kiosk(central, root, "BG-TP", healthy()),
        }
        # The silent kiosk last spoke 10 minutes ago; the out-of-service one obeyed a command
        from central.fleet_models import FleetKiosk

        with central.state.db() as s:
            s.get(FleetKiosk, ids["silent"]).last_seen_at = time.time() - 600
            s.commit()
        issue_command(central.state, ids["oos"], "out_of_service", at=time.time())
        with central.state.db() as s:
            s.get(FleetKiosk, ids["oos"]).out_of_service = True
            s.commit()
        yield central, ids


def test_fleet_json_states_and_alerts(fleet):
    central, ids = fleet
    technician = session_as(central, "technician")
    body = technician.get(central.url + "fleet.json", timeout=5).json()
    by_id = {k["kiosk_id"]: k for k in body["kiosks"]}
    assert by_id[ids["ok"]]["state"] == "online" and by_id[ids["ok"]]["alerts"] == []
    assert [a["code"] for a in by_id[ids["paper"]]["alerts"]] == ["paper_out"]
    assert {a["code"] for a in by_id[ids["reader"]]["alerts"]} == {
        "reader_missing",
        "paper_near_end",
        "outbox_stuck",
    }
    assert by_id[ids["silent"]]["state"] == "offline"
    assert by_id[ids["oos"]]["state"] == "out_of_service"
    assert body["offline_after_intervals"] == 3
    # Nothing personal in the fleet view: only device states, counts and ages
    text = technician.get(central.url + "fleet.json", timeout=5).text
    for forbidden in ("full_name", "address", "id_number", "applicant"):
        assert forbidden not in text


@pytest.mark.browser
def test_fleet_page_in_chromium(fleet, tmp_path):
    from playwright.sync_api import sync_playwright

    central, ids = fleet
    admin = make_person(central, "admin")
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 760})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            # Not signed in: the fleet page sends the browser to the sign-in page (Vietnamese first)
            page.goto(central.url + "fleet")
            assert "/signin?next=%2Ffleet" in page.url
            assert page.title() == "Đăng nhập cán bộ"
            page.locator("#lang").click()
            assert (
                page.title() == "Staff sign-in"
                and page.locator("label[for=password]").inner_text() == "Password"
            )
            page.fill("#username", admin)
            page.fill("#password", "wrong password, twelve+")
            page.locator("#submit").click()
            assert page.locator("#error").inner_text().startswith("The username or password is not right")
            assert errors == [
                "Failed to load resource: the server responded with a status of 401 (Unauthorized)"
            ]
            errors.clear()  # that 401 was the point
            page.fill("#username", admin)
            page.fill("#password", PASSWORD)
            with page.expect_navigation():
                page.locator("#submit").click()
            assert page.url == central.url + "fleet"
            # The session cookie: Secure, HttpOnly, SameSite=Strict (scripts cannot read it)
            (cookie,) = page.context.cookies()
            assert (cookie["secure"], cookie["httpOnly"], cookie["sameSite"]) == (True, True, "Strict")
            assert page.evaluate("document.cookie") == ""
            assert page.title() == "Đội ki-ốt / Kiosk fleet"
            rows = page.locator("tr.kiosk")
            assert rows.count() == 5
            assert page.locator(f'tr[data-kiosk="{ids["ok"]}"] .badge').inner_text() == "Đang hoạt động"
            assert (
                page.locator(f'tr[data-kiosk="{ids["silent"]}"]').get_attribute("class")
                == "kiosk state-offline"
            )
            assert page.locator(f'tr[data-kiosk="{ids["oos"]}"] .badge').inner_text() == "Tạm ngừng phục vụ"
            paper = page.locator(f'tr[data-kiosk="{ids["paper"]}"] li.alert[data-code="paper_out"]')
            assert paper.inner_text() == "Hết giấy in / Printer paper out"
            # Alerts stand out: the paper-out line is drawn in the alert colour
            assert paper.evaluate("e => getComputedStyle(e).color") == "rgb(138, 16, 16)"
            reader_row = page.locator(f'tr[data-kiosk="{ids["reader"]}"]')
            assert reader_row.locator('li[data-code="reader_missing"]').count() == 1
            assert (
                reader_row.locator('li[data-code="outbox_stuck"]')
                .inner_text()
                .startswith("Hồ sơ chờ gửi quá 180 phút")
            )
            assert "5 ki-ốt · 3 cần xử lý" in page.locator("#summary").inner_text()
            # The central's console can queue a signed command from the page
            ok_row = page.locator(f'tr[data-kiosk="{ids["ok"]}"]')
            with page.expect_navigation():
                ok_row.locator('button[data-kind="out_of_service"]').click()
            assert page.url.endswith("/fleet")
            pending = page.locator(f'tr[data-kiosk="{ids["ok"]}"] .pending')
            assert pending.inner_text() == "Lệnh chờ / Pending: out_of_service"
            oos_row = page.locator(f'tr[data-kiosk="{ids["oos"]}"]')
            assert oos_row.locator('button[data-kind="in_service"]').count() == 1
            page.screenshot(path=str(tmp_path / "fleet.png"), full_page=True)
            if os.environ.get("KIOSK_WRITE_SCREENSHOTS"):
                SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SCREENSHOT), full_page=True)
            # Sign-out ends the session: the page is closed to this browser again
            with page.expect_navigation():
                page.locator("#signout button").click()
            assert "/signin" in page.url and page.locator("#note").inner_text() == "Đã đăng xuất."
            page.goto(central.url + "fleet")
            assert "/signin" in page.url
        finally:
            browser.close()
    assert errors == []
    assert (tmp_path / "fleet.png").stat().st_size > 10_000


def test_fleet_page_buttons_need_the_pages_token(fleet):
    central, ids = fleet
    url = central.url + f"fleet/kiosks/{ids['ok']}/commands/form"
    admin = session_as(central, "admin")
    token = admin.headers.pop("X-CSRF-Token")  # a browser's form post: the token is a form field
    r = admin.post(url, data={"kind": "out_of_service"}, timeout=5, allow_redirects=False)
    assert r.status_code == 403 and "reload the page" in r.json()[0]["description"]
    r = admin.post(url, data={"kind": "out_of_service", "csrf": "guess"}, timeout=5, allow_redirects=False)
    assert r.status_code == 403
    r = requests.post(url, data={"kind": "out_of_service", "csrf": token}, timeout=5, allow_redirects=False)
    assert r.status_code == 401  # the token without the session is nothing
    body = session_as(central, "technician").get(central.url + "fleet.json", timeout=5).json()
    assert {k["kiosk_id"]: k for k in body["kiosks"]}[ids["ok"]]["pending_commands"] == []
