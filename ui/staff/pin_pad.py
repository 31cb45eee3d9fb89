"""A numeric pad for the PIN: large keys, and a row of dots that never shows a digit.

The PIN lives only in this widget's private string until :meth:`take` hands it over and
clears it; it is never put in a QLineEdit (whose text could be read back, copied or shown).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.staff.pins import PIN_MAX, PIN_MIN


class PinPad(QWidget):
    submitted = Signal()
    changed = Signal(int)  # how many digits are typed (never which)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff_pin_pad")
        self._digits = ""
        lay = QVBoxLayout(self)
        lay.setSpacing(16)
        self.dots = QLabel()
        self.dots.setObjectName("staff_pin_dots")
        self.dots.setProperty("role", "reference")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setMinimumHeight(90)
        lay.addWidget(self.dots)
        grid = QGridLayout()
        grid.setSpacing(14)
        # Fixed layout like a phone's: 1-2-3 on top; the order never changes between uses.
        for i, d in enumerate("123456789"):
            grid.addWidget(self._key(d), i // 3, i % 3)
        self.clear_key = QPushButton()
        self.clear_key.setObjectName("staff_pin_clear")
        self.clear_key.clicked.connect(self.backspace)
        grid.addWidget(self.clear_key, 3, 0)
        grid.addWidget(self._key("0"), 3, 1)
        self.ok = QPushButton()
        self.ok.setObjectName("staff_pin_ok")
        self.ok.setProperty("role", "primary")
        self.ok.clicked.connect(self._submit)
        grid.addWidget(self.ok, 3, 2)
        for w in (self.clear_key, self.ok):
            w.setMinimumSize(140, 110)
        lay.addLayout(grid)
        self.retranslate()
        self._show()

    def _key(self, digit: str) -> QPushButton:
        b = QPushButton(digit)
        b.setObjectName(f"staff_pin_key_{digit}")
        b.setMinimumSize(140, 110)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(lambda: self.press(digit))
        return b

    def retranslate(self) -> None:
        self.clear_key.setText(self.tr("Erase"))
        self.ok.setText(self.tr("OK"))

    def press(self, digit: str) -> None:
        if len(self._digits) < PIN_MAX and digit.isdigit():
            self._digits += digit
            self._show()

    def backspace(self) -> None:
        self._digits = self._digits[:-1]
        self._show()

    def clear(self) -> None:
        self._digits = ""
        self._show()

    @property
    def length(self) -> int:
        return len(self._digits)

    def take(self) -> str:
        """The typed PIN, once: the pad is empty afterwards."""
        pin, self._digits = self._digits, ""
        self._show()
        return pin

    def keyPressEvent(self, event) -> None:  # a USB keypad at the counter works too
        t = event.text()
        if t.isdigit():
            self.press(t)
        elif event.key() == Qt.Key.Key_Backspace:
            self.backspace()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
        else:
            super().keyPressEvent(event)

    def _submit(self) -> None:
        if len(self._digits) >= PIN_MIN:
            self.submitted.emit()

    def _show(self) -> None:
        n = len(self._digits)
        self.dots.setText(" ".join("●" * n) if n else "–")
        self.ok.setEnabled(n >= PIN_MIN)
        self.changed.emit(n)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
