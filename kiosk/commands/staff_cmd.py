"""Commands of this area (filled in by its issue)."""

from __future__ import annotations

from kiosk.cli import Cli


def register(cli: Cli) -> None:
    pass
