"""Home: four large choices. Portrait stacks them; landscape puts them two by two."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout

from ui.screens.base import Screen, label, scroll_page
from ui.screens.registry import ScreenRegistry, ScreenSpec
from ui.widgets.choice_tile import ChoiceTile

CHOICES = ("submit", "track", "find", "help")


class HomeScreen(Screen):
    screen_id = "home"

    def __init__(self, shell, parent=None):
        super().__init__(shell, parent)
        outer = scroll_page(self, max_width=1800, fill=True)
        outer.setSpacing(32)
        self.title = label("title", name="home_title")
        self.lead = label("lead", name="home_lead")
        outer.addWidget(self.title)
        outer.addWidget(self.lead)
        self.grid = QGridLayout()
        self.grid.setSpacing(28)
        outer.addLayout(self.grid, 1)
        self.tiles: dict[str, ChoiceTile] = {}
        for name in CHOICES:
            tile = ChoiceTile(name)
            tile.setObjectName("ChoiceTile")
            tile.clicked.connect(lambda _=False, n=name: self.shell.navigate(n))
            self.tiles[name] = tile
        self.relayout(True)
        self.retranslate()

    def relayout(self, portrait: bool) -> None:
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
        for i, tile in enumerate(self.tiles.values()):
            if portrait:
                self.grid.addWidget(tile, i, 0)
            else:
                self.grid.addWidget(tile, i // 2, i % 2)
        # Two equal columns: by size hints the tile with the longest title took the room and
        # the other wrapped a word to a line (landscape at 200 %).
        for col in (0, 1):
            self.grid.setColumnStretch(col, 0 if portrait and col else 1)

    def retranslate(self) -> None:
        self.title.setText(self.m("screen.home.title"))
        self.lead.setText(self.m("screen.home.touch_one_of_the"))
        t = self.tiles
        t["submit"].set_texts(
            self.m("screen.home.submit_a_dossier"), self.m("screen.home.for_an_administrative_procedure")
        )
        t["track"].set_texts(
            self.m("screen.home.where_is_my_file"), self.m("screen.home.with_the_receipt_you")
        )
        t["find"].set_texts(self.m("screen.home.find_a_procedure"), self.m("screen.home.what_to_bring_where"))
        t["help"].set_texts(self.m("screen.common.ask_staff_help"), self.m("screen.home.a_staff_member_will"))


def register(registry: ScreenRegistry) -> None:
    registry.add(ScreenSpec("home", HomeScreen))
