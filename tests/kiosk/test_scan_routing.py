"""Scanned payloads are classified by kind; hostile ones are rejected with a reason, never a crash."""

from __future__ import annotations

import logging

import pytest

from kiosk import tracking
from kiosk.messages import text as message
from kiosk.scan_routing import MAX_LEN, ScanKind, route

CODE = "K7M4QX9T2" + tracking.check_symbol("K7M4QX9T2")
CCCD7 = "001089012345|123456789|Nguyễn Thị Hồng Nhung|01011990|Nữ|Số 12 Hàng Bạc, Hoàn Kiếm, Hà Nội|15082021"
CCCD6 = "001089012345|Lê Văn Tám|01011990|Nam|Thôn Đông Xá, Bắc Ninh|15082021"


def _wrong_check(code: str) -> str:
    bad = next(c for c in tracking.ALPHABET if c != code[-1])
    return code[:-1] + bad


@pytest.mark.parametrize(
    "payload, kind",
    [
        (f"https://dvc.example.gov.vn/t/{CODE}?v=1&p=1.00", ScanKind.RECEIPT),
        (f"http://10.0.0.5:8000/t/{tracking.display(CODE)}", ScanKind.RECEIPT),
        (CODE, ScanKind.RECEIPT),
        (tracking.display(CODE), ScanKind.RECEIPT),
        (CODE + "\r\n", ScanKind.RECEIPT),
        (CCCD7, ScanKind.CCCD),
        (CCCD6, ScanKind.CCCD),
        (CCCD7.encode("utf-8"), ScanKind.CCCD),
        ("KSTAFF1.eyJ2IjoxfQ.c2lnbmF0dXJl", ScanKind.STAFF),
        ("KENROLL1:ABCD-EFGH@https://central.example.gov.vn", ScanKind.ENROLLMENT),
        ("hello world", ScanKind.UNKNOWN),
        ("https://example.com/some/page", ScanKind.UNKNOWN),
        ("0912345678", ScanKind.UNKNOWN),
        ("WIFI:S:cafe;T:WPA;P:secret;;", ScanKind.UNKNOWN),
    ],
)
def test_given_a_payload_when_routed_then_its_kind_is_recognised(payload, kind):
    assert route(payload, "test").kind == kind


def test_receipt_route_carries_the_canonical_tracking_code():
    r = route(f"https://dvc.example.gov.vn/t/{tracking.display(CODE).lower()}", "camera")
    assert r.kind == ScanKind.RECEIPT and r.tracking_code == CODE and r.source == "camera"


def test_receipt_qr_made_by_the_receipt_module_is_parsed_in_detail(isolated_kiosk_env):
    receipt = pytest.importorskip("kiosk.receipt")
    from datetime import date, datetime, timedelta, timezone

    from provisioning.keys import load_or_create_kiosk_key

    r = receipt.Receipt(
        tracking_code=CODE,
        agency_name="UBND phường Hoàn Kiếm",
        agency_address="Hà Nội",
        agency_phone="024",
        ask_where="Quầy 3",
        procedure_name="Đăng ký khai sinh",
        procedure_code="1.001193",
        applicant_name="Nguyễn Văn A",
        applicant_id="001089012345",
        documents=("Tờ khai",),
        received_at=datetime(2026, 11, 23, 10, 0, tzinfo=timezone(timedelta(hours=7))),
        appointment=date(2026, 11, 30),
        fee_vnd=0,
        kiosk_id="demo-kiosk-01",
    )
    key = load_or_create_kiosk_key(isolated_kiosk_env)
    qr = receipt.receipt_qr_text(r, key, "https://dvc.example.gov.vn")
    routed = route(qr, "camera")
    assert routed.kind == ScanKind.RECEIPT and routed.tracking_code == CODE
    assert routed.parsed is not None and routed.parsed.procedure_code == "1.001193"


