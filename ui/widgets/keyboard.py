"""An on-screen Vietnamese keyboard: large keys, the seven Vietnamese letters as keys of
their own, the five tone marks applied to the word just typed, and a numeric pad mode.

It types into a QLineEdit (``set_target``) without taking focus from it. Letter keys follow
QWERTY, which Vietnamese phone users know; tone keys show the mark and its Vietnamese name.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.screens.base import WrapButton
from ui.widgets.vi_compose import apply_tone
from ui.widgets.words import message

TEXT_ROWS = [
    "1234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
]
DIACRITIC_ROW = "ăâđêôơư"
TONE_KEYS = [  # (tone, mark shown, Vietnamese name of the mark — the same in every language)
    ("sac", "´", "sắc"),
    ("huyen", "`", "huyền"),
    ("hoi", "ˀ", "hỏi"),
    ("nga", "~", "ngã"),
    ("nang", ".", "nặng"),
]
# Keys are 76 px tall and at least 72 px wide: on a 21.5" 1080×1920 panel (0.248 mm a pixel)
# that is 19 × 18 mm, above the 15 mm touch rule. They were 96 px tall: at 150 % text the
# seven rows and the field they type into were not both in view (the keyboard's last rows, the
# Vietnamese letters and tone marks, under the fold). A row of 11 keys still fits the portrait
# content column (at 96 px wide it did not, and pushed whole screens past the edge), and a row
# of ten fits a landscape page at 200 % (at 80 px it was 102 px wider). Keys take the row's
# width; this is only how narrow they may get.
KEY_PX = 76
KEY_MIN_WIDTH_PX = 72


class KeyButton(WrapButton):
    """A key whose words go onto a second line rather than being cut off: at 150/200 % a tone
    key ("`  huyền") or "Xoá hết" is wider than its share of the row; the key grows taller
    instead, the font stays the page's size. Never narrower than its longest word."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(KEY_MIN_WIDTH_PX, hint.width()), max(KEY_PX, hint.height()))


