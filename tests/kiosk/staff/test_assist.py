"""Take-over, hand-back and the assisted record the submission and receipt carry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.staff.assist import (
    AssistRecord,
    AssistTracker,
    Channel,
    ControlAction,
    NotInControl,
    ReasonRequired,
    StepAction,
)
from kiosk.staff.session import StaffSession
from tests.kiosk.staff.recorder import RecordingAudit

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def officer(sid: str = "CB001", name: str = "Nguyễn Thị Lan") -> StaffSession:
    return StaffSession(sid, name, "officer", "DEMO", "c1", "central", T0)


class Ticks:
    def __init__(self) -> None:
        self.t = T0

    def __call__(self) -> datetime:
        self.t += timedelta(minutes=1)
        return self.t


def test_self_service_when_nobody_took_over():
    rec = AssistTracker().record()
    assert rec == AssistRecord()
    assert rec.channel is Channel.SELF_SERVICE and rec.receipt_line("en") is None


def test_take_over_steps_hand_back_make_an_assisted_record():
    audit = RecordingAudit()
    t = AssistTracker(audit=audit, now=Ticks())
    t.take_over(officer())
    t.step("documents", StepAction.COMPLETED)
    t.step("documents", StepAction.SEEN_IN_ORIGINAL, detail="giay_chung_sinh")
    t.step("where_to_apply", StepAction.JURISDICTION_OVERRIDE, reason="Tạm trú dài hạn", detail="BG-001")
    t.hand_back()
    rec = t.record()
    assert rec.channel is Channel.ASSISTED
    assert (rec.officer_id, rec.officer_name, rec.officers) == ("CB001", "Nguyễn Thị Lan", ("CB001",))
    assert [c.action for c in rec.control_changes] == [ControlAction.TAKE_OVER, ControlAction.HAND_BACK]
    assert [s.action for s in rec.officer_steps] == [
        StepAction.COMPLETED,
        StepAction.SEEN_IN_ORIGINAL,
        StepAction.JURISDICTION_OVERRIDE,
    ]
    assert rec.control_changes[0].at < rec.officer_steps[0].at < rec.control_changes[1].at
    assert rec.receipt_line("en") == "Assisted by Nguyễn Thị Lan (CB001)"
    assert rec.receipt_line("vi") == "Cán bộ hỗ trợ: Nguyễn Thị Lan (CB001)"
    # The dict form round-trips (the outbox stores it as JSON)
    assert AssistRecord.from_dict(rec.to_dict()) == rec
    assert audit.actions() == ["staff.take_over", "staff.step", "staff.step", "staff.step", "staff.hand_back"]
    assert all(actor == "staff:CB001" for actor, _, _ in audit.entries)


def test_steps_need_an_officer_in_control_and_reasons_where_required():
    t = AssistTracker()
    with pytest.raises(NotInControl):
        t.step("documents")
    t.take_over(officer())
    with pytest.raises(ReasonRequired):
        t.step("photo", StepAction.SKIPPED, reason="  ")
    t.step("photo", StepAction.SKIPPED, reason="Trẻ sơ sinh")
    assert t.record().officer_steps[0].reason == "Trẻ sơ sinh"


def test_second_officer_takes_over_from_the_first():
    t = AssistTracker(now=Ticks())
    t.take_over(officer("CB001", "A"))
    t.take_over(officer("CB001", "A"))  # signing in again changes nothing
    t.take_over(officer("CB002", "B"))
    t.hand_back(ControlAction.FINISH)
    rec = t.record()
    assert [(c.officer_id, c.action) for c in rec.control_changes] == [
        ("CB001", ControlAction.TAKE_OVER),
        ("CB001", ControlAction.HAND_BACK),
        ("CB002", ControlAction.TAKE_OVER),
        ("CB002", ControlAction.FINISH),
    ]
    assert (rec.officer_id, rec.officer_name, rec.officers) == ("CB002", "B", ("CB001", "CB002"))


def test_reset_leaves_nothing_for_the_next_citizen():
    t = AssistTracker()
    t.take_over(officer())
    t.step("documents")
    t.reset()
    assert t.in_control is None and not t.staff_in_control
    assert t.record() == AssistRecord()
