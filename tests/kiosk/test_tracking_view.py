"""Where is my file, Qt-free: the central's status in plain words, looked up on the real
sandbox central (an officer moves the file through the console's routes), remembered for
offline, and shown as the last known status with its age when the central is down."""

from __future__ import annotations

import socket
from datetime import UTC, date, datetime

from kiosk import tracking
from kiosk.central.client import ApiKeyAuth, CentralClient
from kiosk.central.models import Agency, Contact, ServiceRequest, StatusEvent
from kiosk.submission import Applicant, Submission
from kiosk.tracking_view import age_text, build_view, check_code, lookup, request_to_json
from kiosk.vntime import fmt_date
from offline_cache import Store
from offline_cache.tracking_cache import TrackingCache
from tests.peers.people import session_as
from tests.peers.sandbox import TEST_KIOSK_ID, central_client, sandbox  # noqa: F401

NOTE = "Bổ sung bản sao Giấy chứng nhận kết hôn của cha mẹ"


def _request(**over) -> ServiceRequest:  # type: ignore[no-untyped-def]
    t0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    values = dict(
        service_request_id="7",
        status="open",
        service_code="birth_registration",
        service_name="Đăng ký khai sinh",
        state="more_documents_needed",
        status_notes=NOTE,
        tracking_code="K7M4QX9T2" + tracking.check_symbol("K7M4QX9T2"),
        dossier_code="UB07210-261123-0001",
        officer="Trần Thị Bình",
        appointment_date=date(2026, 11, 25),
        agency=Agency(
            "UB07210",
            "Ủy ban nhân dân phường Mẫu",
            "People's Committee of Mau ward",
            Contact("Số 1 phố Mẫu", "024 3999 0000", "", "7:30–17:00"),
        ),
        history=(
            StatusEvent("received", t0, "", "", "UB07210"),
            StatusEvent("in_processing", t0.replace(hour=3), "", "Trần Thị Bình", "UB07210"),
            StatusEvent("more_documents_needed", t0.replace(hour=4), NOTE, "Trần Thị Bình", "UB07210"),
        ),
    )
    values.update(over)
    return ServiceRequest(**values)


def test_more_documents_needed_says_what_to_bring_where_in_both_languages():
    v = build_view(_request(), "vi")
    assert v.headline.startswith("Hồ sơ của ông/bà cần thêm giấy tờ")
    assert v.quoted_note == NOTE
    assert v.must_do[0] == "Cán bộ cần ông/bà mang đến:"
    assert "Ủy ban nhân dân phường Mẫu" in v.must_do[-1] and "biên nhận" in v.must_do[-1]
    assert v.appointment == "Thứ Tư, 25/11/2026"
    assert v.officer == "Trần Thị Bình" and v.agency == "Ủy ban nhân dân phường Mẫu"
    assert v.contacts == ("Địa chỉ: Số 1 phố Mẫu", "Điện thoại: 024 3999 0000", "Giờ làm việc: 7:30–17:00")
    assert [s.title for s in v.steps] == ["Đã tiếp nhận", "Đang giải quyết", "Cần bổ sung giấy tờ"]
    assert v.steps[0].when == "09:00\u00a0ngày\u00a023/11/2026"  # Vietnam time, written as on the receipt
    assert v.steps[-1].current and not v.steps[0].current and v.steps[1].officer == "Cán bộ: Trần Thị Bình"
    assert v.code == "K7M4Q-X9T2" + v.code[-1] and not v.stale and v.stale_text == ""

    en = build_view(_request(), "en", procedure_name="Birth registration")
    assert en.procedure == "Birth registration" and en.agency == "People's Committee of Mau ward"
    assert en.appointment == "Wed 25 Nov 2026"  # as on the receipt
    assert "(The officer wrote this in Vietnamese.)" in en.must_do


def test_each_state_says_what_to_do_now():
    wait = build_view(_request(state="in_processing", status_notes=""), "vi")
    assert wait.must_do == ("Ông/bà chưa cần làm gì. Ngày hẹn trả kết quả: Thứ Tư, 25/11/2026.",)
    ready = build_view(_request(state="ready_for_pickup", status_notes=""), "en")
    assert ready.must_do[0].startswith("Go to People's Committee of Mau ward to collect your result")
    done = build_view(_request(state="returned", status="closed", status_notes=""), "vi")
    assert done.must_do == ("Ông/bà không cần làm gì thêm.",)
    refused = build_view(
        _request(state="rejected", status="closed", status_notes="Không thuộc thẩm quyền"), "vi"
    )
    assert (
        refused.quoted_note == "Không thuộc thẩm quyền"
        and refused.headline == "Hồ sơ của ông/bà không được giải quyết."
    )
    unsaid = build_view(_request(status_notes="", history=()), "vi")
    assert unsaid.quoted_note == "" and "chưa ghi rõ" in unsaid.must_do[0]
    # A plain Open311 central: no extension fields at all.
    plain = build_view(ServiceRequest("9", "open", agency_responsible="UBND"), "en")
    assert plain.headline == "Your file is being handled." and plain.officer == "Not assigned yet"
    assert plain.appointment.startswith("Not set yet") and plain.must_do == (
        "You do not need to do anything now.",
    )


