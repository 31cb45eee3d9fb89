"""The kiosk's provisional tracking code: short, readable aloud, with a check symbol.

Ten symbols from Crockford's base-32 alphabet (no I, L, O, U: nothing to confuse with 1, 0
or V when read aloud or typed), shown as two groups of five: ``K7M4Q-X9T2R``. Nine symbols
are random (45 bits: at a million receipts the chance that two collide is about 1 %, and the
central refuses a duplicate); the last is a Damm check symbol over GF(32), which catches
every single wrong symbol and every swap of two neighbours. Typing is forgiving: case,
spaces and dashes are ignored, and I/L read as 1, O as 0.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY_LEN = 9
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_ALIASES = {"I": "1", "L": "1", "O": "0"}
_POLY = 0b100101  # x^5 + x^2 + 1, primitive over GF(2)


def _times_x(v: int) -> int:
    v <<= 1
    return v ^ _POLY if v & 0b100000 else v


def _damm(values: list[int]) -> int:
    # Quasigroup a∘b = x·a ⊕ b over GF(32) is totally anti-symmetric (x ≠ 0, 1).
    interim = 0
    for v in values:
        interim = _times_x(interim) ^ v
    return interim


def check_symbol(body: str) -> str:
    return ALPHABET[_times_x(_damm([_VALUE[c] for c in body]))]


def new_tracking_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LEN))
    return body + check_symbol(body)


def normalize(text: str) -> str | None:
    """Canonical 10-symbol form of what someone typed or scanned, or None if it cannot be one."""
    s = "".join(ch for ch in text.upper() if ch not in " -_.")
    s = "".join(_ALIASES.get(ch, ch) for ch in s)
    if len(s) != BODY_LEN + 1 or any(ch not in _VALUE for ch in s):
        return None
    return s


def is_valid(text: str) -> bool:
    s = normalize(text)
    return s is not None and _damm([_VALUE[c] for c in s]) == 0


def display(code: str) -> str:
    s = normalize(code) or code
    return f"{s[:5]}-{s[5:]}"
