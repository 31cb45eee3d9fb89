"""The JSON a central sends is validated at the edge: a bad answer names its field, a plain
Open311 answer (numbers for text, nulls, no extensions) is taken as it is."""

from __future__ import annotations

import pytest

from kiosk.central.models import Agency, CentralBadAnswer, Service, ServiceDefinition, ServiceRequest


def test_a_plain_open311_request_fills_the_standard_part():
    r = ServiceRequest.from_json(
        {
            "service_request_id": 638344,
            "status": "open",
            "status_notes": None,
            "expected_datetime": "2026-12-09T08:00:00Z",
        }
    )
    assert r.service_request_id == "638344" and r.status == "open" and r.status_notes == ""
    assert r.expected_datetime is not None and r.expected_datetime.tzinfo is not None
    assert r.history == () and r.agency is None and r.appointment_date is None


def test_extensions_are_read_when_present():
    r = ServiceRequest.from_json(
        {
            "service_request_id": "12",
            "status": "open",
            "x_state": "in_processing",
            "x_appointment_date": "2026-12-10",
            "x_agency": {"code": "HN-HK", "name_vi": "UBND phường Hoàn Kiếm", "contact": {"phone": 2439}},
            "x_history": [{"state": "received", "at": "2026-12-07T01:00:00+07:00", "officer": None}],
        }
    )
    assert r.state == "in_processing" and str(r.appointment_date) == "2026-12-10"
    assert r.agency is not None and r.agency.name("en") == "HN-HK" and r.agency.contact.phone == "2439"
    assert r.history[0].state == "received" and r.history[0].officer == ""


@pytest.mark.parametrize(
    ("cls", "data", "field"),
    [
        (ServiceRequest, {"status": "open"}, "service_request_id"),
        (ServiceRequest, {"service_request_id": ""}, "service_request_id"),
        (ServiceRequest, {"service_request_id": "1", "x_history": [{"state": "x"}, "oops"]}, "x_history.1"),
        (Service, {"service_name": "Khai sinh"}, "service_code"),
        (
            ServiceDefinition,
            {"service_code": "1", "attributes": [{"datatype": "string"}]},
            "attributes.0.code",
        ),
        (Agency, {"name_vi": "UBND"}, "code"),
        (ServiceRequest, ["not", "an", "object"], "(answer)"),
    ],
)
def test_a_bad_answer_names_the_field(cls, data, field):
    with pytest.raises(CentralBadAnswer) as e:
        cls.from_json(data)
    assert repr(field) in e.value.detail
    assert e.value.code == "central.bad_answer" and e.value.retryable
    assert e.value.user_text("vi") and e.value.user_text("en")


def test_attributes_come_in_their_order_with_their_values():
    d = ServiceDefinition.from_json(
        {
            "service_code": "1.001",
            "attributes": [
                {"code": "b", "order": "2", "values": [{"key": "y"}]},
                {"code": "a", "order": 1, "required": 1},
            ],
        }
    )
    assert [a.code for a in d.attributes] == ["a", "b"] and d.attributes[0].required
    assert d.attributes[1].values[0].name == "y"
