"""An audit sink that keeps entries in a list (the staff code's collaborator, not under test)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class RecordingAudit:
    def __init__(self) -> None:
        self.entries: list[tuple[str, str, dict[str, Any]]] = []

    def append(self, actor: str, action: str, details: Mapping[str, Any]) -> None:
        self.entries.append((actor, action, dict(details)))

    def actions(self) -> list[str]:
        return [a for _, a, _ in self.entries]
