import pytest

from devices.card import des

from .icao_vectors import K_ENC, K_MAC, K_SEED


def test_kdf_matches_icao_appendix_d2():
    assert des.kdf(K_SEED, des.KDF_ENC) == K_ENC
    assert des.kdf(K_SEED, des.KDF_MAC) == K_MAC


@pytest.mark.parametrize("data", [b"", b"\x01", bytes(7), bytes(8), bytes(15)])
def test_pad_round_trip(data):
    padded = des.pad(data)
    assert len(padded) % 8 == 0 and len(padded) > len(data)
    assert des.unpad(padded) == data


def test_unpad_rejects_missing_marker():
    with pytest.raises(ValueError):
        des.unpad(bytes(8))


def test_parity_is_odd_for_every_byte():
    assert all(bin(b).count("1") % 2 == 1 for b in des.adjust_parity(bytes(range(256))))


def test_retail_mac_rejects_unpadded():
    with pytest.raises(ValueError):
        des.retail_mac(K_MAC, b"abc")
