"""Home: four large choices. Portrait stacks them; landscape puts them two by two."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout

from ui.screens.base import Screen, label, scroll_page
from ui.screens.registry import ScreenRegistry, ScreenSpec
from ui.widgets.choice_tile import ChoiceTile

CHOICES = ("submit", "track", "find", "help")


class HomeScreen(Screen):
    screen_id = "home"
    spaces_own_page = True

    def __init__(self, shell, parent=None):
        super().__init__(shell, parent)
        self._outer = outer = scroll_page(self, max_width=1800, fill=True)
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
        shell.prefs.changed.connect(self._fit)
        self._fit()
        self.retranslate()

    def _fit(self, *_: object) -> None:
        """All four choices in view, without scrolling, up to 150 % text (a choice under the
        fold is one an elderly citizen never makes: "ask staff" was, at 150 %). The tiles
        at 100 % are roomier than a touch needs; at larger text they give up padding and the
        empty height around one-line titles, never text size (each stays ≥ 150 px high, well
        over the theme's 96 px touch minimum)."""
        roomy = self.shell.prefs.scale <= 100
        # Two by two in landscape, a tile is a third of the screen wide: at larger text its
        # picture and its arrow took the width its title needed, which then wrapped onto
        # three lines (the tile's border and bold title still say "touch me").
        pictured = roomy or self.portrait
        self._outer.setSpacing(32 if roomy else 16)
        self.grid.setSpacing(28 if roomy else 16)
        for tile in self.tiles.values():
            tile.setMinimumHeight(200 if roomy else 150)
            lay = tile.layout()
            lay.setContentsMargins(36, 28 if roomy else 14, 36 if pictured else 28, 28 if roomy else 14)
            lay.setSpacing(32 if pictured else 16)
            tile.icon.setVisible(pictured)
            tile.arrow.setVisible(pictured)
        # Landscape at 150 % has the height for the question and four tiles, not for the line
        # that says "touch one of them" as well: the tiles, with their borders, say it.
        self.lead.setVisible(pictured)
        # The page's own margins: 40 px above and below are room a tile needs more at 150 %.
        self.page.widget().layout().setContentsMargins(48, 40 if roomy else 24, 48, 40 if roomy else 24)

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
        if hasattr(self, "_outer"):
            self._fit()

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
