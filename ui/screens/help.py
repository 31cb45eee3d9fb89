"""Ask for staff help (the home screen's choice): the request goes to the counter through the
central at once, and the screen says "someone is coming" with the request's number.

The same request is shown again if the citizen comes back here in the same session (no
second call for the same person). From any other journey screen the "Ask for staff help"
button shows the same thing on the overlay instead, so that screen stays as it was
(:mod:`ui.screens.journeys_common`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout

from ui.screens.base import Screen, WrapButton, label, scroll_page
from ui.screens.journeys_common import HelpPanel, help_desk
from ui.screens.registry import ScreenRegistry, ScreenSpec
from ui.widgets.icons import IconLabel


class HelpScreen(Screen):
    screen_id = "help"

    def __init__(self, shell, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(shell, parent)
        body = scroll_page(self)
        head = QHBoxLayout()
        head.setSpacing(24)
        self.icon = IconLabel("help", 96)
        head.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self.title = label("title", name="help_title")
        head.addWidget(self.title, 1)
        body.addLayout(head)
        self.panel = HelpPanel(shell)
        body.addWidget(self.panel)
        self.back_btn = WrapButton()
        self.back_btn.setObjectName("help_back")
        self.back_btn.clicked.connect(self.shell.back)
        self.home_btn = WrapButton()
        self.home_btn.setObjectName("help_home")
        self.home_btn.setProperty("role", "primary")
        self.home_btn.clicked.connect(lambda: self.shell.navigate("home"))
        self.actions.addWidget(self.back_btn, 1)
        self.actions.addWidget(self.home_btn, 2)
        self._beside: bool | None = None
        shell.prefs.changed.connect(lambda *_: self.relayout(self.portrait))
        self.retranslate()

    def relayout(self, portrait: bool) -> None:
        """Landscape up to 150 %: "stay here" and "I no longer need help" stand in the action
        column (above "back"), the page keeps the news, the number and the wait: in one page
        they were up to 324 px taller than a landscape page, the way out under the fold. At
        200 % the column has not the height for them; they stay in the page, which scrolls."""
        beside = not portrait and self.shell.prefs.scale <= 150
        # A smaller icon leaves the title its one line beside it.
        self.icon.setFixedSize(*((64, 64) if beside else (96, 96)))
        self.panel.number_beside(beside)
        # Three ways out under "stay here": closer together, each keeps its two lines' height.
        self.actions.setSpacing(14 if beside else 24)
        if beside == self._beside:
            return
        self._beside = beside
        panel, side = self.panel, self.frame.area.side
        for w in (panel.stay, panel.cancel_btn):
            panel.layout().removeWidget(w)
        side.removeWidget(panel.stay)
        self.actions.removeWidget(panel.cancel_btn)
        if beside:
            side.addWidget(panel.stay)
            self.actions.insertWidget(0, panel.cancel_btn, 1)
        else:
            panel.layout().addWidget(panel.stay)
            panel.layout().addWidget(panel.cancel_btn)

    def on_enter(self) -> None:
        self.panel.show_waiting()

        def shown(ticket) -> None:  # type: ignore[no-untyped-def]
            try:
                self.panel.show_ticket(ticket)
            except RuntimeError:
                pass  # the session ended meanwhile

        help_desk(self.shell).ask("home", shown)

    def retranslate(self) -> None:
        self.title.setText(self.m("screen.common.ask_staff_help"))
        self.back_btn.setText(self.m("screen.common.back"))
        self.home_btn.setText(self.m("screen.common.back_to_choices"))
        self.panel.retranslate()

    def wipe(self) -> None:
        self.panel.ticket = None
        super().wipe()


def _sample_ticket(window, number: int, screen: str, *, sent: bool = True):  # type: ignore[no-untyped-def]
    import time

    from kiosk.help_request import HelpTicket
    from ui.screens.journeys_common import TICKET_KEY

    window.session.data[TICKET_KEY] = HelpTicket(number, screen, time.time(), "sample" if sent else None)
    return window.session.data[TICKET_KEY]


def _capture_coming(window) -> None:  # type: ignore[no-untyped-def]
    """The answer a citizen sees once staff have been told, with the wait the central gives
    (a sample request and standing, nothing sent)."""
    from kiosk.help_request import HelpStanding

    window.navigate("home")
    ticket = _sample_ticket(window, 7, "home")
    window.navigate("help")
    panel = window.current_screen.panel
    panel.show_standing(HelpStanding("sample", "open", 2, 2, 6), pin=True)
    panel.show_ticket(ticket, ask_standing=False)


def _capture_no_staff(window) -> None:  # type: ignore[no-untyped-def]
    """Nobody signed in at the central: the screen says to go to the counter, promises no wait."""
    from kiosk.help_request import HelpStanding

    window.navigate("home")
    ticket = _sample_ticket(window, 8, "home")
    window.navigate("help")
    panel = window.current_screen.panel
    panel.show_standing(HelpStanding("sample", "open", 1, 0, None), pin=True)
    panel.show_ticket(ticket, ask_standing=False)


def _capture_card(window) -> None:  # type: ignore[no-untyped-def]
    """The same over another screen (the track screen here), which stays as it was: offline,
    the office system cannot be told yet, so the card says so and promises nothing."""
    from ui.screens.journeys_common import HelpCard

    window.navigate("home")
    window.navigate("track")
    ticket = _sample_ticket(window, 8, "track", sent=False)
    card = HelpCard(window)
    window.overlay.show_card(card, "help")
    card.panel.show_ticket(ticket, ask_standing=False)
    card.fit()


def register(registry: ScreenRegistry) -> None:
    from ui.screens.registry import Capture

    # Captured through the states below: entering the screen calls staff for real.
    registry.add(ScreenSpec("help", HelpScreen, capture=False))
    registry.add_capture(Capture("help", _capture_coming))
    registry.add_capture(Capture("help-card", _capture_card))
    registry.add_capture(Capture("help-no-staff", _capture_no_staff))
