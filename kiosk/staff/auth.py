"""Staff sign-in at a kiosk: online through the central, offline through the cached verifier.

One code path for the sign-in overlay, ``kiosk staff login`` and ``kiosk staff unlock``:

1. The credential is checked against the central's public key: on an enrolled kiosk the key
   pinned at enrollment (``enrollment.json``) and only that one; in the demo profile (not
   enrolled) the key is pinned from the central at first contact, and the log and audit say so.
2. A credential locked on this kiosk is refused before anything else; a lock older than
   ``lock_minutes`` has run out and is lifted. The window is measured on the monotonic clock
   (:mod:`kiosk.staff.lockclock`), so setting the wall clock forward lifts nothing.
3. Online, the central verifies the PIN; it counts wrong PINs across kiosks and locks the
   account too. Its answer is believed only when it carries the central's signed statement
   for this request's fresh nonce, this kiosk and this card (:mod:`kiosk.staff.attestation`);
   otherwise sign-in is refused with ``central_untrusted``. A success brings a fresh offline
   verifier, kept for ``offline_verifier_days`` (0: none).
4. When the central cannot be reached, the cached verifier for that credential decides,
   if it has not expired; otherwise ``central_unreachable_no_cache``. A wrong PIN counted
   offline is reported to the central as soon as it answers again: by the heartbeat
   (:func:`kiosk.staff.wiring.report_offline_failures`) or before the next call, whichever
   comes first, so that the lock follows the person to other kiosks.
5. Three wrong PINs in a row (counted here, whichever way they were checked) lock the
   credential on this kiosk for ``lock_minutes`` or until a supervisor unlocks it.

Every attempt, success, lock and unlock goes to the audit log without the PIN. A full disk or
a broken staff store is ``storage_full`` / ``storage_error``, never an internal error.
"""

from __future__ import annotations

import errno
import functools
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, ParamSpec, TypeVar

from kiosk.logs import get_logger
from kiosk.staff.audit import AuditSink, clean
from kiosk.staff.client import StaffCentralClient, VerifiedStaff
from kiosk.staff.credential import CredentialError, StaffCredential, decode_credential, looks_like_credential
from kiosk.staff.errors import CentralRefused, CentralUnreachable, CentralUntrusted, StaffAuthError
from kiosk.staff.lockclock import LockClock
from kiosk.staff.pins import PinFormatError, check_pin_format, pin_matches
from kiosk.staff.session import StaffSession
from kiosk.staff.store import CachedVerifier, KnownStaff, StaffStore
from kiosk.staff.verifier import VerifierError, decode_verifier
from offline_cache.errors import DiskFullError

log = get_logger(__name__)
MAX_ATTEMPTS = 3
_P = ParamSpec("_P")
_R = TypeVar("_R")


def storage_error(e: BaseException) -> StaffAuthError | None:
    """The clear :class:`StaffAuthError` for a full disk or a broken store, else None."""
    if isinstance(e, DiskFullError):  # the audit log (offline store) on the same full disk
        log.error("staff_audit_disk_full")
        return StaffAuthError("storage_full")
    if isinstance(e, sqlite3.OperationalError):
        code = getattr(e, "sqlite_errorcode", None)
        # SQLITE_FULL ("database or disk is full"), or SQLITE_IOERR: on a full disk SQLite often
        # cannot even map its shared-memory file (the offline store reads it the same way).
        full = "full" in str(e).lower() or (code is not None and (code & 0xFF) == sqlite3.SQLITE_IOERR)
        log.error("staff_store_failed", error_type=type(e).__name__, full=full)
        return StaffAuthError("storage_full" if full else "storage_error")
    if isinstance(e, sqlite3.DatabaseError):
        log.error("staff_store_failed", error_type=type(e).__name__)
        return StaffAuthError("storage_error")
    if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO):
        log.error("staff_store_failed", error_type=type(e).__name__, errno=e.errno)
        return StaffAuthError("storage_full" if e.errno in (errno.ENOSPC, errno.EDQUOT) else "storage_error")
    return None


