"""Find a procedure: the catalog is not on the kiosk yet — says so, and what to do now."""

from __future__ import annotations

from ui.screens.info import InfoScreen
from ui.screens.registry import ScreenRegistry, ScreenSpec


class FindScreen(InfoScreen):
    screen_id = "find"
    icon = "find"

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Find a procedure"))
        self.notice.setText(self.tr("The list of procedures is not on this kiosk yet."))
        self.now.setText(
            self.tr(
                "Staff at the reception counter can tell you which procedure you need, which documents "
                "to bring and where to apply."
            )
        )


def register(registry: ScreenRegistry) -> None:
    registry.add(ScreenSpec("find", FindScreen))
