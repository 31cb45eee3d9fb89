import pytest

from devices.card.errors import BadMrz
from devices.card.mrz import MrzKey, parse_td1, yymmdd_to_date

# ICAO 9303 Part 5 Appendix A's TD1 specimen (Utopia) and a CCCD-shaped one
SPECIMEN = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
CCCD = "IDVNM09901234590010990123450<<\n9901018M3901016VNM<<<<<<<<<<<0\nNGUYEN<<VAN<AN<<<<<<<<<<<<<<<<"


def test_parses_icao_specimen():
    td1 = parse_td1(SPECIMEN)
    assert td1.document_number == "D23145890"
    assert (td1.birth, td1.expiry, td1.sex) == ("740812", "120415", "F")
    assert (td1.surname, td1.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert td1.key() == MrzKey("D23145890", "740812", "120415")


def test_cccd_mrz_checks_and_optional_id():
    td1 = parse_td1(CCCD.lower().replace("\n", " "))
    assert td1.document_number == "099012345" and td1.optional_data_1.startswith("001099012345")
    assert td1.issuing_state == "VNM" and td1.nationality == "VNM"


def test_wrong_check_digit_is_refused():
    with pytest.raises(BadMrz):
        parse_td1(SPECIMEN.replace("7408122", "7408123"))


@pytest.mark.parametrize(
    "bad", [("", "740812", "120415"), ("D2314589", "741312", "120415"), ("X", "7408", "1")]
)
def test_key_fields_are_validated(bad):
    with pytest.raises(BadMrz):
        MrzKey(*bad)


def test_century_by_context():
    assert yymmdd_to_date("990101", future=False).year == 1999
    assert yymmdd_to_date("390101", future=True).year == 2039
