"""The kiosk's secrets in a TPM 2.0 (tpm2-pytss over any TCTI: ``device:/dev/tpmrm0``, ``swtpm:…``).

What a TPM does for the kiosk, and why:

- **Sealing.** TPMs have no Ed25519 and the offline store needs an AES key in memory, so
  both secrets are *sealed*: a keyed-hash data object created under the storage root key
  (SRK) with ``fixedTPM|fixedParent``. The blob on disk is wrapped with a key derived from
  this TPM's storage seed: copied to another machine (another TPM) it does not even load.
  The secret bytes come from the TPM's own random generator.
- **A key that never leaves.** The HMAC key that protects the staff store's trust anchors is
  generated *inside* the TPM (``sensitiveDataOrigin``) and is ``fixedTPM|fixedParent``: the
  TPM computes MACs with it and refuses to duplicate it.
- **PIN checks the TPM counts.** An offline staff PIN check is an object whose authValue is
  derived from the PIN and that is *not* ``noDA``: every wrong PIN counts against the TPM's
  dictionary-attack lockout (``max_tries``, one forgiven per ``recovery_s``), whoever asks,
  even with the disk and the TPM in hand. Key objects are ``noDA`` so a PIN lockout never
  stops the kiosk from unsealing its own keys.

- **Bound to the boot state.** With ``pcrs`` (``[security] tpm_pcrs``, default PCR 7: the
  Secure Boot policy) every object's policy is TPM2_PolicyPCR over those PCRs' values at
  sealing time (plus TPM2_PolicyAuthValue for a PIN object): the same disk and TPM booted
  into another system (a live USB stick, Secure Boot turned off) unseal nothing, compute no
  MAC and check no PIN.

Authorisation values travel to the TPM inside a session salted with the SRK, with
parameter encryption, so a PIN-derived value is not readable on the bus.

The SRK is the standard ECC P-256 storage template, re-created from the owner seed at each
open (deterministic, nothing persisted in the TPM's NV memory). This module does not import
the kiosk domain: the offline cache unseals its key through it.
"""

from __future__ import annotations

import json
import os
import struct
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provisioning.errors import ProvisioningError

RECORD_FILE = "keystore.json"  # under <data dir>/keys/: which backend this kiosk chose
_MAGIC = b"KTPM1"


class TpmError(ProvisioningError, code="provisioning.tpm_unavailable"): ...  # absent, unreachable, refused


class TpmAuthFailed(TpmError, code="provisioning.tpm_auth_failed"): ...  # a wrong PIN; the TPM counted it


class TpmLockedOut(TpmError, code="provisioning.tpm_lockout"): ...  # dictionary-attack lockout: wait


class TpmPolicyMismatch(
    TpmError, code="provisioning.tpm_boot_state"
): ...  # the PCRs changed: booted differently


class TpmForeignBlob(TpmError, code="provisioning.tpm_foreign_blob"): ...  # another TPM's blob, or altered


@dataclass(frozen=True)
class SealedBlob:
    """A TPM object's public and (TPM-wrapped) private area, as stored on disk, and the PCRs
    (SHA-256 bank) its policy is bound to (none: plain authValue)."""

    public: bytes
    private: bytes
    pcrs: tuple[int, ...] = ()

    def to_bytes(self) -> bytes:
        return (
            _MAGIC
            + bytes([len(self.pcrs), *self.pcrs])
            + struct.pack(">H", len(self.public))
            + self.public
            + struct.pack(">H", len(self.private))
            + self.private
        )

    @classmethod
    def from_bytes(cls, raw: bytes) -> SealedBlob:
        try:
            if raw[: len(_MAGIC)] != _MAGIC:
                raise ValueError("magic")
            at = len(_MAGIC)
            k = raw[at]
            pcrs = tuple(raw[at + 1 : at + 1 + k])
            at += 1 + k
            (n,) = struct.unpack(">H", raw[at : at + 2])
            pub = raw[at + 2 : at + 2 + n]
            at += 2 + n
            (m,) = struct.unpack(">H", raw[at : at + 2])
            priv = raw[at + 2 : at + 2 + m]
            if len(pcrs) != k or len(pub) != n or len(priv) != m or at + 2 + m != len(raw):
                raise ValueError("length")
        except (ValueError, struct.error, IndexError):
            raise TpmForeignBlob("not a sealed TPM blob of a known format") from None
        return cls(pub, priv, pcrs)


