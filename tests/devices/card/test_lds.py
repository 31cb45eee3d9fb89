import io

import pytest
from PIL import Image

from devices.card import lds
from devices.card.errors import CorruptFile
from devices.card.face import decode_face
from devices.card.personalise import build_com, build_dg1, build_dg2, mrz_text, synthetic_face
from devices.card.simulated import SAMPLE_PEOPLE


def test_com_lists_the_groups():
    assert lds.parse_com(build_com([1, 2, 13, 14])).data_groups == ("DG1", "DG2", "DG13", "DG14")


def test_dg1_td1():
    td1 = lds.parse_dg1(build_dg1(mrz_text(SAMPLE_PEOPLE[0])))
    assert td1.document_number == "088012345" and td1.checks_ok and td1.surname == "NGUYEN"


def test_dg2_jpeg_round_trip_and_decode():
    jpeg = synthetic_face(7, target_bytes=20_000)
    assert 15_000 < len(jpeg) <= 20_000
    face = lds.parse_dg2(build_dg2(jpeg, 360, 480))
    assert face.format == "jpeg" and face.data == jpeg and (face.width, face.height) == (360, 480)
    assert decode_face(face).size == (360, 480)


def test_dg2_jpeg2000_is_found_and_decoded():
    buf = io.BytesIO()
    Image.new("RGB", (60, 80), (200, 150, 120)).save(buf, "JPEG2000")
    face = lds.parse_dg2(build_dg2(buf.getvalue(), 60, 80, jpeg2000=True))
    assert face.format == "jpeg2000"
    assert decode_face(face).size == (60, 80)


@pytest.mark.parametrize("cut", [10, 100, 5000])
def test_truncated_dg2_is_corrupt(cut):
    raw = build_dg2(synthetic_face(1, 8000), 360, 480)
    with pytest.raises(CorruptFile):
        lds.parse_dg2(raw[:-cut])


def test_wrong_outer_tag_is_corrupt():
    with pytest.raises(CorruptFile):
        lds.parse_com(b"\x61\x00")
