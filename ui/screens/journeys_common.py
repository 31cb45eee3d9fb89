"""What the "where is my file", "find a procedure" and "ask for staff help" screens share:
background work that comes back on the GUI thread, "Ask for staff help" from anywhere, and
the docked on-screen keyboard (:class:`KeyboardDock`).

Background work (a lookup, a help request) goes through :func:`ui.runner.run_in_background`.

``open_help_card(shell, screen_id)`` (the session bar's "Ask for staff help" on every screen):
raises a help request (through :class:`kiosk.help_request.HelpDesk`) and shows "someone is
coming" with the request's number on the overlay, over the current screen: the citizen's
session stays exactly as it was. One desk per window (:func:`help_desk`); a request that could not reach the central
is sent when the central is reachable again (the status model says so).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.help_request import DailyCounter, HelpDesk, HelpStanding, HelpTicket, MemoryCounter
from kiosk.logs import get_logger
from ui.runner import run_in_background
from ui.screens.base import WrapButton, label
from ui.widgets.cards import OverlayCardContent
from ui.widgets.words import message

log = get_logger(__name__)

TICKET_KEY = "journeys.help_ticket"  # this session's help request (session.data is wiped at its end)


# ---------------------------------------------------------------------------------------
# staff help


class _NoAudit:
    def append(self, actor: str, action: str, details: Any) -> None:
        return None


class HelpDeskQt(QObject):
    """The window's help desk; ``ticketSent`` when a waiting request finally reaches the central."""

    ticketSent = Signal(object)  # HelpTicket

    def __init__(self, shell: Any) -> None:
        super().__init__(shell if isinstance(shell, QObject) else None)
        self.shell = shell
        services = shell.services
        try:
            store = services.store
            audit: Any = store.audit
            counter: Any = DailyCounter(store)
        except Exception as e:  # noqa: BLE001 - no store: help still works, numbered per run
            log.error("help_store_unavailable", error_type=type(e).__name__)
            audit, counter = _NoAudit(), MemoryCounter()
        self.desk = HelpDesk(self._client, audit, shell.config.kiosk.id, counter)
        self._flushing = False
        shell.status.changed.connect(self._on_status)
        # A central that becomes known (the demo sandbox is up) may be reachable: try then too.
        services.centralChanged.connect(self._central_changed)

    def _client(self) -> Any:
        from kiosk.staff.client import StaffCentralClient

        services = self.shell.services
        central = services.client()  # raises central.no_central when none is known yet
        try:
            auth = central.session.auth
        finally:
            central.close()
        cfg = self.shell.config.central
        return StaffCentralClient(
            services.central_url,
            auth=auth,
            connect_timeout_s=cfg.connect_timeout_s,
            read_timeout_s=min(cfg.read_timeout_s, 10.0),
            call_deadline_s=min(cfg.call_deadline_s, 10.0),
            ca_bundle=cfg.ca_bundle,
        )

    def ask(self, screen: str, done: Callable[[HelpTicket | None], None]) -> None:
        session = self.shell.session
        existing = session.data.get(TICKET_KEY)

        def finished(ticket: Any, error: BaseException | None) -> None:
            if error is not None or ticket is None:
                log.error("help_failed", error_type=type(error).__name__)
                done(None)
                return
            session.data[TICKET_KEY] = ticket
            done(ticket)

        def work() -> HelpTicket:
            ticket = self.desk.ask(screen, existing)
            if ticket.sent and self.desk.pending():
                # The central answers: older requests still waiting go now too.
                for t in self.desk.flush():
                    self.ticketSent.emit(t)  # a signal: delivered on the GUI thread
            return ticket

        run_in_background(self, work, finished)

    def standing(self, ticket: HelpTicket, done: Callable[[HelpStanding | None], None]) -> None:
        """Where the request stands (None: the central cannot say), delivered on the GUI thread."""

        def finished(result: Any, error: BaseException | None) -> None:
            if error is not None:
                log.error("help_standing_failed", error_type=type(error).__name__)
            done(result if error is None else None)

        run_in_background(self, lambda: self.desk.standing(ticket), finished)

    def cancel(self, ticket: HelpTicket, done: Callable[[bool], None]) -> None:
        session = self.shell.session

        def finished(result: Any, error: BaseException | None) -> None:
            if error is not None:
                log.error("help_cancel_failed", error_type=type(error).__name__)
            cancelled = bool(result) and error is None
            if cancelled and session.data.get(TICKET_KEY) is not None:
                session.data.pop(TICKET_KEY, None)  # a new touch on "help" raises a new request
            done(cancelled)

        run_in_background(self, lambda: self.desk.cancel(ticket), finished)

    def flush(self) -> None:
        if self._flushing or not self.desk.pending():
            return
        self._flushing = True

        def finished(sent: Any, error: BaseException | None) -> None:
            self._flushing = False
            for t in sent or ():
                current = self.shell.session.data.get(TICKET_KEY)
                if current is not None and current.number == t.number:
                    self.shell.session.data[TICKET_KEY] = t
                self.ticketSent.emit(t)

        run_in_background(self, self.desk.flush, finished)

    def _central_changed(self, _url: str) -> None:
        self.flush()

    def _on_status(self, name: str) -> None:
        if name == "central" and self.shell.status.get("central").state == "ok":
            self.flush()


