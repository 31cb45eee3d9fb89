"""A simulated month of several kiosks (fixed seed): sessions, abandonments, help, ratings,
and dossiers moving through statuses — plus the ground truth of what was simulated.

The kiosks' side is the real code: each simulated citizen walks a real
:class:`ScreenMachine` watched by a real :class:`JourneyRecorder`, whose sink puts the
events into that kiosk's real offline store. The truth records what the generator decided
(raw seconds, not what the recorder rounded), for an independent computation of the figures.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from kiosk.app_state.screens import ScreenInfo, ScreenMachine
from kiosk.monitoring import JourneyRecorder, enqueue_events
from kiosk.monitoring.recorder import Context
from kiosk.vntime import VN_TZ

SEED = 20261101
MONTH_START = date(2026, 11, 1)
DAYS = 30
TODAY = date(2026, 12, 7)
STEPS = ("submit", "submit_where", "submit_identify", "submit_form", "submit_documents", "submit_review")
PROCEDURES = (
    ("certified_copy", 30),
    ("birth_registration", 25),
    ("temporary_residence_registration", 20),
    ("marriage_registration", 12),
    ("death_registration", 1),  # rare: its figures stay under the k-anonymity threshold
)
# (kiosk name, agency, sessions per day range or None for the rare kiosk, its weakest step)
KIOSKS = (
    ("k1", "UB07210", (3, 9), "submit_identify"),
    ("k2", "UB07210", (2, 7), "submit_form"),
    ("k3", "UB00070", (4, 10), "submit_documents"),
    ("k4", "UB00070", None, "submit_form"),
)
SCREENS = ("attract", "home", "track", "find", *STEPS, "submit_done", "submit_rate")


@dataclass
class TruthSession:
    kiosk: str
    agency: str
    day: date
    procedure: str | None
    outcome: str  # submitted | abandoned | timeout | finished
    last_step: str | None
    submit_s: int | None
    assisted: bool
    help_waits: list[int | None] = field(default_factory=list)
    back_steps: int = 0
    face: int | None = None
    reasons: tuple[str, ...] = ()
    events: int = 0


@dataclass
class TruthDossier:
    agency: str
    kiosk: str
    service_code: str
    received: datetime  # VN local
    appointment: date
    history: list[tuple[str, datetime]]  # (state, VN local time), in order

    @property
    def more_documents(self) -> bool:
        return any(s == "more_documents_needed" for s, _ in self.history)

    @property
    def decided(self) -> date | None:
        days = [at.date() for s, at in self.history if s in ("ready_for_pickup", "rejected", "returned")]
        return min(days) if days else None


@dataclass
class Clock:
    t: float = 1_000_000.0

    def __call__(self) -> float:
        return self.t


def _machine() -> ScreenMachine:
    m = ScreenMachine("attract")
    for sid in SCREENS:
        m.register(ScreenInfo(sid, sid != "attract"))
    return m


class KioskSim:
    """One kiosk: its screen machine and recorder, writing into ``sink``."""

    def __init__(self, name: str, agency: str, sink: Callable, procedures: frozenset[str]):
        self.name, self.agency = name, agency
        self.machine = _machine()
        self.clock = Clock()
        self.ctx = Context()
        self.day = MONTH_START
        self.recorder = JourneyRecorder(
            sink,
            in_session=lambda sid: self.machine.info(sid).in_session,
            context=lambda: self.ctx,
            procedures=procedures,
            clock=self.clock,
            today=lambda: self.day,
        )
        self.machine.subscribe(self.recorder.on_transition)
        self.machine.to_safe("reset")

    def go(self, screen: str, dwell: int, reason: str = "navigate") -> None:
        self.clock.t += dwell
        if reason == "back":
            self.machine.back()
        else:
            self.machine.go(screen)


def _pick(rng: random.Random, weighted) -> str:  # type: ignore[no-untyped-def]
    names, weights = zip(*weighted, strict=True)
    return rng.choices(names, weights)[0]


def simulate_session(rng: random.Random, k: KioskSim, weakest: str) -> TruthSession:
    procedure = _pick(rng, PROCEDURES)
    lang = "vi" if rng.random() < 0.85 else "en"
    size = rng.choice((100, 100, 100, 150, 200))
    speech = "on" if rng.random() < 0.1 else "off"
    k.ctx = Context(procedure=None, language=lang, text_size=size, speech=speech, assisted=False)
    truth = TruthSession(k.name, k.agency, k.day, None, "finished", None, None, False)
    k.go("home", 0)
    elapsed = 0
    if rng.random() < 0.2:  # looks something up and leaves
        k.go(rng.choice(("track", "find")), rng.randint(5, 30))
        k.clock.t += rng.randint(5, 60)
        k.machine.to_safe("finish")
        return truth
    truth.procedure = procedure
    first = rng.randint(3, 25)
    k.go("submit", first)
    elapsed += first
    k.ctx = Context(procedure=procedure, language=lang, text_size=size, speech=speech, assisted=False)
    asked = rng.random() < 0.2
    ask_at = rng.choice(STEPS) if asked else None
    for i, step in enumerate(STEPS):
        if i > 0:
            dwell = rng.randint(5, 120)
            k.go(step, dwell)
            elapsed += dwell
        if step == ask_at:
            k.recorder.help_requested()
            if rng.random() < 0.8:
                wait = rng.randint(15, 400)
                k.clock.t += wait
                elapsed += wait
                truth.assisted = True
                k.ctx = Context(
                    procedure=procedure, language=lang, text_size=size, speech=speech, assisted=True
                )
                k.recorder.staff_arrived()
                truth.help_waits.append(wait)
            else:
                truth.help_waits.append(None)
        if step == "submit_form" and i > 0 and rng.random() < 0.15:
            dwell = rng.randint(2, 20)
            k.go("submit_identify", dwell, "back")
            elapsed += dwell
            truth.back_steps += 1
            dwell = rng.randint(2, 20)
            k.go("submit_form", dwell)
            elapsed += dwell
        p_give_up = 0.22 if step == weakest else 0.03
        if rng.random() < p_give_up:
            truth.outcome = "timeout" if rng.random() < 0.4 else "abandoned"
            truth.last_step = step
            k.clock.t += rng.randint(10, 200)
            k.machine.to_safe("timeout" if truth.outcome == "timeout" else "finish")
            return truth
    dwell = rng.randint(10, 90)
    k.go("submit_done", dwell)
    elapsed += dwell
    truth.outcome, truth.submit_s = "submitted", elapsed
    k.go("submit_rate", rng.randint(5, 30))
    if rng.random() < 0.7:
        truth.face = rng.choices((1, 2, 3, 4, 5), (4, 6, 15, 40, 35))[0]
        truth.reasons = tuple(
            sorted(rng.sample(("easy", "fast", "hard", "slow", "device"), rng.randint(0, 2)))
        )
        k.recorder.rating(truth.face, list(truth.reasons), procedure)
    k.clock.t += rng.randint(2, 10)
    k.machine.to_safe("finish")
    return truth


def simulate(sinks: dict[str, Callable], procedures: frozenset[str], seed: int = SEED) -> list[TruthSession]:
    """Walk a month of citizens through each kiosk; ``sinks[name]`` receives each session's events."""
    rng = random.Random(seed)  # noqa: S311 - a simulation, not secrecy
    truths: list[TruthSession] = []
    sims = {name: (KioskSim(name, agency, sinks[name], procedures), per_day, weak)
            for name, agency, per_day, weak in KIOSKS}  # fmt: skip
    rare_days = sorted(rng.sample(range(DAYS), 3))
    for d in range(DAYS):
        day = MONTH_START + timedelta(days=d)
        for sim, per_day, weak in sims.values():
            sim.day = day
            n = rng.randint(*per_day) if per_day else rare_days.count(d)
            for _ in range(n):
                truths.append(simulate_session(rng, sim, weak))
    return truths


