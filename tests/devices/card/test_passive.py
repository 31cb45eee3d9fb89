"""Passive authentication levels, on files built here (no reader needed)."""

from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives import serialization

from devices.card.passive import FAILED, SIGNER_UNTRUSTED, VERIFIED, load_csca_store, verify
from devices.card.personalise import build_sod, make_pki


def groups(card):
    return {int(k[2:]): v for k, v in card.files.items() if k.startswith("DG")}


def test_verified_with_the_right_csca(test_card):
    r = verify(test_card.files["SOD"], groups(test_card), [test_card.pki.csca_cert])
    assert (r.level, r.hashes_ok, r.signature_ok, r.chain_ok) == (VERIFIED, True, True, True)
    assert "Document Signer Test" in r.signer


def test_no_trust_store_means_signer_untrusted(test_card):
    r = verify(test_card.files["SOD"], groups(test_card), [])
    assert r.level == SIGNER_UNTRUSTED and r.hashes_ok and r.signature_ok and "no CSCA" in r.detail


def test_reading_after_the_signer_expired_is_not_trusted(test_card):
    later = datetime.now(UTC) + timedelta(days=4000)
    r = verify(test_card.files["SOD"], groups(test_card), [test_card.pki.csca_cert], now=later)
    assert r.level == SIGNER_UNTRUSTED and "validity" in r.detail


def test_a_group_missing_from_the_sod_fails(test_card):
    g = groups(test_card)
    g[14] = b"\x6e\x00"
    r = verify(test_card.files["SOD"], g, [test_card.pki.csca_cert])
    assert r.level == FAILED and r.mismatched_groups == (14,)


def test_forged_signature_fails(test_card):
    sod = bytearray(test_card.files["SOD"])
    sod[-5] ^= 0x40  # inside the ECDSA signature at the end of the SignerInfo
    r = verify(bytes(sod), groups(test_card), [test_card.pki.csca_cert])
    assert r.level == FAILED and not r.signature_ok


def test_garbage_sod_fails_cleanly(test_card):
    r = verify(b"\x77\x03\x30\x01\x00", groups(test_card), [test_card.pki.csca_cert])
    assert r.level == FAILED and "SOD" in r.detail


def test_csca_store_reads_pem_and_der_and_skips_junk(tmp_path, test_card):
    other = make_pki("Other")
    (tmp_path / "a.pem").write_bytes(test_card.pki.csca_pem())
    (tmp_path / "b.der").write_bytes(other.csca_cert.public_bytes(serialization.Encoding.DER))
    (tmp_path / "junk.txt").write_text("not a certificate")
    store = load_csca_store(tmp_path)
    assert len(store) == 2
    r = verify(build_sod(groups(test_card), other), groups(test_card), store)
    assert r.level == VERIFIED
