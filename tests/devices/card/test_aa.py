"""Active Authentication signatures, both directions, without a reader."""

import os

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from devices.card import aa
from devices.card.personalise import build_dg14_aa, build_dg15


@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


@pytest.mark.parametrize("algo", ["sha1", "sha256"])
def test_iso9796_2_round_trip_and_tamper(rsa_key, algo):
    challenge = os.urandom(8)
    sig = aa.sign_rsa(rsa_key, challenge, algo)
    assert aa.verify_rsa(rsa_key.public_key(), challenge, sig)
    assert not aa.verify_rsa(rsa_key.public_key(), os.urandom(8), sig)
    assert not aa.verify_rsa(rsa_key.public_key(), challenge, bytes(len(sig) - 1) + b"\x01")


def test_dg15_and_dg14_round_trip(rsa_key):
    assert (
        aa.parse_dg15(build_dg15(rsa_key.public_key())).public_numbers()
        == rsa_key.public_key().public_numbers()
    )
    assert aa.ec_hash_from_dg14(build_dg14_aa("0.4.0.127.0.7.1.1.4.1.4")) == "sha384"
    assert aa.ec_hash_from_dg14(b"\x6e\x02\x31\x00") == "sha256"


def test_ecdsa_plain_signature():
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    key = ec.generate_private_key(ec.SECP256R1())
    challenge = os.urandom(8)
    r, s = decode_dss_signature(key.sign(challenge, ec.ECDSA(hashes.SHA256())))
    plain = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    assert aa.verify_ec(key.public_key(), challenge, plain, "sha256")
    # One bit changed (replacing the last byte by zero changed nothing when it was zero: 1 in 256)
    assert not aa.verify_ec(key.public_key(), challenge, plain[:-1] + bytes([plain[-1] ^ 1]), "sha256")
