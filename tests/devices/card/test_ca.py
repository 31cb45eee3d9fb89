"""Chip Authentication (DG14): keys switch after BAC (3DES) and after PACE (AES); a clone fails."""

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from devices.card import ca
from devices.card.applet import AppletTransport, EmrtdApplet
from devices.card.emrtd import read_document
from devices.card.errors import CardError
from devices.card.passive import VERIFIED
from devices.card.personalise import build_files
from tests.peers.vcard import personalise

AES128 = "0.4.0.127.0.7.2.2.3.2.2"
TDES = "0.4.0.127.0.7.2.2.3.2.1"


def card_with_ca(curve, protocol):
    base = personalise()
    key = ec.generate_private_key(curve)
    files = build_files(base.person, base.pki, ca_key=key, ca_protocol=protocol)
    return base, files, key


@pytest.mark.parametrize(
    ("curve", "protocol", "pace_param"),
    [(ec.BrainpoolP256R1(), TDES, None), (ec.SECP256R1(), AES128, None), (ec.BrainpoolP256R1(), AES128, 13)],
)
def test_chip_authentication_then_the_rest_of_the_read(curve, protocol, pace_param):
    base, files, key = card_with_ca(curve, protocol)
    applet = EmrtdApplet(files, base.key, ca_key=key, pace_parameter_id=pace_param)
    r = read_document(AppletTransport(applet), [base.key], csca_store=[base.pki.csca_cert])
    assert r.verification.chip_authentication == "passed" and r.verification.level == VERIFIED
    assert 14 in r.verification.checked_groups
    assert applet.session is not None and applet.session[2] == ("3des" if protocol == TDES else "aes")


def test_dg14_names_the_key_and_protocol():
    base, files, key = card_with_ca(ec.SECP256R1(), AES128)
    chip = ca.chip_key_from_dg14(files["DG14"])
    nums = key.public_key().public_numbers()
    assert chip.protocol == AES128 and chip.point == (nums.x, nums.y) and chip.curve.name == "secp256r1"


def test_a_clone_without_the_chip_key_cannot_go_on():
    base, files, _key = card_with_ca(ec.BrainpoolP256R1(), TDES)
    clone = EmrtdApplet(files, base.key, ca_key=ec.generate_private_key(ec.BrainpoolP256R1()))
    with pytest.raises(CardError) as e:
        read_document(AppletTransport(clone), [base.key])
    assert e.value.code == "card.chip_auth_failed"


def test_a_chip_that_refuses_chip_authentication_fails_verification():
    base, files, _key = card_with_ca(ec.BrainpoolP256R1(), TDES)
    applet = EmrtdApplet(files, base.key)  # lists DG14 but has no key: MSE answers 6A80
    r = read_document(AppletTransport(applet), [base.key], csca_store=[base.pki.csca_cert])
    assert r.verification.chip_authentication == "failed" and r.verification.level == "failed"
