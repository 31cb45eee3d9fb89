from datetime import date

import pytest

from devices.card import tlv
from devices.card.dg13 import parse_dg13
from devices.card.errors import CorruptFile
from devices.card.personalise import build_dg13
from devices.card.simulated import SAMPLE_PEOPLE


def test_every_field_of_a_sample_card():
    p = SAMPLE_PEOPLE[1]
    d = parse_dg13(build_dg13(p))
    assert d.full_name == "Trần Thị Bích Ngọc" and d.sex == "Nữ" and d.religion == "Phật giáo"
    assert d.birth == date(1995, 8, 25) and d.issued == p.issued and d.expires == p.expiry
    assert (d.father_name, d.mother_name, d.old_id_number) == ("Trần Văn Hùng", "Võ Thị Lan", "272749215")
    assert d.place_of_origin.endswith("Long An") and d.unknown == {}
    assert "Ngọc" not in repr(d)


def test_no_expiry_text_is_kept_and_not_a_date():
    d = parse_dg13(build_dg13(SAMPLE_PEOPLE[2]))
    assert d.expiry_date == "Không thời hạn" and d.expires is None


def field(n, *values):
    return tlv.encode(0x30, tlv.encode(0x02, bytes([n])) + b"".join(values))


def test_unknown_fields_and_other_string_types_are_kept():
    body = field(2, tlv.encode(0x0C, "Lò Văn Pó".encode())) + field(
        42, tlv.encode(0x13, b"X1"), tlv.encode(0x0C, "ý".encode())
    )
    d = parse_dg13(tlv.encode(0x6D, tlv.encode(0x30, body)))  # an extra wrapping SEQUENCE
    assert d.full_name == "Lò Văn Pó" and d.unknown == {"42": ["X1", "ý"]}


@pytest.mark.parametrize("raw", [b"\x6d\x05\x30\x03\x02", b"\x6c\x00", b"\x6d\x02\x04\x00"])
def test_malformed_dg13_is_corrupt_not_a_crash(raw):
    with pytest.raises(CorruptFile):
        parse_dg13(raw)


def test_flat_parents_and_a_missing_father():
    utf8 = lambda s: tlv.encode(0x0C, s.encode())  # noqa: E731
    body = field(2, utf8("Lò Thị Xuân")) + field(13, utf8(""), utf8("Lò Thị Hoa")) + field(14, utf8(""))
    d = parse_dg13(tlv.encode(0x6D, body))
    assert (d.father_name, d.mother_name, d.spouse_name) == (None, "Lò Thị Hoa", None)


def test_long_form_lengths():
    long_address = "Thôn " + "Nà " * 200
    d = parse_dg13(tlv.encode(0x6D, field(9, tlv.encode(0x0C, long_address.encode()))))
    assert d.place_of_residence == long_address.strip()