class VietKeyboard(QWidget):
    done = Signal()
    mode_changed = Signal(str)

    def __init__(self, target: QLineEdit | None = None, mode: str = "text", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Keyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._target = target
        self._shift = False
        self._letter_keys: list[QPushButton] = []
        self._root = QVBoxLayout(self)
        self._root.setContentsMargins(6, 6, 6, 6)
        self._root.setSpacing(6)
        self._text_pad = self._build_text_pad()
        self._num_pad = self._build_num_pad()
        self._root.addWidget(self._text_pad)
        self._root.addWidget(self._num_pad)
        self.mode = ""
        self.set_mode(mode)
        self.retranslate()

    # --- API ---------------------------------------------------------------------------
    def set_target(self, target: QLineEdit | None) -> None:
        self._target = target

    def set_mode(self, mode: str) -> None:
        if mode not in ("text", "numeric"):
            raise ValueError("mode is 'text' or 'numeric'")
        self.mode = mode
        self._text_pad.setVisible(mode == "text")
        self._num_pad.setVisible(mode == "numeric")
        self.mode_changed.emit(mode)

    def key(self, name: str) -> QPushButton:
        """The key called ``name`` (its objectName is ``key_<name>``), for tests and tours."""
        btn = self.findChild(QPushButton, f"key_{name}")
        if btn is None:
            raise KeyError(name)
        return btn

    # --- building ----------------------------------------------------------------------
    def _key(self, name: str, text: str, slot, role: str | None = None, stretch: bool = True) -> QPushButton:
        b = KeyButton(text)
        b.setObjectName(f"key_{name}")
        # Reached by Tab and the keypad's arrows (a blind citizen types with them), never by a
        # touch: a touched key must leave focus, and its cursor, in the input.
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        b.setMinimumHeight(KEY_PX)
        b.set_policy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        b.setAutoRepeat(name == "backspace")
        if role:
            b.setProperty("role", role)
        b.clicked.connect(slot)
        return b

    def _row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        return row

    def _build_text_pad(self) -> QWidget:
        pad = QWidget()
        lay = QVBoxLayout(pad)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        for r, chars in enumerate(TEXT_ROWS):
            row = self._row()
            if r == 3:
                self._shift_key = self._key("shift", "⇧", self._toggle_shift)
                self._shift_key.setCheckable(True)
                row.addWidget(self._shift_key)
            for ch in chars:
                b = self._key(ch, ch, lambda _=False, c=ch: self._type_letter(c))
                if ch.isalpha():
                    self._letter_keys.append(b)
                row.addWidget(b)
            if r == 2:
                row.addWidget(self._key("backspace", "⌫", self._backspace))
            lay.addLayout(row)
        row = self._row()
        for ch in DIACRITIC_ROW:
            b = self._key(ch, ch, lambda _=False, c=ch: self._type_letter(c), role="diacritic")
            self._letter_keys.append(b)
            row.addWidget(b)
        lay.addLayout(row)
        row = self._row()
        for tone, mark, name in TONE_KEYS:
            row.addWidget(
                self._key(
                    f"tone_{tone}", f"{mark}  {name}", lambda _=False, t=tone: self._tone(t), role="tone"
                )
            )
        lay.addLayout(row)
        row = self._row()
        self._to_num = self._key("numeric", "123", lambda: self.set_mode("numeric"))
        row.addWidget(self._to_num, 2)
        self._space = self._key("space", "", lambda: self._insert(" "))
        # "Xoá hết" needs three twelfths of a row at 150 %: in two it wrapped, and the row,
        # twice as tall, pushed the field's error and the way on under the fold.
        row.addWidget(self._space, 4)
        self._clear_t = self._key("clear", "", self._clear)
        row.addWidget(self._clear_t, 3)
        self._done_t = self._key("done", "", self.done.emit, role="primary")
        row.addWidget(self._done_t, 2)
        lay.addLayout(row)
        return pad

    def _build_num_pad(self) -> QWidget:
        pad = QWidget()
        grid = QGridLayout(pad)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        for i, d in enumerate("123456789"):
            grid.addWidget(self._key(f"num_{d}", d, lambda _=False, c=d: self._insert(c)), i // 3, i % 3)
        self._to_text = self._key("letters", "ABC", lambda: self.set_mode("text"))
        grid.addWidget(self._key("num_backspace", "⌫", self._backspace), 3, 0)
        grid.addWidget(self._key("num_0", "0", lambda: self._insert("0")), 3, 1)
        self._done_n = self._key("num_done", "", self.done.emit, role="primary")
        grid.addWidget(self._done_n, 3, 2)
        grid.addWidget(self._to_text, 4, 0)
        self._clear_n = self._key("num_clear", "", self._clear)
        grid.addWidget(self._clear_n, 4, 1, 1, 2)
        return pad

    def retranslate(self) -> None:
        self._space.setText(message("screen.keyboard.space"))
        # Keys shown as symbols get names in words for screen readers and speech.
        names = {
            "shift": message("screen.keyboard.shift_capital_letter"),
            "backspace": message("screen.keyboard.delete"),
            "num_backspace": message("screen.keyboard.delete"),
            "numeric": message("screen.keyboard.numbers"),
            "letters": message("screen.keyboard.letters"),
            "space": message("screen.keyboard.space"),
        }
        for tone, _mark, vi_name in TONE_KEYS:
            names[f"tone_{tone}"] = message("screen.keyboard.tone_mark", n=vi_name)
        for key, name in names.items():
            self.key(key).setAccessibleName(name)
        for b in (self._clear_t, self._clear_n):
            b.setText(message("screen.keyboard.clear"))
        for b in (self._done_t, self._done_n):
            b.setText(message("screen.keyboard.done"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- typing ------------------------------------------------------------------------
    def allow_letters(self, allowed: bool) -> None:
        """Numeric-only fields hide the way back to letters."""
        self._to_text.setVisible(allowed)

    def _insert(self, s: str) -> None:
        if self._target is not None:
            self._target.insert(s)

    def _type_letter(self, ch: str) -> None:
        self._insert(ch.upper() if self._shift else ch)
        if self._shift:
            self._toggle_shift()  # one capital, as on a phone

    def _toggle_shift(self) -> None:
        self._shift = not self._shift
        self._shift_key.setChecked(self._shift)
        for b in self._letter_keys:
            t = b.objectName()[len("key_") :]
            b.setText(t.upper() if self._shift else t)

    def _backspace(self) -> None:
        if self._target is not None:
            self._target.backspace()

    def _clear(self) -> None:
        if self._target is not None:
            self._target.clear()

    def _tone(self, tone: str) -> None:
        t = self._target
        if t is None:
            return
        text, pos = t.text(), t.cursorPosition()
        before = apply_tone(text[:pos], tone)
        if before is None:
            return
        t.setText(before + text[pos:])
        t.setCursorPosition(len(before))