def _storage_errors(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """A full disk or a broken store becomes a clear :class:`StaffAuthError`, not a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return fn(*args, **kwargs)
        except (DiskFullError, sqlite3.DatabaseError, OSError) as e:
            clear = storage_error(e)
            if clear is None:
                raise
            raise clear from None

    return wrapper


@dataclass(frozen=True)
class StaffPolicy:
    offline_verifier_days: int = 7
    lock_minutes: int = 30
    max_attempts: int = MAX_ATTEMPTS


class StaffAuth:
    def __init__(
        self,
        store: StaffStore,
        audit: AuditSink,
        *,
        kiosk_id: str,
        client: StaffCentralClient | None,
        policy: StaffPolicy = StaffPolicy(),
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        pinned_key: bytes | None = None,
        trust_on_first_use: bool = True,
        locks: LockClock | None = None,
    ):
        """``pinned_key``: the central's Ed25519 key from the enrollment (an enrolled kiosk); it
        is then the only key trusted and nothing is pinned at first contact.
        ``trust_on_first_use``: the demo profile may pin the key from the central it first
        reaches (said in the log and the audit); False refuses instead.
        ``locks``: the monotonic lock clock (default: in memory, this process only)."""
        self.store = store
        self.audit = audit
        self.kiosk_id = kiosk_id
        self.client = client
        self.policy = policy
        self._now = now
        self.pinned_key = pinned_key
        self.trust_on_first_use = trust_on_first_use and pinned_key is None
        self.locks = locks or LockClock()

    # ------------------------------------------------------------ public

    @_storage_errors
    def sign_in(self, credential_text: str, pin: str) -> StaffSession:
        """A staff session, or :class:`StaffAuthError` with the reason."""
        cred = self._credential(credential_text)
        return self._authenticate(cred, credential_text, pin, online=self._online_verify)[0]

    @_storage_errors
    def sign_in_with_id_card(self, id_number: str, pin: str) -> StaffSession:
        """Sign-in with the officer's own chip ID card (a chip-verified read: the UI must not
        pass a typed or QR number) and PIN. Online only: the kiosk keeps nothing that maps an
        ID card to a staff member. The number is never logged or audited."""
        try:
            check_pin_format(pin)
        except PinFormatError:
            self._audit("unknown", "staff.sign_in_refused", reason="pin_format", method="id_card")
            raise StaffAuthError("pin_format") from None
        if self.client is None:
            self._audit(
                "unknown", "staff.sign_in_refused", reason="central_unreachable_no_cache", method="id_card"
            )
            raise StaffAuthError("central_unreachable_no_cache", "chip ID card sign-in needs the central")
        now = self._now()
        keys = self._keys()
        try:
            self._flush_quietly()
            verified, text = self.client.verify_id_card(id_number, pin, keys=keys, kiosk_id=self.kiosk_id)
        except CentralUntrusted as e:
            self._untrusted("unknown", e, method="id_card")
        except CentralUnreachable:
            self._audit(
                "unknown", "staff.sign_in_refused", reason="central_unreachable_no_cache", method="id_card"
            )
            raise StaffAuthError(
                "central_unreachable_no_cache", "chip ID card sign-in needs the central"
            ) from None
        except CentralRefused as r:
            who = r.staff_id or "unknown"
            reason = (
                r.code if r.code in ("wrong_pin", "locked", "expired", "unknown", "pin_format") else "invalid"
            )
            if r.code == "kiosk_auth":
                reason = "central_error"
            self._audit(who, "staff.sign_in_refused", reason=reason, where="central", method="id_card")
            if r.staff_id and r.code == "locked":
                until = max(r.locked_until or now, now + timedelta(minutes=self.policy.lock_minutes))
                if self.store.get(r.staff_id) is not None:
                    self._lock(r.staff_id, until, now)
                raise StaffAuthError("locked", locked_until=until) from None
            raise StaffAuthError(reason, attempts_left=r.attempts_left) from None
        try:
            cred = decode_credential(text, keys, now=now)
        except CredentialError:
            raise StaffAuthError("invalid", "the central's session credential does not verify") from None
        if cred.staff_id != verified.staff_id or cred.credential_id != verified.credential_id:
            raise StaffAuthError("invalid", "the central answered for another staff ID")
        state = self.store.get(cred.staff_id)
        if state is not None and self._locked(cred.staff_id, state.locked_until, now):
            self._audit(cred.staff_id, "staff.sign_in_refused", reason="locked", method="id_card")
            raise StaffAuthError("locked", locked_until=state.locked_until)
        self.store.seen(cred.staff_id, cred.credential_id, cred.role, cred.agency, cred.expires_at, now)
        self._clear_lock(cred.staff_id)
        self._audit(
            cred.staff_id,
            "staff.sign_in",
            verified_by="central",
            role=cred.role,
            method="id_card",
            help_requests_closed=len(verified.closed_help_requests),
        )
        return self._session(cred, "central", now)

    @_storage_errors
    def unlock(self, staff_id: str, supervisor_credential: str, supervisor_pin: str) -> StaffSession:
        """Lift the lock on ``staff_id`` here (and on the central when online); returns the supervisor."""
        sup_cred = self._credential(supervisor_credential)
        target = self.store.get(staff_id)
        if sup_cred.role != "supervisor" or (target is not None and target.agency != sup_cred.agency):
            self._audit(sup_cred.staff_id, "staff.unlock_refused", target=staff_id, reason="not_supervisor")
            raise StaffAuthError("not_supervisor")

        def online(cred: StaffCredential, text: str, pin: str) -> VerifiedStaff:
            assert self.client is not None
            try:
                self.client.unlock(
                    staff_id, text, pin, self.kiosk_id, keys=self._keys(), credential_id=cred.credential_id
                )
            except CentralRefused as r:
                if r.code == "unknown":  # the central does not know the account to unlock
                    self._audit(cred.staff_id, "staff.unlock_refused", target=staff_id, reason="unknown")
                    raise StaffAuthError("unknown") from None
                raise
            return VerifiedStaff(cred.staff_id, cred.name, cred.role, cred.agency, cred.credential_id, "")

        session, _ = self._authenticate(sup_cred, supervisor_credential, supervisor_pin, online=online)
        cleared = self._clear_lock(staff_id)
        # A supervisor looked into it: wrong PINs counted offline must not lock the central later.
        self.store.forget_offline_failures(staff_id)
        self._audit(
            session.staff_id, "staff.unlocked", target=staff_id, by=session.staff_id, had_lock=cleared
        )
        log.info("staff_unlocked", staff_id=staff_id, by=session.staff_id, verified_by=session.verified_by)
        return session

    def known(self) -> list[KnownStaff]:
        return self.store.all()

    def sign_out(self, session: StaffSession, reason: str) -> None:
        self._audit(session.staff_id, "staff.sign_out", reason=reason)
        log.info("staff_signed_out", staff_id=session.staff_id, reason=reason)

    def flush_offline_failures(self) -> int:
        """Tell the central about wrong PINs counted offline; returns how many staff were reported.
        Raises :class:`CentralUnreachable` when the central is still away (kept for next time)."""
        if self.client is None:
            return 0
        sent = 0
        for sid, failures, locked in self.store.offline_failures():
            try:
                self.client.report_offline_failures(sid, failures, locked, self.kiosk_id)
            except CentralRefused as r:
                if r.code == "kiosk_auth":
                    raise  # the central refuses this kiosk: keep the report for later
                # otherwise the central does not know this account any more: nothing to tell
            self.store.forget_offline_failures(sid)
            self._audit(sid, "staff.offline_failures_reported", failures=failures, locked=locked)
            sent += 1
        return sent

    def _flush_quietly(self) -> None:
        """Report offline failures before an online check; a central that refuses this kiosk
        keeps them for later (the check itself then tells the person why)."""
        try:
            self.flush_offline_failures()
        except CentralRefused:
            pass

    def purge_expired(self) -> int:
        return self.store.purge_expired_verifiers(self._now())

    # ------------------------------------------------------------ steps

    def _keys(self) -> list[bytes]:
        if self.pinned_key is not None:
            # Enrolled: the key from enrollment.json, nothing else. The staff store keeps an
            # authenticated copy (it checks verifiers against it before keeping them); a key
            # pinned there before enrollment (the demo's first contact) is replaced.
            if self.store.central_keys() != [self.pinned_key]:
                self.store.pin_central_key(self.pinned_key, self._now())
                self._audit("kiosk", "staff.central_key_pinned", kiosk_id=self.kiosk_id, how="enrollment")
                log.info("staff_central_key_from_enrollment")
            return [self.pinned_key]
        keys = self.store.central_keys()
        if keys or self.client is None or not self.trust_on_first_use:
            return keys
        try:
            raw = self.client.public_key()
        except (CentralUnreachable, CentralRefused):
            return []
        # Demo profile only (not enrolled): trust on first use. Whoever answered first at the
        # central URL is believed from now on; an enrolled kiosk never gets here.
        self.store.pin_central_key(raw, self._now())
        self._audit("kiosk", "staff.central_key_pinned", kiosk_id=self.kiosk_id, how="first_use")
        log.warning("staff_central_key_pinned_on_first_use", profile="demo", enrolled=False)
        return [raw]

    def _credential(self, text: str) -> StaffCredential:
        if not looks_like_credential(text):
            self._audit("unknown", "staff.sign_in_refused", reason="invalid")
            raise StaffAuthError("invalid")
        keys = self._keys()
        if not keys:
            self._audit("unknown", "staff.sign_in_refused", reason="central_unreachable_no_cache")
            raise StaffAuthError(
                "central_unreachable_no_cache", "no central key known and the central is unreachable"
            )
        try:
            cred = decode_credential(text, keys, now=self._now())
        except CredentialError as e:
            reason = "expired" if e.code == "staff.expired" else "invalid"
            self._audit("unknown", "staff.sign_in_refused", reason=reason)
            raise StaffAuthError(reason) from None
        return cred

    def _authenticate(
        self,
        cred: StaffCredential,
        text: str,
        pin: str,
        *,
        online: Callable[[StaffCredential, str, str], VerifiedStaff],
    ) -> tuple[StaffSession, VerifiedStaff | None]:
        now = self._now()
        sid = cred.staff_id
        self.store.seen(sid, cred.credential_id, cred.role, cred.agency, cred.expires_at, now)
        state = self.store.get(sid)
        assert state is not None
        mono = self.locks.remaining(sid)
        if state.locked_until is not None or mono is not None:
            if self._locked(sid, state.locked_until, now):
                self._audit(sid, "staff.sign_in_refused", reason="locked")
                raise StaffAuthError("locked", locked_until=self._lock_end(sid, state.locked_until, now))
            self._clear_lock(sid)
            self._audit(sid, "staff.lock_expired")
        try:
            check_pin_format(pin)
        except PinFormatError:
            self._audit(sid, "staff.sign_in_refused", reason="pin_format")
            raise StaffAuthError("pin_format") from None

        if self.client is not None:
            try:
                self._flush_quietly()
                verified = online(cred, text, pin)
            except CentralUntrusted as e:
                self._untrusted(sid, e)
            except CentralUnreachable as e:
                log.info("staff_central_unreachable", error=str(e))
            except CentralRefused as r:
                self._central_refused(cred, r, now)
            else:
                self._clear_lock(sid)
                self._keep_verifier(cred, verified.verifier, now)
                session = self._session(cred, "central", now)
                self._audit(
                    sid,
                    "staff.sign_in",
                    verified_by="central",
                    role=cred.role,
                    help_requests_closed=len(verified.closed_help_requests),
                )
                return session, verified
        return self._offline(cred, pin, now), None

    def _central_refused(self, cred: StaffCredential, r: CentralRefused, now: datetime) -> None:
        sid = cred.staff_id
        if r.code == "wrong_pin":
            self._wrong_pin(sid, now, central_left=r.attempts_left)
        if r.code == "locked":
            until = r.locked_until or now + timedelta(minutes=self.policy.lock_minutes)
            until = max(until, now + timedelta(minutes=self.policy.lock_minutes))
            self._lock(sid, until, now)
            self._audit(sid, "staff.locked", where="central", minutes=self.policy.lock_minutes)
            raise StaffAuthError("locked", locked_until=until)
        if r.code == "kiosk_auth":
            # The central refuses this kiosk, not the person: a technician must fix the kiosk.
            self._audit(
                sid, "staff.sign_in_refused", reason="central_error", where="central", status=r.status
            )
            log.error("staff_central_refused_kiosk", status=r.status)
            raise StaffAuthError("central_error", "the central refused this kiosk's credentials")
        if r.code in ("expired", "unknown"):
            self.store.drop_verifier(sid)  # the central no longer vouches for this card
        reason = (
            r.code
            if r.code in ("expired", "unknown", "invalid", "pin_format", "not_supervisor")
            else "invalid"
        )
        self._audit(sid, "staff.sign_in_refused", reason=reason, where="central")
        raise StaffAuthError(reason)

    def _wrong_pin(
        self, sid: str, now: datetime, central_left: int | None = None, *, offline: bool = False
    ) -> None:
        failures = self.store.add_failure(sid)
        left = max(0, self.policy.max_attempts - failures)
        if central_left is not None:
            left = min(left, central_left)
        if offline:  # the central must hear of it: at the next heartbeat or call, whichever comes first
            self.store.note_offline_failure(sid, locked=left == 0)
        if left == 0:
            until = now + timedelta(minutes=self.policy.lock_minutes)
            self._lock(sid, until, now)
            self._audit(sid, "staff.sign_in_refused", reason="wrong_pin", attempts_left=0)
            self._audit(sid, "staff.locked", where="kiosk", minutes=self.policy.lock_minutes)
            log.info("staff_locked", staff_id=sid)
            raise StaffAuthError("locked", locked_until=until)
        self._audit(sid, "staff.sign_in_refused", reason="wrong_pin", attempts_left=left)
        raise StaffAuthError("wrong_pin", attempts_left=left)

    def _offline(self, cred: StaffCredential, pin: str, now: datetime) -> StaffSession:
        sid = cred.staff_id
        cached = self.store.verifier(sid)
        usable = None
        if cached is not None:
            if cached.expires_at <= now or cached.credential_id != cred.credential_id:
                self.store.drop_verifier(sid)
            else:
                try:
                    usable = decode_verifier(cached.token, self._keys())
                except VerifierError:
                    self.store.drop_verifier(sid)
                    log.warning("staff_verifier_rejected", staff_id=sid)
        if usable is None or usable.staff_id != sid:
            self._audit(sid, "staff.sign_in_refused", reason="central_unreachable_no_cache")
            raise StaffAuthError("central_unreachable_no_cache")
        if not pin_matches(usable.pin_hash, pin):
            self._wrong_pin(sid, now, offline=True)
        self._clear_lock(sid)
        self._audit(sid, "staff.sign_in", verified_by="cache", role=cred.role)
        return self._session(cred, "cache", now)

    def _keep_verifier(self, cred: StaffCredential, token: str, now: datetime) -> None:
        days = self.policy.offline_verifier_days
        if days <= 0:
            self.store.drop_verifier(cred.staff_id)
            return
        if not token:  # an answer without a verifier (an unlock): keep the one we have
            return
        try:
            v = decode_verifier(token, self._keys())
        except VerifierError:
            log.warning("staff_verifier_rejected", staff_id=cred.staff_id)
            return
        if v.staff_id != cred.staff_id or v.credential_id != cred.credential_id:
            log.warning("staff_verifier_mismatch", staff_id=cred.staff_id)
            return
        expires = min(v.expires_at, now + timedelta(days=days), cred.expires_at)
        self.store.save_verifier(CachedVerifier(cred.staff_id, cred.credential_id, token, now, expires))

    def _session(self, cred: StaffCredential, by: Any, now: datetime) -> StaffSession:
        log.info("staff_signed_in", staff_id=cred.staff_id, role=cred.role, verified_by=by)
        return StaffSession(
            staff_id=cred.staff_id,
            name=cred.name,
            role=cred.role,
            agency=cred.agency,
            credential_id=cred.credential_id,
            verified_by=by,
            started_at=now,
        )

    def _online_verify(self, cred: StaffCredential, text: str, pin: str) -> VerifiedStaff:
        assert self.client is not None
        v = self.client.verify(text, pin, self.kiosk_id, keys=self._keys(), credential_id=cred.credential_id)
        if v.staff_id != cred.staff_id:
            raise CentralUntrusted("central answered for another staff ID")
        return v

    # ------------------------------------------------------------ trust and locks

    def _untrusted(self, who: str, e: CentralUntrusted, **details: Any) -> None:
        # No offline fallback: something answers in the central's name; the technician must know.
        self._audit(who, "staff.sign_in_refused", reason="central_untrusted", where="central", **details)
        log.error("staff_central_answer_untrusted", why=str(e))
        raise StaffAuthError("central_untrusted", str(e)) from None

    def _lock(self, sid: str, until: datetime, now: datetime) -> None:
        self.store.lock(sid, until)
        self.locks.lock(sid, (until - now).total_seconds())

    def _clear_lock(self, sid: str) -> bool:
        self.locks.clear(sid)
        return self.store.clear_lock(sid)

    def _locked(self, sid: str, wall_until: datetime | None, now: datetime) -> bool:
        """The monotonic clock decides when it knows the lock (taken during this boot); the
        wall clock only after a reboot."""
        mono = self.locks.remaining(sid)
        if mono is not None:
            return mono > 0
        return wall_until is not None and now < wall_until

    def _lock_end(self, sid: str, wall_until: datetime | None, now: datetime) -> datetime | None:
        mono = self.locks.remaining(sid)
        if mono is not None:
            return now + timedelta(seconds=mono)
        return wall_until

    def _audit(self, actor: str, action: str, **details: Any) -> None:
        try:
            who = actor if actor in ("unknown", "kiosk") else f"staff:{actor}"
            self.audit.append(who, action, clean({"kiosk_id": self.kiosk_id, **details}))
        except Exception as e:  # noqa: BLE001 - a broken audit log must be visible, not crash sign-in
            log.error("staff_audit_failed", action=action, error_type=type(e).__name__)
            raise
