"""Supervised mode on the kiosk window: the glue between the staff widgets, the domain
(:class:`StaffAuth`, :class:`AssistTracker`) and the main window.

``mode = install_staff(window, auth, services)`` puts the "who is in control" banner above
the session bar, opens the sign-in overlay from the banner's "Staff help" button or when a
staff card's QR is scanned (:meth:`StaffMode.offer_scan`, for the scanner area to call), and
hooks into the citizen session's wipe so that no staff session outlives the citizen's.

A staff session ends on "Hand back", "Finish for the citizen", after
``[session] staff_timeout_s`` without a touch, or with the citizen session. The assisted
record (:meth:`StaffMode.record`) is what the submission carries.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.logs import get_logger
from kiosk.staff.assist import AssistRecord, AssistTracker, ControlAction
from kiosk.staff.auth import StaffAuth
from kiosk.staff.credential import peek_staff_id
from kiosk.staff.session import InactivityTimer, StaffSession
from ui.overlay import OverlayLayer
from ui.staff.banner import STYLE, ControlBanner
from ui.staff.menu import StaffMenu, StaffServices
from ui.staff.sign_in import StaffSignInCard

log = get_logger(__name__)

SIGN_IN, MENU, UNLOCK = "staff_signin", "staff_menu", "staff_unlock"


class StaffMode(QObject):
    control_changed = Signal(object)  # StaffSession | None
    # "Finish for the citizen": carries the AssistRecord; install_staff hands it to the current
    # screen's ``staff_finish(record)`` (the wizard submits the dossier with it)
    finish_requested = Signal(object)
    exit_requested = Signal()  # a supervisor chose "Exit to desktop"

    def __init__(
        self,
        auth: StaffAuth,
        services: StaffServices,
        overlay: OverlayLayer,
        lang: Callable[[], str],
        *,
        timeout_s: float,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.auth = auth
        self.services = services
        self.overlay = overlay
        self.lang = lang
        self.timeout_s = timeout_s
        self._clock = clock
        self.tracker = AssistTracker(audit=services.audit)
        self.timer = InactivityTimer(timeout_s, clock)
        self.banner = ControlBanner()
        self.banner.setStyleSheet(STYLE)
        self.banner.staff_help.connect(self.open_sign_in)
        self.banner.hand_back.connect(self.hand_back)
        self.banner.finish_for_citizen.connect(self.finish_for_citizen)
        self.banner.open_menu.connect(self.open_menu)
        self.sign_in_card: StaffSignInCard | None = None
        self.menu: StaffMenu | None = None
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.closers: list[Callable[[], None]] = []  # resources to release at shutdown

    # ---------------------------------------------------------------- state

    @property
    def staff(self) -> StaffSession | None:
        return self.tracker.in_control

    def record(self) -> AssistRecord:
        return self.tracker.record()

    # ---------------------------------------------------------------- sign-in

    def open_sign_in(self) -> StaffSignInCard:
        if self.sign_in_card is not None and self.overlay.name == SIGN_IN:
            return self.sign_in_card
        card = StaffSignInCard(self.auth.sign_in, self.lang, run_id_card=self.auth.sign_in_with_id_card)
        card.signed_in.connect(self._signed_in)
        card.cancelled.connect(self.close_menu)
        card.unlock_wanted.connect(self.open_unlock)
        self.sign_in_card = card
        self.overlay.show_card(card, SIGN_IN, max_width=760)
        return card

    def offer_scan(self, text: str) -> bool:
        """A scanned code: a staff card opens (or feeds) the sign-in. Returns whether it was ours."""
        card = self._open_card()
        if card is not None:
            return card.offer_scan(text)
        from kiosk.staff.credential import looks_like_credential

        if not looks_like_credential(text):
            return False
        return self.open_sign_in().offer_scan(text)

    def offer_id_card(self, id_number: str) -> bool:
        """A chip-verified read of an ID card while the staff sign-in is open (the card reader
        area calls this only then: a citizen's card outside the overlay is the citizen's)."""
        card = self._open_card()
        if card is None or self.overlay.name != SIGN_IN:
            return False
        return card.offer_id_card(id_number)

    def _open_card(self) -> StaffSignInCard | None:
        if self.overlay.name in (SIGN_IN, UNLOCK) and isinstance(self.sign_in_card, StaffSignInCard):
            return self.sign_in_card
        return None

    def open_unlock(self, credential_text: str) -> StaffSignInCard:
        target = peek_staff_id(credential_text) or ""
        card = StaffSignInCard(
            lambda cred, pin: self.auth.unlock(target, cred, pin), self.lang, unlock_target=target
        )
        card.signed_in.connect(lambda sup: self._unlocked(target, sup))
        card.cancelled.connect(self.close_menu)
        self.sign_in_card = card
        self.overlay.show_card(card, UNLOCK, max_width=760)
        return card

    def _unlocked(self, target: str, supervisor: Any) -> None:
        self.auth.sign_out(supervisor, "unlock_done")
        card = self.open_sign_in()
        card.error.setText(self.tr("%1 is unlocked. Show the card again to sign in.").replace("%1", target))
        card.error.show()

    def _signed_in(self, session: Any) -> None:
        assert isinstance(session, StaffSession)
        self.close_menu()
        previous = self.tracker.in_control
        self.tracker.take_over(session)
        if previous is not None and previous.staff_id != session.staff_id:
            self.auth.sign_out(previous, "replaced")  # one officer at a time
        self.timer = InactivityTimer(self.timeout_s, self._clock)
        self.ticker.start()
        self.banner.set_staff(session)
        self.banner.set_seconds_left(int(self.timer.remaining()))
        self.control_changed.emit(session)

    # ---------------------------------------------------------------- control

    def activity(self) -> None:
        if self.staff is not None:
            self.timer.touch()

    def tick(self) -> None:
        if self.staff is None:
            self.ticker.stop()
            return
        if self.timer.expired():
            self._end(ControlAction.TIMEOUT, "timeout")
        else:
            self.banner.set_seconds_left(int(self.timer.remaining()))

    def hand_back(self) -> None:
        self._end(ControlAction.HAND_BACK, "hand_back")

    def finish_for_citizen(self) -> None:
        staff = self.staff
        if staff is None:
            return
        self.tracker.hand_back(ControlAction.FINISH)
        record = self.tracker.record()
        self._end(ControlAction.FINISH, "finish", staff)
        self.finish_requested.emit(record)

    def _end(self, action: ControlAction, reason: str, ended: StaffSession | None = None) -> bool:
        staff = self.tracker.hand_back(action) or ended
        self.ticker.stop()
        if self.overlay.name in (MENU, SIGN_IN, UNLOCK):
            self.close_menu()
        self.banner.set_staff(None)
        if staff is None:
            return False
        self.auth.sign_out(staff, reason)
        self.control_changed.emit(None)
        return True

    def citizen_session_ended(self) -> None:
        """The citizen session's wipe hook: no staff session, record or overlay survives it."""
        staff = self.tracker.in_control
        self.ticker.stop()
        if self.overlay.name in (MENU, SIGN_IN, UNLOCK):
            self.close_menu()
        self.tracker.reset()
        self.banner.set_staff(None)
        if staff is not None:
            self.auth.sign_out(staff, "session_end")
            self.control_changed.emit(None)

    # ---------------------------------------------------------------- menu

    def open_menu(self) -> StaffMenu | None:
        staff = self.staff
        if staff is None:
            return None
        self.timer.touch()
        menu = StaffMenu(self.services, staff, self.lang)
        menu.closed.connect(self.close_menu)
        menu.exit_to_desktop.connect(self._exit)
        self.menu = menu
        # As wide as the overlay allows (its margins and the card's: 4 × 48 px), up to 1800 px
        menu.setMinimumWidth(max(600, min(1800, self.overlay.parentWidget().width() - 4 * 48 - 8)))
        self.overlay.show_card(menu, MENU, max_width=1800)
        return menu

    def _exit(self) -> None:
        staff = self.staff
        if staff is None or not staff.can("exit_to_desktop"):
            return
        self.services.audit.append(f"staff:{staff.staff_id}", "staff.exit_to_desktop", {})
        self._end(ControlAction.HAND_BACK, "exit_to_desktop")
        self.exit_requested.emit()

    def close_menu(self) -> None:
        for w in (self.sign_in_card, self.menu):
            if w is not None:
                w.wait()
        if self.overlay.name in (MENU, SIGN_IN, UNLOCK):
            self.overlay.close_card()
        self.sign_in_card = None
        self.menu = None

    def set_central_url(
        self, url: str, api_key: str | None = None, *, auth: Any = None, **client_options: Any
    ) -> None:
        """The central became known (the demo sandbox started): sign-in goes online from now on.
        ``auth``: the kiosk's credentials as a requests ``AuthBase`` (else ``api_key``);
        ``client_options``: the configured bounds and CA bundle (``StaffCentralClient``'s keywords)."""
        from kiosk.central.client import ApiKeyAuth
        from kiosk.staff.client import StaffCentralClient

        if auth is None and api_key:
            auth = ApiKeyAuth(api_key, self.auth.kiosk_id)
        new = StaffCentralClient(url, auth=auth, **client_options)
        old, self.auth.client = self.auth.client, new
        self.closers.append(new.close)
        if old is not None:
            old.close()
        log.info("staff_central_set")

    def shutdown(self) -> None:
        """Idempotent: stops the timer, joins running checks, releases the stores and clients."""
        try:
            self.ticker.stop()
        except RuntimeError:  # called from the window's destroyed signal: the timer is gone already
            pass
        for w in (self.sign_in_card, self.menu):
            if w is not None:
                w.wait()
        closers, self.closers = self.closers, []
        for close in closers:
            try:
                close()
            except Exception as e:  # noqa: BLE001 - shutting down: release what we can
                log.error("staff_close_failed", error_type=type(e).__name__)


