"""Text as it is to be spoken: numbers, dates, times, money, codes and abbreviations as words.

A speech engine guesses at "25/11/2026", "8.000 đ", "K7M4Q-X9T2R" or "UBND" (espeak-ng
reads the date as a fraction and the tracking code as one word). This module writes them out
the way a counter officer reads them to a citizen, so that what is spoken is decided (and
tested) here, not by the voice. ``speakable(text, lang)`` is what ``kiosk speech text``
prints and what the kiosk sends to the engine.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from kiosk import tracking
from kiosk.speech.numbers import digit, number, number_vi, ordinal_en, year_en

WEEKDAYS_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
MONTHS_VI = ("", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = (
    "", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# Letter names as Vietnamese read a code aloud (Crockford's alphabet has no I, L, O, U).
LETTERS_VI = {
    "A": "a", "B": "bê", "C": "xê", "D": "đê", "E": "e", "F": "ép", "G": "giê", "H": "hát",
    "I": "i", "J": "gi", "K": "ca", "L": "e lờ", "M": "em mờ", "N": "en nờ", "O": "o", "P": "pê",
    "Q": "quy", "R": "e rờ", "S": "ét", "T": "tê", "U": "u", "V": "vê", "W": "vê kép", "X": "ích",
    "Y": "i dài", "Z": "dét",
}  # fmt: skip
LETTERS_EN = {
    "A": "ay", "B": "bee", "C": "see", "D": "dee", "E": "ee", "F": "ef", "G": "gee", "H": "aitch",
    "I": "eye", "J": "jay", "K": "kay", "L": "el", "M": "em", "N": "en", "O": "oh", "P": "pee",
    "Q": "cue", "R": "ar", "S": "ess", "T": "tee", "U": "you", "V": "vee", "W": "double you",
    "X": "ex", "Y": "why", "Z": "zed",
}  # fmt: skip

# Abbreviations on the kiosk's screens and in the catalog, read as the words they stand for.
ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "UBND": ("Ủy ban nhân dân", "People's Committee"),
    "HĐND": ("Hội đồng nhân dân", "People's Council"),
    "CCCD": ("căn cước công dân", "citizen identity card"),
    "CMND": ("chứng minh nhân dân", "people's identity card"),
    "TTHC": ("thủ tục hành chính", "administrative procedure"),
    "BHYT": ("bảo hiểm y tế", "health insurance"),
    "BHXH": ("bảo hiểm xã hội", "social insurance"),
    "GCN": ("giấy chứng nhận", "certificate"),
    "GPLX": ("giấy phép lái xe", "driving licence"),
    "CSDL": ("cơ sở dữ liệu", "database"),
    "VNeID": ("vê en e ai đi", "V N e I D"),
    "QR": ("kiu a", "Q R"),
    "TP.": ("thành phố", "city"),
    "Tp.": ("thành phố", "city"),
    "Q.": ("quận", "district"),
    "P.": ("phường", "ward"),
    "ID": ("ai đi", "I D"),
    "VND": ("đồng", "dong"),
    "VNĐ": ("đồng", "dong"),
}

_SEP = r"[.,]"
_NUM = r"\d{1,3}(?:[.,]\d{3})+|\d+"


def _int(s: str) -> int:
    return int(re.sub(_SEP, "", s))


def spell_code(code: str, lang: str) -> str:
    """A tracking code symbol by symbol, its two groups apart, the check symbol named."""
    s = tracking.normalize(code) or code.upper()
    letters = LETTERS_VI if lang == "vi" else LETTERS_EN

    def sym(c: str) -> str:
        return digit(c, lang) if c.isdigit() else letters.get(c, c)

    first = ", ".join(sym(c) for c in s[:5])
    second = ", ".join(sym(c) for c in s[5:-1])
    check = "ký tự kiểm tra" if lang == "vi" else "check symbol"
    return f"{first}; {second}; {check}: {sym(s[-1])}"


def spell_digits(digits: str, lang: str, group: int = 3) -> str:
    """An ID or phone number in groups of digits, as it is read back at a counter."""
    parts = [digits[i : i + group] for i in range(0, len(digits), group)]
    return ", ".join(" ".join(digit(d, lang) for d in p) for p in parts)


def date_words(d: dt.date, lang: str, *, weekday: bool = True) -> str:
    if lang == "vi":
        s = f"ngày {number_vi(d.day)} tháng {MONTHS_VI[d.month]} năm {number_vi(d.year)}"
        return f"{WEEKDAYS_VI[d.weekday()]}, {s}" if weekday else s
    s = f"{ordinal_en(d.day)} of {MONTHS_EN[d.month]}, {year_en(d.year)}"
    return f"{WEEKDAYS_EN[d.weekday()]}, the {s}" if weekday else f"the {s}"


def time_words(hour: int, minute: int, lang: str) -> str:
    if lang == "vi":
        return f"{number_vi(hour)} giờ" + (f" {number_vi(minute)} phút" if minute else "")
    h = number(hour, "en")
    if minute == 0:
        return f"{h} o'clock" if hour <= 12 else f"{h} hundred"
    return f"{h} oh {number(minute, 'en')}" if minute < 10 else f"{h} {number(minute, 'en')}"


def money_words(amount: int, lang: str) -> str:
    return f"{number(amount, lang)} đồng" if lang == "vi" else f"{number(amount, lang)} dong"


def _date_or_none(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], str | None]]


def _tracking(m: re.Match[str], lang: str) -> str | None:
    return spell_code(m.group(0), lang) if tracking.is_valid(m.group(0)) else None


def _dmy(m: re.Match[str], lang: str) -> str | None:
    d = _date_or_none(int(m["y"]), int(m["m"]), int(m["d"]))
    return date_words(d, lang) if d else None


def _iso(m: re.Match[str], lang: str) -> str | None:
    d = _date_or_none(int(m["y"]), int(m["m"]), int(m["d"]))
    return date_words(d, lang) if d else None


def _time(m: re.Match[str], lang: str) -> str | None:
    h, mi = int(m["h"]), int(m["mi"])
    return time_words(h, mi, lang) if h < 24 and mi < 60 else None


def _money(m: re.Match[str], lang: str) -> str:
    return money_words(_int(m["n"]), lang)


def _id(m: re.Match[str], lang: str) -> str:
    s = m.group(0)
    # Phone numbers (0 and nine digits) are read 4-3-3, ID numbers (9 or 12 digits) in threes.
    if len(s) == 10 and s.startswith("0"):
        return f"{spell_digits(s[:4], lang, 4)}, {spell_digits(s[4:], lang)}"
    return spell_digits(s, lang)


def _number(m: re.Match[str], lang: str) -> str:
    return number(_int(m.group(0)), lang)


def _abbreviation(m: re.Match[str], lang: str) -> str:
    vi, en = ABBREVIATIONS[m.group(0)]
    return vi if lang == "vi" else en


_ABBR = "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
RULES: list[Rule] = [
    # Upper case with a letter in it: a phone number or a word is never taken for a code.
    (re.compile(r"(?<![\w-])(?=[0-9A-Z-]*[A-Z])[0-9A-Z]{5}-?[0-9A-Z]{5}(?![\w-])"), _tracking),
    (re.compile(r"\b(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})\b"), _dmy),
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _iso),
    (re.compile(r"\b(?P<h>\d{1,2})[:h](?P<mi>\d{2})\b"), _time),
    (re.compile(rf"(?P<n>{_NUM})\s*(?:đồng|đ|₫|VNĐ|VND|dong)(?!\w)"), _money),
    (re.compile(r"\b(?:\d{12}|0\d{9}|\d{9})\b"), _id),
    (re.compile(rf"(?<![\w.])(?:{_ABBR})(?![\w])"), _abbreviation),
    (re.compile(rf"\b(?:{_NUM})\b"), _number),
]

_SYMBOLS = {
    "vi": {"%": " phần trăm", "&": " và ", "ông/bà": "ông bà", "Ông/bà": "Ông bà", "+": " cộng "},
    "en": {"%": " percent", "&": " and ", "+": " plus "},
}
# Decoration that only the eye needs: arrows, bullets, icons, ellipses.
_DECORATION = re.compile(r"[›‹«»→←↑↓•·●○◐◌⌫⇧✓✔✗…\u2190-\u21ff\u2600-\u27bf\U0001F300-\U0001FAFF]")


def speakable(text: str, lang: str) -> str:
    """``text`` with everything a voice would misread written out as words."""
    if lang not in ("vi", "en"):
        raise ValueError("lang is 'vi' or 'en'")
    out = text
    for pattern, rule in RULES:
        out = pattern.sub(lambda m, r=rule: r(m, lang) or m.group(0), out)  # type: ignore[misc]
    for sym, words in _SYMBOLS[lang].items():
        out = out.replace(sym, words)
    out = _DECORATION.sub(" ", out)
    out = re.sub(r"[ \t]+", " ", out)
    out = re.sub(r" +([,.;:!?])", r"\1", out)
    return out.strip()