def _rc(e: Exception) -> int:
    return int(getattr(e, "rc", 0) or 0)


class Tpm:
    """One connection to a TPM; not thread-safe (serialise calls, e.g. with a lock)."""

    def __init__(self, tcti: str):
        # The TSS logs every TPM error code on stderr; this module maps them to its own
        # exceptions, and a wrong PIN is not worth a warning on a technician's console.
        os.environ.setdefault("TSS2_LOG", "all+NONE")
        try:
            from tpm2_pytss import ESAPI
        except ImportError as e:  # pragma: no cover - declared dependency
            raise TpmError(f"tpm2-pytss is not installed ({e})") from None
        self.tcti = tcti
        try:
            self._esys = ESAPI(tcti)
        except Exception as e:  # noqa: BLE001 - the TSS raises its own types for "no TPM here"
            raise TpmError(f"no TPM answers at {tcti!r} ({e})") from None
        try:
            self._srk = self._create_srk()
            self._session = self._salted_session()
        except Exception:
            self._esys.close()
            raise

    # ------------------------------------------------------------ life cycle

    def close(self) -> None:
        esys, self._esys = self._esys, None
        if esys is None:
            return
        try:
            esys.flush_context(self._session)
            esys.flush_context(self._srk)
        except Exception:  # noqa: BLE001, S110 - closing anyway
            pass
        esys.close()

    def __enter__(self) -> Tpm:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ set-up

    def _create_srk(self) -> Any:
        from tpm2_pytss import ESYS_TR, TPM2B_PUBLIC, TPM2B_SENSITIVE_CREATE, TPMA_OBJECT

        # The TCG's standard storage key template (ECC P-256, AES-128-CFB): the same SRK every
        # time for this TPM's owner seed, and a different one on any other TPM.
        # noDA as in the TCG template: a PIN lockout must not stop the kiosk loading its keys.
        attrs = TPMA_OBJECT.DEFAULT_TPM2_TOOLS_CREATEPRIMARY_ATTRS | TPMA_OBJECT.NODA
        public = TPM2B_PUBLIC.parse("ecc256:aes128cfb", objectAttributes=attrs)
        handle, *_ = self._call(
            lambda: self._esys.create_primary(TPM2B_SENSITIVE_CREATE(), public, ESYS_TR.OWNER)
        )
        return handle

    def _salted_session(self) -> Any:
        from tpm2_pytss import ESYS_TR, TPM2_ALG, TPM2_SE, TPMA_SESSION, TPMT_SYM_DEF

        sym = TPMT_SYM_DEF(algorithm=TPM2_ALG.AES)
        sym.keyBits.aes = 128
        sym.mode.aes = TPM2_ALG.CFB
        session = self._call(
            lambda: self._esys.start_auth_session(self._srk, ESYS_TR.NONE, TPM2_SE.HMAC, sym, TPM2_ALG.SHA256)
        )
        self._esys.trsess_set_attributes(
            session,
            TPMA_SESSION.CONTINUESESSION | TPMA_SESSION.DECRYPT | TPMA_SESSION.ENCRYPT,
        )
        return session

    def _call(self, fn: Callable[[], Any]) -> Any:
        from tpm2_pytss import TPM2_RC

        try:
            return fn()
        except Exception as e:  # noqa: BLE001 - mapped to this module's errors below
            rc = _rc(e)
            fmt1 = rc & 0xBF  # the error number without the parameter/handle/session position bits
            if rc and (rc & 0x80) and fmt1 in (TPM2_RC.AUTH_FAIL & 0xBF, TPM2_RC.BAD_AUTH & 0xBF):
                raise TpmAuthFailed("wrong authorisation value") from None
            if rc and (rc & 0xFFF) == TPM2_RC.LOCKOUT:
                raise TpmLockedOut("the TPM's dictionary-attack lockout is active") from None
            if rc and (rc & 0x80) and fmt1 == (TPM2_RC.POLICY_FAIL & 0xBF):
                raise TpmPolicyMismatch(
                    "the PCRs this secret is bound to have changed (another boot chain, Secure Boot "
                    "state or firmware): it stays sealed"
                ) from None
            if rc and (rc & 0xFFF) == TPM2_RC.PCR_CHANGED:
                raise TpmPolicyMismatch("the PCR values changed during the policy check") from None
            if rc and (rc & 0x80) and fmt1 in (TPM2_RC.INTEGRITY & 0xBF, TPM2_RC.KEY & 0xBF):
                raise TpmForeignBlob("this TPM cannot load the blob (another TPM's, or altered)") from None
            raise TpmError(f"TPM command failed: {e}") from None

    def configure_lockout(self, max_tries: int, recovery_s: int, lockout_recovery_s: int = 86400) -> bool:
        """Set the dictionary-attack parameters, then give the lockout hierarchy a random
        authorisation that nobody keeps: nobody (this kiosk included) can reset the failure
        counter or change the parameters afterwards. False when the lockout hierarchy
        already has an owner (set-up done before, or by someone else)."""
        from tpm2_pytss import ESYS_TR

        try:
            self._call(
                lambda: self._esys.dictionary_attack_parameters(max_tries, recovery_s, lockout_recovery_s)
            )
        except (TpmAuthFailed, TpmLockedOut):
            return False
        secret = self.random(32)
        self._call(lambda: self._esys.hierarchy_change_auth(ESYS_TR.LOCKOUT, secret, session1=self._session))
        return True

    def lockout_state(self) -> dict[str, int]:
        """The TPM's failure counter and limits (TPM2_GetCapability, TPM_PROPERTIES)."""
        from tpm2_pytss import TPM2_CAP, TPM2_PT

        _, data = self._call(
            lambda: self._esys.get_capability(TPM2_CAP.TPM_PROPERTIES, TPM2_PT.LOCKOUT_COUNTER, 4)
        )
        names = {
            int(TPM2_PT.LOCKOUT_COUNTER): "failures",
            int(TPM2_PT.MAX_AUTH_FAIL): "max_tries",
            int(TPM2_PT.LOCKOUT_INTERVAL): "recovery_s",
            int(TPM2_PT.LOCKOUT_RECOVERY): "lockout_recovery_s",
        }
        return {
            names[int(p.property)]: int(p.value) for p in data.data.tpmProperties if int(p.property) in names
        }

    def random(self, n: int) -> bytes:
        chunks: list[bytes] = []
        while (have := sum(map(len, chunks))) < n:
            want = min(32, n - have)
            chunks.append(bytes(self._call(lambda: self._esys.get_random(want))))  # noqa: B023 - called at once
        return b"".join(chunks)

    # ------------------------------------------------------------ objects

    def _selection(self, pcrs: tuple[int, ...]) -> Any:
        from tpm2_pytss import TPML_PCR_SELECTION

        return TPML_PCR_SELECTION.parse("sha256:" + ",".join(str(p) for p in pcrs))

    def _policy(self, session: Any, pcrs: tuple[int, ...], with_auth: bool) -> None:
        # An empty pcrDigest: the TPM takes the PCRs' current values.
        self._call(lambda: self._esys.policy_pcr(session, b"", self._selection(pcrs)))
        if with_auth:
            self._call(lambda: self._esys.policy_auth_value(session))

    def _policy_digest(self, pcrs: tuple[int, ...], with_auth: bool) -> bytes:
        from tpm2_pytss import ESYS_TR, TPM2_ALG, TPM2_SE, TPMT_SYM_DEF

        trial = self._call(
            lambda: self._esys.start_auth_session(
                ESYS_TR.NONE,
                ESYS_TR.NONE,
                TPM2_SE.TRIAL,
                TPMT_SYM_DEF(algorithm=TPM2_ALG.NULL),
                TPM2_ALG.SHA256,
            )
        )
        try:
            self._policy(trial, pcrs, with_auth)
            return bytes(self._call(lambda: self._esys.policy_get_digest(trial)))
        finally:
            self._esys.flush_context(trial)

    def _template(self, *, kind: str, da_protected: bool, pcrs: tuple[int, ...], with_auth: bool) -> Any:
        from tpm2_pytss import TPM2B_PUBLIC, TPMA_OBJECT

        attrs = TPMA_OBJECT.FIXEDTPM | TPMA_OBJECT.FIXEDPARENT
        policy = None
        if pcrs:
            policy = self._policy_digest(pcrs, with_auth)  # only the policy opens it (no userWithAuth)
        else:
            attrs |= TPMA_OBJECT.USERWITHAUTH
        if not da_protected:
            attrs |= TPMA_OBJECT.NODA
        if kind == "hmac":
            attrs |= TPMA_OBJECT.SIGN_ENCRYPT | TPMA_OBJECT.SENSITIVEDATAORIGIN
            return TPM2B_PUBLIC.parse("hmac:sha256", objectAttributes=attrs, authPolicy=policy)
        return TPM2B_PUBLIC.parse("keyedhash", objectAttributes=attrs, authPolicy=policy)

    def seal(
        self, data: bytes, *, auth: bytes = b"", da_protected: bool = False, pcrs: tuple[int, ...] = ()
    ) -> SealedBlob:
        """Seal ``data`` (≤ 128 bytes) under this TPM's SRK; ``auth`` is needed to unseal, and
        with ``pcrs`` the same values in those PCRs as now."""
        from tpm2_pytss import TPM2B_SENSITIVE_CREATE, TPMS_SENSITIVE_CREATE

        sensitive = TPM2B_SENSITIVE_CREATE(TPMS_SENSITIVE_CREATE(userAuth=auth, data=data))
        template = self._template(kind="sealed", da_protected=da_protected, pcrs=pcrs, with_auth=bool(auth))
        priv, pub, *_ = self._call(
            lambda: self._esys.create(self._srk, sensitive, template, session1=self._session)
        )
        return SealedBlob(pub.marshal(), priv.marshal(), tuple(pcrs))

    def create_hmac_key(self, *, pcrs: tuple[int, ...] = ()) -> SealedBlob:
        """An HMAC-SHA256 key generated inside the TPM; only its wrapped blob leaves it."""
        from tpm2_pytss import TPM2B_SENSITIVE_CREATE

        template = self._template(kind="hmac", da_protected=False, pcrs=pcrs, with_auth=False)
        priv, pub, *_ = self._call(
            lambda: self._esys.create(self._srk, TPM2B_SENSITIVE_CREATE(), template, session1=self._session)
        )
        return SealedBlob(pub.marshal(), priv.marshal(), tuple(pcrs))

    def _load(self, blob: SealedBlob) -> Any:
        from tpm2_pytss import TPM2B_PRIVATE, TPM2B_PUBLIC

        try:
            pub, _ = TPM2B_PUBLIC.unmarshal(blob.public)
            priv, _ = TPM2B_PRIVATE.unmarshal(blob.private)
        except Exception:  # noqa: BLE001 - any parse failure means a damaged blob
            raise TpmForeignBlob("the sealed blob is damaged") from None
        return self._call(lambda: self._esys.load(self._srk, priv, pub, session1=self._session))

    def _use(self, blob: SealedBlob, auth: bytes, command: Callable[[Any, Any], Any]) -> Any:
        """Load the object, authorise ``command(handle, session)`` (its policy session when
        bound to PCRs, else the salted HMAC session), flush everything."""
        from tpm2_pytss import ESYS_TR, TPM2_ALG, TPM2_SE, TPMA_SESSION, TPMT_SYM_DEF

        handle = self._load(blob)
        session = None
        try:
            self._esys.tr_set_auth(handle, auth)
            if not blob.pcrs:
                return self._call(lambda: command(handle, self._session))
            sym = TPMT_SYM_DEF(algorithm=TPM2_ALG.AES)
            sym.keyBits.aes = 128
            sym.mode.aes = TPM2_ALG.CFB
            session = self._call(
                lambda: self._esys.start_auth_session(
                    self._srk, ESYS_TR.NONE, TPM2_SE.POLICY, sym, TPM2_ALG.SHA256
                )
            )
            self._esys.trsess_set_attributes(
                session, TPMA_SESSION.CONTINUESESSION | TPMA_SESSION.DECRYPT | TPMA_SESSION.ENCRYPT
            )
            self._policy(session, blob.pcrs, with_auth=bool(auth))
            return self._call(lambda: command(handle, session))
        finally:
            if session is not None:
                self._esys.flush_context(session)
            self._esys.flush_context(handle)

    def unseal(self, blob: SealedBlob, auth: bytes = b"") -> bytes:
        """The sealed bytes; :class:`TpmAuthFailed` for a wrong ``auth`` (counted by the TPM
        when the object is DA-protected), :class:`TpmLockedOut`, :class:`TpmPolicyMismatch`,
        :class:`TpmForeignBlob`."""
        return bytes(self._use(blob, auth, lambda h, s: self._esys.unseal(h, session1=s)))

    def hmac(self, blob: SealedBlob, data: bytes) -> bytes:
        from tpm2_pytss import TPM2_ALG

        # TPM2_HMAC takes at most one TPM2B_MAX_BUFFER (1024 bytes); hash longer input first.
        if len(data) > 1024:
            import hashlib

            data = b"sha256:" + hashlib.sha256(data).digest()
        return bytes(self._use(blob, b"", lambda h, s: self._esys.hmac(h, data, TPM2_ALG.SHA256, session1=s)))


