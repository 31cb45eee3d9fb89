"""Step 8: rate the service (five drawn faces, an optional reason), then finish: the session is
wiped; if the ID card is still on the reader, the reminder (with a sound) shows over the
attract screen until it is taken (``ui/services.py`` ``remind_card``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from kiosk.logs import get_logger
from ui.screens.base import label, wrap_text
from ui.screens.wizard.base import WizardScreen, button
from ui.theme.theme import px

log = get_logger(__name__)
REASONS = ("easy", "fast", "hard", "slow", "device")
FACE_COLOURS = {1: "#c62828", 2: "#ef6c00", 3: "#616161", 4: "#2e7d32", 5: "#1b5e20"}


def face_icon(score: int, size: int = 120) -> QIcon:
    """A face from frowning (1) to beaming (5), drawn (no emoji font needed)."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = QColor(FACE_COLOURS[score])
    p.setPen(QPen(c, size * 0.06))
    p.setBrush(Qt.BrushStyle.NoBrush)
    m = size * 0.06
    p.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m))
    p.setBrush(c)
    r = size * 0.06
    p.drawEllipse(QPointF(size * 0.36, size * 0.38), r, r)
    p.drawEllipse(QPointF(size * 0.64, size * 0.38), r, r)
    p.setBrush(Qt.BrushStyle.NoBrush)
    curve = (score - 3) / 2.0  # -1 (frown) .. 1 (smile)
    rect = QRectF(size * 0.28, size * (0.50 if curve >= 0 else 0.62), size * 0.44, size * 0.26)
    if abs(curve) < 0.1:
        p.drawLine(QPointF(size * 0.32, size * 0.68), QPointF(size * 0.68, size * 0.68))
    elif curve > 0:
        span = int(180 * 16 * (0.55 + 0.45 * curve))
        p.drawArc(rect, -90 * 16 - span // 2, span)
    else:
        span = int(180 * 16 * (0.55 + 0.45 * -curve))
        p.drawArc(rect, 90 * 16 - span // 2, span)
    p.end()
    return QIcon(pm)


class FaceButton(QToolButton):
    """A face and its words under it; the words wrap at the button's width (a tool button
    never wraps): at the theme's text size "Rất không hài lòng" is wider than a third of a
    landscape page. ``words()`` and the accessible name are the words as given."""

    SIDE = 16  # px of padding and border beside the words

    def __init__(self) -> None:
        super().__init__()
        self._words = ""

    def set_words(self, words: str) -> None:
        self._words = words
        self.setAccessibleName(words)
        self._wrap()

    def words(self) -> str:
        return self._words

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # A tool button's minimum is its one-line size hint: five of them were wider than the
        # page. Narrower is what the wrapping is for: the face and its longest word.
        fm = self.fontMetrics()
        widest = max((fm.horizontalAdvance(w) for w in self._words.split()), default=0)
        hint = super().sizeHint()
        return QSize(max(self.iconSize().width(), widest) + 2 * self.SIDE, hint.height())

    def _wrap(self) -> None:
        room = self.width() - 2 * self.SIDE
        text = wrap_text(self._words, self.fontMetrics(), room) if room > 0 else self._words
        if text != self.text():
            self.setText(text)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._wrap()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._wrap()


class RateScreen(WizardScreen):
    screen_id = "submit_rate"
    step = "rated"

    def build(self) -> None:
        grid = QGridLayout()
        grid.setSpacing(8)  # five faces fit the portrait page's width (at 16 px they stuck out)
        self.faces = {}
        for n in range(1, 6):
            b = FaceButton()
            b.setObjectName(f"rate_{n}")
            b.setCheckable(True)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            b.setIcon(face_icon(n))
            b.setIconSize(QSize(120, 120))
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
            b.setProperty("face", True)
            b.clicked.connect(lambda _=False, v=n: self._rate(v))
            self.faces[n] = b
        self.face_grid = grid
        self.content.addLayout(grid)
        # "Why?" and its reasons in one box.
        self.why_box = QWidget()
        why_lay = QVBoxLayout(self.why_box)
        why_lay.setContentsMargins(0, 0, 0, 0)
        why_lay.setSpacing(24)
        self.why = label("lead", name="rate_why")
        why_lay.addWidget(self.why)
        row = QGridLayout()
        row.setSpacing(16)
        self.reasons = {}
        for i, key in enumerate(REASONS):
            b = button(f"rate_reason_{key}", checkable=True)
            self.reasons[key] = b
            row.addWidget(b, i // 2, i % 2)
        why_lay.addLayout(row)
        self.content.addWidget(self.why_box)
        self.skip = button("rate_skip")
        self.skip.clicked.connect(self.finish)
        self.actions.insertWidget(0, self.skip, 1)
        self.reason_grid = row
        self._where = ""
        self.relayout(True)

    def relayout(self, portrait: bool) -> None:
        """ "Skip" is pinned with "done" (beside it in portrait, above it in landscape): at the
        foot of the page it was under the fold at 150 %. Landscape: the page is under half the
        screen wide, too narrow for five faces side by side (the fifth, "very satisfied", was
        cut off at the page's edge): three and two. In one page, the question, its faces and
        "why?" with its reasons were 400 to 600 px taller than a landscape page: at 100 % "why?"
        and its reasons stand in the action column (widened for them), the page is the
        question and its faces; at 150 % that column has not the height for them (the reasons
        wrap onto two lines), so they stay in the page, three a row (two at 200 %)."""
        # Five a row where they fit; at 200 % a face's longest word ("dissatisfied") is a third
        # of a portrait page wide: two a row.
        large = self.shell.prefs.scale > 150
        per_row = 2 if large else 5 if portrait else 3
        for n, b in self.faces.items():
            self.face_grid.removeWidget(b)
            i = n - 1
            self.face_grid.addWidget(b, i // per_row, i % per_row)
        icon = 120 if portrait else 96
        for b in self.faces.values():
            b.setIconSize(QSize(icon, icon))
        scale = self.shell.prefs.scale
        where = "page" if portrait or scale > 150 else "side" if scale <= 100 else "split"
        if where != self._where:
            self._where = where
            side = self.frame.area.side
            self.frame.set_side_floor(640 if where == "side" else 0)
            self.content.removeWidget(self.why_box)
            side.removeWidget(self.why_box)
            (side if where == "side" else self.content).addWidget(self.why_box)
            # Landscape at 150 %: the question and its five faces fill the page's height; "why?"
            # is optional (it says so), and stands under them, the page scrolling for it
            # alone (the "more below" cue says it is there).
            self.why_box.setProperty("fold_below", where == "split")
        per_row = 2 if where == "side" or large else 3  # at 200 %: "understand" alone is wide
        for i, key in enumerate(REASONS):
            self.reason_grid.removeWidget(self.reasons[key])
            self.reason_grid.addWidget(self.reasons[key], i // per_row, i % per_row)

    def style_extra(self, p: Any) -> None:
        # The words at the theme's smallest text size, scaled like all text (they were a fixed
        # 22 px, below the theme's sizes at every scale).
        size = px(28, self.shell.prefs.scale)
        for b in self.faces.values():
            b.setStyleSheet(
                f"QToolButton {{ font-size: {size}px; font-weight: bold; padding: 6px; border-radius: 14px;"
                f" border: 2px solid {p.border}; background: {p.surface}; color: {p.text}; }}"
                f" QToolButton:checked {{ border: 6px solid {p.primary}; }}"
            )
        self.relayout(self.portrait)

    def refresh(self) -> None:
        j = self.journey
        self.title.setText(self.m("wizard.rate.title"))
        for n, b in self.faces.items():
            b.set_words(self.m(f"wizard.rate.{n}"))
            b.setChecked(j.rating == n)
        self.why.setText(self.m("wizard.rate.why"))
        for key, b in self.reasons.items():
            b.setText(self.m(f"wizard.rate.reason.{key}"))
        self.skip.setText(self.m("wizard.rate.skip"))
        self.next_btn.setText(self.m("wizard.rate.done"))
        self.next_btn.setVisible(j.rating is not None)

    def _rate(self, n: int) -> None:
        self.journey.rating = n
        self.refresh()

    def on_next(self) -> None:
        j = self.journey
        chosen = [k for k, b in self.reasons.items() if b.isChecked()]
        j.rating_reason = ",".join(chosen) or None
        if j.rating is not None:
            try:
                # No personal data: the score, the reasons' codes, the procedure.
                self.services.store.audit.append(
                    "citizen",
                    "service.rating",
                    {"score": j.rating, "reasons": chosen, "procedure": j.procedure or ""},
                )
            except Exception as e:  # noqa: BLE001 - a lost rating must not keep the citizen here
                log.error("rating_not_saved", error_type=type(e).__name__)
            log.info("service_rated", score=j.rating, reasons=len(chosen))
            if (monitoring := getattr(self.shell, "monitoring", None)) is not None:
                monitoring.rating(j.rating, chosen, j.procedure)
        self.finish()

    def finish(self) -> None:
        """Everything of the session is wiped; a card left on the reader gets the reminder
        (``Services.remind_card``, shown over the next screen until the card is taken)."""
        self.shell.finish()


def register(registry: Any) -> None:
    from ui.screens.registry import ScreenSpec

    registry.add(ScreenSpec("submit_rate", RateScreen, capture=False))