def _row_of(lay: Any, widget: Any) -> int:
    """The row of ``lay`` holding ``widget`` (directly or in a nested layout); the end if none."""
    for i in range(lay.count()):
        item = lay.itemAt(i)
        if item.widget() is widget or (item.layout() is not None and item.layout().indexOf(widget) >= 0):
            return i
    return lay.count()


def install_staff(
    window: Any, auth: StaffAuth, services: StaffServices, *, clock: Callable[[], float] = time.monotonic
) -> StaffMode:
    """Plug supervised mode into the main window (ui/main_window.py) without changing it."""
    mode = StaffMode(
        auth,
        services,
        window.overlay,
        lambda: window.prefs.language,
        timeout_s=window.config.session.staff_timeout_s,
        clock=clock,
        parent=window,
    )
    lay = window.layout()
    # Above the bottom bars (in landscape the session bar is a rail beside the screen).
    lay.insertWidget(_row_of(lay, window.access_bar), mode.banner)
    window.input_guard.activity.connect(mode.activity)
    window.session.register_wipe(mode.citizen_session_ended, name="ui.staff")

    def finish(record: object) -> None:
        # "Finish for the citizen" completes the dossier, it does not end the session: the
        # current screen does it when it knows how (the wizard's screens define staff_finish).
        screen = getattr(window, "current_screen", None)
        handler = getattr(screen, "staff_finish", None)
        if callable(handler):
            handler(record)
        else:
            log.info("staff_finish_not_handled", screen=getattr(screen, "screen_id", ""))

    mode.finish_requested.connect(finish)

    def assisted(staff: object) -> None:
        if staff is not None:
            window.session.assisted = True

    mode.control_changed.connect(assisted)

    def exit_now() -> None:
        window.allow_close()
        window.close()

    mode.exit_requested.connect(exit_now)
    window.staff_mode = mode
    return mode
