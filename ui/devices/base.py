"""What every device wrapper of the UI shares: one lifecycle and one error signal shape.

A wrapper is a QObject that owns one driver (Qt-free, in ``devices/``) and re-emits what the
driver reports as queued signals, so driver threads never touch widgets. Lifecycle, the same
for every kind: constructed idle (no thread, no I/O); ``start(...)`` begins (idempotent;
arguments say what to start: the card monitor, a scanner, a capture, status polling);
``close()`` ends it and joins any thread (idempotent, also after a failed start). A fault of the
device itself (pcscd gone, a scanner unplugged, paper out, a camera that stopped) is
``failed(code, detail)``: a message code for ``kiosk.messages`` and a technical detail without
personal data. Outcomes of single requests keep their own signals (a card read, a print job).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DeviceController(QObject):
    failed = Signal(str, str)  # message code, technical detail (no personal data)

    def close(self) -> None:
        raise NotImplementedError
