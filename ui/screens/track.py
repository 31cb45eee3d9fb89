"""Where is my file? Looking up status is not open yet; checking a typed receipt code is.

The code's last symbol is a check symbol (kiosk.tracking), so the kiosk can tell a citizen
at once whether the code was typed correctly, before anyone goes looking for it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton

from kiosk import tracking
from ui.screens.base import label
from ui.screens.info import InfoScreen
from ui.screens.registry import ScreenRegistry, ScreenSpec
from ui.widgets.keyboard import VietKeyboard
from ui.wipe import mark_session_data


class TrackScreen(InfoScreen):
    screen_id = "track"
    icon = "track"

    def build_extra(self) -> None:
        self.code_label = label("lead", name="track_code_label")
        self.extra.addWidget(self.code_label)
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setObjectName("track_code")
        self.code.setMaxLength(14)
        self.code.returnPressed.connect(self.check)
        self.check_btn = QPushButton()
        self.check_btn.setObjectName("track_check")
        self.check_btn.setProperty("role", "primary")
        self.check_btn.clicked.connect(self.check)
        row.addWidget(self.code, 1)
        row.addWidget(self.check_btn)
        self.extra.addLayout(row)
        self.result = label("body", name="track_result")
        mark_session_data(self.result)  # it quotes the citizen's code
        self.extra.addWidget(self.result)
        self.keyboard = VietKeyboard(self.code)
        self.keyboard.done.connect(self.check)
        self.dock(self.keyboard)

    def check(self) -> None:
        raw = self.code.text()
        if not raw.strip():
            self.result.setText(self.tr("Type the code first."))
        elif tracking.is_valid(raw):
            self.result.setText(
                self.tr(
                    "The code %1 is written correctly. This kiosk cannot look up its status yet: "
                    "please ask at the counter."
                ).replace("%1", tracking.display(tracking.normalize(raw)))
            )
        else:
            self.result.setText(
                self.tr("This code is not correct. Check each character against your receipt.")
            )

    def on_enter(self) -> None:
        self.code.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Where is my file?"))
        self.notice.setText(self.tr("Looking up a dossier on this kiosk is not open yet."))
        self.now.setText(
            self.tr(
                "Please ask at the reception counter and show your receipt. Staff can see where your dossier is."
            )
        )
        self.code_label.setText(self.tr("You can already check the code printed on your receipt:"))
        self.check_btn.setText(self.tr("Check"))
        if self.result.text():
            self.check()


def register(registry: ScreenRegistry) -> None:
    registry.add(ScreenSpec("track", TrackScreen))
