"""The record of staff help in one citizen session: who was in control, when control changed
hands, and which steps the officer did. Plain dataclasses the submission carries.

:class:`AssistTracker` is the live, per-session object the UI drives (take over, hand back,
finish, each officer step); :meth:`AssistTracker.record` gives the frozen
:class:`AssistRecord` to put on the submission and the receipt. :meth:`AssistTracker.reset`
runs from the citizen session's wipe hook so nothing of a staff session reaches the next
citizen.

Dictionary form (``AssistRecord.to_dict``), as carried in the submission::

    {"channel": "assisted", "officer_id": "CB001", "officer_name": "Nguyễn Văn A",
     "officers": ["CB001"],
     "control_changes": [{"at": "…Z", "officer_id": "CB001", "action": "take_over"}, …],
     "officer_steps": [{"at": "…Z", "officer_id": "CB001", "step": "documents",
                        "action": "completed", "reason": "", "detail": ""}, …]}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from kiosk.errors import KioskError
from kiosk.messages import text
from kiosk.staff.audit import AuditSink
from kiosk.staff.session import StaffSession


class Channel(StrEnum):
    SELF_SERVICE = "self_service"
    ASSISTED = "assisted"


class ControlAction(StrEnum):
    TAKE_OVER = "take_over"
    HAND_BACK = "hand_back"
    FINISH = "finish"  # the officer finished the dossier for the citizen
    TIMEOUT = "timeout"  # the staff session timed out; control went back to the citizen


class StepAction(StrEnum):
    COMPLETED = "completed"  # the officer did the step on the citizen's behalf
    SKIPPED = "skipped"  # skipped where the procedure's rules allow it (reason required)
    SEEN_IN_ORIGINAL = "seen_in_original"  # document seen in original at the counter
    JURISDICTION_OVERRIDE = "jurisdiction_override"  # agency chosen by the officer (reason required)


NEEDS_REASON = frozenset({StepAction.SKIPPED, StepAction.JURISDICTION_OVERRIDE})


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@dataclass(frozen=True)
class ControlChange:
    at: datetime
    officer_id: str
    action: ControlAction

    def to_dict(self) -> dict[str, str]:
        return {"at": _iso(self.at), "officer_id": self.officer_id, "action": self.action.value}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ControlChange:
        return cls(_parse(str(d["at"])), str(d["officer_id"]), ControlAction(d["action"]))


@dataclass(frozen=True)
class OfficerStep:
    at: datetime
    officer_id: str
    step: str  # the wizard step's ID
    action: StepAction
    reason: str = ""  # why (skips and overrides); plain words, no personal data
    detail: str = ""  # e.g. the document code seen in original, the agency code chosen

    def to_dict(self) -> dict[str, str]:
        return {
            "at": _iso(self.at),
            "officer_id": self.officer_id,
            "step": self.step,
            "action": self.action.value,
            "reason": self.reason,
            "detail": self.detail,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> OfficerStep:
        return cls(
            _parse(str(d["at"])),
            str(d["officer_id"]),
            str(d["step"]),
            StepAction(d["action"]),
            str(d.get("reason") or ""),
            str(d.get("detail") or ""),
        )


@dataclass(frozen=True)
class AssistRecord:
    channel: Channel = Channel.SELF_SERVICE
    officer_id: str | None = None  # the officer who helped (the last one, if several)
    officer_name: str | None = None  # as on the officer's signed card; printed on the receipt
    officers: tuple[str, ...] = ()
    control_changes: tuple[ControlChange, ...] = ()
    officer_steps: tuple[OfficerStep, ...] = ()

    @property
    def assisted(self) -> bool:
        return self.channel is Channel.ASSISTED

    def receipt_line(self, lang: str = "vi") -> str | None:
        """ "Assisted by <name> (<ID>)" for the receipt, or None for a self-service dossier."""
        if not self.assisted:
            return None
        return text("staff.assisted_by", lang, name=self.officer_name or "", staff_id=self.officer_id or "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "channel": self.channel.value,
            "officer_id": self.officer_id,
            "officer_name": self.officer_name,
            "officers": list(self.officers),
            "control_changes": [c.to_dict() for c in self.control_changes],
            "officer_steps": [s.to_dict() for s in self.officer_steps],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> AssistRecord:
        return cls(
            channel=Channel(d.get("channel", "self_service")),
            officer_id=d.get("officer_id"),
            officer_name=d.get("officer_name"),
            officers=tuple(d.get("officers") or ()),
            control_changes=tuple(ControlChange.from_dict(c) for c in d.get("control_changes") or ()),
            officer_steps=tuple(OfficerStep.from_dict(s) for s in d.get("officer_steps") or ()),
        )


class NotInControl(KioskError):
    code = "staff.not_signed_in"


class ReasonRequired(KioskError):
    code = "staff.reason_required"


@dataclass
class AssistTracker:
    """Who is in control of the current citizen session, and what the officer did."""

    audit: AuditSink | None = None
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    in_control: StaffSession | None = None
    _officer_names: dict[str, str] = field(default_factory=dict)
    _changes: list[ControlChange] = field(default_factory=list)
    _steps: list[OfficerStep] = field(default_factory=list)
    _last_officer: str | None = None

    @property
    def staff_in_control(self) -> bool:
        return self.in_control is not None

    def take_over(self, staff: StaffSession) -> None:
        if self.in_control is not None and self.in_control.staff_id != staff.staff_id:
            self._change(ControlAction.HAND_BACK)
        if self.in_control is None or self.in_control.staff_id != staff.staff_id:
            self.in_control = staff
            self._officer_names[staff.staff_id] = staff.name
            self._last_officer = staff.staff_id
            self._change(ControlAction.TAKE_OVER)

    def hand_back(self, action: ControlAction = ControlAction.HAND_BACK) -> StaffSession | None:
        """Give control back to the citizen; returns the staff session that ended (if any)."""
        staff = self.in_control
        if staff is not None:
            self._change(action)
            self.in_control = None
        return staff

    def step(
        self, step: str, action: StepAction = StepAction.COMPLETED, *, reason: str = "", detail: str = ""
    ) -> None:
        if self.in_control is None:
            raise NotInControl("officer step without a signed-in officer")
        if action in NEEDS_REASON and not reason.strip():
            raise ReasonRequired(f"{action.value} needs a reason")
        item = OfficerStep(self.now(), self.in_control.staff_id, step, action, reason.strip(), detail)
        self._steps.append(item)
        self._audit("staff.step", step=step, step_action=action.value, detail=detail)

    def record(self) -> AssistRecord:
        if not self._changes:
            return AssistRecord()
        officer = self._last_officer
        return AssistRecord(
            channel=Channel.ASSISTED,
            officer_id=officer,
            officer_name=self._officer_names.get(officer or ""),
            officers=tuple(dict.fromkeys(c.officer_id for c in self._changes)),
            control_changes=tuple(self._changes),
            officer_steps=tuple(self._steps),
        )

    def reset(self) -> None:
        """Forget everything (the citizen session ended): no staff session survives it."""
        if self.in_control is not None:
            self._change(ControlAction.HAND_BACK)
        self.in_control = None
        self._officer_names.clear()
        self._changes.clear()
        self._steps.clear()
        self._last_officer = None

    def _change(self, action: ControlAction) -> None:
        assert self.in_control is not None or action is ControlAction.TAKE_OVER
        officer = self.in_control.staff_id if self.in_control else ""
        self._changes.append(ControlChange(self.now(), officer, action))
        self._audit(f"staff.{action.value}")

    def _audit(self, action: str, **details: Any) -> None:
        if self.audit is not None and self.in_control is not None:
            self.audit.append(f"staff:{self.in_control.staff_id}", action, details)


def apply_to_submission(record: AssistRecord, submission: Any) -> Any:
    """The submission (:class:`kiosk.submission.Submission`) with this record's channel, officer
    and control changes. The submission's control actions are take-over and hand-back only, so
    "finish" and "timeout" (control went back too) become hand-back there; the exact actions and
    the officer's steps stay in :meth:`AssistRecord.to_dict` (see the report for the gap)."""
    import dataclasses

    from kiosk import submission as sub

    if not record.assisted:
        return dataclasses.replace(
            submission, channel=sub.Channel.SELF_SERVICE, officer_id=None, control_changes=()
        )
    changes = tuple(
        sub.ControlChange(
            at=c.at,
            officer_id=c.officer_id,
            action=sub.ControlAction.TAKE_OVER
            if c.action is ControlAction.TAKE_OVER
            else sub.ControlAction.HAND_BACK,
        )
        for c in record.control_changes
    )
    return dataclasses.replace(
        submission, channel=sub.Channel.ASSISTED, officer_id=record.officer_id, control_changes=changes
    )


def receipt_fields(record: AssistRecord) -> dict[str, str | None]:
    """Keyword arguments for :class:`kiosk.receipt.Receipt`: who assisted, or nothing."""
    if not record.assisted:
        return {"officer_name": None, "officer_id": None}
    return {"officer_name": record.officer_name, "officer_id": record.officer_id}