def simulate_dossiers(kiosk_ids: dict[str, str], seed: int = SEED) -> list[TruthDossier]:
    """Dossiers received from mid-October to the end of November, each moving through statuses."""
    rng = random.Random(seed + 1)  # noqa: S311
    out = []
    for name, agency, per_day, _ in KIOSKS:
        if per_day is None:
            continue
        for _ in range(rng.randint(45, 70)):
            received = datetime.combine(
                date(2026, 10, 15) + timedelta(days=rng.randint(0, 46)), time(8, rng.randint(0, 59)), VN_TZ
            )
            appointment = received.date() + timedelta(days=rng.randint(3, 15))
            history = [("received", received)]
            at = received
            if rng.random() < 0.25:
                at += timedelta(days=rng.randint(1, 3), hours=1)
                history.append(("more_documents_needed", at))
            at += timedelta(days=1, hours=1)
            history.append(("in_processing", at))
            if rng.random() < 0.9:
                decided = datetime.combine(appointment + timedelta(days=rng.randint(-4, 3)), time(10), VN_TZ)
                decided = max(decided, at + timedelta(hours=1))
                if decided.date() <= TODAY:
                    history.append(("rejected" if rng.random() < 0.05 else "ready_for_pickup", decided))
            out.append(
                TruthDossier(
                    agency, kiosk_ids[name], _pick(rng, PROCEDURES[:4]), received, appointment, history
                )
            )
    return out


def load_dossiers(db, dossiers: list[TruthDossier]) -> None:  # type: ignore[no-untyped-def]
    """Into the central's tables, as the Open311 area and the console write them."""
    from central.models import DossierRow, StatusEventRow

    with db() as s:
        for i, d in enumerate(dossiers):
            row = DossierRow(
                tracking_code=f"G{i:09d}",
                service_code=d.service_code,
                agency_code=d.agency,
                kiosk_id=d.kiosk,
                state=d.history[-1][0],
                requested_at=d.received.astimezone(UTC),
                updated_at=d.history[-1][1].astimezone(UTC),
                appointment_date=d.appointment,
            )
            for state, at in d.history:
                row.events.append(StatusEventRow(state=state, at=at.astimezone(UTC), agency_code=d.agency))
            s.add(row)
        s.commit()


def sink_into(store) -> Callable:  # type: ignore[no-untyped-def]
    def sink(events) -> None:  # type: ignore[no-untyped-def]
        enqueue_events(store, events)

    return sink
