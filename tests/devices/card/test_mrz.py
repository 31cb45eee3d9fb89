import pytest

from devices.card.errors import BadMrz
from devices.card.mrz import MrzKey, check_digit, parse_td1, parse_td3, parse_zone, yymmdd_to_date

# ICAO 9303 Part 5 Appendix A's TD1 specimen (Utopia) and a CCCD-shaped one
SPECIMEN = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
# ICAO 9303 Part 4 Appendix B's TD3 specimen (Utopia)
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
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


def test_parses_the_td3_specimen():
    td3 = parse_td3(TD3)
    assert (td3.document_code, td3.issuing_state, td3.nationality) == ("P", "UTO", "UTO")
    assert (td3.surname, td3.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert (td3.document_number, td3.birth, td3.sex, td3.expiry) == ("L898902C3", "740812", "F", "120415")
    assert td3.personal_number == "ZE184226B" and td3.checks_ok
    assert td3.key() == MrzKey("L898902C3", "740812", "120415")
    assert "ERIKSSON" not in repr(td3) and "L898902C3" not in repr(td3)


def _with_composite(line2: str) -> str:
    """The line with its composite check digit made right again (Doc 9303 part 4 §4.2.2.2)."""
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return line2[:43] + check_digit(composite)


@pytest.mark.parametrize(
    ("place", "why"),
    [(9, "document number"), (19, "birth"), (27, "expiry"), (42, "personal number"), (43, "composite")],
)
def test_each_td3_check_digit_is_asked(place, why):
    line1, line2 = TD3.split("\n")
    wrong = line2[:place] + str((int(line2[place]) + 1) % 10) + line2[place + 1 :]
    if place != 43:  # only the field's own check digit wrong: the composite made to agree
        wrong = _with_composite(wrong)
    with pytest.raises(BadMrz):
        parse_td3(f"{line1}\n{wrong}")
    assert not parse_td3(f"{line1}\n{wrong}", strict=False).checks_ok


def test_a_zone_is_told_td1_or_td3_by_its_length():
    assert type(parse_zone(TD3)).__name__ == "Td3"
    assert type(parse_zone(SPECIMEN)).__name__ == "Td1"
    with pytest.raises(BadMrz):
        parse_zone(TD3[:-1])
