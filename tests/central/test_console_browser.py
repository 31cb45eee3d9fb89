"""An officer's morning in a real browser (Debian's chromium through Playwright): the console
sends them to the sign-in page, they sign in, move a dossier with the page's own form (its
CSRF token, the session's officer), and a page from another origin cannot do the same."""

from __future__ import annotations

import pytest

from kiosk.submission import Applicant, Submission
from kiosk.tracking import new_tracking_code
from tests.central.test_fleet import CHROMIUM_ARGS
from tests.peers.people import PASSWORD, make_person
from tests.peers.sandbox import TEST_KIOSK_ID


@pytest.mark.browser
def test_officer_signs_in_and_moves_a_dossier_in_chromium(central_client, sandbox):
    from playwright.sync_api import sync_playwright

    sub = Submission(
        "certified_copy",
        new_tracking_code(),
        TEST_KIOSK_ID,
        Applicant("001203004567", "Lê Văn Tám"),
        attributes={"document_title": "Bằng tốt nghiệp", "pages": "2", "copies": "3"},
    )
    rid = central_client.submit(sub).service_request_id
    from central.models import DossierRow

    with sandbox.state.db() as s:
        agency = s.get(DossierRow, int(rid)).agency_code
    officer = make_person(sandbox, "officer", [agency], name="Trần Thị Bình")
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(f"{sandbox.url}console/dossiers/{rid}")
            assert page.title() == "Đăng nhập cán bộ"
            page.fill("#username", officer)
            page.fill("#password", PASSWORD)
            with page.expect_navigation():
                page.locator("#submit").click()
            # Back where they were going, signed in, with no field to type an officer's name
            assert page.url == f"{sandbox.url}console/dossiers/{rid}"
            assert page.locator("#who").inner_text() == "Trần Thị Bình (officer)"
            assert page.locator("input[name=officer]").count() == 0
            page.select_option("select[name=to_state]", "in_processing")
            with page.expect_navigation():
                page.locator("form[action$='/transition'] button").click()
            assert page.locator("#state").inner_text() == "Đang giải quyết"
            assert "Trần Thị Bình" in page.locator("ol").inner_text()

            # A page on another origin posts the same form with this browser: refused
            # (SameSite=Strict keeps the cookie home; the Origin check would refuse it anyway).
            evil = browser.new_page()
            evil.set_content(
                f'<form id="f" method="post" action="{sandbox.url}console/dossiers/{rid}/transition">'
                '<input name="to_state" value="rejected"><input name="note" value="forged"></form>'
            )
            with evil.expect_navigation():
                evil.evaluate("document.getElementById('f').submit()")
            assert "401" in evil.content() or "403" in evil.content()
            assert central_client.get_request(rid).state == "in_processing"
        finally:
            browser.close()
    assert [e for e in errors if "401" not in e and "403" not in e] == []
