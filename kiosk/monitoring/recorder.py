"""One citizen's journey as anonymous events: what the screen machine shows, timed and rounded.

:class:`JourneyRecorder` subscribes to :class:`kiosk.app_state.screens.ScreenMachine`; a
session starts when an in-session screen is entered and ends when the machine returns to a
screen outside the session (finish, timeout, error, reset). At the end, one ``session``
event sums it up and the whole journey is handed to ``sink`` (``enqueue_events`` on the
kiosk's store): nothing is written while the citizen is still there.

The session id is fresh random bytes, unrelated to :class:`Session.ref` (which logs and
staff see), to the tracking code and to the card: nothing can join an event to a dossier.
A recorder never raises into the UI: a fault is logged (type only) and the journey dropped.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kiosk.app_state.screens import Transition
from kiosk.logs import get_logger
from kiosk.monitoring.schema import SCREENS, Event, EventError, make_event, round_duration
from kiosk.vntime import VN_TZ

log = get_logger(__name__)

Sink = Callable[[Sequence[Event]], object]


@dataclass(frozen=True)
class Context:
    """What the UI knows at the end of a session (read just before it is wiped)."""

    procedure: str | None = None
    language: str = "vi"
    text_size: int = 100
    speech: str = "off"
    assisted: bool = False


def _vn_today() -> date:
    return datetime.now(VN_TZ).date()


class JourneyRecorder:
    def __init__(
        self,
        sink: Sink,
        *,
        in_session: Callable[[str], bool],
        context: Callable[[], Context] = Context,
        procedures: frozenset[str] | Callable[[], frozenset[str] | None] | None = None,
        codes: frozenset[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = _vn_today,
    ) -> None:
        self._sink = sink
        self._in_session = in_session
        self._context = context
        # The catalog's codes, or a function giving them (read once, when first needed).
        self._procedures_src = procedures
        self._procedures_read = not callable(procedures)
        self._codes = codes
        self._clock = clock
        self._today = today
        self._reset()

    def _reset(self) -> None:
        self.session: str | None = None
        self._events: list[Event] = []
        self._started = 0.0
        self._screen: str | None = None
        self._entered = 0.0
        self._last_step: str | None = None
        self._started_submission = False
        self._submitted = False
        self._help_at: float | None = None
        self._help_screen: str | None = None
        self._helped = False
        self._day = ""

    @property
    def _procedures(self) -> frozenset[str] | None:
        if not self._procedures_read:
            self._procedures_read = True
            assert callable(self._procedures_src)
            self._procedures_src = self._procedures_src()
        src = self._procedures_src
        return None if callable(src) else src

    @property
    def active(self) -> bool:
        return self.session is not None

    # --- what the UI reports ---------------------------------------------------------------

    def on_transition(self, t: Transition) -> None:
        try:
            self._transition(t)
        except Exception as e:  # noqa: BLE001 - monitoring must never break the kiosk
            log.error("monitoring_failed", error_type=type(e).__name__)
            self._reset()

    def help_requested(self) -> None:
        """The citizen asked for staff help (once per session counts; the first answer ends the wait)."""
        if self.active and self._help_at is None and not self._helped:
            self._help_at = self._clock()
            self._help_screen = self._screen

    def staff_arrived(self) -> None:
        """Staff took over (signed in on this kiosk): answers a pending help request."""
        if self.active and self._help_at is not None:
            self._emit(
                "help",
                screen=self._help_screen,
                wait_s=round_duration(self._clock() - self._help_at),
            )
            self._help_at = None
            self._helped = True

    def error_shown(self, code: str) -> None:
        if self.active:
            self._emit("error", screen=self._screen, code=code)

    def device_fault(self, device: str) -> None:
        if self.active:
            self._emit("fault", screen=self._screen, device=device)

    def rating(self, face: int, reasons: Sequence[str], procedure: str | None) -> None:
        if self.active:
            self._emit("rating", face=face, reasons=tuple(reasons), procedure=procedure)

    # --- internals -------------------------------------------------------------------------

    def _transition(self, t: Transition) -> None:
        now = self._clock()
        entering = self._in_session(t.current)
        if not self.active:
            if entering:
                self.session = secrets.token_hex(16)
                self._started = now
                self._day = self._today().isoformat()
                self._enter(t.current, now)
            return
        previous = self._screen
        if previous is not None:
            self._emit("screen", screen=previous, duration_s=round_duration(now - self._entered))
            if t.reason == "back":
                self._emit("back", screen=previous)
        if entering:
            self._enter(t.current, now)
        else:
            self._finish(t.reason, now)

    def _enter(self, screen: str, now: float) -> None:
        self._screen = screen if screen in SCREENS else "other"
        self._entered = now
        if screen.startswith("submit"):
            self._started_submission = True
            if screen not in ("submit_done", "submit_rate"):
                self._last_step = self._screen
        if screen == "submit_done" and not self._submitted:
            self._submitted = True
            self._emit(
                "submitted",
                procedure=self._procedure(self._context().procedure),
                duration_s=round_duration(now - self._started),
            )

    def _procedure(self, code: str | None) -> str | None:
        if code is None or (self._procedures is not None and code not in self._procedures):
            return None
        return code

    def _finish(self, reason: str, now: float) -> None:
        ctx = self._context()
        if self._help_at is not None:  # asked, never answered while the citizen was here
            self._emit("help", screen=self._help_screen)
            self._help_at = None
        if self._submitted:
            outcome = "submitted"
        elif not self._started_submission:
            outcome = "finished"
        elif reason in ("timeout", "error"):
            outcome = reason
        else:
            outcome = "abandoned"
        self._emit(
            "session",
            outcome=outcome,
            screen=self._last_step if outcome in ("abandoned", "timeout", "error") else None,
            duration_s=round_duration(now - self._started),
            procedure=self._procedure(ctx.procedure),
            language=ctx.language,
            text_size=ctx.text_size,
            speech=ctx.speech,
            assisted=bool(ctx.assisted),
        )
        events, self._events = self._events, []
        self._reset()
        try:
            self._sink(events)
        except Exception as e:  # noqa: BLE001 - losing a journey's figures must not stop the kiosk
            log.error("monitoring_not_queued", error_type=type(e).__name__, events=len(events))

    def _emit(self, kind: str, **fields: Any) -> None:
        assert self.session is not None
        values = {k: v for k, v in fields.items() if v is not None}
        values.update(session=self.session, seq=len(self._events), kind=kind, day=self._day)
        try:
            event = make_event(values, procedures=self._procedures, codes=self._codes)
        except EventError as e:
            # A value outside the allow-list (an unknown code): drop the event, keep the journey.
            log.warning("monitoring_event_refused", kind=kind, detail=str(e)[:120])
            return
        self._events.append(event)