# ---------------------------------------------------------------- the backend record


@dataclass(frozen=True)
class BackendRecord:
    """``<data>/keys/keystore.json``: the backend chosen at the first start, kept until reset.
    A kiosk never falls back silently: a TPM kiosk whose TPM is gone fails, it does not
    make new file keys (that would orphan every sealed dossier)."""

    backend: str  # "tpm" | "file"
    tcti: str | None = None
    pcrs: tuple[int, ...] = ()  # what new objects are bound to (each blob records its own)


def keys_dir(data_dir: Path) -> Path:
    d = Path(data_dir) / "keys"
    d.mkdir(parents=True, exist_ok=True)
    os.chmod(d, 0o700)
    return d


def read_record(data_dir: Path) -> BackendRecord | None:
    path = Path(data_dir) / "keys" / RECORD_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise TpmError(
            f"{path}: unreadable ({e.__class__.__name__}); restore it or run 'kiosk provision reset'"
        ) from None
    if not isinstance(raw, dict) or raw.get("backend") not in ("tpm", "file"):
        raise TpmError(f'{path}: field \'backend\' must be "tpm" or "file"')
    tcti = raw.get("tcti")
    if raw["backend"] == "tpm" and not isinstance(tcti, str):
        raise TpmError(f"{path}: field 'tcti' is missing")
    pcrs = raw.get("pcrs") or []
    if not isinstance(pcrs, list) or not all(isinstance(p, int) and 0 <= p <= 23 for p in pcrs):
        raise TpmError(f"{path}: field 'pcrs' must be a list of PCR numbers 0-23")
    return BackendRecord(raw["backend"], tcti if isinstance(tcti, str) else None, tuple(pcrs))


