from __future__ import annotations

import pytest

from ui.widgets.vi_compose import apply_tone


@pytest.mark.parametrize(
    ("typed", "tone", "expected"),
    [
        ("Viêt", "nang", "Việt"),
        ("Nam", "sac", "Nám"),
        ("hoa", "sac", "hoá"),  # modern placement
        ("toan", "sac", "toán"),
        ("người", "huyen", "ngươi"),  # same mark again removes it
        ("ngươi", "huyen", "người"),
        ("thuy", "hoi", "thuỷ"),
        ("mua", "sac", "múa"),
        ("ngoai", "huyen", "ngoài"),
        ("quy", "sac", "quý"),
        ("gia", "sac", "giá"),
        ("khuyên", "sac", "khuyến"),
        ("tiên", "huyen", "tiền"),
        ("hoá", "huyen", "hoà"),  # another mark replaces the first
        ("Đăng ky", "sac", "Đăng ký"),  # only the last word
        ("ĐƯƠNG", "huyen", "ĐƯỜNG"),
    ],
)
def test_tone_goes_where_vietnamese_spelling_puts_it(typed, tone, expected):
    assert apply_tone(typed, tone) == expected


def test_no_vowel_no_change():
    assert apply_tone("", "sac") is None
    assert apply_tone("ng", "sac") is None
    assert apply_tone("abc 12", "sac") is None
