"""Pictures of where things go on this kiosk: the chip card onto the reader, the card's QR to
the scanner, the paper under the document camera, and the card's front with the six-digit
card access number (CAN) circled.

Drawn here with QPainter (large, thick strokes, the theme's colours, so they follow high
contrast), each with the kiosk's screen and the device where the configuration says it is on
this hardware model (``[guide]`` in kiosk/config.py), and one big arrow. An integrator may
supply their own illustration instead (SVG through QtSvg, PNG, or an animated GIF/APNG through
QMovie); a loop plays only when ``[guide] motion`` allows it, else its first frame stands
still. A supplied file that cannot be read is logged and the drawn picture is shown: the
citizen always gets a picture.

The widgets hold no text of their own: :class:`PlacementGuide` puts the words under the
picture, from the domain catalog (``wizard.guide.*``), and names the picture for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImageReader,
    QMovie,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.logs import get_logger

log = get_logger(__name__)

W, H = 400.0, 300.0  # the drawing's own units; scaled to the widget keeping the aspect
CARD_W, CARD_H = 86.0, 54.0  # an ID-1 card's proportions (85.6 × 54 mm)
KINDS = ("card", "qr", "paper", "can")
# Where the device is relative to the screen, in drawing units: (screen rect, device rect).
LAYOUTS: dict[str, tuple[QRectF, QRectF]] = {
    "below-right": (QRectF(16, 14, 150, 100), QRectF(206, 212, 176, 72)),
    "below-left": (QRectF(234, 14, 150, 100), QRectF(18, 212, 176, 72)),
    "below": (QRectF(16, 14, 150, 100), QRectF(150, 212, 176, 72)),
    "platform": (QRectF(16, 10, 150, 90), QRectF(80, 204, 280, 80)),
    "right": (QRectF(14, 60, 150, 100), QRectF(212, 212, 172, 72)),
    "left": (QRectF(236, 60, 150, 100), QRectF(16, 212, 172, 72)),
}


class _Colours:
    def __init__(self, palette: Any) -> None:
        hc = getattr(palette, "name", "") == "high_contrast"
        self.back = QColor(palette.surface)
        self.ink = QColor(palette.text)
        self.arrow = QColor(palette.primary)
        self.device = QColor("#000000" if hc else "#3A4558")
        self.device_edge = QColor(palette.text)
        self.card = QColor("#000000" if hc else "#DCEBF7")
        self.chip = QColor("#FFE000" if hc else "#C9A227")
        self.paper = QColor("#000000" if hc else "#FFFFFF")
        self.circle = QColor("#FF8080" if hc else "#C8102E")
        self.beam = QColor("#FF8080" if hc else "#C8102E")


def _arrow(p: QPainter, start: QPointF, end: QPointF, colour: QColor, width: float = 10.0) -> None:
    """A thick arrow from ``start`` to ``end`` with a solid head."""
    path = QPainterPath(start)
    path.lineTo(end)
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = max(1.0, (dx * dx + dy * dy) ** 0.5)
    ux, uy = dx / length, dy / length
    head = width * 2.6
    base = QPointF(end.x() - ux * head, end.y() - uy * head)
    left = QPointF(base.x() - uy * head * 0.6, base.y() + ux * head * 0.6)
    right = QPointF(base.x() + uy * head * 0.6, base.y() - ux * head * 0.6)
    p.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(start, base)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    p.drawPolygon(QPolygonF([end, left, right]))


def _screen(p: QPainter, r: QRectF, c: _Colours) -> None:
    """The kiosk's own screen, with a few lines of "text" so it reads as this screen."""
    p.setPen(QPen(c.ink, 6))
    p.setBrush(QBrush(c.back))
    p.drawRoundedRect(r, 10, 10)
    p.setPen(QPen(c.ink, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for i, share in enumerate((0.7, 0.5, 0.6)):
        y = r.top() + 28 + i * 24
        p.drawLine(QPointF(r.left() + 22, y), QPointF(r.left() + 22 + (r.width() - 44) * share, y))


def _card(p: QPainter, centre: QPointF, c: _Colours, *, qr: bool = False, scale: float = 1.0) -> QRectF:
    r = QRectF(0, 0, CARD_W * scale, CARD_H * scale)
    r.moveCenter(centre)
    p.setPen(QPen(c.ink, 4))
    p.setBrush(QBrush(c.card))
    p.drawRoundedRect(r, 7 * scale, 7 * scale)
    if qr:
        # The QR of the 2021 card's front: a small grid of modules in the top right.
        q = QRectF(r.right() - 34 * scale, r.top() + 7 * scale, 27 * scale, 27 * scale)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c.ink)
        n = 7
        cell = q.width() / n
        for i in range(n):
            for j in range(n):
                finder = (i < 2 and j < 2) or (i < 2 and j > 4) or (i > 4 and j < 2)
                if finder or (i * 3 + j * 5) % 4 == 0:
                    p.drawRect(QRectF(q.left() + i * cell, q.top() + j * cell, cell, cell))
    else:
        chip = QRectF(r.left() + 10 * scale, r.top() + 16 * scale, 18 * scale, 14 * scale)
        p.setPen(QPen(c.ink, 2))
        p.setBrush(c.chip)
        p.drawRoundedRect(chip, 3, 3)
    return r


def _reader(p: QPainter, r: QRectF, c: _Colours) -> None:
    p.setPen(QPen(c.device_edge, 4))
    p.setBrush(c.device)
    p.drawRoundedRect(r, 10, 10)
    # The contactless mark: three arcs.
    p.setPen(QPen(QColor("#FFFFFF") if c.device != c.back else c.ink, 4))
    p.setBrush(Qt.BrushStyle.NoBrush)
    centre = r.center()
    for k in range(3):
        rad = 8 + k * 8
        p.drawArc(QRectF(centre.x() - rad, centre.y() - rad, rad * 2, rad * 2), -45 * 16, 90 * 16)


def _scanner(p: QPainter, r: QRectF, c: _Colours) -> None:
    p.setPen(QPen(c.device_edge, 4))
    p.setBrush(c.device)
    p.drawRoundedRect(r, 10, 10)
    window = QRectF(r.left() + 14, r.top() + 10, r.width() - 28, 12)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(c.beam)
    p.drawRoundedRect(window, 4, 4)


def _camera(p: QPainter, r: QRectF, c: _Colours) -> QRectF:
    """The platform, and the camera head over it on its arm; returns the platform."""
    p.setPen(QPen(c.device_edge, 4))
    p.setBrush(QBrush(c.back))
    p.drawRoundedRect(r, 6, 6)
    arm_x = r.left() + 14
    head = QRectF(r.center().x() - 30, r.top() - 70, 60, 26)
    p.setPen(QPen(c.device_edge, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(arm_x, r.top()), QPointF(arm_x, head.center().y()))
    p.drawLine(QPointF(arm_x, head.center().y()), QPointF(head.left(), head.center().y()))
    p.setPen(QPen(c.device_edge, 4))
    p.setBrush(c.device)
    p.drawRoundedRect(head, 6, 6)
    p.setBrush(c.beam)
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(QPointF(head.center().x(), head.bottom() - 2), 7, 5)
    return r


def _paper(p: QPainter, centre: QPointF, c: _Colours) -> None:
    r = QRectF(0, 0, 70, 96)
    r.moveCenter(centre)
    p.setPen(QPen(c.ink, 4))
    p.setBrush(QBrush(c.paper))
    p.drawRect(r)
    p.setPen(QPen(c.ink, 3))
    for i in range(5):
        y = r.top() + 16 + i * 15
        p.drawLine(QPointF(r.left() + 9, y), QPointF(r.right() - 9, y))


def draw_scene(p: QPainter, kind: str, placement: str, c: _Colours, corner: str = "bottom-right") -> None:
    """Draw ``kind`` in the 400 × 300 units of the picture."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if kind == "can":
        _can_card(p, c, corner)
        return
    screen, device = LAYOUTS.get(placement, LAYOUTS["below-right"])
    _screen(p, screen, c)
    if kind in ("card", "qr"):
        (_reader if kind == "card" else _scanner)(p, device, c)
        # The card larger than the device beneath it: the card is what to look for.
        item = QPointF(device.center().x(), device.top() - 96)
        r = _card(p, item, c, qr=kind == "qr", scale=1.7)
        x = device.center().x()
        _arrow(p, QPointF(x, r.bottom() + 2), QPointF(x, device.top() - 2), c.arrow, 12)
    else:  # paper
        platform = _camera(p, device, c)
        item = QPointF(platform.right() - 44, platform.top() - 96)
        _paper(p, item, c)
        _arrow(
            p,
            QPointF(item.x() - 24, item.y() + 54),
            QPointF(platform.center().x() + 24, platform.center().y() + 6),
            c.arrow,
            12,
        )


def _can_card(p: QPainter, c: _Colours, corner: str) -> None:
    """The card's front, large, with the six digits circled where ``corner`` says."""
    r = QRectF(24, 26, 352, 222)  # ID-1 proportions
    p.setPen(QPen(c.ink, 5))
    p.setBrush(QBrush(c.card))
    p.drawRoundedRect(r, 18, 18)
    # Emblem, photo and lines of text, as on the card: enough to recognise the front.
    p.setPen(QPen(c.ink, 3))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(r.left() + 36, r.top() + 36), 20, 20)
    photo = QRectF(r.left() + 18, r.top() + 70, 62, 84)
    p.drawRect(photo)
    p.drawEllipse(QPointF(photo.center().x(), photo.top() + 30), 14, 16)
    p.setPen(QPen(c.ink, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for i, share in enumerate((0.9, 0.8, 0.6, 0.75, 0.5)):
        y = r.top() + 24 + i * 26
        x0 = r.left() + 100
        p.drawLine(QPointF(x0, y), QPointF(x0 + (r.right() - 24 - x0) * share, y))
    # The six digits: boxes, not real digits (a citizen must type their own card's).
    digits = QRectF(0, 0, 126, 30)
    right = corner.endswith("right")
    bottom = corner.startswith("bottom")
    digits.moveLeft(r.right() - 26 - digits.width() if right else r.left() + 24)
    digits.moveTop(r.bottom() - 22 - digits.height() if bottom else r.top() + 10)
    if not bottom and not right:
        digits.moveLeft(r.left() + 70)  # clear of the emblem
    p.setPen(QPen(c.ink, 2))
    p.setBrush(c.ink)
    box = digits.width() / 6
    for i in range(6):
        cell = QRectF(digits.left() + i * box + 3, digits.top() + 4, box - 6, digits.height() - 8)
        p.drawRoundedRect(cell, 3, 3)
    ring = digits.adjusted(-20, -14, 20, 14)
    p.setPen(QPen(c.circle, 8))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(ring)


class PlacementPicture(QWidget):
    """One picture: ``kind`` is card, qr, paper or can; ``placement`` a [guide] place."""

    def __init__(
        self,
        kind: str,
        placement: str = "below-right",
        *,
        palette: Callable[[], Any],
        picture: str | None = None,
        motion: bool = False,
        corner: str = "bottom-right",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"unknown picture kind {kind!r}")
        self.kind, self.placement, self.corner = kind, placement, corner
        self._palette = palette
        self.setObjectName(f"placement_{kind}")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # Small enough to sit beside a step's words at 150 % text on a portrait screen.
        self.setMinimumSize(200, 150)
        # A stop for keypad and speech users (its name says what it shows); and the first
        # focus on arrival, so a short landscape page scrolls to the picture, not past it.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.supplied: QPixmap | None = None
        self._svg: Any = None
        self.movie: QMovie | None = None
        if picture:
            self._load(Path(picture), motion)

    # --- the integrator's own picture ---------------------------------------------------------
    def _load(self, path: Path, motion: bool) -> None:
        try:
            if path.suffix.lower() == ".svg":
                from PySide6.QtSvg import QSvgRenderer

                renderer = QSvgRenderer(str(path), self)
                if renderer.isValid():
                    self._svg = renderer
                    return
            elif motion:
                movie = QMovie(str(path), parent=self)
                if movie.isValid() and movie.frameCount() != 1:
                    movie.frameChanged.connect(self.update)
                    self.movie = movie
                    movie.start()
                    return
                movie.deleteLater()
            reader = QImageReader(str(path))  # the first frame of a loop, standing still
            image = reader.read()
            if not image.isNull():
                self.supplied = QPixmap.fromImage(image)
                return
            log.error("guide_picture_unreadable", kind=self.kind, error=reader.errorString())
        except Exception as e:  # noqa: BLE001 - a bad file must not cost the citizen the picture
            log.error("guide_picture_failed", kind=self.kind, error_type=type(e).__name__)

    @property
    def drawn(self) -> bool:
        """True when the kiosk draws the picture itself (nothing supplied, or it was unreadable)."""
        return self.supplied is None and self._svg is None and self.movie is None

    # --- size and painting ---------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(440, 330)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return int(width * H / W)

    def _frame(self) -> QRectF:
        scale = min(self.width() / W, self.height() / H)
        w, h = W * scale, H * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, _event: Any) -> None:  # noqa: N802
        c = _Colours(self._palette())
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            frame = self._frame()
            p.setPen(QPen(c.ink, 2))
            p.setBrush(QBrush(c.back))
            p.drawRoundedRect(frame.adjusted(1, 1, -1, -1), 12, 12)
            if self._svg is not None:
                self._svg.render(p, frame.adjusted(8, 8, -8, -8))
            elif self.movie is not None or self.supplied is not None:
                pix = self.movie.currentPixmap() if self.movie is not None else self.supplied
                assert pix is not None
                size = pix.size().scaled(frame.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRectF(0, 0, size.width(), size.height())
                target.moveCenter(frame.center())
                p.drawPixmap(target.toRect(), pix)
            else:
                p.translate(frame.topLeft())
                p.scale(frame.width() / W, frame.height() / H)
                draw_scene(p, self.kind, self.placement, c, self.corner)
        finally:
            p.end()


class PlacementGuide(QFrame):
    """A picture and its words: what to do, and where the device is on this kiosk."""

    def __init__(
        self,
        kind: str,
        guide: Any,
        palette: Callable[[], Any],
        message: Callable[..., str],
        parent: QWidget | None = None,
        *,
        words_below: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"guide_{kind}")
        self._message = message
        # False where the screen puts the words beside the picture itself (:meth:`where_text`):
        # the identify step's own numbered steps already say what to do.
        self.words_below = words_below
        placement, picture = {
            "card": (guide.card_reader, guide.card_reader_picture),
            "qr": (guide.scanner, guide.scanner_picture),
            "paper": (guide.camera, guide.camera_picture),
            "can": ("", None),
        }[kind]
        self.kind, self.placement = kind, placement
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        self.picture = PlacementPicture(
            kind,
            placement or "below-right",
            palette=palette,
            picture=picture,
            motion=guide.motion,
            corner=guide.can_corner,
        )
        # Large enough to read from a step back, small enough that the words stay in view
        # with it on a landscape screen.
        self.picture.setMaximumHeight(250)
        lay.addWidget(self.picture, 1)
        self.caption = QLabel()
        self.caption.setObjectName(f"guide_{kind}_caption")
        self.caption.setProperty("role", "body")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.caption)
        self.caption.setVisible(words_below and kind != "can")
        self.retranslate()

    def retranslate(self) -> None:
        m = self._message
        if self.kind == "can":
            words = m("wizard.guide.can_picture")
            self.caption.setText("")
            where_words = ""
        else:
            what = m(f"wizard.guide.{self.kind}")
            where = m(f"wizard.guide.{self.placement.replace('-', '_')}")
            where_words = m("wizard.guide.where", where=where)
            self.caption.setText(f"{what}\n{where_words}")
            words = what
        self.picture.setAccessibleName(m("wizard.guide.picture_of", what=words))
        # Read after the name: where the device is on this kiosk, which the picture shows.
        self.picture.setAccessibleDescription(where_words)
        self.picture.update()

    def where_text(self) -> str:
        """Where the device is on this kiosk ("Below the screen, on the right"), for a screen
        that shows the words beside the picture, under the step they place; empty for the CAN
        picture. No "on this kiosk" before it there: under the step, one line, not two."""
        if self.kind == "can":
            return ""
        where = self._message(f"wizard.guide.{self.placement.replace('-', '_')}")
        return where[:1].upper() + where[1:]


def can_prompt(corner: str, message: Callable[..., str]) -> str:
    """The CAN prompt's words, naming the corner the picture circles."""
    return message("wizard.guide.can", corner=message(f"wizard.guide.corner.{corner.replace('-', '_')}"))


__all__ = ["KINDS", "LAYOUTS", "PlacementGuide", "PlacementPicture", "can_prompt", "draw_scene"]
