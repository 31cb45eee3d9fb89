"""Which key store this kiosk uses, chosen once from ``[security]`` and kept in the data dir.

``key_store = "tpm"`` needs a TPM at ``tpm_tcti`` (start fails with a clear message when none
answers); ``"file"`` is the demo profile (0600 files); ``"auto"`` takes the TPM when one
answers and files otherwise. The choice is written to ``<data>/keys/keystore.json`` at the
first start and never changes silently afterwards (a reset wipes it). When a kiosk that
already has file keys moves to its TPM, the existing keys are sealed into the TPM and the
plain files are removed, so nothing already encrypted becomes unreadable.

At the TPM choice the dictionary-attack parameters are set from ``tpm_max_tries`` and
``tpm_recovery_s``, and the lockout hierarchy gets an authorisation nobody keeps.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from provisioning.tpm import (
    BackendRecord,
    Tpm,
    TpmError,
    keys_dir,
    read_record,
    replace_record,
    seal_existing,
    write_record_once,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SecuritySettings:
    key_store: str = "auto"
    tpm_tcti: str = "device:/dev/tpmrm0"
    tpm_max_tries: int = 10
    tpm_recovery_s: int = 600
    tpm_pcrs: tuple[int, ...] = (7,)


def settings_from_config() -> SecuritySettings:
    from kiosk.config import load_config

    s = load_config().security
    return SecuritySettings(
        s.key_store, s.tpm_tcti, s.tpm_max_tries, s.tpm_recovery_s, tuple(sorted(set(s.tpm_pcrs)))
    )


def ensure_backend(data_dir: Path, settings: SecuritySettings | None = None) -> BackendRecord:
    """The backend in force for ``data_dir``, deciding it (from the configuration) at the first
    call. A kiosk on file keys whose configuration now says ``key_store = "tpm"`` moves to its
    TPM here (same keys, sealed; the files removed)."""
    record = read_record(data_dir)
    if record is not None and record.backend == "tpm":
        return _in_use(data_dir, record)
    s = settings or settings_from_config()
    if record is not None and s.key_store != "tpm":
        return _in_use(data_dir, record)
    if record is None and s.key_store == "file":
        return _chosen(data_dir, write_record_once(data_dir, BackendRecord("file")), s)
    try:
        with Tpm(s.tpm_tcti) as tpm:
            owned = tpm.configure_lockout(s.tpm_max_tries, s.tpm_recovery_s)
    except TpmError as e:
        if s.key_store == "tpm":
            raise TpmError(
                f'[security] key_store = "tpm" but {e}; check tpm_tcti in the configuration '
                'or set key_store = "file" (demo only)'
            ) from None
        return _chosen(data_dir, write_record_once(data_dir, BackendRecord("file")), s)
    wanted = BackendRecord("tpm", s.tpm_tcti, s.tpm_pcrs)
    # Seal what exists before the record says "tpm": a process that reads the record must
    # find the sealed keys, never create new ones next to the old files.
    plain = _seal_file_keys(data_dir, wanted)
    if record is None:
        record = write_record_once(data_dir, wanted)
    else:
        replace_record(data_dir, wanted)
        record = wanted
        log.warning("key_store_moved_to_tpm sealed=%d", len(plain))
    if record.backend == "tpm":
        for path in plain:
            _shred(path)
    log.info(
        "key_store_lockout lockout_set_here=%s max_tries=%d recovery_s=%d",
        owned,
        s.tpm_max_tries,
        s.tpm_recovery_s,
    )
    return _chosen(data_dir, record, s)


def _chosen(data_dir: Path, record: BackendRecord, s: SecuritySettings) -> BackendRecord:
    log.info("key_store_chosen backend=%s configured=%s", record.backend, s.key_store)
    _announced.add(Path(data_dir).resolve())
    return record


_announced: set[Path] = set()


def _in_use(data_dir: Path, record: BackendRecord) -> BackendRecord:
    """Say once per process which key store is in use (the self-test says it too)."""
    where = Path(data_dir).resolve()
    if where not in _announced:
        _announced.add(where)
        log.info(
            "key_store_in_use backend=%s tcti=%s pcrs=%s", record.backend, record.tcti, list(record.pcrs)
        )
    return record


def _seal_file_keys(data_dir: Path, record: BackendRecord) -> list[Path]:
    """Seal the demo profile's key files into the TPM (same key bytes); the files to remove."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    d = keys_dir(data_dir)
    sealed = []
    store_key = d / "offline_store.key"
    if store_key.exists():
        seal_existing(data_dir, "offline_store", record, store_key.read_bytes())
        sealed.append(store_key)
    pem = d / "kiosk_ed25519.pem"
    if pem.exists():
        key = serialization.load_pem_private_key(pem.read_bytes(), password=None)
        if isinstance(key, Ed25519PrivateKey):
            seed = key.private_bytes(
                serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
            )
            seal_existing(data_dir, "kiosk_ed25519", record, seed)
            sealed.append(pem)
    return sealed


def _shred(path: Path) -> None:
    """Overwrite, then remove (on flash storage overwriting is best effort: the TPM is the fix)."""
    if not path.exists():
        return
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.write(os.urandom(size))
        f.flush()
        os.fsync(f.fileno())
    path.unlink()
