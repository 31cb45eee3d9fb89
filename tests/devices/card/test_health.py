import pytest

from devices.card.health import probe
from devices.settings import DeviceSettings
from tests.peers.vcard import READER, VirtualCard


def test_simulated():
    h = probe(DeviceSettings(card_reader="sim"))
    assert (h.state, h.driver) == ("ok", "simulated")


@pytest.mark.pcsc
def test_real_reader_absent_ready_and_with_card(pcscd, test_card):
    assert probe(DeviceSettings(card_reader="No Such Reader")).state == "absent"
    with VirtualCard(test_card.files, test_card.key):
        h = probe(DeviceSettings(card_reader=READER))
        assert (h.state, h.name, h.figures["card_present"]) == ("ok", READER, True)
    h = probe(DeviceSettings(card_reader=READER))
    assert h.state == "ok" and h.figures["card_present"] is False
