"""Application-wide input filter: every touch or key keeps the session alive, the usual
ways out of a program do nothing in kiosk mode, and one chord opens the staff exit.

The kiosk's X session must also disable the server's own escapes (``DontVTSwitch``,
``DontZap``) and run no window manager (or one without shortcuts): those never reach Qt.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal

STAFF_CHORD = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
    Qt.Key.Key_X,
)
_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}
_FKEYS = {getattr(Qt.Key, f"Key_F{i}") for i in range(1, 36)}
_META_KEYS = {Qt.Key.Key_Meta, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Menu}


def is_escape_key(key: int, mods: Qt.KeyboardModifier) -> bool:
    """Keys that close, switch or quit programs: eaten in kiosk mode."""
    if key in _FKEYS or key in _META_KEYS:
        return True
    if mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
        return True
    if mods & Qt.KeyboardModifier.ControlModifier and key in (
        Qt.Key.Key_Q,
        Qt.Key.Key_W,
        Qt.Key.Key_Tab,
        Qt.Key.Key_Escape,
    ):
        return True
    return key == Qt.Key.Key_Escape


class InputGuard(QObject):
    activity = Signal()
    staff_chord = Signal()

    def __init__(self, kiosk_mode: bool, parent: QObject | None = None):
        super().__init__(parent)
        self.kiosk_mode = kiosk_mode

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        t = event.type()
        if t in _ACTIVITY:
            self.activity.emit()
        if t in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            key, mods = event.key(), event.modifiers()
            if key == STAFF_CHORD[1] and mods == STAFF_CHORD[0]:
                if t == QEvent.Type.KeyPress:
                    self.staff_chord.emit()
                return True
            if self.kiosk_mode and is_escape_key(key, mods):
                return True
        return False
