"""JourneyRecorder: one session's screens become timed, rounded, anonymous events."""

from __future__ import annotations

from datetime import date

from kiosk.app_state.screens import ScreenInfo, ScreenMachine
from kiosk.monitoring.recorder import Context, JourneyRecorder

PROCS = frozenset({"certified_copy"})


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def setup(context=None):
    machine = ScreenMachine("attract")
    for sid, in_session in (("attract", False), ("error", False)):
        machine.register(ScreenInfo(sid, in_session))
    for sid in (
        "home",
        "submit",
        "submit_where",
        "submit_form",
        "submit_done",
        "submit_handover",
        "submit_rate",
        "track",
        "x_new",
    ):
        machine.register(ScreenInfo(sid))
    batches: list = []
    clock = Clock()
    ctx = {"c": context or Context(procedure="certified_copy", language="en", text_size=150, assisted=False)}
    rec = JourneyRecorder(
        batches.append,
        in_session=lambda sid: machine.info(sid).in_session,
        context=lambda: ctx["c"],
        procedures=PROCS,
        codes=frozenset({"card.read_failed"}),
        clock=clock,
        today=lambda: date(2026, 11, 3),
    )
    machine.subscribe(rec.on_transition)
    machine.to_safe("reset")
    return machine, rec, clock, batches


def walk(machine, clock, steps):
    for screen, dwell in steps:
        clock.t += dwell
        machine.go(screen)


def test_a_submitted_session_with_rating():
    machine, rec, clock, batches = setup()
    walk(machine, clock, [("home", 0), ("submit", 12), ("submit_where", 21), ("submit_form", 30)])
    clock.t += 4
    machine.back()  # back to submit_where
    walk(machine, clock, [("submit_form", 9), ("submit_done", 61), ("submit_rate", 20)])
    rec.rating(5, ["fast"], "certified_copy")
    clock.t += 7
    machine.to_safe("finish")
    [events] = batches
    kinds = [e.kind for e in events]
    assert kinds.count("screen") == 8 and kinds.count("back") == 1
    assert [e.seq for e in events] == list(range(len(events)))
    assert len({e.session for e in events}) == 1 and len(events[0].session) == 32
    submitted = next(e for e in events if e.kind == "submitted")
    assert submitted.duration_s == 135  # 12+21+30+4+9+61 = 137 → 135
    assert submitted.procedure == "certified_copy"
    rating = next(e for e in events if e.kind == "rating")
    assert (rating.face, rating.reasons) == (5, ("fast",))
    summary = events[-1]
    assert summary.kind == "session" and summary.outcome == "submitted" and summary.screen is None
    assert (summary.language, summary.text_size, summary.assisted) == ("en", 150, False)
    assert all(e.day == "2026-11-03" for e in events)
    assert all(e.duration_s is None or e.duration_s % 5 == 0 for e in events)


def test_abandonment_by_timeout_names_the_last_step_and_unknown_screens_are_other():
    machine, rec, clock, batches = setup()
    walk(machine, clock, [("home", 0), ("x_new", 3), ("submit", 5), ("submit_where", 10)])
    clock.t += 100
    machine.to_safe("timeout")
    events = batches[0]
    assert events[-1].outcome == "timeout" and events[-1].screen == "submit_where"
    assert "other" in [e.screen for e in events if e.kind == "screen"]


def test_a_session_without_a_submission_is_finished_not_abandoned():
    machine, rec, clock, batches = setup()
    walk(machine, clock, [("home", 0), ("track", 5)])
    machine.to_safe("finish")
    assert batches[0][-1].outcome == "finished"


def test_help_wait_until_staff_arrives_and_unanswered_help():
    machine, rec, clock, batches = setup()
    walk(machine, clock, [("home", 0), ("submit", 5)])
    rec.help_requested()
    clock.t += 93
    rec.staff_arrived()
    rec.help_requested()  # once answered, the session does not ask again
    machine.to_safe("finish")
    helps = [e for e in batches[0] if e.kind == "help"]
    assert [(h.screen, h.wait_s) for h in helps] == [("submit", 95)]
    walk(machine, clock, [("home", 0)])
    rec.help_requested()
    machine.to_safe("finish")
    assert [(e.kind, e.wait_s) for e in batches[1] if e.kind == "help"] == [("help", None)]


def test_values_outside_the_allow_list_are_dropped_not_sent():
    machine, rec, clock, batches = setup(Context(procedure="Nguyễn Văn A 001203004567"))
    walk(machine, clock, [("home", 0)])
    rec.error_shown("Nguyễn Văn A")  # not a message code: the event is dropped
    rec.error_shown("card.read_failed")
    rec.device_fault("printer")
    machine.to_safe("finish")
    events = batches[0]
    assert [e.code for e in events if e.kind == "error"] == ["card.read_failed"]
    assert events[-1].procedure is None
    assert "Nguy" not in repr(events) and "0012" not in repr(events)


def test_each_session_gets_a_fresh_random_id_and_a_failing_sink_does_not_raise():
    machine, rec, clock, batches = setup()
    for _ in range(2):
        walk(machine, clock, [("home", 0)])
        machine.to_safe("finish")
    assert batches[0][0].session != batches[1][0].session

    def broken(_events):
        raise OSError("disk full")

    rec._sink = broken
    walk(machine, clock, [("home", 0)])
    machine.to_safe("finish")  # logged, not raised
    assert not rec.active


def test_a_hand_over_to_the_counter_is_reported_by_its_screen_not_as_other():
    machine, rec, clock, batches = setup()
    walk(machine, clock, [("home", 0), ("submit", 2), ("submit_form", 10), ("submit_handover", 30)])
    clock.t += 20
    machine.to_safe("reset")
    screens = [(e.screen, e.duration_s) for e in batches[0] if e.kind == "screen"]
    assert ("submit_handover", 20) in screens and "other" not in [s for s, _ in screens]