def help_desk(shell: Any) -> HelpDeskQt:
    desk = getattr(shell, "journeys_help_desk", None)
    if desk is None:
        desk = HelpDeskQt(shell)
        shell.journeys_help_desk = desk
    return desk


class HelpPanel(QWidget):
    """ "Someone is coming", the number, and "stay here": on the help screen and the help card."""

    def __init__(self, shell: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.ticket: HelpTicket | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(12)
        self.state = label("lead", name="help_state", live=True)
        self.state.setStyleSheet("font-weight: bold;")
        self.number_caption = label("lead", name="help_number_caption", align=Qt.AlignmentFlag.AlignHCenter)
        self.number = label("display", name="help_number", align=Qt.AlignmentFlag.AlignHCenter)
        self.number.setStyleSheet("font-size: 128px;")
        self.stay = label("body", name="help_stay")
        # What to expect: place and wait when staff are signed in, "go to the counter" when
        # nobody is, "cannot reach the office system" when the central does not answer.
        self.wait = label("lead", name="help_wait", live=True)
        self.cancel_btn = WrapButton()
        self.cancel_btn.setObjectName("help_cancel")
        self.cancel_btn.clicked.connect(self._cancel)
        self.cancel_btn.hide()
        self.wait.hide()
        self._standing: HelpStanding | None = None
        self._standing_known = False  # False: not asked yet, or the central could not say
        self._pinned = False  # a sample standing (screenshots): no answer replaces it
        self._cancelled: bool | None = None  # True withdrawn, False could not be
        # The kiosk's id goes to staff with the request; it is an internal name, not for citizens.
        for w in (self.state, self.number_caption, self.number, self.wait, self.stay):
            lay.addWidget(w)
        lay.addWidget(self.cancel_btn)
        self._number_row: QHBoxLayout | None = None
        # Closer at 150 % and more: "I no longer need help" was 26 px under the fold (portrait).
        self._lay = lay
        if getattr(shell, "prefs", None) is not None:
            shell.prefs.changed.connect(self._space)
            self._space()
        help_desk(shell).ticketSent.connect(self._sent_later)
        let_labels_wrap(self)
        self.show_waiting()

    def msg(self, code: str, **values: object) -> str:
        return str(self.shell.message(code, **values))

    def number_beside(self, beside: bool) -> None:
        """The caption beside the number ("Your number  07") rather than over it: a line less
        where a landscape page is short (the help screen); the caption is short and never wraps."""
        if beside == (self._number_row is not None):
            return
        lay = self._lay
        lay.removeWidget(self.number_caption)
        lay.removeWidget(self.number)
        if beside:
            row = QHBoxLayout()
            row.setSpacing(32)
            row.addStretch(1)
            row.addWidget(self.number_caption, 0, Qt.AlignmentFlag.AlignVCenter)
            row.addWidget(self.number, 0, Qt.AlignmentFlag.AlignVCenter)
            row.addStretch(1)
            lay.insertLayout(1, row)
            self._number_row = row
        else:
            row = self._number_row
            if row is not None:
                lay.removeItem(row)
                row.deleteLater()
            lay.insertWidget(1, self.number_caption)
            lay.insertWidget(2, self.number)
            self._number_row = None
        self.number_caption.setWordWrap(not beside)
        self.number.setWordWrap(not beside)
        if beside:
            self.number_caption.setMinimumHeight(0)
            self.number.setMinimumHeight(0)

    def _space(self) -> None:
        self._lay.setSpacing(12 if self.shell.prefs.scale <= 100 else 4)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        # The overlay card sizes itself without height-for-width: reserve each wrapped
        # label's real height at this width, or a long message is cut off.
        for lab in (self.state, self.number_caption, self.number, self.wait, self.stay):
            need = lab.heightForWidth(self.width())
            if need > 0 and lab.minimumHeight() != need:
                lab.setMinimumHeight(need)
        super().resizeEvent(event)

    def show_waiting(self) -> None:
        self.ticket = None
        self._standing, self._standing_known, self._pinned, self._cancelled = None, False, False, None
        self.state.setText(message("screen.help.calling_a_staff_member"))
        self.number_caption.setText("")
        self.number.setText("")
        self.stay.setText(self.msg("help.stay"))
        self.stay.show()
        self.wait.hide()
        self.cancel_btn.hide()

    def show_ticket(self, ticket: HelpTicket | None, *, ask_standing: bool = True) -> None:
        if ticket is None:
            self.state.setText(message("screen.help.the_kiosk_could_not"))
            self.number_caption.setText("")
            self.number.setText("")
            return
        self.ticket = ticket
        self.state.setText(self.msg("help.coming" if ticket.sent else "help.queued"))
        self.number_caption.setText(self.msg("help.number"))
        self.number.setText(ticket.label)
        self._show_expectation()
        if ticket.sent and ask_standing and not self._pinned:
            self._ask_standing(ticket)  # each time help is opened: the queue has moved since

    def _ask_standing(self, ticket: HelpTicket) -> None:
        def answered(standing: HelpStanding | None) -> None:
            try:
                if self._pinned or self.ticket is None or self.ticket.number != ticket.number:
                    return
                self.show_standing(standing)
            except RuntimeError:
                pass  # the panel went with its card or the session

        help_desk(self.shell).standing(ticket, answered)

    def show_standing(self, standing: HelpStanding | None, *, pin: bool = False) -> None:
        """The central's answer (None: it could not say); ``pin``: a sample kept as shown."""
        self._pinned = self._pinned or pin
        self._standing, self._standing_known = standing, True
        self._show_expectation()

    def _show_expectation(self) -> None:
        t = self.ticket
        if t is None:
            return
        if self._cancelled is not None:
            self.wait.setText(self.msg("help.cancelled" if self._cancelled else "help.cancel_failed"))
            self.wait.show()
            self.stay.setVisible(not self._cancelled)
            self.cancel_btn.setVisible(not self._cancelled)
            return
        self.cancel_btn.setText(self.msg("help.cancel"))
        self.cancel_btn.show()
        st = self._standing
        if not t.sent:
            self.wait.hide()  # "help.queued" already says the connection is down
            self.stay.hide()  # and asks to raise a hand or go to the counter: not "stay"
            return
        if not self._standing_known:
            self.wait.hide()
            return
        if st is None:
            text = self.msg("help.unreachable")
        elif st.staff_on_duty == 0:
            text = self.msg("help.no_staff")
        elif st.estimated_wait_min is not None and st.position is not None:
            text = self.msg("help.wait_minutes", position=st.position, minutes=st.estimated_wait_min)
        elif st.position is not None:
            text = self.msg("help.wait_position", position=st.position, staff=st.staff_on_duty)
        else:
            text = ""
        self.wait.setText(text)
        self.wait.setVisible(bool(text))
        # "Stay at the kiosk" would contradict "go to the counter".
        self.stay.setVisible(st is not None and st.staff_on_duty > 0)

    def _cancel(self) -> None:
        t = self.ticket
        if t is None:
            return
        self.cancel_btn.setEnabled(False)

        def done(cancelled: bool) -> None:
            try:
                self.cancel_btn.setEnabled(True)
                self._cancelled = cancelled
                if cancelled:
                    self.state.setText("")
                    self.number_caption.setText("")
                    self.number.setText("")
                self._show_expectation()
            except RuntimeError:
                pass

        help_desk(self.shell).cancel(t, done)

    def _sent_later(self, ticket: HelpTicket) -> None:
        if self.ticket is not None and not self.ticket.sent and ticket.number == self.ticket.number:
            self.ticket = ticket
            self.state.setText(self.msg("help.sent_later"))
            self._ask_standing(ticket)

    def retranslate(self) -> None:
        if self.ticket is None:
            self.show_waiting()
        elif self._cancelled:
            self._show_expectation()
        else:
            self.show_ticket(self.ticket, ask_standing=False)


class HelpCard(OverlayCardContent):
    """The overlay card: the help panel and one big "Close" that returns to the same screen.

    Like the other overlay cards, the overlay sizes it to its words at its width (the words
    scroll only when the window is shorter than they are, at the largest text), and its
    answers are pinned under them."""

    def __init__(self, shell: Any, parent: QWidget | None = None) -> None:
        super().__init__("HelpCard", 24, parent)
        self.title = label("title", name="help_card_title")
        self.body.addWidget(self.title)
        self.panel = HelpPanel(shell)
        self.body.addWidget(self.panel)
        self._window = shell
        self.close_btn = WrapButton()
        self.close_btn.setObjectName("help_card_close")
        self.close_btn.setProperty("role", "primary")
        self.close_btn.clicked.connect(shell.overlay.close_card)
        # "I no longer need help" stands with "Close", never scrolled away under the words (in
        # landscape the words, the number and the wait fill the card's height).
        self._answers = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._answers.setSpacing(24)
        self._answers.addWidget(self.panel.cancel_btn)
        self._answers.addWidget(self.close_btn)
        self.answers.addLayout(self._answers)
        self.title.setText(message("screen.common.ask_staff_help"))
        self.close_btn.setText(message("screen.help.close_and_go_on"))
        self.fit()
        # Text size changed under the card: measure again once the new fonts are in place.
        shell.prefs.changed.connect(self._refit_later)

    def _refit_later(self) -> None:
        QTimer.singleShot(0, lambda: shiboken6.isValid(self) and self.fit())

    def _wide(self) -> bool:
        return self._window.width() > self._window.height()

    def card_width(self) -> int:
        # Landscape: a wider card, so that the title and the words take fewer lines of the
        # height there is (at 200 % the words had 160 px under a two-line title).
        return min(1400, self._window.width() - 96) if self._wide() else super().card_width()

    def fit(self) -> None:
        """Answers side by side in landscape, one under the other in portrait; the overlay
        then sizes the card to its words at its width."""
        self._answers.setDirection(
            QBoxLayout.Direction.LeftToRight if self._wide() else QBoxLayout.Direction.TopToBottom
        )
        # Landscape: "Your number  08" on one line (the card was a few px taller than the window).
        self.panel.number_beside(self._wide())
        self.updateGeometry()


def open_help_card(shell: Any, screen_id: str) -> HelpCard:
    card = HelpCard(shell)
    shell.overlay.show_card(card, "help")
    help_desk(shell).ask(screen_id, _shown_on(card))
    return card


def _shown_on(card: HelpCard) -> Callable[[HelpTicket | None], None]:
    def show(ticket: HelpTicket | None) -> None:
        try:
            card.panel.show_ticket(ticket)
            card.fit()
        except RuntimeError:
            pass  # the card was closed and deleted before the answer came

    return show


class KeyboardDock(QObject):
    """A journey screen's on-screen keyboard: under the page in portrait, beside it in
    landscape, hidden until the citizen touches its field (scanning or browsing needs none)."""

    def __init__(self, outer: QBoxLayout, field: QLineEdit, buttons: ButtonGrid) -> None:
        from ui.widgets.keyboard import VietKeyboard

        self.keyboard = VietKeyboard(field)
        super().__init__(self.keyboard)
        self.keyboard.hide()
        self._outer, self._field, self._buttons = outer, field, buttons
        field.installEventFilter(self)
        outer.addWidget(self.keyboard, 0)

    def relayout(self, portrait: bool) -> None:
        self._outer.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self.keyboard.setMaximumWidth(16777215 if portrait else 1060)
        self._buttons.arrange(2 if portrait else 3)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._field and event.type() == QEvent.Type.MouseButtonPress:
            self.keyboard.show()
        return False


# ---------------------------------------------------------------------------------------
# a big list entry (search hits, categories)


class ListTile(QFrame):
    """A large touch entry with a title and a hint line, found by its own objectName."""

    clicked = Signal()

    def __init__(self, name: str, prefs: Any, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QHBoxLayout, QSizePolicy

        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(28, 18, 28, 18)
        lay.setSpacing(20)
        col = QVBoxLayout()
        col.setSpacing(6)
        self.title = label("lead", name=f"{name}_title")
        self.title.setStyleSheet("font-weight: bold;")
        self.hint = label("muted", name=f"{name}_hint")
        col.addWidget(self.title)
        col.addWidget(self.hint)
        lay.addLayout(col, 1)
        arrow = label("title", "›", align=Qt.AlignmentFlag.AlignCenter)
        arrow.setWordWrap(False)
        lay.addWidget(arrow)
        self._prefs = prefs
        prefs.changed.connect(self._restyle)
        self._restyle()

    def _restyle(self, *_: object) -> None:
        p = self._prefs.palette
        width = 4 if p.name == "high_contrast" else 3
        self.setStyleSheet(
            f"#{self.objectName()} {{ background: {p.surface}; border: {width}px solid {p.border}; "
            f"border-radius: 20px; }}"
        )

    def set_texts(self, title: str, hint: str) -> None:
        self.title.setText(title)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.setAccessibleName(title)

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class ButtonGrid(QWidget):
    """Buttons in rows of at most ``columns`` (two in portrait, three in landscape), fewer when
    they do not fit: at 200 % text one long Vietnamese label fills a portrait screen, and a
    fixed row would push the whole page sideways, off the screen."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QGridLayout

        super().__init__(parent)
        self.setObjectName(name)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(20)
        self.buttons: list[QWidget] = []
        self.hidden: set[int] = set()  # ids of buttons left out (isHidden() is true before the first show)
        self.columns = 2  # the most per row
        self._placed = 0  # the number per row as laid out now

    def add(self, button: QWidget) -> None:
        self.buttons.append(button)
        self._place(self._fit(self.width()) if self.width() > 0 else self.columns)

    def arrange(self, columns: int) -> None:
        self.columns = columns
        self._place(self._fit(self.width()) if self.width() > 0 else columns)

    def set_shown(self, button: QWidget, shown: bool) -> None:
        if shown:
            self.hidden.discard(id(button))
        else:
            self.hidden.add(id(button))
        button.setVisible(shown)
        self._place(self._fit(self.width()) if self.width() > 0 else self.columns)

    def _shown(self) -> list[QWidget]:
        return [b for b in self.buttons if id(b) not in self.hidden]

    def _widest(self) -> int:
        return max((b.sizeHint().width() for b in self._shown()), default=0)

    def _fit(self, width: int) -> int:
        widest = self._widest()
        if widest <= 0:
            return self.columns
        spacing = self.grid.horizontalSpacing()
        fit = max(1, (width + spacing) // (widest + spacing))
        return max(1, min(self.columns, fit))

    def _place(self, columns: int) -> None:
        self._placed = columns
        for b in self.buttons:
            self.grid.removeWidget(b)
        for i, b in enumerate(self._shown()):
            self.grid.addWidget(b, i // columns, i % columns)
        for c in range(3):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)

    def minimumSizeHint(self):  # type: ignore[no-untyped-def]  # noqa: N802
        from PySide6.QtCore import QSize

        # As narrow as one button: the grid goes to one column rather than widen the page, and
        # a button's words wrap rather than widen it (one line of "Back to the choices" at 200 %
        # was 85 px wider than a landscape page).
        narrowest = max((b.minimumSizeHint().width() for b in self._shown()), default=0)
        return QSize(narrowest, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        fit = self._fit(event.size().width())
        if fit != self._placed:
            self._place(fit)
        super().resizeEvent(event)

    def event(self, e) -> bool:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent

        # A new text size changes the buttons' widths, not this widget's: fit again.
        if e.type() == QEvent.Type.LayoutRequest and self.width() > 0:
            fit = self._fit(self.width())
            if fit != self._placed:
                self._place(fit)
        return super().event(e)


def let_labels_wrap(root: QWidget) -> None:
    """Word-wrapped labels may be as narrow as the page: Qt's own minimum for a long wrapped
    text (an address, opening hours) can exceed a portrait screen at 200 % and push the page
    sideways. Call after building, and after adding labels."""
    from PySide6.QtWidgets import QLabel

    for lab in root.findChildren(QLabel):
        if lab.wordWrap() and lab.minimumWidth() == 0:
            lab.setMinimumWidth(120)
