"""The normaliser on a table of dates, money, times, codes, ID numbers and abbreviations."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk import tracking
from kiosk.speech.normalise import date_words, speakable, spell_code
from kiosk.speech.numbers import number_vi

# Vietnamese numbers as a counter officer reads them (the issue's own examples among them).
NUMBERS_VI = [
    (0, "không"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (1005, "một nghìn không trăm linh năm"),
    (2026, "hai nghìn không trăm hai mươi sáu"),
    (8000, "tám nghìn"),
    (25_000, "hai mươi lăm nghìn"),
    (120_500, "một trăm hai mươi nghìn năm trăm"),
    (1_000_000, "một triệu"),
    (1_500_000, "một triệu năm trăm nghìn"),
    (2_000_000_000, "hai tỷ"),
]


@pytest.mark.parametrize(("n", "words"), NUMBERS_VI)
def test_vietnamese_numbers(n: int, words: str) -> None:
    assert number_vi(n) == words


TABLE = [
    # dates
    ("25/11/2026", "vi", "thứ Tư, ngày hai mươi lăm tháng mười một năm hai nghìn không trăm hai mươi sáu"),
    ("2026-11-25", "vi", "thứ Tư, ngày hai mươi lăm tháng mười một năm hai nghìn không trăm hai mươi sáu"),
    ("01/04/2025", "vi", "thứ Ba, ngày một tháng tư năm hai nghìn không trăm hai mươi lăm"),
    ("25/11/2026", "en", "Wednesday, the twenty-fifth of November, twenty twenty-six"),
    ("31/02/2026", "vi", "ba mươi mốt/hai/hai nghìn không trăm hai mươi sáu"),  # not a date: numbers only
    # money
    ("Lệ phí: 8.000 đồng", "vi", "Lệ phí: tám nghìn đồng"),
    ("8.000 đ", "vi", "tám nghìn đồng"),
    ("50.000₫", "vi", "năm mươi nghìn đồng"),
    ("1.200.000 VND", "vi", "một triệu hai trăm nghìn đồng"),
    ("Fee: 8,000 VND", "en", "Fee: eight thousand dong"),
    # times
    ("lúc 14:30", "vi", "lúc mười bốn giờ ba mươi phút"),
    ("7h00", "vi", "bảy giờ"),
    ("at 09:05", "en", "at nine oh five"),
    ("at 14:00", "en", "at fourteen hundred"),
    # ID numbers and phone numbers in groups
    ("001234567890", "vi", "không không một, hai ba bốn, năm sáu bảy, tám chín không"),
    ("001234567890", "en", "zero zero one, two three four, five six seven, eight nine zero"),
    ("0912345678", "vi", "không chín một hai, ba bốn năm, sáu bảy tám"),
    # abbreviations
    ("UBND phường Ba Đình", "vi", "Ủy ban nhân dân phường Ba Đình"),
    ("Thẻ CCCD", "vi", "Thẻ căn cước công dân"),
    ("TTHC", "vi", "thủ tục hành chính"),
    ("UBND", "en", "People's Committee"),
    ("CCCD card", "en", "citizen identity card card"),
    # plain numbers, symbols and decoration
    ("Còn 3 giấy tờ", "vi", "Còn ba giấy tờ"),
    ("Tiếp tục  ›", "vi", "Tiếp tục"),
    ("Ông/bà cần gì?", "vi", "Ông bà cần gì?"),
    ("100%", "en", "one hundred percent"),
    # words that look like codes are left alone
    ("Vietnamese", "en", "Vietnamese"),
]


@pytest.mark.parametrize(("raw", "lang", "spoken"), TABLE)
def test_speakable(raw: str, lang: str, spoken: str) -> None:
    assert speakable(raw, lang) == spoken


def test_tracking_code_symbol_by_symbol_with_check_symbol() -> None:
    body = "K7M4QX9T2"
    code = body + tracking.check_symbol(body)
    spoken = speakable(f"Mã tra cứu: {tracking.display(code)}", "vi")
    check = spell_code(code, "vi").split(": ")[-1]
    assert spoken.startswith("Mã tra cứu: ca, bảy, em mờ, bốn, quy; ích, chín, tê, hai; ký tự kiểm tra: ")
    assert spoken.endswith(check)
    en = speakable(tracking.display(code), "en")
    assert en.startswith("kay, seven, em, four, cue; ex, nine, tee, two; check symbol: ")


def test_an_invalid_code_is_not_spelled_as_a_tracking_code() -> None:
    # Same shape, wrong check symbol: a word, not a receipt's code.
    body = "K7M4QX9T2"
    good = tracking.check_symbol(body)
    bad = next(c for c in tracking.ALPHABET if c != good and c.isalpha())
    assert "ký tự kiểm tra" not in speakable(f"{body[:5]}-{body[5:]}{bad}", "vi")


@pytest.mark.parametrize("day", [dt.date(2024, 2, 29) + dt.timedelta(days=k * 37) for k in range(40)])
def test_weekday_matches_the_calendar(day: dt.date) -> None:
    # Held out: the stdlib's calendar decides the weekday, not the normaliser's own table.
    en = date_words(day, "en")
    assert en.startswith(day.strftime("%A") + ",") or en.startswith(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[day.weekday()]
    )
    vi = date_words(day, "vi")
    assert (
        vi.split(",")[0]
        == ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")[day.weekday()]
    )


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang"):
        speakable("x", "fr")
