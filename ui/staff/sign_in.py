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
from ui.runner import BackgroundCall
from ui.screens.base import label
from ui.staff.pin_pad import PinPad

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
        run_id_card: Run | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("StaffSignInCard")
        self._run = run
        self._run_id_card = run_id_card
        self._id_number = ""  # the officer's chip ID card number: held only until the PIN is checked
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
        return self._ask_pin()

    def offer_id_card(self, id_number: str) -> bool:
        """The officer's own chip ID card, read AND verified from the chip by the card reader area
        (never a typed number or the card's front QR). Online only."""
        if self.call.busy or self._run_id_card is None or self.unlock_target:
            return False
        self._credential = ""
        self._id_number = id_number
        return self._ask_pin()

    def _ask_pin(self) -> bool:
        """The card is known: on to a fresh PIN pad."""
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
        if self.call.busy or not (self._credential or self._id_number):
            return
        pin = self.pad.take()
        if self._id_number and self._run_id_card is not None:
            number, run_id = self._id_number, self._run_id_card
            self._id_number = ""  # one attempt per card read
            self._busy()
            self.call.start(lambda: run_id(number, pin), name="staff-sign-in-id-card")
            return
        cred = self._credential
        self._busy()
        self.call.start(lambda: self._run(cred, pin), name="staff-sign-in")

    def _busy(self) -> None:
        self.pad.setEnabled(False)
        self.cancel.setEnabled(False)
        self.error.setText(self.tr("Checking…"))
        self.error.show()

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
        if not self._credential:  # a chip ID card attempt: the card must be read again
            self.steps.setCurrentIndex(0)
        if reason == "locked" and not self.unlock_target and self._credential:
            self._locked_credential = self._credential
            self.unlock.show()
        if reason in RESTART:
            self._credential = ""
            self.steps.setCurrentIndex(0)

    def _cancel(self) -> None:
        self.pad.clear()
        self._credential = ""
        self._id_number = ""
        self.cancelled.emit()

    def wait(self) -> None:
        self.call.wait()

    # ---------------------------------------------------------------- texts

    def retranslate(self) -> None:
        if self.unlock_target:
            self.title.setText(self.tr("Supervisor: unlock %1").replace("%1", self.unlock_target))
        else:
            self.title.setText(self.tr("Staff sign-in"))
        self.scan_hint.setText(
            self.tr(
                "Show your staff card's QR code to the scanner, or put your own chip ID card on the reader."
            )
        )
        self.pin_hint.setText(self.tr("Type your PIN. It is not shown on the screen."))
        self.cancel.setText(self.tr("Cancel"))
        self.unlock.setText(self.tr("Supervisor unlock"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