def test_codes_typed_wrong_are_caught_before_any_lookup():
    body = "K7M4QX9T2"
    good = body + tracking.check_symbol(body)
    assert check_code(good.lower()) == (good, None)
    assert check_code("k7m4q-x9t2" + good[-1].lower()) == (good, None)
    swapped = good[1] + good[0] + good[2:]
    assert check_code(swapped) == (None, "track.bad_code")
    assert check_code("K7M4Q") == (None, "track.short_code")
    assert check_code("  ") == (None, "track.empty_code")


def test_age_text():
    assert age_text(30, "vi") == "vừa xong"
    assert age_text(45 * 60, "en") == "45 minutes ago"
    assert age_text(3 * 3600, "vi") == "3 giờ trước"
    assert age_text(3 * 86400, "en") == "3 days ago"
    assert fmt_date(date(2026, 11, 29), "vi") == "Chủ Nhật, 29/11/2026"


def test_request_json_round_trip():
    r = _request()
    assert ServiceRequest.from_json(request_to_json(r)) == r


def _closed_port_client(sb) -> CentralClient:  # type: ignore[no-untyped-def]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return CentralClient(f"http://127.0.0.1:{port}/", auth=ApiKeyAuth(sb.api_key, TEST_KIOSK_ID), retries=0)


def test_lookup_on_the_sandbox_then_offline_shows_last_known(sandbox, central_client, isolated_kiosk_env):  # noqa: F811
    sub = Submission(
        "certified_copy",
        tracking.new_tracking_code(),
        TEST_KIOSK_ID,
        Applicant("001203004567", "Lê Văn Tám"),
        attributes={"document_title": "Bằng tốt nghiệp", "pages": "2", "copies": "3"},
    )
    rid = central_client.submit(sub).service_request_id
    for to_state, note in (("in_processing", ""), ("more_documents_needed", NOTE)):
        r = session_as(sandbox, "officer", "Trần Thị Bình").post(
            f"{sandbox.url}console/api/dossiers/{rid}/transition",
            json={"to_state": to_state, "note": note},
            timeout=10,
        )
        assert r.status_code == 200
    t = {"now": 1_790_000_000.0}

    def online() -> CentralClient:
        return CentralClient(sandbox.url, auth=ApiKeyAuth(sandbox.api_key, TEST_KIOSK_ID))

    with Store.open(isolated_kiosk_env, clock=lambda: t["now"]) as store:
        cache = TrackingCache(store)
        found = lookup(tracking.display(sub.tracking_code).lower(), online, cache, lambda: t["now"])
        assert found.kind == "found" and found.code == sub.tracking_code
        v = build_view(found.request, "vi")  # type: ignore[arg-type]
        assert v.quoted_note == NOTE and v.officer == "Trần Thị Bình" and v.dossier_code.startswith("UB")
        assert [s.title for s in v.steps] == ["Đã tiếp nhận", "Đang giải quyết", "Cần bổ sung giấy tờ"]
        assert v.contacts and v.appointment[0].isalpha()

        t["now"] += 2 * 3600
        stale = lookup(sub.tracking_code, lambda: _closed_port_client(sandbox), cache, lambda: t["now"])
        assert stale.kind == "stale" and stale.fetched_at == 1_790_000_000.0
        sv = build_view(stale.request, "vi", stale_fetched_at=stale.fetched_at, now=t["now"])  # type: ignore[arg-type]
        assert sv.stale and "2 giờ trước" in sv.stale_text and sv.stale_text.startswith("KHÔNG KẾT NỐI")
        assert sv.quoted_note == NOTE

        # The central is down and this code was never looked up here.
        other = tracking.new_tracking_code()
        assert (
            lookup(other, lambda: _closed_port_client(sandbox), cache, lambda: t["now"]).kind == "unavailable"
        )
        # No central configured yet: the same as offline.
        assert lookup(sub.tracking_code, _no_central, cache, lambda: t["now"]).kind == "stale"
        # Online, unknown code; and a typo never reaches the network.
        assert lookup(other, online, cache, lambda: t["now"]).kind == "not_found"
        assert (
            lookup(
                sub.tracking_code[:-1] + "0"
                if sub.tracking_code[-1] != "0"
                else sub.tracking_code[:-1] + "1",
                _no_central,
                cache,
                lambda: t["now"],
            ).kind
            == "bad_code"
        )


def _no_central() -> CentralClient:
    from kiosk.errors import KioskError

    raise KioskError("no central", code="central.no_central")
