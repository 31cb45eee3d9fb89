"""The real driver through pcscd + vpcd against the virtual eMRTD card (tests/peers/vcard.py)."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest

from devices.card import cccd_qr
from devices.card.base import (
    CanKey,
    CardInserted,
    CardRemoved,
    ReaderAdded,
    ReadFailed,
    ReadFinished,
    ReadProgress,
)
from devices.card.errors import CardRemoved as CardRemovedError
from devices.card.errors import CardTimeout, NoReader, NotEmrtd, WrongKey
from devices.card.mrz import MrzKey
from devices.card.passive import FAILED, SIGNER_UNTRUSTED, VERIFIED
from devices.card.pcsc import PcscCardReader
from devices.card.personalise import build_sod, make_pki
from devices.card.simulated import qr_text
from tests.peers.vcard import READER, VirtualCard, personalise, wait_card_state

pytestmark = pytest.mark.pcsc


def inserted(card: VirtualCard) -> VirtualCard:
    assert wait_card_state(READER, True), "pcscd did not see the virtual card"
    return card


def test_full_read_is_verified_and_complete(pcscd, test_card):
    with VirtualCard(test_card.files, test_card.key) as card:
        inserted(card)
        result = PcscCardReader(READER, [test_card.pki.csca_cert]).read([test_card.key])
    p = test_card.person
    assert result.verification.level == VERIFIED
    assert result.verification.checked_groups == (1, 2, 13)
    assert result.document_number == p.document_number and result.personal_number == p.personal_number
    assert result.full_name == "Nguyễn Văn An" and (result.surname, result.given_names) == (
        "NGUYEN",
        "VAN AN",
    )
    assert result.birth_date == p.birth and result.expiry_date == p.expiry and result.sex == "M"
    assert (result.nationality, result.issuing_state) == ("VNM", "VNM")
    assert result.face is not None and result.face.format == "jpeg" and len(result.face.data) > 15_000
    assert (
        result.dg13 is not None
        and result.dg13.father_name == p.father
        and result.dg13.old_id_number == p.old_id
    )
    assert result.files == ("COM", "DG1", "DG2", "DG13", "SOD")


def test_wrong_key_gets_6300_and_a_type_the_mrz_way_on(pcscd, test_card):
    wrong = replace(test_card.key, birth="990102")
    with VirtualCard(test_card.files, test_card.key) as card:
        inserted(card)
        with pytest.raises(WrongKey) as e:
            PcscCardReader(READER).read([wrong])
    assert "6300" in e.value.detail and e.value.way_on == "type_mrz"


def test_qr_derived_keys_open_the_card(pcscd, test_card):
    keys = cccd_qr.bac_keys(cccd_qr.parse(qr_text(test_card.person)))
    with VirtualCard(test_card.files, test_card.key) as card:
        inserted(card)
        result = PcscCardReader(READER, [test_card.pki.csca_cert]).read(keys)
    assert result.verification.level == VERIFIED and result.figures["keys_tried"] == 1


def test_a_refused_first_key_falls_through_to_the_next(pcscd, test_card):
    wrong = replace(test_card.key, expiry="300101")
    with VirtualCard(test_card.files, test_card.key) as card:
        inserted(card)
        result = PcscCardReader(READER).read([wrong, test_card.key])
    assert result.figures["keys_tried"] == 2


def test_removal_mid_read_is_card_removed_not_a_hang(pcscd, test_card):
    with VirtualCard(test_card.files, test_card.key, extended=False, vanish_after_reads=20) as card:
        inserted(card)
        started = time.monotonic()
        with pytest.raises(CardRemovedError) as e:
            PcscCardReader(READER, extended="off").read([test_card.key])
        assert card.vanished.is_set()
    assert time.monotonic() - started < 5
    assert e.value.way_on == "reinsert"


def test_tampered_data_group_fails_passive_authentication(pcscd, test_card):
    files = dict(test_card.files)
    dg13 = bytearray(files["DG13"])
    at = dg13.find(b"An")
    dg13[at : at + 2] = "Án".encode()[:2]  # one changed letter, same length
    files["DG13"] = bytes(dg13)
    with VirtualCard(files, test_card.key) as card:
        inserted(card)
        result = PcscCardReader(READER, [test_card.pki.csca_cert]).read([test_card.key])
    assert result.verification.level == FAILED
    assert result.verification.mismatched_groups == (13,)


def test_signer_from_another_csca_is_not_trusted(pcscd, test_card):
    other = make_pki("Other")
    groups = {int(k[2:]): v for k, v in test_card.files.items() if k.startswith("DG")}
    files = dict(test_card.files, SOD=build_sod(groups, other))
    with VirtualCard(files, test_card.key) as card:
        inserted(card)
        result = PcscCardReader(READER, [test_card.pki.csca_cert]).read([test_card.key])
    assert result.verification.level == SIGNER_UNTRUSTED
    assert "trusted CSCA" in result.verification.detail


@pytest.mark.parametrize("mode", ["on", "off"])
def test_extended_and_chunked_reads_give_the_same_data(pcscd, test_card, mode):
    with VirtualCard(test_card.files, test_card.key, extended=True) as card:
        inserted(card)
        result = PcscCardReader(READER, [test_card.pki.csca_cert], extended=mode).read([test_card.key])
    assert result.verification.level == VERIFIED
    assert result.figures["read_mode"] == ("extended" if mode == "on" else "chunked")
    # 20 KB of DG2 in 0xDF-byte chunks takes ~90 READ BINARYs; extended takes one per file.
    assert result.figures["apdus"] < 25 if mode == "on" else result.figures["apdus"] > 90


def test_a_card_that_refuses_extended_length_is_read_chunked(pcscd, test_card):
    with VirtualCard(test_card.files, test_card.key, extended=False) as card:
        inserted(card)
        result = PcscCardReader(READER, extended="on").read([test_card.key])
    assert result.figures["read_mode"] == "chunked" and result.full_name == "Nguyễn Văn An"


def test_card_without_the_emrtd_application(pcscd, test_card):
    with VirtualCard(test_card.files, test_card.key) as card:
        card.applet.process = lambda apdu: b"\x6a\x82"  # a bank card, say: answers 6A82 to all
        inserted(card)
        with pytest.raises(NotEmrtd):
            PcscCardReader(READER).read([test_card.key])


def test_unknown_reader_name(pcscd):
    with pytest.raises(NoReader):
        PcscCardReader("no such reader").read([MrzKey("123456789", "900101", "300101")])


def test_monitor_reports_insert_read_and_removal(pcscd, test_card):
    events = []
    got = threading.Condition()

    def sink(e):
        with got:
            events.append(e)
            got.notify_all()

    def wait_for(kind, timeout=10.0):
        with got:
            assert got.wait_for(lambda: any(isinstance(e, kind) for e in events), timeout), (kind, events)
            return next(e for e in events if isinstance(e, kind))

    reader = PcscCardReader(READER, [test_card.pki.csca_cert])
    reader.start(sink)
    try:
        wait_for(ReaderAdded)
        with VirtualCard(test_card.files, test_card.key):
            assert wait_for(CardInserted).reader == READER
            reader.request_read([test_card.key])
            done = wait_for(ReadFinished)
            assert done.result.verification.level == VERIFIED
            assert any(isinstance(e, ReadProgress) and e.step == "DG2" for e in events)
            reader.request_read([replace(test_card.key, birth="010101")])
            failed = wait_for(ReadFailed)
            assert failed.code == "card.wrong_key" and failed.way_on == "type_mrz"
        wait_for(CardRemoved)
    finally:
        reader.stop()


def test_a_card_that_goes_mute_times_out_instead_of_hanging(pcscd, test_card):
    with VirtualCard(test_card.files, test_card.key, silent_after_reads=3) as card:
        started = time.monotonic()
        with pytest.raises(CardTimeout) as e:
            PcscCardReader(READER, deadline_s=1.0).read([test_card.key])
        assert card.went_silent.is_set()
    assert time.monotonic() - started < 8
    assert e.value.code == "card.timeout" and e.value.way_on == "reinsert"


@pytest.mark.parametrize("kind", ["rsa", "ec"])
def test_active_authentication_through_dg15(pcscd, kind):
    card = personalise(aa=kind)
    with VirtualCard(card.files, card.key, aa_key=card.aa_key):
        result = PcscCardReader(READER, [card.pki.csca_cert]).read([card.key])
    assert result.verification.active_authentication == "passed"
    assert result.verification.level == VERIFIED and "DG15" in result.files


def test_a_cloned_chip_fails_active_authentication(pcscd):
    card = personalise(aa="rsa")
    clone_key = personalise(aa="rsa").aa_key  # the copier does not have the original private key
    with VirtualCard(card.files, card.key, aa_key=clone_key):
        result = PcscCardReader(READER, [card.pki.csca_cert]).read([card.key])
    assert result.verification.active_authentication == "failed"
    assert result.verification.level == FAILED and "cloned" in result.verification.detail


@pytest.mark.parametrize("param", [12, 13])
def test_pace_with_the_mrz(pcscd, test_card, param):
    with VirtualCard(test_card.files, test_card.key, pace_parameter_id=param, allow_bac=False):
        result = PcscCardReader(READER, [test_card.pki.csca_cert]).read([test_card.key])
    assert result.verification.access == "PACE" and result.verification.level == VERIFIED
    assert result.full_name == "Nguyễn Văn An"


def test_pace_with_the_can_and_a_wrong_can(pcscd, test_card):
    with VirtualCard(test_card.files, test_card.key, pace_parameter_id=13, can="271828"):
        result = PcscCardReader(READER).read([CanKey("271828")])
        assert result.verification.access == "PACE"
        with pytest.raises(WrongKey):
            PcscCardReader(READER).read([CanKey("314159")])


def test_a_pace_variant_the_kiosk_lacks_falls_back_to_bac(pcscd, test_card):
    # domain parameters 14 (brainpoolP320r1) are offered but not spoken here: BAC still opens the chip
    with VirtualCard(test_card.files, test_card.key, pace_parameter_id=14):
        result = PcscCardReader(READER, [test_card.pki.csca_cert]).read([test_card.key])
    assert result.verification.access == "BAC" and result.verification.level == VERIFIED


def test_card_in_reader_helper_for_other_areas():
    from tests.peers.vcard import card_in_reader

    with card_in_reader(extended=False) as (vc, card):
        result = PcscCardReader(READER, [card.pki.csca_cert]).read([card.key])
    assert result.verification.level == VERIFIED and vc.apdus == result.figures["apdus"]


@pytest.mark.parametrize("ca", ["3des", "aes"])
def test_chip_and_active_authentication_through_pcscd(pcscd, ca):
    card = personalise(aa="ec", ca=ca)
    with VirtualCard(card.files, card.key, **card.options()):
        result = PcscCardReader(READER, [card.pki.csca_cert]).read([card.key])
    v = result.verification
    assert (v.chip_authentication, v.active_authentication, v.level) == ("passed", "passed", VERIFIED)
