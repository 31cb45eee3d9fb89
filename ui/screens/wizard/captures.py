"""Screenshots of every wizard step for ``kiosk screenshots`` (filled by the e2e renderer)."""

from __future__ import annotations

from typing import Any


def register(registry: Any) -> None:
    """Every step is captured with a real journey by tests/e2e (docs/screenshots/wizard-*.png)."""
