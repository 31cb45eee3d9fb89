"""The published pages in Debian's chromium (Playwright): readable on a phone with no script,
Vietnamese and English, a print view, the agency's answer beside a rating reason, and the
staff view. Screenshots for the README with ``KIOSK_WRITE_SCREENSHOTS=1``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.central.test_fleet import CHROMIUM_ARGS
from tests.peers.people import PASSWORD, make_person

SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
RANGE = "from=2026-11-01&to=2026-11-30"


def shoot(page, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(tmp_path / name), full_page=True)
    assert (tmp_path / name).stat().st_size > 10_000
    if os.environ.get("KIOSK_WRITE_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / name), full_page=True)


@pytest.mark.browser
def test_public_page_staff_answer_and_print_in_chromium(month, tmp_path):
    from playwright.sync_api import sync_playwright

    base = month.central.url
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            # The agency head answers "slow" for November on the staff view.
            staff = browser.new_page(viewport={"width": 1400, "height": 900})
            staff.on("pageerror", lambda e: errors.append(str(e)))
            # Signed out: the staff view sends the browser to the sign-in page, then back.
            staff.goto(f"{base}console/monitoring/UB00070?{RANGE}")
            assert "/signin" in staff.url
            staff.fill("#username", make_person(month.central, "admin", ["UB00070"]))
            staff.fill("#password", PASSWORD)
            with staff.expect_navigation():
                staff.locator("#submit").click()
            assert staff.url.startswith(f"{base}console/monitoring/UB00070")
            k3 = month.kiosk_ids["k3"]
            weak = staff.locator(f'#by-kiosk tr[data-group="{k3}"] td.weakest')
            assert weak.get_attribute("data-step") == "submit_documents"
            assert weak.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 231, 231)"
            form = staff.locator('li[data-reason="slow"] form')
            form.locator('input[name="month"]').fill("2026-11")
            form.locator('textarea[name="text_vi"]').fill(
                "Đã thêm một ki-ốt và một cán bộ hướng dẫn giờ cao điểm."
            )
            form.locator('textarea[name="text_en"]').fill("We added a kiosk and a guide at peak hours.")
            with staff.expect_navigation():
                form.locator("button").click()
            assert staff.locator("#notice").inner_text() == "Đã đăng câu trả lời."
            shoot(staff, tmp_path, "monitoring-staff.png")

            page = browser.new_page(viewport=PHONE, java_script_enabled=False)  # readable with no script
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            resp = page.goto(f"{base}monitoring/UB00070?{RANGE}&period=week")
            assert resp is not None and resp.status == 200
            assert page.locator("html").get_attribute("lang") == "vi"
            assert page.title().startswith("Kết quả phục vụ — ")
            assert page.locator("script").count() == 0
            charts = page.locator("svg.chart")
            assert charts.count() == 4
            for i in range(4):
                box = charts.nth(i).bounding_box()
                assert box is not None and box["width"] <= PHONE["width"] and box["height"] > 150
            # Nothing wider than the phone (the table scrolls inside its own box).
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            # Chart words are text (a screen reader and the phone's fonts), large enough to read.
            label = page.locator("#chart-steps text", has_text="Chụp giấy tờ").first
            assert label.count() == 1 and label.bounding_box()["height"] >= 10
            assert page.locator("#chart-steps > title").text_content() == "Số người bỏ dở, theo bước"
            slow = page.locator('#reasons li[data-reason="slow"] .answer')
            assert "Đã thêm một ki-ốt" in slow.inner_text()
            assert page.locator('#tiles [data-field="satisfaction"] .v').inner_text().endswith("%")
            shoot(page, tmp_path, "monitoring-public-vi-phone.png")

            page.locator("#lang-switch").click()
            page.wait_for_load_state()
            assert page.locator("html").get_attribute("lang") == "en"
            assert page.locator("#agency").inner_text() != ""
            assert "We added a kiosk" in page.locator('#reasons li[data-reason="slow"] .answer').inner_text()
            assert page.locator("#chart-steps > title").text_content() == "Citizens who gave up, by step"
            shoot(page, tmp_path, "monitoring-public-en-phone.png")

            printed = browser.new_page(viewport={"width": 900, "height": 1200})
            printed.emulate_media(media="print")
            assert printed.goto(f"{base}monitoring/UB00070/print?{RANGE}&period=week").status == 200
            assert printed.locator("nav.links").count() == 0
            assert printed.locator("svg.chart").count() == 4
            pdf = printed.pdf(format="A4")
            assert pdf[:4] == b"%PDF" and len(pdf) > 20_000
            shoot(printed, tmp_path, "monitoring-print.png")
        finally:
            browser.close()
    assert errors == []
