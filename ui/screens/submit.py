"""Submit a dossier: not open on the kiosk yet — says so, and what to do now."""

from __future__ import annotations

from ui.screens.base import label
from ui.screens.info import InfoScreen
from ui.screens.registry import ScreenRegistry, ScreenSpec


class SubmitScreen(InfoScreen):
    screen_id = "submit"
    icon = "submit"

    def build_extra(self) -> None:
        self.need_title = label("lead", name="submit_need_title")
        self.need = label("body", name="submit_need")
        self.extra.addWidget(self.need_title)
        self.extra.addWidget(self.need)

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Submit a dossier"))
        self.notice.setText(self.tr("Submitting dossiers on this kiosk is not open yet."))
        self.now.setText(
            self.tr(
                "For now, please take your documents to the reception counter. A staff member will "
                "receive your dossier and give you a receipt."
            )
        )
        self.need_title.setText(self.tr("When it opens, you will need:"))
        self.need.setText(
            self.tr(
                "•  your chip-based citizen ID card (CCCD)\n"
                "•  the documents the procedure asks for; the kiosk will list them and photograph them"
            )
        )


def register(registry: ScreenRegistry) -> None:
    registry.add(ScreenSpec("submit", SubmitScreen))
