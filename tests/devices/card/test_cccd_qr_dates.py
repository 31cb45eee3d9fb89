"""Impossible dates in a CCCD front QR are a clear "bad QR date" (type the MRZ), never a
ValueError out of the BAC key derivation."""

from __future__ import annotations

from datetime import date

import pytest

from devices.card import cccd_qr as q
from devices.card.errors import BadQr

TODAY = date(2026, 12, 7)
BASE = "001099012345|012345678|Nguyễn Văn A|{birth}|Nam|Hà Nội|{issued}"


@pytest.mark.parametrize(
    "birth, issued, why",
    [
        ("01011990", "01019999", "issue date is in the future"),  # the reported QR
        ("01019990", "01019999", "birth date is in the future"),  # year 10 0xx in the keys before
        ("01011990", "31022020", "issue date is not a real date"),
        ("01011850", "01012020", "birth date is before 1900"),
    ],
)
def test_impossible_dates_are_a_clear_error(birth: str, issued: str, why: str):
    with pytest.raises(q.BadQrDate) as e:
        q.bac_keys(q.parse(BASE.format(birth=birth, issued=issued), today=TODAY), today=TODAY)
    assert isinstance(e.value, BadQr) and e.value.code == "card.bad_qr_date"
    assert e.value.way_on == "type_mrz"
    assert why in str(e.value)


def test_keys_from_a_qr_built_by_hand_with_far_dates_are_a_clear_error():
    good = q.parse(BASE.format(birth="01011990", issued="01012020"), today=TODAY)
    far = q.CccdQr(good.personal_number, None, good.full_name, date(9990, 1, 1), good.sex, None, None, ())
    with pytest.raises(q.BadQrDate):
        q.bac_keys(far, today=date(9995, 1, 1))


def test_a_real_qr_still_gives_its_keys():
    keys = q.bac_keys(q.parse(BASE.format(birth="01011990", issued="01012020"), today=TODAY), today=TODAY)
    assert keys and all(k.birth == "900101" for k in keys)


def test_the_message_is_translated_and_addresses_the_citizen():
    from kiosk.messages import text

    assert "ông/bà" in text("card.bad_qr_date", "vi") and "MRZ" in text("card.bad_qr_date", "en")
