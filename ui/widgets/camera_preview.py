"""Live camera preview with the detected outline drawn over it and the quality hint in words.

Feed it from :class:`ui.devices.camera.CameraController`::

    cam.frameReady.connect(preview.show_frame)

The outline is green while the page is steady and good (with the auto-capture progress
along it), amber when a quality hint is showing, absent when no document is seen. QR codes
the camera reads are outlined in blue. The hint comes from the domain message catalog in
the widget's language (``set_language``); everything is painted, nothing is a child widget,
so a screen can lay buttons over or around it freely.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.messages import text as message
from ui.devices.camera import PreviewInfo

GOOD = QColor(46, 160, 67)
ADJUST = QColor(230, 150, 20)
QR = QColor(40, 110, 220)


class CameraPreview(QWidget):
    # The guidance in words changed ("đưa giấy sang trái", "giữ yên"): speech says it.
    hint_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, lang: str = "vi"):
        super().__init__(parent)
        self.setObjectName("cameraPreview")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 180)
        self.lang = lang
        self._image: QImage | None = None
        self._info: PreviewInfo | None = None
        self._hint = ""
        self.frames_shown = 0
        self._aspect = 0.75

    # -- API -------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.update()

    def show_frame(self, image: QImage, info: PreviewInfo | None = None) -> None:
        self._image = image
        self._info = info
        if image.width() > 0:
            self._aspect = image.height() / image.width()
        self.frames_shown += 1
        hint = self.hint_text()
        if hint != self._hint:
            self._hint = hint
            if hint:
                self.hint_changed.emit(hint)
        self.update()

    def clear(self) -> None:
        self._image, self._info = None, None
        self._hint = ""
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # As wide as its bound allows: a screen that bounds the width to the picture's proportions
        # at the height it gives (and centres it) gets the whole picture, without dark bands.
        wide = self.maximumWidth() if self.maximumWidth() < 16777215 else 640
        return QSize(wide, max(self.minimumHeight(), round(wide * self.aspect())))

    def aspect(self) -> float:
        """Height over width of the camera's frames (4:3 until the first frame says otherwise;
        kept when the picture is cleared, so that the next camera opens at the same size)."""
        return self._aspect

    def hint_text(self) -> str:
        """The words currently shown under the picture ("" when none)."""
        r = self._info.result if self._info is not None else None
        if r is None:
            return ""
        if r.state == "steady":
            return message("camera.hold_still", self.lang)
        if r.hint:
            return message(r.hint, self.lang, page=r.pages)
        return ""

    def outline_color(self) -> QColor | None:
        r = self._info.result if self._info is not None else None
        if r is None or r.detection is None:
            return None
        return GOOD if r.quality.ok else ADJUST

    # -- painting --------------------------------------------------------------------------
    def _target(self) -> tuple[QRectF, float]:
        assert self._image is not None
        iw, ih = self._image.width(), self._image.height()
        s = min(self.width() / iw, self.height() / ih)
        w, h = iw * s, ih * s
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h), s

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(20, 20, 20))
        if self._image is None:
            p.end()
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect, s = self._target()
        p.drawImage(rect, self._image)
        info = self._info
        if info is not None:
            r = info.result
            k = s * info.scale  # frame pixels -> widget pixels
            if r is not None and r.detection is not None:
                color = self.outline_color() or ADJUST
                poly = QPolygonF(
                    [QPointF(rect.x() + x * k, rect.y() + y * k) for x, y in r.detection.corners]
                )
                p.setPen(QPen(color, max(3.0, self.width() / 250)))
                p.drawPolygon(poly)
                if r.state == "steady" and r.progress > 0:
                    c = poly.boundingRect().center()
                    rad = min(poly.boundingRect().width(), poly.boundingRect().height()) / 6
                    p.setPen(QPen(GOOD, rad / 4))
                    p.drawArc(
                        QRectF(c.x() - rad, c.y() - rad, 2 * rad, 2 * rad),
                        90 * 16,
                        int(-360 * 16 * r.progress),
                    )
            for outline in info.qr_outlines:
                p.setPen(QPen(QR, 3))
                p.drawPolygon(QPolygonF([QPointF(rect.x() + x * s, rect.y() + y * s) for x, y in outline]))
        hint = self.hint_text()
        if hint:
            f = QFont(self.font())
            f.setPixelSize(max(24, self.height() // 16))  # read from a step back, by old eyes too
            f.setBold(True)
            p.setFont(f)
            band = QRectF(0, self.height() - f.pixelSize() * 2.4, self.width(), f.pixelSize() * 2.4)
            p.fillRect(band, QColor(0, 0, 0, 170))
            p.setPen(QColor(255, 255, 255))
            p.drawText(band, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, hint)
        p.end()
