"""Text folding for search: Vietnamese without diacritics, and raw Telex keystrokes.

Citizens type on kiosks and phones without a Vietnamese input method: "dang ky ket hon"
(no marks) or the Telex keys themselves, "ddawng kys keets hoon". Both fold to the same
plain form as "Đăng ký kết hôn": ``dang ky ket hon``.
"""

from __future__ import annotations

import re

from unidecode import unidecode

_SPACES = re.compile(r"[^0-9a-z]+")
# Vietnamese syllables never end in s, f, r, x, j or z: there they are Telex tone keys.
_TONE_KEYS = re.compile(r"(?<=[a-z])[sfrxjz]$")
_TELEX_PAIRS = (("dd", "d"), ("aw", "a"), ("aa", "a"), ("ee", "e"), ("oo", "o"), ("ow", "o"), ("uw", "u"))
_VOWELS = set("aeiouy")


def fold(text: str) -> str:
    """Lower case, no diacritics (đ -> d), words separated by single spaces."""
    return _SPACES.sub(" ", unidecode(text).lower()).strip()


def _telex_word(word: str) -> str:
    if any(c in _VOWELS for c in word[:-1]):
        word = _TONE_KEYS.sub("", word)
    for a, b in _TELEX_PAIRS:
        word = word.replace(a, b)
    # A lone "w" is Telex for ư (as in "w" -> ư, "tw" -> tư).
    return word.replace("w", "u")


def telex_fold(text: str) -> str:
    """:func:`fold` after undoing raw Telex keystrokes (only meaningful for ASCII input)."""
    return " ".join(_telex_word(w) for w in fold(text).split())


def compact(text: str) -> str:
    return text.replace(" ", "")
