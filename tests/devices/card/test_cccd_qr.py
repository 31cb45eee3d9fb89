"""CCCD front QR: parsing the variants, and the BAC key by the card law's renewal ages."""

import unicodedata
from datetime import date

import pytest

from devices.card import cccd_qr as q
from devices.card.errors import BadQr
from devices.card.mrz import NO_EXPIRY, MrzKey

SEVEN = "079195004567|272749215|Trần Thị Bích Ngọc|25081995|Nữ|123 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh|15012022"
SIX_NO_OLD_ID = "001088012345|Nguyễn Văn An|12031988|Nam|Số 12 Phố Hàng Bạc, Hoàn Kiếm, Hà Nội|10052021"
SEVEN_EMPTY_OLD = "001088012345||Nguyễn Văn An|12031988|Nam|Số 12 Phố Hàng Bạc, Hoàn Kiếm, Hà Nội|10052021"
SIX_NO_ISSUE = "020307001122|Hoàng Thị Mỷ|01062007|Nữ|Thôn Nà Chuông, Xã Hoàng Đồng, Lạng Sơn"
TODAY = date(2026, 11, 23)


def test_seven_fields():
    r = q.parse(SEVEN)
    assert (r.personal_number, r.document_number, r.old_id) == ("079195004567", "195004567", "272749215")
    assert r.full_name == "Trần Thị Bích Ngọc" and r.sex == "F"
    assert (r.birth, r.issued) == (date(1995, 8, 25), date(2022, 1, 15))
    assert r.address.startswith("123 Lê Lợi")


@pytest.mark.parametrize("text", [SIX_NO_OLD_ID, SEVEN_EMPTY_OLD])
def test_six_fields_and_empty_old_id_read_the_same(text):
    r = q.parse(text)
    assert (r.full_name, r.old_id, r.sex, r.issued) == ("Nguyễn Văn An", None, "M", date(2021, 5, 10))


def test_decomposed_diacritics_are_normalised():
    r = q.parse(unicodedata.normalize("NFD", SEVEN))
    assert r.full_name == "Trần Thị Bích Ngọc" and r.sex == "F"


def test_six_fields_without_issue_date():
    r = q.parse(SIX_NO_ISSUE)
    assert r.issued is None and r.address.startswith("Thôn")


def test_extra_trailing_fields_are_kept():
    r = q.parse(SEVEN + "|ABC|")
    assert r.extra == ("ABC", "")


@pytest.mark.parametrize(
    "bad",
    ["", "hello", "12345|a|b|c|d|e", SEVEN.replace("25081995", "32131995"), SEVEN.replace("Nữ", "X"),
     SEVEN.replace("272749215", "27274"), SEVEN.replace("15012022", "15011990")],
)  # fmt: skip
def test_not_a_cccd_qr(bad):
    with pytest.raises(BadQr) as e:
        q.parse(bad)
    assert "Ngọc" not in e.value.detail  # no personal data in the technical detail


@pytest.mark.parametrize(
    ("birth", "issued", "expiry"),
    [
        (date(1995, 8, 25), date(2022, 1, 15), date(2035, 8, 25)),  # 26 at issue: until 40
        (date(1999, 1, 1), date(2021, 7, 10), date(2024, 1, 1)),  # 22: until 25
        (date(1999, 1, 1), date(2023, 3, 1), date(2039, 1, 1)),  # 24: within 2 years of 25 -> 40
        (date(1999, 1, 1), date(2022, 1, 1), date(2039, 1, 1)),  # exactly 2 years before 25 -> 40
        (date(1984, 6, 30), date(2022, 7, 1), date(2044, 6, 30)),  # 38: within 2 years of 40 -> 60
        (date(1970, 5, 5), date(2021, 4, 1), date(2030, 5, 5)),  # 50: until 60
        (date(1963, 1, 10), date(2021, 3, 1), None),  # 58: no expiry
        (date(1955, 9, 9), date(2021, 3, 1), None),  # 65: no expiry
        (date(2013, 4, 4), date(2024, 8, 1), date(2027, 4, 4)),  # 11 (Luật Căn cước 2023): until 14
        (date(2011, 4, 4), date(2024, 8, 1), date(2036, 4, 4)),  # 13, within 2 years of 14 -> 25
    ],
)
def test_expiry_by_renewal_ages(birth, issued, expiry):
    assert q.expiry_for(birth, issued) == expiry


def test_keys_from_qr_use_last_nine_digits_and_the_derived_expiry():
    keys = q.bac_keys(q.parse(SEVEN), TODAY)
    assert keys[0] == MrzKey("195004567", "950825", "350825")


def test_boundary_issue_dates_try_both_expiries():
    r = q.parse("001099012345||Nguyễn Văn An|01011999|Nam|Hà Nội|03012022")  # 2 days after 23rd birthday
    expiries = [k.expiry for k in q.bac_keys(r, TODAY)]
    assert expiries[0] == "390101" and "240101" in expiries


def test_no_expiry_keys_try_fillers_first():
    r = q.parse("048062007890||Lê Hoàng Minh Đức|02111962|Nam|Đà Nẵng|20032021")
    assert [k.expiry for k in q.bac_keys(r, TODAY)] == [NO_EXPIRY, "991231"]


def test_without_issue_date_the_next_renewal_comes_first():
    keys = q.bac_keys(q.parse(SIX_NO_ISSUE), TODAY)  # born 2007: 19 today
    assert [k.expiry for k in keys][:3] == ["320601", "470601", "210601"]


def test_leap_day_birth_tries_28_feb_and_1_march():
    r = q.parse("001200009876||Phạm Quốc Bảo|29022000|Nam|Hà Nội|01092010")  # until 14 in 2014
    expiries = [k.expiry for k in q.bac_keys(r, TODAY)]
    assert expiries == ["140228", "140301"]


def test_qr_data_is_marked_unverified():
    assert q.parse(SEVEN).to_dict()["verification"] == {"level": "unverified", "source": "qr"}


def test_qr_as_unverified_prefill_in_the_chip_read_shape():
    r = q.parse(SEVEN).to_card_read()
    assert (r.verification.level, r.verification.source) == ("unverified", "qr")
    assert (r.surname, r.given_names) == ("TRAN", "THI BICH NGOC") and r.face is None
    assert r.dg13.old_id_number == "272749215" and r.dg13.issued == date(2022, 1, 15)
