"""Provisioning wired to the running kiosk: ``attach_provisioning(window)`` once after the main
window is built (next to ``attach_staff``), ``attachment.shutdown()`` before it closes.

* An enrolled kiosk posts its heartbeat every configured interval on its own thread
  (:class:`provisioning.heartbeat.HeartbeatLoop` running the same round as
  ``kiosk provision heartbeat --once``: newer signed configuration, signed commands).
* While the central has put the kiosk out of service, a calm full-window cover says so in
  Vietnamese and English and sends citizens to the counter. Staff sign-in (the overlay) still
  opens above it, so a technician can work on the kiosk.

Heartbeat results reach the GUI only through queued signals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.logs import get_logger
from kiosk.messages import text

log = get_logger(__name__)


class ProvisioningBridge(QObject):
    service_changed = Signal(bool)  # out of service?
    heartbeat_failed = Signal(str)  # message code


class OutOfServiceCover(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("OutOfServiceCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#OutOfServiceCover { background: #eef2f7; }"
            "#OutOfServiceCover QLabel { color: #1f2a3a; }"
            "#oos_vi { font-size: 46px; font-weight: 600; }"
            "#oos_en { font-size: 34px; color: #4a5566; }"
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(80, 80, 80, 80)
        lay.addStretch(1)
        self.vi = QLabel(text("provisioning.out_of_service", "vi"))
        self.vi.setObjectName("oos_vi")
        self.en = QLabel(text("provisioning.out_of_service", "en"))
        self.en.setObjectName("oos_en")
        for lab in (self.vi, self.en):
            lab.setWordWrap(True)
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lay.addWidget(lab)
            lay.addSpacing(28)
        lay.addStretch(1)
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parent().rect())  # type: ignore[attr-defined]
        return False

    def set_out(self, out: bool) -> None:
        if out:
            self.setGeometry(self.parent().rect())  # type: ignore[attr-defined]
            self.show()
            self.raise_()
            overlay = getattr(self.parent(), "overlay", None)
            if overlay is not None and overlay.isVisible():
                overlay.raise_()  # staff sign-in stays reachable above the cover
        else:
            self.hide()


@dataclass
class ProvisioningAttachment:
    cover: OutOfServiceCover
    bridge: ProvisioningBridge
    loop: Any = None  # provisioning.heartbeat.HeartbeatLoop when enrolled
    errors: list[str] = field(default_factory=list)

    def beat_now(self) -> None:
        if self.loop is not None:
            self.loop.beat_now()

    def shutdown(self) -> None:
        if self.loop is not None:
            self.loop.stop()
            self.loop = None


def attach_provisioning(window: Any, *, start: bool = True) -> ProvisioningAttachment:
    from kiosk.paths import data_dir
    from kiosk.provision import beat_once
    from provisioning.commands import service_state
    from provisioning.enroll import load_enrollment
    from provisioning.heartbeat import HeartbeatLoop

    ddir = data_dir()
    cover = OutOfServiceCover(window)
    bridge = ProvisioningBridge(window)
    bridge.service_changed.connect(cover.set_out)
    att = ProvisioningAttachment(cover, bridge)
    cover.set_out(service_state(ddir).out_of_service)
    if load_enrollment(ddir) is None:
        return att  # demo profile / not enrolled: no heartbeat

    def beat() -> None:
        beat_once(
            ddir,
            None,
            window.config,
            on_service_change=lambda st: bridge.service_changed.emit(st.out_of_service),
        )

    def failed(e: BaseException) -> None:
        code = getattr(e, "code", e.__class__.__name__)
        att.errors.append(str(code))
        log.warning("heartbeat_failed", code=str(code))
        bridge.heartbeat_failed.emit(str(code))

    att.loop = HeartbeatLoop(beat, lambda: window.config.provisioning.heartbeat_interval_s, failed)
    if start:
        att.loop.start()
    return att
