"""Numbers as words, the way a Vietnamese or English speaker reads them aloud.

Vietnamese is written here rather than taken from num2words: its ``vi`` module reads 2026 as
"hai nghìn lẻ hai mươi sáu", where a date or a fee is read "hai nghìn không trăm hai mươi
sáu" (an inner group under one hundred keeps its "không trăm"). English comes from num2words.
"""

from __future__ import annotations

from num2words import num2words

DIGITS_VI = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
DIGITS_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_SCALES_VI = ("", "nghìn", "triệu", "tỷ")


def _below_thousand_vi(n: int, *, inner: bool) -> list[str]:
    """0 < n < 1000; ``inner``: a group after a larger one, which reads its hundreds even when 0."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or inner:
        words += [DIGITS_VI[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(DIGITS_VI[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS_VI[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens > 1 else "một")
    elif units == 4:
        words.append("tư" if tens > 1 else "bốn")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS_VI[units])
    return words


def number_vi(n: int) -> str:
    if n < 0:
        return "âm " + number_vi(-n)
    if n == 0:
        return "không"
    if n >= 10**12:
        # Thousands of billions: "nghìn tỷ", read as a number of billions.
        high, low = divmod(n, 10**9)
        return number_vi(high) + " tỷ" + ("" if low == 0 else " " + _groups_vi(low, inner=True))
    return _groups_vi(n, inner=False)


def _groups_vi(n: int, *, inner: bool) -> str:
    groups: list[int] = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    words: list[str] = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        words += _below_thousand_vi(g, inner=inner or bool(words))
        if _SCALES_VI[i]:
            words.append(_SCALES_VI[i])
    return " ".join(words)


def number_en(n: int) -> str:
    return str(num2words(n, lang="en"))


def ordinal_en(n: int) -> str:
    return str(num2words(n, lang="en", to="ordinal"))


def year_en(n: int) -> str:
    return str(num2words(n, lang="en", to="year"))


def number(n: int, lang: str) -> str:
    return number_vi(n) if lang == "vi" else number_en(n)


def digit(d: str, lang: str) -> str:
    return (DIGITS_VI if lang == "vi" else DIGITS_EN)[int(d)]
