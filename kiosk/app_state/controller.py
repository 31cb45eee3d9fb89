"""Ties the screen machine, the session and the inactivity clock together.

Rules: entering a session screen from outside a session starts one (and the clock); going
back to the safe screen — by "Finish", timeout, an error or a reset — wipes the session.
The screen changes first, so that nothing of the session stays visible while it is wiped.
"""

from __future__ import annotations

from kiosk.app_state.inactivity import InactivityClock, Phase
from kiosk.app_state.screens import Reason, ScreenMachine, Transition
from kiosk.app_state.session import Session, WipeReport


class Controller:
    def __init__(self, machine: ScreenMachine, session: Session, clock: InactivityClock) -> None:
        self.machine = machine
        self.session = session
        self.clock = clock
        machine.subscribe(self._on_transition)

    def navigate(self, screen_id: str) -> Transition:
        return self.machine.go(screen_id)

    def back(self) -> Transition | WipeReport:
        """Back one screen; back from the first session screen finishes the session."""
        if not self.machine.history and self.session.active:
            return self.finish("finish")
        return self.machine.back()

    def finish(self, reason: Reason = "finish") -> WipeReport:
        self.clock.stop()
        self.machine.to_safe(reason)
        return self.session.end(reason)

    def show_outside_session(self, screen_id: str, reason: Reason) -> WipeReport:
        """Show a non-session screen (the error screen) after wiping the session."""
        self.clock.stop()
        report = self.session.end(reason)
        self.machine.to_safe(reason)
        self.machine.go(screen_id, reason)
        return report

    def touch(self) -> None:
        self.clock.touch()

    def tick(self) -> Phase:
        """Called about once a second; ends an expired session."""
        phase = self.clock.phase()
        if phase is Phase.EXPIRED:
            self.finish("timeout")
        return phase

    def _on_transition(self, t: Transition) -> None:
        if self.machine.info(t.current).in_session and not self.session.active:
            self.session.start()
            self.clock.start()
