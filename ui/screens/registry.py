"""The screen registry: every area plugs its screens in here.

Each module in :data:`SCREEN_MODULES` defines ``register(registry)`` and calls
``registry.add(ScreenSpec(...))``. A later module may replace an earlier screen with the same
id (``replace=True``): the citizen-journey area replaces the foundation's honest "submit"
screen with the real wizard without touching this package. Screens are built lazily, on
first use, so start-up only pays for the attract screen.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.screens.base import Screen, Shell

# In order; add one line for a new area's screens module.
SCREEN_MODULES: tuple[str, ...] = (
    "ui.screens.attract",
    "ui.screens.home",
    "ui.screens.track",
    "ui.screens.find",
    "ui.screens.help",
    "ui.screens.error",
    "ui.screens.captures",
    "ui.screens.wizard",
)


@dataclass(frozen=True)
class ScreenSpec:
    id: str
    factory: Callable[[Shell], Screen]
    # Citizen data may appear here: entering starts a session, leaving to the safe screen wipes it.
    in_session: bool = True
    # Rendered by `kiosk screenshots` (vi/en × portrait/landscape).
    capture: bool = True


@dataclass(frozen=True)
class Capture:
    """An extra state for `kiosk screenshots`: ``prepare(window)`` puts the window in it."""

    name: str
    prepare: Callable[[object], None]


class ScreenRegistry:
    def __init__(self) -> None:
        self.specs: dict[str, ScreenSpec] = {}
        self.captures: list[Capture] = []

    def add(self, spec: ScreenSpec, *, replace: bool = False) -> None:
        if spec.id in self.specs and not replace:
            raise ValueError(f"screen {spec.id!r} is already registered; pass replace=True to replace it")
        self.specs[spec.id] = spec

    def add_capture(self, capture: Capture) -> None:
        self.captures.append(capture)


def default_registry(modules: tuple[str, ...] = SCREEN_MODULES) -> ScreenRegistry:
    reg = ScreenRegistry()
    for name in modules:
        importlib.import_module(name).register(reg)
    return reg
