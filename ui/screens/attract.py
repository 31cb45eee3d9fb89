"""The attract screen: what the kiosk offers, in large type; a touch anywhere starts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QVBoxLayout

from ui.screens.base import Screen, WrapButton, label, scroll_page
from ui.screens.registry import ScreenRegistry, ScreenSpec
from ui.widgets.icons import IconLabel

OFFERS = ("submit", "track", "find", "help")


class AttractScreen(Screen):
    screen_id = "attract"
    spaces_own_page = True

    def __init__(self, shell, parent=None):
        super().__init__(shell, parent)
        self._outer = scroll_page(self, max_width=1760, fill=True)
        self._outer.setSpacing(36)
        self.title = label("display", name="attract_title")
        self._outer.addWidget(self.title)
        # Which office this is, from the configuration (never an internal kiosk name).
        self.office = label("lead", name="attract_office")
        self.office.setText(shell.config.ui.agency_name or "")
        self.office.setVisible(bool(shell.config.ui.agency_name))
        self._outer.addWidget(self.office)
        # Portrait: offers above the start button; landscape: side by side.
        self._main = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._main.setSpacing(48)
        self._outer.addLayout(self._main, 1)
        offers = self._offers = QVBoxLayout()
        offers.setSpacing(24)
        offers.addStretch(1)
        self.lead = label("lead", name="attract_lead")
        offers.addWidget(self.lead)
        self._offers_box = QFrame()
        self._offers_box.setObjectName("Card")
        self._offers_layout = QVBoxLayout(self._offers_box)
        self._offers_layout.setContentsMargins(40, 32, 40, 32)
        self._offers_layout.setSpacing(28)
        self.offer_labels = {}
        for key in OFFERS:
            row = QHBoxLayout()
            row.setSpacing(28)
            icon = IconLabel(key, 80)
            text = label("lead", name=f"offer_{key}")
            row.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
            row.addWidget(text, 1)
            self._offers_layout.addLayout(row)
            self.offer_labels[key] = text
        offers.addWidget(self._offers_box)
        offers.addStretch(1)
        self._main.addLayout(offers, 3)
        self.start = WrapButton()
        self.start.setObjectName("start")
        self.start.setProperty("role", "start")
        self.start.clicked.connect(self._start)
        # The start button is pinned (under the offers, or beside them in landscape).
        self.note = label("muted", name="attract_note", align=Qt.AlignmentFlag.AlignCenter)
        offers.insertWidget(offers.count() - 1, self.note)
        self.actions.addWidget(self.start)
        shell.prefs.changed.connect(self._arrange)
        self.retranslate()

    def _arrange(self, *_: object) -> None:
        """Landscape has less height than the title, the four offers and the note need, and
        the start button's column has room to spare above the button. Up to 150 % the note
        stands there, right above the start button; at 150 % the title too (a size smaller,
        for the column's width); the page keeps the offers, all in view above the "more below"
        cue. At 200 % the column is too narrow for them: all stays in the page, which scrolls."""
        portrait = self.portrait
        scale = self.shell.prefs.scale
        for w, beside in (
            (self.title, not portrait and 100 < scale <= 150),
            (self.note, not portrait and scale <= 150),
        ):
            if beside == (self.actions.indexOf(w) >= 0):
                continue
            was = not w.isHidden()  # a widget given a new parent is hidden
            if beside:
                self.actions.insertWidget(0 if w is self.title else self.actions.indexOf(self.start), w)
            elif w is self.title:
                self._outer.insertWidget(0, w)
            else:
                self._offers.insertWidget(self._offers.count() - 1, w)
            w.setVisible(was)
        aside = self.actions.indexOf(self.title) >= 0
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter if aside else Qt.AlignmentFlag.AlignLeft)
        # Portrait at 150 % and more: the display size wraps "Kiosk dịch vụ công" onto two
        # lines, which pushed the last offer and the note below the fold; the title size (the
        # theme's, not a smaller one) keeps it on one line.
        role = "title" if aside or (portrait and scale > 100) else "display"
        if self.title.property("role") != role:
            self.title.setProperty("role", role)
            self.title.style().unpolish(self.title)
            self.title.style().polish(self.title)
        roomy = portrait and scale <= 100
        self._outer.setSpacing(36 if roomy else 16)
        self._offers.setSpacing(24 if roomy else 16)
        self._offers_layout.setSpacing(28 if roomy else 20 if portrait else 12)
        pad = 32 if roomy else 16
        self._offers_layout.setContentsMargins(40, pad, 40, pad)

    def retranslate(self) -> None:
        self.title.setText(self.m("screen.attract.title"))
        self.lead.setText(self.m("screen.attract.at_this_kiosk_you"))
        self.offer_labels["submit"].setText(self.m("screen.attract.submit_a_dossier_for"))
        self.offer_labels["track"].setText(self.m("screen.attract.see_where_your_dossier"))
        self.offer_labels["find"].setText(self.m("screen.attract.find_a_procedure_and"))
        self.offer_labels["help"].setText(self.m("screen.attract.ask_a_staff_member"))
        self.start.setText(self.m("screen.attract.touch_here_to_start"))
        self.note.setText(self.m("screen.attract.free_of_charge_choose"))

    def relayout(self, portrait: bool) -> None:
        self._arrange()
        self._main.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self.start.setMinimumHeight(180 if portrait else 320)

    def _start(self) -> None:
        self.shell.navigate("home")

    def mouseReleaseEvent(self, event) -> None:
        # A touch anywhere on the attract screen starts, not just on the button.
        if event.button() == Qt.MouseButton.LeftButton:
            self._start()
        super().mouseReleaseEvent(event)


def register(registry: ScreenRegistry) -> None:
    registry.add(ScreenSpec("attract", AttractScreen, in_session=False))
