"""Vietnamese tone marks for the on-screen keyboard (no Qt here).

The keyboard types base letters (a ă â e ê i o ô ơ u ư y, đ) and applies one of the five
tone marks to the word just typed, as a person writes by hand: the mark goes on the vowel
that carries it by the spelling rules (modern placement, as in "hoá", "thuỷ", "người"),
replaces a mark already there, and pressing the same mark again removes it.
"""

from __future__ import annotations

import unicodedata

TONES = {
    "sac": "\u0301",  # á
    "huyen": "\u0300",  # à
    "hoi": "\u0309",  # ả
    "nga": "\u0303",  # ã
    "nang": "\u0323",  # ạ
}
_TONE_MARKS = set(TONES.values())
_BASE_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
_MODIFIED = set("ăâêôơưĂÂÊÔƠƯ")


def _split(ch: str) -> tuple[str, str | None]:
    """``ấ`` → (``â``, sắc mark); ``a`` → (``a``, None)."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = next((c for c in decomposed if c in _TONE_MARKS), None)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return base, tone


def is_vowel(ch: str) -> bool:
    return _split(ch)[0] in _BASE_VOWELS


def _with_tone(base: str, tone: str | None) -> str:
    return unicodedata.normalize("NFC", base + tone) if tone else base


def _target_index(word: str) -> int | None:
    """Index in ``word`` of the vowel that carries the tone, or None if there is no vowel."""
    bases = [_split(c)[0] for c in word]
    vowel_idx = [i for i, b in enumerate(bases) if b in _BASE_VOWELS]
    if not vowel_idx:
        return None
    # The last run of vowels is the syllable's nucleus.
    end = vowel_idx[-1]
    start = end
    while start - 1 >= 0 and bases[start - 1] in _BASE_VOWELS:
        start -= 1
    # "qu" and "gi" followed by a vowel: the u / i belongs to the consonant.
    if end > start:
        first = bases[start].lower()
        before = bases[start - 1].lower() if start > 0 else ""
        if (first == "u" and before == "q") or (first == "i" and before == "g"):
            start += 1
    cluster = list(range(start, end + 1))
    modified = [i for i in cluster if bases[i] in _MODIFIED]
    if modified:
        return modified[-1]  # "ươ" → on ơ; "uyê" → on ê
    if len(cluster) == 1:
        return cluster[0]
    has_final = end < len(word) - 1
    if has_final:
        return cluster[-1]  # "toán", "hoàng"
    pair = "".join(bases[i].lower() for i in cluster[-2:])
    if len(cluster) == 3:
        return cluster[1]  # "ngoài", "khuỷu"
    if pair in ("oa", "oe", "uy"):
        return cluster[-1]  # modern placement: "hoá", "khoẻ", "thuỷ"
    return cluster[0]  # "múa", "tài", "mía"


def apply_tone(text: str, tone: str) -> str | None:
    """``text`` (what is before the cursor) with ``tone`` applied to its last word.

    Returns None when there is no vowel to carry the mark (the keyboard then does nothing).
    """
    mark = TONES[tone]
    i = len(text)
    while i > 0 and (text[i - 1].isalpha()):
        i -= 1
    word = text[i:]
    idx = _target_index(word)
    if idx is None:
        return None
    chars = list(word)
    # A word carries one tone: remove any other mark first.
    existing = None
    for k, c in enumerate(chars):
        base, t = _split(c)
        if t:
            existing = t if k == idx else existing
            chars[k] = base
    base, _ = _split(chars[idx])
    chars[idx] = _with_tone(base, None if existing == mark else mark)
    return text[:i] + "".join(chars)
