"""The three bars around every screen: top (office, clock, live status), session (back,
help, finish) and access (language, text size, contrast, speech). Their type grows less than
the page's, so that at 200 % they still fit and stay where the citizen found them.

Landscape gives the content height (issue 17: the bars took 45 % of 1,080 px): the header and
the access bar go onto one line each when their words fit the width, and the session bar
becomes a rail beside the screen (``MainWindow.arrange_bars``). Whatever does not fit on one
line keeps two, so nothing is cut off at 150/200 %."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ui.display import SCALES, DisplayPrefs
from ui.screens.base import WrapButton
from ui.status import StatusModel
from ui.widgets.words import message

ROW = QBoxLayout.Direction.LeftToRight
COLUMN = QBoxLayout.Direction.TopToBottom


def _one_line(lab: QLabel) -> int:
    """The width ``lab``'s text takes on one line, in its font of the moment."""
    fm = lab.fontMetrics()
    return max((fm.horizontalAdvance(x) for x in lab.text().split("\n")), default=0)


def _styled(w: QWidget, name: str) -> None:
    w.setObjectName(name)
    w.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)


ROW_GAP = 32  # px between items that share one line of a bar


class StatusIndicators(QWidget):
    """Network · central · outbox, in words (colour alone says nothing to a colour-blind eye)."""

    updated = Signal()  # a text changed: the header may need its second line back

    def __init__(self, status: StatusModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StatusIndicators")
        self.status = status
        self.box = lay = QBoxLayout(COLUMN, self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.labels = {}
        for name in ("network", "central", "outbox"):
            lab = QLabel()
            lab.setObjectName(f"status_{name}")
            lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            lay.addWidget(lab)
            self.labels[name] = lab
        status.changed.connect(self._update)
        self.retranslate()

    def retranslate(self) -> None:
        for name in self.labels:
            self._update(name)

    def row_width(self) -> int:
        """Width of the indicators side by side on one line."""
        shown = [lab for lab in self.labels.values() if not lab.isHidden() and lab.text()]
        return sum(_one_line(lab) for lab in shown) + ROW_GAP * max(0, len(shown) - 1)

    def set_row(self, row: bool) -> None:
        self.box.setDirection(ROW if row else COLUMN)
        self.box.setSpacing(ROW_GAP if row else 2)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update(self, name: str) -> None:
        ind = self.status.get(name)
        words = {
            "ok": message("screen.status.connected"),
            "connecting": message("screen.status.connecting"),
            "down": message("screen.status.not_connected"),
            "unknown": message("screen.status.checking"),
            "demo": message("screen.status.demo_on_this_kiosk"),
        }
        dots = {"ok": "●", "connecting": "◐", "down": "○", "unknown": "◌", "demo": "●"}
        if name == "network":
            text = message("screen.status.network", n=words[ind.state])
        elif name == "central":
            text = message("screen.status.central_system", n=words[ind.state])
        else:
            # Nobody has reported the outbox yet: say nothing rather than "all sent".
            self.labels[name].setVisible(ind.state != "unknown")
            if ind.count == 0:
                text = message("screen.status.all_dossiers_sent")
            else:
                text = message("screen.status.dossiers_waiting_to_be", n=str(ind.count))
        lab = self.labels[name]
        lab.setText(f"{dots.get(ind.state, '')} {text}" if name != "outbox" else text)
        self.updated.emit()
        lab.setProperty("state", ind.state)
        lab.style().unpolish(lab)
        lab.style().polish(lab)


class _FittingBar(QWidget):
    """A bar that lays itself out again when the orientation, its width or its words change:
    on one line where everything fits, on more lines where it does not. It never asks the
    window for more width than the screen has (its minimum width is 1 px): at 200 % a header
    wider than a portrait screen had made the window wider than the screen (issue 17)."""

    _landscape = False
    _mode: str | None = None  # the arrangement now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(1)

    def mode(self) -> str:
        """Subclasses: the arrangement for the width the bar has now."""
        return ""

    def arrange(self, mode: str) -> None:
        """Subclasses: lay out in ``mode``."""

    def fit(self) -> None:
        mode = self.mode()
        # Only on a change: every Qt call made here costs (see ui.screens.base.FitLabel).
        if mode != self._mode:
            self._mode = mode
            self.arrange(mode)

    def set_landscape(self, landscape: bool) -> None:
        self._landscape = landscape
        self.fit()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit()


class TopBar(_FittingBar):
    def __init__(self, agency: str, status: StatusModel, prefs: DisplayPrefs, parent: QWidget | None = None):
        super().__init__(parent)
        _styled(self, "TopBar")
        self.prefs = prefs
        self._agency_fixed = agency
        self.lay = lay = QHBoxLayout(self)
        lay.setContentsMargins(32, 16, 32, 16)
        lay.setSpacing(ROW_GAP)
        self.left = left = QBoxLayout(COLUMN)
        left.setSpacing(2)
        self.agency = QLabel()
        self.agency.setObjectName("agency_name")
        self.agency.setProperty("role", "agency")
        self.agency.setWordWrap(True)
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        self.clock.setProperty("role", "clock")
        left.addWidget(self.agency)
        left.addWidget(self.clock)
        lay.addLayout(left, 1)
        self.indicators = StatusIndicators(status)
        self.indicators.updated.connect(self.fit)
        lay.addWidget(self.indicators, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.retranslate()

    def retranslate(self) -> None:
        self.agency.setText(self._agency_fixed or message("screen.top.one_stop_service_counter"))
        self.tick()
        self.fit()

    def one_line_width(self) -> int:
        """Office · clock · status on one line, margins included."""
        m = self.lay.contentsMargins()
        words = _one_line(self.agency) + ROW_GAP + _one_line(self.clock)
        return m.left() + m.right() + words + ROW_GAP * 3 + self.indicators.row_width()

    def columns_width(self) -> int:
        """Office over clock, beside the status lines."""
        m = self.lay.contentsMargins()
        left = max(_one_line(self.agency), _one_line(self.clock))
        status = max((_one_line(x) for x in self.indicators.labels.values()), default=0)
        return m.left() + m.right() + left + ROW_GAP + 8 + status  # the gap, and a little slack

    def mode(self) -> str:
        if self._landscape and self.one_line_width() <= self.width():
            return "one"
        if self.columns_width() <= self.width():
            return "columns"
        # Narrow (portrait at 200 %): the status lines under the office and the clock.
        return "stacked"

    def arrange(self, mode: str) -> None:
        one = mode == "one"
        self.lay.setDirection(COLUMN if mode == "stacked" else ROW)
        self.left.setDirection(ROW if one else COLUMN)
        self.left.setSpacing(ROW_GAP if one else 2)
        self.indicators.set_row(one)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        side = Qt.AlignmentFlag.AlignLeft if mode == "stacked" else right
        self.lay.setAlignment(self.indicators, side)
        for lab in self.indicators.labels.values():
            lab.setAlignment(side | Qt.AlignmentFlag.AlignVCenter)
        self.lay.setSpacing(8 if mode == "stacked" else ROW_GAP)
        self.lay.setContentsMargins(32, 8 if one else 16, 32, 8 if one else 16)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def tick(self) -> None:
        # The kiosk's time zone, as on receipts and tracking (never the machine's own setting).
        now = QDateTime.currentDateTime().toTimeZone(QTimeZone(b"Asia/Ho_Chi_Minh"))
        if self.prefs.language == "vi":
            loc = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
            text = loc.toString(now, "HH:mm  ·  dddd, dd/MM/yyyy")
        else:
            loc = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
            text = loc.toString(now, "HH:mm  ·  dddd d MMMM yyyy")
        self.clock.setText(text)


class SessionBar(_FittingBar):
    back = Signal()
    help = Signal()  # "Ask for staff help": on every session screen, keeps the session as it is
    finish = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _styled(self, "SessionBar")
        self.lay = lay = QBoxLayout(ROW, self)
        lay.setContentsMargins(32, 12, 32, 12)
        # Their words wrap rather than being cut where a portrait row at 200 % is too narrow.
        self.back_btn = WrapButton()
        self.back_btn.setObjectName("back")
        self.finish_btn = WrapButton()
        self.finish_btn.setObjectName("finish")
        # Secondary on purpose: the loudest button of a screen is its way on, never the one
        # that throws the citizen's work away (it asks once, with "continue" the big answer).
        self.help_btn = WrapButton()
        self.help_btn.setObjectName("session_help")
        self.back_btn.clicked.connect(self.back)
        self.help_btn.clicked.connect(self.help)
        self.finish_btn.clicked.connect(self.finish)
        lay.addWidget(self.back_btn)
        lay.addStretch(1)
        lay.addWidget(self.help_btn)
        lay.addStretch(1)
        lay.addWidget(self.finish_btn)
        self.retranslate()

    def buttons(self) -> tuple[WrapButton, ...]:
        return (self.back_btn, self.help_btn, self.finish_btn)

    def mode(self) -> str:
        if self._landscape:
            return "rail"
        need = sum(b.sizeHint().width() for b in self.buttons()) + 2 * 24
        return "row" if need + 2 * 32 <= self.width() else "tight"

    def arrange(self, mode: str) -> None:
        """A row under the screen (portrait; narrower margins when the words need the room),
        or a rail beside it (landscape): back at the top, finish at the bottom, each button
        the rail's width."""
        rail = mode == "rail"
        self.lay.setDirection(COLUMN if rail else ROW)
        margins = {"rail": (16, 20, 16, 20), "row": (32, 12, 32, 12), "tight": (8, 12, 8, 12)}[mode]
        self.lay.setContentsMargins(*margins)
        self.lay.setSpacing(24 if mode != "tight" else 8)
        horizontal = QSizePolicy.Policy.Expanding if rail else QSizePolicy.Policy.Preferred
        for b in self.buttons():
            b.set_policy(horizontal, QSizePolicy.Policy.Fixed)
        self.setProperty("side", "left" if rail else "bottom")
        self.style().unpolish(self)
        self.style().polish(self)

    def rail_width(self) -> int:
        """The rail's width: its widest button on one line, with the rail's margins."""
        return max(b.sizeHint().width() for b in self.buttons()) + 32

    def retranslate(self) -> None:
        self.back_btn.setText(message("screen.session.back"))
        self.help_btn.setText(message("screen.common.ask_staff_help"))
        self.finish_btn.setText(message("screen.session.finish_clear_my_data"))
        self.fit()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class AccessBar(_FittingBar):
    """Language names are written in their own language, so they need no translation.

    The second row is voice guidance: "Listen" (speech mode on, and the screen read again),
    volume in three steps, and slower speech. Language and text size are exclusive groups,
    so assistive technology sees them as radio buttons."""

    listen = Signal()
    volume = Signal()
    slower = Signal()

    def __init__(self, prefs: DisplayPrefs, languages: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        _styled(self, "AccessBar")
        self.prefs = prefs
        self.rows = rows = QBoxLayout(COLUMN, self)
        rows.setContentsMargins(20, 12, 20, 12)
        rows.setSpacing(10)
        self.first = lay = QHBoxLayout()
        lay.setSpacing(10)
        rows.addLayout(lay)
        # Where high contrast goes when the first row is too narrow for it (portrait at 200 %).
        self.middle = QHBoxLayout()
        self.middle.setSpacing(10)
        rows.addLayout(self.middle)
        self.lang_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        names = {"vi": "Tiếng Việt", "en": "English"}
        for lang in languages:
            b = QPushButton(names[lang])
            b.setObjectName(f"lang_{lang}")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, lg=lang: prefs.set_language(lg))
            group.addButton(b)
            lay.addWidget(b)
            self.lang_buttons[lang] = b
        lay.addStretch(1)
        self.size_buttons: dict[int, QPushButton] = {}
        sizes = QButtonGroup(self)
        for scale in SCALES:
            b = QPushButton("A")
            b.setObjectName(f"text_size_{scale}")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, s=scale: prefs.set_scale(s))
            sizes.addButton(b)
            lay.addWidget(b)
            self.size_buttons[scale] = b
        lay.addStretch(1)
        self.contrast = QPushButton()
        self.contrast.setObjectName("high_contrast")
        self.contrast.setCheckable(True)
        self.contrast.clicked.connect(lambda on: prefs.set_high_contrast(on))
        lay.addWidget(self.contrast)
        self.speech_row = speech = QHBoxLayout()
        speech.setSpacing(10)
        rows.addLayout(speech)
        self.listen_btn = QPushButton()
        self.listen_btn.setObjectName("listen")
        self.listen_btn.clicked.connect(self.listen)
        self.volume_btn = QPushButton()
        self.volume_btn.setObjectName("speech_volume")
        self.volume_btn.clicked.connect(self.volume)
        self.slow_btn = QPushButton()
        self.slow_btn.setObjectName("speech_slow")
        self.slow_btn.setCheckable(True)
        self.slow_btn.clicked.connect(self.slower)
        speech.addWidget(self.listen_btn, 2)
        speech.addWidget(self.volume_btn, 1)
        speech.addWidget(self.slow_btn, 1)
        self._volume_step = 2
        prefs.changed.connect(self.sync)
        prefs.language_changed.connect(lambda _l: self.sync())
        self.retranslate()
        self.sync()

    def _row_width(
        self, buttons: list[QPushButton], gaps: int = 0, *, spacing: int = 10, margin: int = 20
    ) -> int:
        shown = [b for b in buttons if not b.isHidden()]
        return sum(b.sizeHint().width() for b in shown) + spacing * (len(shown) + gaps) + 2 * margin

    def one_row_width(self) -> int:
        """Every control on one row at its natural width, with spacing and margins."""
        return self._row_width(self.findChildren(QPushButton), 3)

    def mode(self) -> str:
        if self._landscape and self.one_row_width() <= self.width():
            return "one"
        # Landscape with three checked keys (language, size, high contrast: each check mark
        # takes 42 px more) at 150 %: tighter gaps keep one row, where a second row cost every
        # landscape page 130 px of height (the home screen's last tiles under the fold).
        if (
            self._landscape
            and self._row_width(self.findChildren(QPushButton), 3, spacing=6, margin=8) <= self.width()
        ):
            return "one_tight"
        first = [*self.lang_buttons.values(), *self.size_buttons.values(), self.contrast]
        if self._row_width(first, 1) <= self.width():
            return "two"
        if self._row_width(first, 1, spacing=6, margin=8) <= self.width():
            return "two_tight"
        # Contrast at the end of the speech row where they fit together: a row of its own cost
        # every portrait screen at 150 % a row's height, which pushed keyboards under the fold.
        if self._row_width([self.listen_btn, self.volume_btn, self.slow_btn, self.contrast]) <= self.width():
            return "speech"
        return "three"

    def arrange(self, mode: str) -> None:
        """One row (landscape, when everything fits), two (language, size and contrast; then
        speech; tighter where a portrait screen is just too narrow for the first; or contrast
        at the end of the speech row), or three (contrast on a row of its own: portrait at
        200 %)."""
        one = mode in ("one", "one_tight")
        self.rows.setDirection(ROW if one else COLUMN)
        tight = mode in ("two_tight", "one_tight")
        self.rows.setSpacing((ROW_GAP if mode == "one" else 6) if one else 10)
        self.rows.setContentsMargins(8 if tight else 20, 12, 8 if tight else 20, 12)
        self.first.setSpacing(6 if tight else 10)
        self.speech_row.setSpacing(6 if mode == "one_tight" else 10)
        self.first.removeWidget(self.contrast)
        self.middle.removeWidget(self.contrast)
        self.speech_row.removeWidget(self.contrast)
        if mode == "three":
            self.middle.addWidget(self.contrast)
            self.middle.addStretch(1)
        else:
            while self.middle.count():
                self.middle.takeAt(0)
            (self.speech_row if mode == "speech" else self.first).addWidget(self.contrast)
        # On its own row "Listen" gets the most room; sharing a row, each button its words'
        # width (Qt shares by stretch first, which cut "Slower speech" short).
        for i, stretch in enumerate((0, 0, 0) if one or mode == "speech" else (2, 1, 1)):
            self.speech_row.setStretch(i, stretch)

    def sync(self) -> None:
        for lang, b in self.lang_buttons.items():
            b.setChecked(lang == self.prefs.language)
        for scale, b in self.size_buttons.items():
            b.setChecked(scale == self.prefs.scale)
        self.contrast.setChecked(self.prefs.high_contrast)

    def set_volume_step(self, step: int) -> None:
        self._volume_step = step
        self.volume_btn.setText(message("screen.access.volume", n=str(step)))
        self.volume_btn.setAccessibleName(message("screen.access.volume_name", n=str(step)))

    def set_slow(self, slow: bool) -> None:
        self.slow_btn.setChecked(slow)

    def retranslate(self) -> None:
        self.listen_btn.setText(message("screen.access.listen"))
        self.listen_btn.setAccessibleName(message("screen.access.listen_name"))
        self.slow_btn.setText(message("screen.access.slower_speech"))
        self.set_volume_step(self._volume_step)
        self.contrast.setText(message("screen.access.high_contrast"))
        self.contrast.setAccessibleName(message("screen.access.high_contrast_name"))
        for scale, name in zip(
            SCALES,
            (
                message("screen.access.normal_text"),
                message("screen.access.larger_text"),
                message("screen.access.largest_text"),
            ),
            strict=True,
        ):
            self.size_buttons[scale].setAccessibleName(name)
            self.size_buttons[scale].setToolTip(name)
        self.fit()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