@pytest.mark.parametrize(
    "payload, reason",
    [
        (_wrong_check(CODE), "scanner.bad_check_digit"),
        (f"https://dvc.example.gov.vn/t/{_wrong_check(CODE)}?v=1", "scanner.bad_check_digit"),
        ("x" * (MAX_LEN + 1), "scanner.too_long"),
        ("x" * 10_000_000, "scanner.too_long"),
        (b"\xff\xfe\x00\x01binary", "scanner.binary"),
        (b"a" * 10_000_000, "scanner.too_long"),
        ("abc\x00def", "scanner.control_chars"),
        ("abc\x1b[2Jdef", "scanner.control_chars"),
        ("abc\u202edef", "scanner.control_chars"),
        ("abc\x85def", "scanner.control_chars"),
        ("", "scanner.empty"),
        ("  \r\n", "scanner.empty"),
        ("001089012345|123|Nguyễn A|01011990|Nữ|Hà Nội|15082021", "scanner.malformed_cccd"),
        ("001089012345|123456789|Nguyễn A|1.1.1990|Nữ|Hà Nội|15082021", "scanner.malformed_cccd"),
        ("001089012345|123456789|Nguyễn A|01011990|X|Hà Nội|15082021", "scanner.malformed_cccd"),
        ("001089012345|a|b|c", "scanner.malformed_cccd"),
        ("KSTAFF1.only-one-part", "scanner.malformed_staff"),
        ("KSTAFF1.a b.c", "scanner.malformed_staff"),
        ("KENROLL1:ABCD@ftp://x", "scanner.malformed_enrollment"),
        ("KENROLL1:no-at-sign", "scanner.malformed_enrollment"),
    ],
)
def test_given_a_hostile_or_malformed_payload_then_it_is_rejected_with_a_reason(payload, reason):
    r = route(payload, "serial")
    assert r.kind == ScanKind.REJECTED
    assert r.reason == reason
    assert not r.accepted
    # every reason has words in both languages
    assert message(reason, "vi") != message("common.unexpected", "vi")
    assert message(reason, "en") != message("common.unexpected", "en")


def test_unknown_code_has_a_message():
    r = route("hello world")
    assert r.reason == "scanner.unknown_code" and message(r.reason, "en").startswith("This QR code")


def test_random_bytes_never_raise():
    import random

    rnd = random.Random(8)
    for _ in range(2000):
        n = rnd.choice([0, 1, 5, 10, 50, 300, 3000])
        data = bytes(rnd.getrandbits(8) for _ in range(n))
        r = route(data)
        assert r.kind in set(ScanKind)
        r2 = route(data.decode("latin-1"))
        assert r2.kind in set(ScanKind)


def test_personal_data_stays_out_of_repr_and_logs(caplog):
    caplog.set_level(logging.DEBUG)
    r = route(CCCD7, "camera")
    assert "Nguyễn" not in repr(r) and "001089012345" not in repr(r)
    route("001089012345|123|Nguyễn Thị Hồng Nhung|x|Nữ|Hà Nội|15082021")
    assert "Nhung" not in caplog.text and "001089012345" not in caplog.text


def test_vietnamese_decomposed_text_is_normalised_to_nfc():
    import unicodedata

    r = route(unicodedata.normalize("NFD", CCCD7))
    assert r.kind == ScanKind.CCCD and r.text == CCCD7


def test_each_kind_carries_its_owning_areas_parse():
    """A scan is routed with the owning area's parse result, not silently without it (a
    misspelt parser name once left every CCCD scan with ``parsed=None``)."""
    from devices.card.cccd_qr import CccdQr

    r = route(CCCD7, "camera")
    assert isinstance(r.parsed, CccdQr)
    assert r.parsed.personal_number == "001089012345" and r.parsed.old_id == "123456789"
    r = route("KENROLL1:ABCD-EFGH@https://central.example.gov.vn/", "camera")
    assert r.kind == ScanKind.ENROLLMENT and r.parsed == ("ABCD-EFGH", "https://central.example.gov.vn/")


def test_a_shape_the_parser_refuses_keeps_its_kind_without_detail():
    # Well-formed to the router, but the issue date precedes the birth date: the card area refuses.
    r = route("001089012345|Lê Văn Tám|01011990|Nam|Thôn Đông Xá, Bắc Ninh|15081980")
    assert r.kind == ScanKind.CCCD and r.parsed is None
