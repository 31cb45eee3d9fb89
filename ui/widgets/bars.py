"""The three bars around every screen: top (office, clock, live status), session (back,
finish) and access (language, text size, contrast). Their sizes do not scale with the text
size, so that at 200 % they still fit and stay where the citizen found them."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.display import SCALES, DisplayPrefs
from ui.status import StatusModel


def _styled(w: QWidget, name: str) -> None:
    w.setObjectName(name)
    w.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)


class StatusIndicators(QWidget):
    """Network · central · outbox, in words (colour alone says nothing to a colour-blind eye)."""

    def __init__(self, status: StatusModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StatusIndicators")
        self.status = status
        lay = QVBoxLayout(self)
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

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update(self, name: str) -> None:
        ind = self.status.get(name)
        words = {
            "ok": self.tr("connected"),
            "connecting": self.tr("connecting…"),
            "down": self.tr("not connected"),
            "unknown": self.tr("checking…"),
            "demo": self.tr("demo, on this kiosk"),
        }
        dots = {"ok": "●", "connecting": "◐", "down": "○", "unknown": "◌", "demo": "●"}
        if name == "network":
            text = self.tr("Network: %1").replace("%1", words[ind.state])
        elif name == "central":
            text = self.tr("Central system: %1").replace("%1", words[ind.state])
        else:
            # Nobody has reported the outbox yet: say nothing rather than "all sent".
            self.labels[name].setVisible(ind.state != "unknown")
            if ind.count == 0:
                text = self.tr("All dossiers sent")
            else:
                text = self.tr("Dossiers waiting to be sent: %1").replace("%1", str(ind.count))
        lab = self.labels[name]
        lab.setText(f"{dots.get(ind.state, '')} {text}" if name != "outbox" else text)
        lab.setProperty("state", ind.state)
        lab.style().unpolish(lab)
        lab.style().polish(lab)


class TopBar(QWidget):
    def __init__(self, agency: str, status: StatusModel, prefs: DisplayPrefs, parent: QWidget | None = None):
        super().__init__(parent)
        _styled(self, "TopBar")
        self.prefs = prefs
        self._agency_fixed = agency
        lay = QHBoxLayout(self)
        lay.setContentsMargins(32, 16, 32, 16)
        left = QVBoxLayout()
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
        lay.addWidget(self.indicators, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.retranslate()

    def retranslate(self) -> None:
        self.agency.setText(self._agency_fixed or self.tr("One-stop service counter"))
        self.tick()

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


class SessionBar(QWidget):
    back = Signal()
    help = Signal()  # "Ask for staff help": on every session screen, keeps the session as it is
    finish = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _styled(self, "SessionBar")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(32, 12, 32, 12)
        self.back_btn = QPushButton()
        self.back_btn.setObjectName("back")
        self.finish_btn = QPushButton()
        self.finish_btn.setObjectName("finish")
        # Secondary on purpose: the loudest button of a screen is its way on, never the one
        # that throws the citizen's work away (it asks once, with "continue" the big answer).
        self.help_btn = QPushButton()
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

    def retranslate(self) -> None:
        self.back_btn.setText(self.tr("‹  Back"))
        self.help_btn.setText(self.tr("Ask for staff help"))
        self.finish_btn.setText(self.tr("Finish, clear my data"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class AccessBar(QWidget):
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
        rows = QVBoxLayout(self)
        rows.setContentsMargins(20, 12, 20, 12)
        rows.setSpacing(10)
        lay = QHBoxLayout()
        lay.setSpacing(10)
        rows.addLayout(lay)
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
        speech = QHBoxLayout()
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

    def sync(self) -> None:
        for lang, b in self.lang_buttons.items():
            b.setChecked(lang == self.prefs.language)
        for scale, b in self.size_buttons.items():
            b.setChecked(scale == self.prefs.scale)
        self.contrast.setChecked(self.prefs.high_contrast)

    def set_volume_step(self, step: int) -> None:
        self._volume_step = step
        self.volume_btn.setText(self.tr("Volume %1/3").replace("%1", str(step)))
        self.volume_btn.setAccessibleName(self.tr("Volume, %1 of 3").replace("%1", str(step)))

    def set_slow(self, slow: bool) -> None:
        self.slow_btn.setChecked(slow)

    def retranslate(self) -> None:
        self.listen_btn.setText(self.tr("🔊  Listen"))
        self.listen_btn.setAccessibleName(self.tr("Listen to the guidance"))
        self.slow_btn.setText(self.tr("Slower speech"))
        self.set_volume_step(self._volume_step)
        self.contrast.setText(self.tr("◐  High contrast"))
        self.contrast.setAccessibleName(self.tr("High contrast"))
        for scale, name in zip(
            SCALES, (self.tr("Normal text"), self.tr("Larger text"), self.tr("Largest text")), strict=True
        ):
            self.size_buttons[scale].setAccessibleName(name)
            self.size_buttons[scale].setToolTip(name)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
