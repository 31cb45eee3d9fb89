"""The event allow-list: no personal field and no free text can enter a monitoring event."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.monitoring.schema import (
    ALL_FIELDS,
    FIELDS,
    KINDS,
    SCREENS,
    Event,
    EventError,
    make_event,
    round_duration,
)

SESSION = "0123456789abcdef0123456789abcdef"
PROCEDURES = frozenset({"birth_registration", "certified_copy"})
CODES = frozenset({"card.read_failed", "printer.paper_out"})
# What a careless caller might try to attach to an event.
PERSONAL = ("name", "full_name", "id_number", "cccd", "address", "birth_date", "phone", "tracking_code",
            "dossier", "card_access_number", "face_image", "text", "comment", "note", "at", "time")  # fmt: skip
CITIZEN_TEXT = ("Nguyễn Thị Bích Ngọc", "001203004567", "12 Hàng Bạc, Hoàn Kiếm", "0912345678", "K7M4QX9T2R")


def base(kind: str = "screen", **extra: object) -> dict[str, object]:
    return {"session": SESSION, "seq": 0, "kind": kind, "day": "2026-11-03", **extra}


def test_the_event_record_has_no_field_outside_the_allow_list():
    # Adding a field to Event without deciding its allowed values fails here.
    assert {f.name for f in dataclasses.fields(Event)} == set(ALL_FIELDS)


@pytest.mark.parametrize("field", PERSONAL)
def test_a_personal_field_is_refused(field):
    with pytest.raises(EventError, match=field):
        make_event(base(**{field: "Nguyễn Văn A"}))


@pytest.mark.parametrize("text", CITIZEN_TEXT)
@pytest.mark.parametrize("field", ["screen", "procedure", "code", "outcome", "device", "language", "speech"])
def test_citizen_text_in_a_string_field_is_refused(field, text):
    kind = next(k for k in KINDS if field in FIELDS[k])
    with pytest.raises(EventError):
        make_event(base(kind, **{field: text}), procedures=PROCEDURES, codes=CODES)


def test_a_valid_event_round_trips():
    e = make_event(
        base("rating", face=4, reasons=["fast", "easy"], procedure="certified_copy"), procedures=PROCEDURES
    )
    assert e.to_wire() == base("rating", face=4, reasons=["fast", "easy"], procedure="certified_copy")
    assert make_event(e.to_wire(), procedures=PROCEDURES) == e


def test_times_are_days_and_rounded_durations():
    with pytest.raises(EventError, match="day"):
        make_event(base(day="2026-11-03T09:41:00"))
    with pytest.raises(EventError, match="rounded"):
        make_event(base(screen="home", duration_s=13))
    assert make_event(base(screen="home", duration_s=15)).duration_s == 15


ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 20_000),
    st.text(max_size=40),
    st.sampled_from(CITIZEN_TEXT),
    st.sampled_from(SCREENS),
    st.lists(st.text(max_size=10), max_size=3),
)
KEYS = st.sampled_from(sorted(ALL_FIELDS) + list(PERSONAL))
ALLOWED_STRINGS = (
    set(SCREENS) | PROCEDURES | CODES | {"vi", "en", "on", "off", "card_reader", "printer", "scanner", "camera"}
    | {"submitted", "abandoned", "timeout", "error", "finished"} | set(KINDS)
    | {"easy", "fast", "hard", "slow", "device"}
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(kind=st.sampled_from(KINDS), fields=st.dictionaries(KEYS, ANY_VALUE, max_size=8))
def test_property_whatever_goes_in_only_allow_listed_values_come_out(kind, fields):
    try:
        event = make_event({**base(kind), **fields}, procedures=PROCEDURES, codes=CODES)
    except EventError:
        return
    wire = event.to_wire()
    assert set(wire) <= ALL_FIELDS and set(wire) <= set(FIELDS[kind]) | {"session", "seq", "kind", "day"}
    for name, value in wire.items():
        values = value if isinstance(value, list) else [value]
        for v in values:
            if isinstance(v, str):
                if name == "session":
                    assert re.fullmatch(r"[0-9a-f]{32}", v)
                elif name == "day":
                    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)
                else:
                    assert v in ALLOWED_STRINGS, (name, v)
            else:
                assert isinstance(v, bool | int)
    for text in CITIZEN_TEXT:
        assert text not in str(wire)


@given(st.floats(-1e6, 1e6, allow_nan=False))
def test_property_durations_are_rounded_and_bounded(seconds):
    d = round_duration(seconds)
    assert d % 5 == 0 and 0 <= d <= 4 * 3600
