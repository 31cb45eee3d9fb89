"""What every wizard step shares: the journey, the draft save, the step header, big buttons."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.catalog.model import Procedure
from kiosk.logs import get_logger
from kiosk.wizard.journey import Journey
from ui.screens.base import Screen, WrapButton, label, scroll_page

log = get_logger(__name__)
JOURNEY_KEY = "wizard.journey"
# The steps the citizen sees numbered (submit and rate are not "steps to do").
NUMBERED = ("procedure", "where", "identify", "form", "documents", "review")
BIG = 110  # px: every touch target here is at least this tall


def journey_of(shell: Any) -> Journey:
    j = shell.session.data.get(JOURNEY_KEY)
    if j is None:
        j = Journey()
        shell.session.data[JOURNEY_KEY] = j
    return j


def button(name: str, role: str | None = None, *, checkable: bool = False, height: int = BIG) -> QPushButton:
    b = WrapButton()
    b.setObjectName(name)
    if role:
        b.setProperty("role", role)
    b.setCheckable(checkable)
    b.setMinimumHeight(height)
    b.set_policy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    return b


def card(name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("Card")
    frame.setProperty("part", name)
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(32, 24, 32, 24)
    lay.setSpacing(16)
    return frame, lay


def clear_layout(lay: Any) -> None:
    while lay.count():
        item = lay.takeAt(0)
        w = item.widget()
        if w is not None:
            w.setParent(None)
            w.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


class WizardScreen(Screen):
    step = ""  # one of kiosk.wizard.journey.STEPS

    def __init__(self, shell: Any, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.body = scroll_page(self, max_width=1300)
        self.step_label = label("muted", name=f"{self.screen_id}_step")
        self.title = label("title", name=f"{self.screen_id}_title")
        self.body.addWidget(self.step_label)
        self.body.addWidget(self.title)
        self.content = QVBoxLayout()
        self.content.setSpacing(24)
        self.body.addLayout(self.content)
        self.next_btn = button(f"{self.screen_id}_next", "primary")
        self.next_btn.clicked.connect(self.on_next)
        # The way on is pinned under the page (beside it in landscape): always in view.
        self.nav_row = self.actions
        self.nav_row.addWidget(self.next_btn, 2)
        self.next_btn.hide()
        # "Ask staff to finish" (issue 19): secondary, at the foot of the page once the citizen is
        # identified (the pinned area keeps its room for the way on, even at 200 % text).
        self.handover_btn = button(f"{self.screen_id}_handover")
        self.handover_btn.setProperty("fold_below", True)  # the layout audit's FOLD_BELOW
        self.handover_btn.clicked.connect(self._ask_handover)
        self.body.addWidget(self.handover_btn)
        self.handover_btn.hide()
        self.build()
        self._retranslate_frame()
        shell.prefs.changed.connect(self.restyle)
        self.restyle()

    # --- for subclasses ------------------------------------------------------------------
    def build(self) -> None:
        """Make the step's widgets (into ``self.content``)."""

    def refresh(self) -> None:
        """Show the journey's current state (called on enter and on language change)."""

    def on_next(self) -> None:
        """The primary button."""

    def restyle(self) -> None:
        """Colours that the theme's roles do not cover, from the current palette (contrast mode)."""
        p = self.shell.prefs.palette
        for w in self.findChildren(QWidget):
            if w.property("wizard_error"):
                w.setStyleSheet(f"color: {p.bad}; font-weight: bold;")
        self.style_extra(p)

    def style_extra(self, p: Any) -> None:
        """Subclasses: widgets styled from the palette ``p``."""

    def error_label(self, name: str) -> Any:
        lab = label("body", name=name, live=True)
        lab.setProperty("wizard_error", True)
        return lab

    # --- helpers -------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return str(self.shell.prefs.language)

    def where_to_ask(self) -> str:
        """The counter staff take over at (``[ui] counter``), in the session's language."""
        from kiosk.wizard.journey import ask_where

        return ask_where(self.lang, self.shell.config.ui.counter)

    @property
    def journey(self) -> Journey:
        return journey_of(self.shell)

    @property
    def services(self) -> Any:
        return self.shell.services

    def procedure(self) -> Procedure | None:
        code = self.journey.procedure
        return self.services.catalog().get(code) if code else None

    def save(self, step: str | None = None) -> None:
        """The journey as it is now, into the encrypted draft store (a failure never blocks the citizen)."""
        j = self.journey
        if step:
            j.step = step
        # Off the GUI thread, in order, photos included (ui.services.save_draft).
        self.services.save_draft(self.shell.session.ref, j)

    def show_next(self) -> None:
        """Bring the primary button into view (an answer is complete: the way on is visible)."""
        # The button is in the pinned action area, so it is in view already; the area itself
        # appears with its first shown action.
        self.frame.area.sync()

    def _retranslate_frame(self) -> None:
        if self.step in NUMBERED:
            n = NUMBERED.index(self.step) + 1
            self.step_label.setText(
                f"{self.m('wizard.step', n=n, total=len(NUMBERED))} · {self.m('wizard.step.' + self.step)}"
            )
        else:
            self.step_label.setText("")
        # Not a numbered step (done, rate): no empty line's height above the title.
        self.step_label.setVisible(self.step in NUMBERED)
        self.next_btn.setText(self.m("wizard.next"))
        self.handover_btn.setText(self.m("handover.action"))

    def retranslate(self) -> None:
        self._retranslate_frame()
        self.refresh()

    def on_enter(self) -> None:
        self._show_back(self.journey.submitted_at is None)
        from ui.screens.wizard import handover

        self.handover_btn.setVisible(handover.offered(self))
        self.retranslate()

    def _ask_handover(self) -> None:
        from ui.screens.wizard import handover

        handover.ask(self)

    def on_leave(self) -> None:
        self._show_back(True)

    def handle_back(self) -> bool:
        """After "Submit" there is no way back into the dossier: Back does nothing here."""
        return self.journey.submitted_at is not None and self.step in ("submitted", "rated")

    def _show_back(self, shown: bool) -> None:
        # The session bar's Back (issue 22's bar) is hidden once the dossier is submitted.
        bar = getattr(self.shell, "session_bar", None)
        if bar is not None:
            bar.back_btn.setVisible(shown)
