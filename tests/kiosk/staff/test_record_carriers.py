"""The assisted record on the real Submission and Receipt types, and help requests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kiosk import tracking
from kiosk.receipt import Receipt, render_receipt
from kiosk.staff.assist import AssistTracker, ControlAction, StepAction, apply_to_submission, receipt_fields
from kiosk.staff.client import StaffCentralClient
from kiosk.staff.help import request_help
from kiosk.staff.session import StaffSession
from kiosk.submission import Applicant, Channel, Submission
from tests.kiosk.staff.central import Central, free_port
from tests.kiosk.staff.recorder import RecordingAudit

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CODE = "K7M4QX9T2" + tracking.check_symbol("K7M4QX9T2")


def assisted_record():
    t = AssistTracker()
    t.take_over(StaffSession("CB001", "Nguyễn Thị Lan", "officer", "DEMO", "c1", "central", T0))
    t.step("documents", StepAction.COMPLETED)
    t.hand_back(ControlAction.FINISH)
    return t.record()


def submission() -> Submission:
    return Submission("1.001193", CODE, "K1", Applicant("001203004567", "Lê Thị Hoa"))


def test_submission_carries_channel_officer_and_changes():
    s = apply_to_submission(assisted_record(), submission())
    assert s.channel is Channel.ASSISTED and s.officer_id == "CB001"
    assert [c.action.value for c in s.control_changes] == ["take_over", "hand_back"]
    again = Submission.from_json(s.to_json())
    assert again.channel is Channel.ASSISTED and again.officer_id == "CB001"
    plain = apply_to_submission(AssistTracker().record(), s)
    assert plain.channel is Channel.SELF_SERVICE and plain.officer_id is None


def test_receipt_names_the_officer():
    fields = receipt_fields(assisted_record())
    assert fields == {"officer_name": "Nguyễn Thị Lan", "officer_id": "CB001"}
    receipt = Receipt(
        tracking_code=CODE,
        agency_name="UBND",
        agency_address="-",
        agency_phone="-",
        ask_where="-",
        procedure_name="Đăng ký khai sinh",
        procedure_code="1.001193",
        applicant_name="Lê Thị Hoa",
        applicant_id="001203004567",
        documents=(),
        received_at=T0,
        appointment=date(2026, 11, 25),
        fee_vnd=0,
        kiosk_id="K1",
        **fields,
    )
    with_officer = render_receipt(receipt, "https://x/t/" + CODE)
    without = render_receipt(
        Receipt(**{**receipt.__dict__, "officer_name": None, "officer_id": None}), "https://x/t/" + CODE
    )
    # The assisted line is drawn: the two rasters differ
    assert with_officer.image.tobytes() != without.image.tobytes()


def test_help_request_reaches_the_central_and_the_audit_log(central: Central):
    audit = RecordingAudit()
    client = central.client("K9")
    raised = request_help(audit, client, "K9", "documents")
    assert raised.on_central and raised.request_id
    assert [h.id for h in client.help_requests("K9")] == [raised.request_id]
    offline = request_help(audit, StaffCentralClient(f"http://127.0.0.1:{free_port()}"), "K9", "home")
    assert not offline.on_central
    assert [a for a in audit.actions()] == ["help.requested", "help.requested"]
