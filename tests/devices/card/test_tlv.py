import pytest

from devices.card import tlv


@pytest.mark.parametrize("n", [0, 1, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF, 0x10000])
def test_lengths_round_trip(n):
    raw = tlv.encode(0x5F2E, bytes(n))
    obj = tlv.read(raw)
    assert (obj.tag, len(obj.value), obj.end) == (0x5F2E, n, len(raw))


def test_multi_byte_tags_and_padding():
    raw = tlv.encode(0x7F61, tlv.encode(0x02, b"\x01")) + tlv.encode(0x5F1F, b"X") + b"\x00\x00"
    assert [o.tag for o in tlv.iterate(raw)] == [0x7F61, 0x5F1F]


@pytest.mark.parametrize("raw", [b"\x61", b"\x61\x82\x01", b"\x61\x05abc", b"\x61\x85\x00\x00\x00\x00\x01"])
def test_truncated_or_unsupported(raw):
    with pytest.raises(tlv.TlvError):
        tlv.read(raw)
