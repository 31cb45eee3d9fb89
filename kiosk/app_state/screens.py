"""The screen state machine: which screen is current, where "back" goes, and the safe screen.

Screens are registered by id (each area registers its own); the machine only knows whether a
screen belongs to a citizen's session. Leaving the non-session screens (attract, error) for a
session screen starts a session; returning to the safe screen ends it — that coupling lives
in :class:`kiosk.app_state.controller.Controller`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from kiosk.errors import KioskError

Reason = Literal["navigate", "back", "timeout", "finish", "error", "reset"]


@dataclass(frozen=True)
class ScreenInfo:
    id: str
    # True for screens where a citizen's data may appear; entering one starts a session.
    in_session: bool = True


@dataclass(frozen=True)
class Transition:
    previous: str | None
    current: str
    reason: Reason


class UnknownScreen(KioskError):
    code = "common.unexpected"


class ScreenMachine:
    def __init__(self, safe_screen: str = "attract") -> None:
        self.safe_screen = safe_screen
        self._screens: dict[str, ScreenInfo] = {}
        self._history: list[str] = []
        self.current: str | None = None
        self._listeners: list[Callable[[Transition], None]] = []

    def register(self, info: ScreenInfo) -> None:
        if info.id in self._screens and self._screens[info.id] != info:
            raise ValueError(f"screen {info.id!r} registered twice with different settings")
        self._screens[info.id] = info

    def info(self, screen_id: str) -> ScreenInfo:
        try:
            return self._screens[screen_id]
        except KeyError:
            raise UnknownScreen(f"no screen registered as {screen_id!r}") from None

    def known(self, screen_id: str) -> bool:
        return screen_id in self._screens

    @property
    def screen_ids(self) -> list[str]:
        return list(self._screens)

    @property
    def history(self) -> tuple[str, ...]:
        return tuple(self._history)

    def subscribe(self, listener: Callable[[Transition], None]) -> None:
        self._listeners.append(listener)

    def go(self, screen_id: str, reason: Reason = "navigate") -> Transition:
        self.info(screen_id)
        previous = self.current
        if previous is not None and previous != screen_id and self._screens[previous].in_session:
            self._history.append(previous)
        return self._enter(previous, screen_id, reason)

    def back(self) -> Transition:
        """One step back within the session; from the first session screen, the safe screen."""
        previous = self.current
        while self._history:
            target = self._history.pop()
            if target != previous:
                return self._enter(previous, target, "back")
        return self.to_safe("back")

    def to_safe(self, reason: Reason = "reset") -> Transition:
        self._history.clear()
        return self._enter(self.current, self.safe_screen, reason)

    def _enter(self, previous: str | None, screen_id: str, reason: Reason) -> Transition:
        self.info(screen_id)
        self.current = screen_id
        t = Transition(previous, screen_id, reason)
        for listener in list(self._listeners):
            listener(t)
        return t
