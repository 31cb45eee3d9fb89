"""PIN rules and memory-hard PIN hashing (argon2id, a random salt per hash).

A PIN is never stored, logged or returned in clear; only argon2id hash strings are kept
(by the central for its accounts, by a kiosk for its offline verifiers).

On a kiosk with a TPM the offline check does not happen here but in the TPM (see
:mod:`kiosk.staff.store`): the store hands out a one-shot reference (``$kiosk-tpm$…``) in
place of a hash, and :func:`pin_matches` passes the PIN to the check registered under it.
"""

from __future__ import annotations

import base64
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import hash_secret_raw

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


SEALED_REF = "$kiosk-tpm$"
_MAX_PENDING = 64
_pending: OrderedDict[str, Callable[[str], bool]] = OrderedDict()
_pending_lock = threading.Lock()


def register_sealed_check(check: Callable[[str], bool]) -> str:
    """A one-shot reference that :func:`pin_matches` resolves to ``check(pin)``. Unused
    references are forgotten after :data:`_MAX_PENDING` newer ones."""
    ref = SEALED_REF + secrets.token_hex(16)
    with _pending_lock:
        _pending[ref] = check
        while len(_pending) > _MAX_PENDING:
            _pending.popitem(last=False)
    return ref


def argon2_parts(encoded: str) -> tuple[str, bytes, bytes]:
    """``$argon2id$v=19$m=…,t=…,p=…$salt$hash`` → (everything but the hash, salt, raw hash)."""
    parts = encoded.split("$")
    if len(parts) != 6 or parts[1] != "argon2id":
        raise ValueError("not an argon2id hash string")

    def b64(text: str) -> bytes:
        return base64.b64decode(text + "=" * (-len(text) % 4))

    return "$".join(parts[:5]), b64(parts[4]), b64(parts[5])


def argon2_raw(pin: str, kdf: str, length: int = 32) -> bytes:
    """The raw argon2id output for ``pin`` with the salt and cost in ``kdf`` (a hash string
    without its hash, from :func:`argon2_parts`)."""
    _, salt, _ = argon2_parts(kdf + "$")
    cost = dict(item.split("=", 1) for item in kdf.split("$")[3].split(","))
    return hash_secret_raw(
        pin.encode(),
        salt,
        time_cost=int(cost["t"]),
        memory_cost=int(cost["m"]),
        parallelism=int(cost["p"]),
        hash_len=length,
        type=Type.ID,
    )


def pin_matches(stored_hash: str, pin: str) -> bool:
    """True when ``pin`` matches ``stored_hash``; False for a mismatch or an unusable hash.
    A sealed reference runs its TPM check once (it may raise the check's own error, e.g. a
    lockout)."""
    if stored_hash.startswith(SEALED_REF):
        with _pending_lock:
            check = _pending.pop(stored_hash, None)
        return check(pin) if check is not None else False
    if not stored_hash.startswith("$argon2id$"):
        return False
    try:
        return PasswordHasher().verify(stored_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
