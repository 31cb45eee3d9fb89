"""Step 1: choose the procedure — popular ones as large tiles, search with the on-screen
Vietnamese keyboard (missing accents and Telex forgiven), and every procedure by field."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog import facts
from kiosk.catalog.model import Procedure
from kiosk.catalog.search import search
from kiosk.wizard import PRESET_KEY
from ui.screens.base import label
from ui.screens.wizard.base import WizardScreen, button, clear_layout
from ui.widgets.keyboard import VietKeyboard

POPULAR = (
    "birth_registration",
    "marriage_registration",
    "permanent_residence_registration",
    "certified_copy",
    "death_registration",
    "temporary_residence_registration",
)


class ChooseScreen(WizardScreen):
    screen_id = "submit"
    step = "procedure"

    def build(self) -> None:
        # Search first; while the citizen searches (text typed or keyboard open), the hits sit
        # right under the field, above the keyboard, and the browse lists step aside, so the
        # answer is on screen without scrolling.
        self.search_title = label("lead", name="choose_search_title")
        self.content.addWidget(self.search_title)
        # Portrait: the field, the hits, then the keyboard, one under the other. Landscape with
        # the keyboard open: the field and the hit beside the keyboard (under them, its last
        # rows were a third of a screen under the fold, at 100 % text too).
        self.search_cols = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.search_cols.setSpacing(24)
        left = QVBoxLayout()
        left.setSpacing(16)
        self.query_row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.query = QLineEdit()
        self.query.setObjectName("choose_query")
        self.query.textChanged.connect(self._search)
        self.kb_btn = button("choose_keyboard", checkable=True)
        self.kb_btn.set_policy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.kb_btn.toggled.connect(self._keyboard_toggled)
        row.addWidget(self.query, 1)
        row.addWidget(self.kb_btn)
        left.addLayout(row)
        self.search_hint = label("muted", name="choose_search_hint")
        left.addWidget(self.search_hint)
        self.hits = QVBoxLayout()
        self.hits.setSpacing(16)
        left.addLayout(self.hits)
        left.addStretch(1)
        self.search_cols.addLayout(left, 2)
        self.keyboard = VietKeyboard(self.query)
        self.keyboard.done.connect(lambda: self.kb_btn.setChecked(False))
        self.keyboard.hide()
        self.search_cols.addWidget(self.keyboard, 3)
        self.content.addLayout(self.search_cols)
        self.browse = QWidget()
        self.browse.setObjectName("choose_browse")
        browse = QVBoxLayout(self.browse)
        browse.setContentsMargins(0, 0, 0, 0)
        browse.setSpacing(20)
        self.popular_title = label("lead", name="choose_popular_title")
        browse.addWidget(self.popular_title)
        self.popular = QGridLayout()
        self.popular.setSpacing(20)
        browse.addLayout(self.popular)
        self.all_title = label("lead", name="choose_all_title")
        browse.addWidget(self.all_title)
        self.all = QVBoxLayout()
        self.all.setSpacing(16)
        browse.addLayout(self.all)
        self.content.addWidget(self.browse)

    def _keyboard_toggled(self, on: bool) -> None:
        self.keyboard.setVisible(on)
        self._arrange()
        self._search(self.query.text())  # the hits for the room there is now

    def _arrange(self) -> None:
        beside = self.kb_btn.isChecked() and not self.portrait and self.shell.prefs.scale <= 150
        self.search_cols.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )
        # Beside the keyboard the column is narrow: the keyboard toggle under the field, as wide
        # as it (at its own width, checked, its word lost its last letter behind the check).
        self.query_row.setDirection(
            QBoxLayout.Direction.TopToBottom if beside else QBoxLayout.Direction.LeftToRight
        )
        self.kb_btn.set_policy(
            QSizePolicy.Policy.Expanding if beside else QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed
        )

    def _show_browse(self) -> None:
        searching = bool(self.query.text().strip()) or self.kb_btn.isChecked()
        self.browse.setVisible(not searching)
        # Once typing, the heading over the field and the example ("type a few letters…") have
        # done their work: their height goes to the keyboard's last row.
        typing = self.kb_btn.isChecked() and bool(self.query.text().strip())
        self.search_hint.setVisible(not typing)
        self.search_title.setVisible(not typing)

    def _enabled(self) -> list[Procedure]:
        cat = self.services.catalog()
        enabled = self.shell.config.kiosk.enabled_procedures
        return [p for p in cat.procedures if enabled is None or p.identifier in enabled]

    def _tile(self, p: Procedure, prefix: str) -> QPushButton:
        b = button(f"{prefix}_{p.identifier}", height=130)
        # The catalog's own words (conditions included), as on "find" and the receipt.
        b.setText(f"{p.name(self.lang)}\n{facts.fee_text(p, self.lang)}")
        b.setStyleSheet("text-align: left; padding: 12px 28px;")
        b.clicked.connect(lambda _=False, code=p.identifier: self.choose(code))
        return b

    def refresh(self) -> None:
        self.title.setText(self.m("wizard.choose.title"))
        self.popular_title.setText(self.m("wizard.choose.popular"))
        self.search_title.setText(self.m("wizard.choose.search"))
        self.search_hint.setText(self.m("wizard.choose.search_hint"))
        self.kb_btn.setText(self.m("wizard.choose.keyboard"))
        self.all_title.setText(self.m("wizard.choose.by_category"))
        procs = self._enabled()
        by_code = {p.identifier: p for p in procs}
        clear_layout(self.popular)
        popular = [by_code[c] for c in POPULAR if c in by_code] or procs[:6]
        portrait = self.portrait
        for i, p in enumerate(popular):
            t = self._tile(p, "proc")
            t.setMinimumHeight(150)
            self.popular.addWidget(t, i // (1 if portrait else 2), i % (1 if portrait else 2))
        clear_layout(self.all)
        sectors: dict[str, list[Procedure]] = {}
        for p in procs:
            sectors.setdefault(p.sector(self.lang), []).append(p)
        for sector, items in sectors.items():
            self.all.addWidget(label("body", f"■  {sector}"))
            for p in items:
                self.all.addWidget(self._tile(p, "all"))
        self._search(self.query.text())

    def style_extra(self, p: Any) -> None:
        self._arrange()  # the text size decides too

    def relayout(self, portrait: bool) -> None:
        self._arrange()
        if self.journey is not None:
            self.refresh()

    def _search(self, text: str) -> None:
        self._show_browse()
        clear_layout(self.hits)
        if not text.strip():
            return
        enabled = [p.identifier for p in self._enabled()]
        # With the keyboard open, the best hit only: three to five pushed the keyboard's lower
        # rows (the Vietnamese letters and tone marks) under the fold in portrait, and the
        # citizen could not finish typing without scrolling. Typing on narrows it; closing
        # the keyboard shows five.
        typing = self.kb_btn.isChecked()
        found = search(self.services.catalog(), text, limit=1 if typing else 5, enabled=enabled)
        if not found:
            self.hits.addWidget(label("body", self.m("wizard.choose.no_hits"), name="choose_no_hits"))
        for h in found:
            self.hits.addWidget(self._tile(h.procedure, "hit"))

    def choose(self, code: str) -> None:
        self.journey.choose(code)
        self.save("where")
        self.keyboard.hide()
        self.kb_btn.setChecked(False)
        self.shell.navigate("submit_where")

    def on_enter(self) -> None:
        super().on_enter()
        preset = self.shell.session.data.pop(PRESET_KEY, None)
        if preset and self.services.catalog().get(preset) is not None:
            self.choose(str(preset))


def register(registry: Any) -> None:
    from ui.screens.registry import ScreenSpec

    registry.add(ScreenSpec("submit", ChooseScreen, capture=False), replace=True)  # shot as wizard-1-choose
