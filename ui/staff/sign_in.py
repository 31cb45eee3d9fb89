"""The staff sign-in card shown on the overlay, above the citizen's screen (which stays as it
is underneath: nothing of the citizen's session is touched).

Step 1: the staff member shows the staff card's QR code to the scanner (:meth:`offer_scan`
receives the scanned text). Step 2: the PIN on a pad that shows no digits. The check runs off
the GUI thread (it may talk to the central); the result comes back as a signal. The same card
serves a supervisor unlocking someone (``run`` is then the unlock call).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.errors import KioskError
from kiosk.logs import get_logger
from kiosk.staff.credential import looks_like_credential
from kiosk.staff.errors import StaffAuthError
from kiosk.staff.session import StaffSession
from ui.screens.base import label
from ui.staff.pin_pad import PinPad
from ui.staff.worker import BackgroundCall

log = get_logger(__name__)
Run = Callable[[str, str], StaffSession]
# After these the card must be shown again (a different card, or later).
RESTART = frozenset(
    {"locked", "expired", "invalid", "unknown", "central_unreachable_no_cache", "not_supervisor"}
)


class StaffSignInCard(QWidget):
    signed_in = Signal(object)  # StaffSession
    cancelled = Signal()
    unlock_wanted = Signal(str)  # the locked credential's text: a supervisor may unlock it here

    def __init__(
        self,
        run: Run,
        lang: Callable[[], str],
        *,
        unlock_target: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("StaffSignInCard")
        self._run = run
        self._lang = lang
        self.unlock_target = unlock_target
        self._credential = ""
        self.call = BackgroundCall(self)
        self.call.succeeded.connect(self._done)
        self.call.failed.connect(self._failed)

        lay = QVBoxLayout(self)
        lay.setSpacing(22)
        self.title = label("title", name="staff_signin_title")
        lay.addWidget(self.title)
        self.steps = QStackedWidget()
        self.steps.setObjectName("staff_signin_steps")
        scan = QWidget()
        sl = QVBoxLayout(scan)
        self.scan_hint = label("lead", name="staff_signin_scan_hint", align=Qt.AlignmentFlag.AlignCenter)
        self.scan_icon = label("display", "▣", align=Qt.AlignmentFlag.AlignCenter)
        sl.addWidget(self.scan_icon)
        sl.addWidget(self.scan_hint)
        sl.addStretch(1)
        self.steps.addWidget(scan)
        pin = QWidget()
        pl = QVBoxLayout(pin)
        self.pin_hint = label("lead", name="staff_signin_pin_hint", align=Qt.AlignmentFlag.AlignCenter)
        self.pad = PinPad()
        self.pad.submitted.connect(self._check)
        pl.addWidget(self.pin_hint)
        pl.addWidget(self.pad)
        self.steps.addWidget(pin)
        lay.addWidget(self.steps)
        self.error = label("body", name="staff_signin_error", align=Qt.AlignmentFlag.AlignCenter)
        self.error.setProperty("state", "bad")
        self.error.hide()
        lay.addWidget(self.error)
        row = QHBoxLayout()
        self.unlock = QPushButton()
        self.unlock.setObjectName("staff_signin_unlock")
        self.unlock.setMinimumHeight(96)
        self.unlock.hide()
        self.unlock.clicked.connect(lambda: self.unlock_wanted.emit(self._locked_credential))
        row.addWidget(self.unlock)
        self._locked_credential = ""
        self.cancel = QPushButton()
        self.cancel.setObjectName("staff_signin_cancel")
        self.cancel.clicked.connect(self._cancel)
        row.addStretch(1)
        row.addWidget(self.cancel)
        lay.addLayout(row)
        self.retranslate()

    # ---------------------------------------------------------------- flow

    def offer_scan(self, text: str) -> bool:
        """A code from the scanner: taken if it is a staff credential. Returns whether taken."""
        if self.call.busy or not looks_like_credential(text):
            return False
        self._credential = text.strip()
        self.unlock.hide()
        self.pad.clear()
        self.error.hide()
        self.steps.setCurrentIndex(1)
        self.pad.setFocus()
        return True

    @property
    def waiting_for_card(self) -> bool:
        return self.steps.currentIndex() == 0

    def _check(self) -> None:
        if not self._credential or self.call.busy:
            return
        pin = self.pad.take()
        cred = self._credential
        self.pad.setEnabled(False)
        self.cancel.setEnabled(False)
        self.error.setText(self.tr("Checking…"))
        self.error.show()
        self.call.start(lambda: self._run(cred, pin), name="staff-sign-in")

    def _done(self, session: object) -> None:
        self.pad.setEnabled(True)
        self.cancel.setEnabled(True)
        self._credential = ""
        self.error.hide()
        self.signed_in.emit(session)

    def _failed(self, exc: object) -> None:
        self.pad.setEnabled(True)
        self.cancel.setEnabled(True)
        if isinstance(exc, KioskError):
            self.error.setText(exc.user_text(self._lang()))
            reason = exc.reason if isinstance(exc, StaffAuthError) else ""
        else:
            log.error("staff_sign_in_failed", error_type=type(exc).__name__)
            self.error.setText(self.tr("Something went wrong. Please try again."))
            reason = "internal"
        self.error.show()
        if reason == "locked" and not self.unlock_target:
            self._locked_credential = self._credential
            self.unlock.show()
        if reason in RESTART:
            self._credential = ""
            self.steps.setCurrentIndex(0)

    def _cancel(self) -> None:
        self.pad.clear()
        self._credential = ""
        self.cancelled.emit()

    def wait(self) -> None:
        self.call.wait()

    # ---------------------------------------------------------------- texts

    def retranslate(self) -> None:
        if self.unlock_target:
            self.title.setText(self.tr("Supervisor: unlock %1").replace("%1", self.unlock_target))
        else:
            self.title.setText(self.tr("Staff sign-in"))
        self.scan_hint.setText(self.tr("Show your staff card's QR code to the scanner."))
        self.pin_hint.setText(self.tr("Type your PIN. It is not shown on the screen."))
        self.cancel.setText(self.tr("Cancel"))
        self.unlock.setText(self.tr("Supervisor unlock"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
