"""Ask for staff help: the kiosk cannot call staff yet — says so, and what to do now."""

from __future__ import annotations

from ui.screens.info import InfoScreen
from ui.screens.registry import ScreenRegistry, ScreenSpec


class HelpScreen(InfoScreen):
    screen_id = "help"
    icon = "help"

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Ask for staff help"))
        self.notice.setText(self.tr("This kiosk cannot call a staff member by itself yet."))
        self.now.setText(
            self.tr(
                "Please go to the reception counter, or raise your hand so that a staff member can see "
                "you and come to help."
            )
        )


def register(registry: ScreenRegistry) -> None:
    registry.add(ScreenSpec("help", HelpScreen))