def _record_bytes(record: BackendRecord) -> bytes:
    return json.dumps({"backend": record.backend, "tcti": record.tcti, "pcrs": list(record.pcrs)}).encode()


def write_record_once(data_dir: Path, record: BackendRecord) -> BackendRecord:
    """Write the record unless one exists; returns the record in force (first writer wins)."""
    won = create_file_once(keys_dir(data_dir) / RECORD_FILE, _record_bytes(record))
    return record if won else (read_record(data_dir) or record)


def replace_record(data_dir: Path, record: BackendRecord) -> None:
    """Replace the record atomically (a file kiosk moving to its TPM)."""
    d = keys_dir(data_dir)
    fd, tmp = tempfile.mkstemp(prefix=".new-", dir=d)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_record_bytes(record))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, d / RECORD_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def create_file_once(path: Path, content: bytes) -> bool:
    """Create ``path`` (0600) with ``content`` atomically unless it exists; True if this call
    created it. A unique temporary name, then a hard link that fails when another process won
    the race: concurrent first starts agree on one file."""
    fd, tmp = tempfile.mkstemp(prefix=".new-", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
    finally:
        os.unlink(tmp)
    dfd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)
    return True


def sealed_secret(data_dir: Path, name: str, record: BackendRecord, size: int = 32) -> bytes:
    """The secret sealed in ``<data>/keys/<name>.tpm``: unsealed, or created from the TPM's
    random generator and sealed (to ``record.pcrs``) at the first call (concurrent first calls
    agree on one)."""
    path = keys_dir(data_dir) / f"{name}.tpm"
    with Tpm(record.tcti or "") as tpm:
        if not path.exists():
            create_file_once(path, tpm.seal(tpm.random(size), pcrs=record.pcrs).to_bytes())
        return tpm.unseal(SealedBlob.from_bytes(path.read_bytes()))


def seal_existing(data_dir: Path, name: str, record: BackendRecord, secret: bytes) -> bool:
    """Seal an existing file key into ``<name>.tpm`` (moving a file kiosk to its TPM)."""
    path = keys_dir(data_dir) / f"{name}.tpm"
    with Tpm(record.tcti or "") as tpm:
        return create_file_once(path, tpm.seal(secret, pcrs=record.pcrs).to_bytes())
