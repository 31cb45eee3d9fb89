"""The packaged catalog is complete, bilingual and sourced; a damaged one is refused clearly."""

from __future__ import annotations

import json

import pytest

from kiosk.catalog.model import CatalogInvalid, load_catalog, packaged_catalog_json, parse_catalog


def test_at_least_twelve_procedures_each_bilingual_and_sourced():
    cat = load_catalog()
    assert len(cat.procedures) >= 12
    for p in cat.procedures:
        assert p.name.vi and p.name.en and p.name.vi != p.name.en, p.identifier
        assert p.description.vi and p.description.en, p.identifier
        assert p.sources and p.legal, f"{p.identifier}: every procedure names its sources"
        assert p.simplifications.vi and p.simplifications.en, f"{p.identifier}: say what was simplified"
        assert p.inputs and p.attributes, p.identifier
        assert p.authority.rule in ("anywhere", "place", "any_of")
        assert (p.authority.rule == "anywhere") == (not p.authority.facts), p.identifier
        assert p.working_days >= 0 and p.processing_time.vi


def test_the_issue_s_procedures_are_there():
    codes = {p.identifier for p in load_catalog().procedures}
    assert {
        "birth_registration",
        "death_registration",
        "marriage_registration",
        "marital_status_confirmation",
        "permanent_residence_registration",
        "temporary_residence_registration",
        "certified_copy",
        "signature_certification",
        "business_household_registration",
        "child_health_insurance",
        "elderly_social_allowance",
    } <= codes


def test_cached_json_text_is_accepted_and_garbage_is_refused():
    text = json.dumps(packaged_catalog_json())
    assert len(load_catalog(text).procedures) == len(load_catalog().procedures)
    with pytest.raises(CatalogInvalid):
        load_catalog("{not json")
    with pytest.raises(CatalogInvalid):
        load_catalog("[1, 2]")


def test_malformed_entries_are_refused_not_crashed():
    data = packaged_catalog_json()
    del data["procedures"][0]["hasCompetentAuthority"]
    with pytest.raises(CatalogInvalid, match="malformed"):
        parse_catalog(data)
    data = packaged_catalog_json()
    data["procedures"].append(data["procedures"][0])
    with pytest.raises(CatalogInvalid, match="twice"):
        parse_catalog(data)
    data = packaged_catalog_json()
    data["procedures"][0]["hasCompetentAuthority"]["facts"] = ["who_knows"]
    with pytest.raises(CatalogInvalid, match="who_knows"):
        parse_catalog(data)


def test_unknown_code_raises_a_catalog_error():
    from kiosk.errors import KioskError

    with pytest.raises(KioskError) as e:
        load_catalog().require("nope")
    assert e.value.code == "catalog.unknown_procedure"
