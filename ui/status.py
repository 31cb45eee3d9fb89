"""What the status bar shows: network, central system, outbox — fed by signals from any area.

Other areas call ``status.set("central", "ok")`` or ``status.set_outbox(3)`` from the GUI
thread (or emit a queued signal connected to these slots from a worker); the indicators
widget repaints on :attr:`StatusModel.changed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QObject, Signal, Slot

State = Literal["ok", "connecting", "down", "unknown", "demo"]
NAMES = ("network", "central", "outbox")


@dataclass(frozen=True)
class Indicator:
    state: State = "unknown"
    count: int = 0  # outbox: dossiers waiting to be sent
    detail: str = ""  # technical, for staff; no personal data


class StatusModel(QObject):
    changed = Signal(str)  # indicator name

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._values: dict[str, Indicator] = {n: Indicator() for n in NAMES}

    def get(self, name: str) -> Indicator:
        return self._values[name]

    @Slot(str, str)
    @Slot(str, str, str)
    def set(self, name: str, state: str, detail: str = "") -> None:
        if name not in self._values:
            raise KeyError(f"unknown status indicator {name!r}; known: {', '.join(NAMES)}")
        new = Indicator(state, self._values[name].count, detail)  # type: ignore[arg-type]
        if new != self._values[name]:
            self._values[name] = new
            self.changed.emit(name)

    @Slot(int)
    def set_outbox(self, waiting: int) -> None:
        new = Indicator("ok" if waiting == 0 else "connecting", waiting)
        if new != self._values["outbox"]:
            self._values["outbox"] = new
            self.changed.emit("outbox")
