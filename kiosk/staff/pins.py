"""PIN rules and memory-hard PIN hashing (argon2id, a random salt per hash).

A PIN is never stored, logged or returned in clear; only argon2id hash strings are kept
(by the central for its accounts, by a kiosk for its offline verifiers).
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kiosk.errors import KioskError

PIN_MIN = 4
PIN_MAX = 8


class PinFormatError(KioskError):
    code = "staff.pin_format"


def check_pin_format(pin: str) -> str:
    """The PIN as typed must be 4–8 ASCII digits; returns it unchanged."""
    if not (PIN_MIN <= len(pin) <= PIN_MAX) or not all("0" <= c <= "9" for c in pin):
        raise PinFormatError("PIN must be 4 to 8 digits", min=PIN_MIN, max=PIN_MAX)
    return pin


@dataclass(frozen=True)
class HashParams:
    """argon2id cost; the defaults are RFC 9106's second recommended option (64 MiB, t=3, p=4)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4

    def hasher(self) -> PasswordHasher:
        return PasswordHasher(
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=32,
            salt_len=16,
            type=Type.ID,
        )


DEFAULT_PARAMS = HashParams()


def hash_pin(pin: str, params: HashParams = DEFAULT_PARAMS) -> str:
    """An argon2id hash string (``$argon2id$v=19$m=…``) with a fresh random salt."""
    return params.hasher().hash(check_pin_format(pin))


def pin_matches(stored_hash: str, pin: str) -> bool:
    """True when ``pin`` matches ``stored_hash``; False for a mismatch or an unusable hash."""
    if not stored_hash.startswith("$argon2id$"):
        return False
    try:
        return PasswordHasher().verify(stored_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
