"""Clearing a widget tree of everything a session may have put there.

Inputs (line edits, text edits, spin boxes, combo boxes' edit text) are always cleared;
labels are cleared only when marked as holding session data (``sessionData`` property),
because most labels are fixed interface text. Item views lose their model's rows when the
model is marked the same way. :func:`find_traces` is what tests use to prove it worked.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

SESSION_PROP = "sessionData"


def mark_session_data(obj) -> None:
    """Mark a label (or an item model) as showing a citizen's data: cleared at session end."""
    obj.setProperty(SESSION_PROP, True)


def wipe_tree(root: QWidget) -> None:
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLineEdit):
            w.setText("")  # unlike clear(), setText also empties the undo history
        elif isinstance(w, QTextEdit | QPlainTextEdit):
            w.clear()
            w.document().clearUndoRedoStacks()
        elif isinstance(w, QAbstractSpinBox):
            w.clear()
        elif isinstance(w, QComboBox) and w.isEditable():
            w.clearEditText()
        elif isinstance(w, QLabel) and w.property(SESSION_PROP):
            w.clear()
            w.setPixmap(QPixmap())
        elif isinstance(w, QAbstractItemView):
            model = w.model()
            if model is not None and model.property(SESSION_PROP):
                model.removeRows(0, model.rowCount())


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterable[str]:
    parent = parent or QModelIndex()
    for r in range(model.rowCount(parent)):
        for c in range(model.columnCount(parent)):
            idx = model.index(r, c, parent)
            v = model.data(idx, Qt.ItemDataRole.DisplayRole)
            if v is not None:
                yield str(v)
            yield from _model_texts(model, idx)


def visible_texts(root: QWidget) -> list[str]:
    """Every string the widget tree could show: labels, buttons, inputs, models, tooltips."""
    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        for getter in ("text", "toPlainText", "currentText", "placeholderText", "windowTitle"):
            fn = getattr(w, getter, None)
            if callable(fn):
                try:
                    v = fn()
                except TypeError:
                    continue
                if isinstance(v, str) and v:
                    out.append(v)
        if w.toolTip():
            out.append(w.toolTip())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            out.extend(_model_texts(w.model()))
    return out


def pixmap_keys(root: QWidget) -> set[int]:
    """cacheKey of every pixmap/icon shown in the tree (a face photo must not survive)."""
    keys: set[int] = set()
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel):
            pm = w.pixmap()
            if pm is not None and not pm.isNull():
                keys.add(pm.cacheKey())
        if isinstance(w, QAbstractButton) and not w.icon().isNull():
            keys.add(w.icon().cacheKey())
    return keys


def find_traces(root: QWidget, secrets: Iterable[str]) -> list[str]:
    """The secrets that still appear somewhere in the tree (empty list = clean)."""
    texts = visible_texts(root)
    return [s for s in secrets if any(s in t for t in texts)]
