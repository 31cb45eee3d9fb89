"""The kiosk's secrets in a TPM 2.0, against Debian's swtpm (the real TPM protocol)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from offline_cache.crypto import load_or_create_key
from offline_cache.errors import OfflineCacheError
from provisioning.keys import load_or_create_kiosk_key
from provisioning.secrets import SecuritySettings, ensure_backend
from provisioning.tpm import SealedBlob, Tpm, TpmError, TpmForeignBlob, read_record
from tests.peers.swtpm import Swtpm, start_swtpm, write_tpm_config


@pytest.fixture
def tpm_a(tmp_path: Path) -> Iterator[Swtpm]:
    t = start_swtpm(tmp_path / "tpm-a")
    yield t
    t.stop()


@pytest.fixture
def tpm_b(tmp_path: Path) -> Iterator[Swtpm]:
    t = start_swtpm(tmp_path / "tpm-b")
    yield t
    t.stop()


@pytest.fixture
def tpm_kiosk(
    isolated_kiosk_env: Path, tmp_path: Path, tpm_a: Swtpm, monkeypatch: pytest.MonkeyPatch
) -> Path:
    monkeypatch.setenv("KIOSK_CONFIG", str(write_tpm_config(tmp_path / "kiosk.toml", tpm_a.tcti)))
    return isolated_kiosk_env


def _all_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def test_secrets_are_sealed_and_a_copied_data_dir_on_another_tpm_yields_nothing(
    tpm_kiosk: Path, tpm_b: Swtpm, tmp_path: Path
):
    # Given a kiosk whose secrets live in TPM A
    key = load_or_create_kiosk_key(tpm_kiosk)
    master = load_or_create_key(tpm_kiosk)
    assert key.backend == "tpm"
    assert read_record(tpm_kiosk) is not None and read_record(tpm_kiosk).backend == "tpm"  # type: ignore[union-attr]
    names = sorted(p.name for p in (tpm_kiosk / "keys").iterdir())
    assert names == ["keystore.json", "kiosk_ed25519.tpm", "offline_store.tpm"]
    # the same keys come back from the TPM at the next start
    assert load_or_create_kiosk_key(tpm_kiosk).public_raw == key.public_raw
    assert load_or_create_key(tpm_kiosk) == master
    # and neither secret is anywhere on the disk in clear
    from cryptography.hazmat.primitives import serialization

    seed = key.private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    disk = _all_bytes(tpm_kiosk)
    assert seed not in disk and master not in disk

    # When the whole data dir is copied to another machine, whose TPM answers at the kiosk's address
    copy = tmp_path / "stolen"
    shutil.copytree(tpm_kiosk, copy)
    (copy / "keys" / "keystore.json").write_text(json.dumps({"backend": "tpm", "tcti": tpm_b.tcti}))
    # Then neither key unseals there
    with pytest.raises(TpmForeignBlob):
        load_or_create_kiosk_key(copy)
    with pytest.raises(OfflineCacheError, match="cannot load"):
        load_or_create_key(copy)
    # and the other TPM cannot load the blob even when asked directly
    with Tpm(tpm_b.tcti) as other:
        blob = SealedBlob.from_bytes((copy / "keys" / "offline_store.tpm").read_bytes())
        with pytest.raises(TpmForeignBlob):
            other.unseal(blob)


def test_keys_are_generated_inside_the_tpm_and_not_exportable(tpm_a: Swtpm):
    from tpm2_pytss import (
        ESYS_TR,
        TPM2_ALG,
        TPM2_CC,
        TPM2_SE,
        TPM2B_PRIVATE,
        TPM2B_PUBLIC,
        TPM2B_SENSITIVE_CREATE,
        TPMA_OBJECT,
        TPMT_SYM_DEF,
        TPMT_SYM_DEF_OBJECT,
    )

    with Tpm(tpm_a.tcti) as tpm:
        esys, srk = tpm._esys, tpm._srk
        blob = tpm.create_hmac_key()
        sealed = tpm.seal(b"k" * 32)
        for b, origin in ((blob, True), (sealed, False)):
            handle = esys.load(
                srk, TPM2B_PRIVATE.unmarshal(b.private)[0], TPM2B_PUBLIC.unmarshal(b.public)[0]
            )
            attrs = esys.read_public(handle)[0].publicArea.objectAttributes  # as the TPM reports it
            esys.flush_context(handle)
            assert attrs & TPMA_OBJECT.FIXEDTPM and attrs & TPMA_OBJECT.FIXEDPARENT
            assert bool(attrs & TPMA_OBJECT.SENSITIVEDATAORIGIN) is origin  # the TPM made the HMAC key

        def try_duplicate(attrs: int) -> None:
            """Create an HMAC key whose policy allows TPM2_Duplicate, then ask the TPM to export it."""
            trial = esys.start_auth_session(
                ESYS_TR.NONE,
                ESYS_TR.NONE,
                TPM2_SE.TRIAL,
                TPMT_SYM_DEF(algorithm=TPM2_ALG.NULL),
                TPM2_ALG.SHA256,
            )
            esys.policy_command_code(trial, TPM2_CC.Duplicate)
            policy = esys.policy_get_digest(trial)
            esys.flush_context(trial)
            template = TPM2B_PUBLIC.parse("hmac:sha256", objectAttributes=attrs, authPolicy=bytes(policy))
            priv, pub, *_ = esys.create(srk, TPM2B_SENSITIVE_CREATE(), template)
            handle = esys.load(srk, priv, pub)
            session = esys.start_auth_session(
                ESYS_TR.NONE,
                ESYS_TR.NONE,
                TPM2_SE.POLICY,
                TPMT_SYM_DEF(algorithm=TPM2_ALG.NULL),
                TPM2_ALG.SHA256,
            )
            try:
                esys.policy_command_code(session, TPM2_CC.Duplicate)
                esys.duplicate(
                    handle,
                    ESYS_TR.RH_NULL,
                    b"",
                    TPMT_SYM_DEF_OBJECT(algorithm=TPM2_ALG.NULL),
                    session1=session,
                )
            finally:
                esys.flush_context(session)
                esys.flush_context(handle)

        base = TPMA_OBJECT.USERWITHAUTH | TPMA_OBJECT.SIGN_ENCRYPT | TPMA_OBJECT.SENSITIVEDATAORIGIN
        try_duplicate(base)  # control: a key without fixedTPM/fixedParent does leave the TPM
        with pytest.raises(Exception, match="(?i)attribute"):
            try_duplicate(base | TPMA_OBJECT.FIXEDTPM | TPMA_OBJECT.FIXEDPARENT)  # the kiosk's attributes


def test_auto_uses_files_without_a_tpm_and_tpm_without_one_fails_clearly(tmp_path: Path):
    dead = "swtpm:host=127.0.0.1,port=1"
    auto = ensure_backend(tmp_path / "a", SecuritySettings("auto", dead))
    assert auto.backend == "file"
    assert load_or_create_kiosk_key(tmp_path / "a").backend == "file"
    with pytest.raises(TpmError, match=r'key_store = "tpm".*tpm_tcti'):
        ensure_backend(tmp_path / "b", SecuritySettings("tpm", dead))
    assert read_record(tmp_path / "b") is None  # nothing decided: the next start tries again


def test_a_file_kiosk_moving_to_its_tpm_keeps_its_keys(
    isolated_kiosk_env: Path, tmp_path: Path, tpm_a: Swtpm, monkeypatch: pytest.MonkeyPatch
):
    # Given a kiosk that made file keys before its TPM was configured (no record yet)
    master = load_or_create_key(isolated_kiosk_env)
    assert (isolated_kiosk_env / "keys" / "offline_store.key").exists()
    # When the configuration asks for the TPM
    monkeypatch.setenv("KIOSK_CONFIG", str(write_tpm_config(tmp_path / "kiosk.toml", tpm_a.tcti)))
    key = load_or_create_kiosk_key(isolated_kiosk_env)
    # Then the same master key now comes from the TPM and the plain file is gone
    assert key.backend == "tpm"
    assert load_or_create_key(isolated_kiosk_env) == master
    assert not (isolated_kiosk_env / "keys" / "offline_store.key").exists()
    assert master not in _all_bytes(isolated_kiosk_env)


def test_the_self_test_says_which_key_store_is_in_use(tpm_kiosk: Path, tmp_path: Path):
    from devices.settings import DeviceSettings
    from provisioning.selftest import SelftestContext, check_key_store

    def check(data: Path):  # type: ignore[no-untyped-def]
        return check_key_store(SelftestContext(settings=DeviceSettings(), data_dir=data))

    assert check(tpm_kiosk).hint_code == "selftest.keys.unset"
    load_or_create_kiosk_key(tpm_kiosk)
    c = check(tpm_kiosk)
    assert c.status == "pass" and c.figures["backend"] == "tpm" and c.figures["pin_max_tries"] == 10
    assert c.figures["pin_failures"] == 0
    ensure_backend(tmp_path / "demo", SecuritySettings("file"))
    demo = check(tmp_path / "demo")
    assert (demo.status, demo.figures, demo.hint_code) == ("warn", {"backend": "file"}, "selftest.keys.file")


def test_secrets_are_bound_to_the_boot_state(
    isolated_kiosk_env: Path, tmp_path: Path, tpm_a: Swtpm, monkeypatch: pytest.MonkeyPatch
):
    """PCR 16 (the debug PCR, resettable) stands for the boot chain a real kiosk measures into PCR 7."""
    from tpm2_pytss import ESYS_TR, TPM2_ALG, TPML_DIGEST_VALUES, TPMT_HA

    from kiosk.staff.store import StaffStore
    from provisioning.tpm import TpmPolicyMismatch

    monkeypatch.setenv("KIOSK_CONFIG", str(write_tpm_config(tmp_path / "k.toml", tpm_a.tcti, pcrs=(16,))))
    key = load_or_create_kiosk_key(isolated_kiosk_env)
    master = load_or_create_key(isolated_kiosk_env)
    staff = StaffStore.open(isolated_kiosk_env)
    staff.pin_central_key(b"\x07" * 32, datetime.now(UTC))
    assert staff.central_keys() == [b"\x07" * 32]
    staff.close()
    assert read_record(isolated_kiosk_env).pcrs == (16,)  # type: ignore[union-attr]

    # The machine boots into something else: the measured PCR now holds another value
    with Tpm(tpm_a.tcti) as tpm:
        digest = TPMT_HA(hashAlg=TPM2_ALG.SHA256)
        digest.digest.sha256 = b"\xab" * 32
        tpm._esys.pcr_extend(ESYS_TR.PCR16, TPML_DIGEST_VALUES([digest]))
    with pytest.raises(TpmPolicyMismatch):
        load_or_create_kiosk_key(isolated_kiosk_env)
    with pytest.raises(OfflineCacheError, match="PCRs"):
        load_or_create_key(isolated_kiosk_env)
    with pytest.raises(OfflineCacheError):  # nor does the staff store open (its keys are sealed)
        StaffStore.open(isolated_kiosk_env)
    trust = SealedBlob.from_bytes((isolated_kiosk_env / "keys" / "staff_trust_hmac.tpm").read_bytes())
    assert trust.pcrs == (16,)
    with Tpm(tpm_a.tcti) as tpm, pytest.raises(TpmPolicyMismatch):  # the TPM-held MAC key refuses too
        tpm.hmac(trust, b"a planted central key")

    # Back in the measured state, everything opens again, unchanged
    with Tpm(tpm_a.tcti) as tpm:
        tpm._esys.pcr_reset(ESYS_TR.PCR16)
    assert load_or_create_kiosk_key(isolated_kiosk_env).public_raw == key.public_raw
    assert load_or_create_key(isolated_kiosk_env) == master


def test_the_key_store_in_use_is_logged_once_per_process(tpm_kiosk: Path, caplog: pytest.LogCaptureFixture):
    import logging

    load_or_create_kiosk_key(tpm_kiosk)  # chosen now (logged as the choice)
    import provisioning.secrets as secrets

    secrets._announced.clear()  # as a fresh process would start
    with caplog.at_level(logging.INFO, logger="provisioning.secrets"):
        load_or_create_kiosk_key(tpm_kiosk)
        load_or_create_key(tpm_kiosk)
    said = [r.getMessage() for r in caplog.records if "key_store_in_use" in r.getMessage()]
    assert len(said) == 1 and "backend=tpm" in said[0] and "pcrs=[7]" in said[0]
