"""Simple line icons drawn with QPainter, in the label's own text colour.

Drawn rather than loaded: they follow the theme (a contrast switch recolours them), scale to
any size without blur, and need no font with pictographs.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy


def _pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _submit(p: QPainter, c: QColor) -> None:
    # A page with an arrow going up: "hand in a document".
    p.setPen(_pen(c, 6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    page = QPainterPath()
    page.moveTo(16, 6)
    page.lineTo(54, 6)
    page.lineTo(70, 22)
    page.lineTo(70, 50)
    page.moveTo(46, 94)
    page.lineTo(16, 94)
    page.lineTo(16, 6)
    page.moveTo(54, 6)
    page.lineTo(54, 22)
    page.lineTo(70, 22)
    p.drawPath(page)
    for y in (36, 50, 64):
        p.drawLine(QPointF(28, y), QPointF(54 if y < 60 else 42, y))
    p.setPen(_pen(c, 8))
    p.drawLine(QPointF(72, 94), QPointF(72, 62))
    p.drawLine(QPointF(58, 74), QPointF(72, 60))
    p.drawLine(QPointF(86, 74), QPointF(72, 60))


def _track(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c, 6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    for x, y in ((10, 10), (62, 10), (10, 62)):
        p.drawRect(QRectF(x, y, 28, 28))
    p.setBrush(c)
    p.setPen(Qt.PenStyle.NoPen)
    for x, y in ((19, 19), (71, 19), (19, 71)):
        p.drawRect(QRectF(x, y, 10, 10))
    for x, y in ((62, 62), (80, 62), (71, 71), (62, 80), (80, 80), (48, 48), (48, 14), (14, 48)):
        p.drawRect(QRectF(x, y, 9, 9))


def _find(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c, 8))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(42, 42), 27, 27)
    p.setPen(_pen(c, 13))
    p.drawLine(QPointF(63, 63), QPointF(87, 87))


def _help(p: QPainter, c: QColor) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(c)
    p.drawEllipse(QPointF(50, 28), 17, 17)
    body = QPainterPath()
    body.moveTo(14, 94)
    body.cubicTo(14, 58, 86, 58, 86, 94)
    body.closeSubpath()
    p.drawPath(body)


DRAW = {"submit": _submit, "track": _track, "find": _find, "help": _help}


class IconLabel(QLabel):
    """A square icon that paints ``name`` in the colour the style sheet gives the label."""

    def __init__(self, name: str, size: int = 96, parent=None):
        super().__init__(parent)
        if name not in DRAW:
            raise KeyError(f"no icon {name!r}; known: {', '.join(DRAW)}")
        self.name = name
        self.setProperty("role", "icon")
        self.setFixedSize(size, size)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        p.translate((self.width() - side) / 2, (self.height() - side) / 2)
        p.scale(side / 100, side / 100)
        DRAW[self.name](p, self.palette().color(self.foregroundRole()))
        p.end()
