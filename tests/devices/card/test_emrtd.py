"""The read sequence over an in-memory card: faults in the files, keys, the ATR."""

import pytest

from devices.card.applet import AppletTransport, EmrtdApplet, make_atr
from devices.card.base import CanKey
from devices.card.emrtd import atr_supports_extended, read_document
from devices.card.errors import AccessUnsupported, CorruptFile, FileMissing
from devices.card.passive import VERIFIED
from devices.card.personalise import build_com


def read(files, key, **kw):
    return read_document(AppletTransport(EmrtdApplet(files, key)), [key], **kw)


def test_atr_card_capabilities():
    assert atr_supports_extended(make_atr(True)) and not atr_supports_extended(make_atr(False))
    assert not atr_supports_extended(bytes.fromhex("3B8F8001804F0CA000000306030001000000006A"))


def test_progress_reports_every_file(test_card):
    seen = []
    r = read(test_card.files, test_card.key, csca_store=[test_card.pki.csca_cert], progress=seen.append)
    steps = {p.step for p in seen}
    assert {"access", "COM", "DG2", "SOD", "verify"} <= steps and r.verification.level == VERIFIED
    dg2 = [p for p in seen if p.step == "DG2"]
    assert dg2[-1].done == dg2[-1].total > 15_000


def test_listed_but_missing_dg13_is_skipped(test_card):
    files = {k: v for k, v in test_card.files.items() if k != "DG13"}
    r = read(files, test_card.key)
    assert r.dg13 is None and r.full_name == "NGUYEN VAN AN"  # from the MRZ
    assert "DG13" not in r.files


def test_missing_dg1_is_file_missing(test_card):
    files = dict(test_card.files, COM=build_com([2]))
    del files["DG1"]
    with pytest.raises(FileMissing):
        read(files, test_card.key)


def test_truncated_file_is_corrupt(test_card):
    files = dict(test_card.files, DG2=test_card.files["DG2"][:5000])
    with pytest.raises(CorruptFile):
        read(files, test_card.key)


def test_can_only_needs_pace(test_card):
    with pytest.raises(AccessUnsupported):
        read_document(AppletTransport(EmrtdApplet(test_card.files, test_card.key)), [CanKey("123456")])


def test_pace_first_then_a_wrong_can_falls_through_to_the_mrz(test_card):
    applet = EmrtdApplet(test_card.files, test_card.key, pace_parameter_id=13, can="271828")
    r = read_document(AppletTransport(applet), [CanKey("000000"), test_card.key])
    assert r.verification.access == "PACE" and r.figures["keys_tried"] == 2


def test_pace_only_chip_with_a_wrong_mrz_is_a_wrong_key(test_card):
    from dataclasses import replace

    from devices.card.errors import WrongKey

    applet = EmrtdApplet(test_card.files, test_card.key, pace_parameter_id=12, allow_bac=False)
    with pytest.raises(WrongKey):
        read_document(AppletTransport(applet), [replace(test_card.key, expiry="300101")])
