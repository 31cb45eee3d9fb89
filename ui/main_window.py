"""The kiosk window: bars, the screen stack, the overlay, the session clock and the safety net.

The Qt-free :class:`kiosk.app_state.controller.Controller` decides (which screen, when a
session starts and ends); this window renders its decisions. Session screens are built
lazily and thrown away at the end of every session, so nothing a citizen typed or was shown
can survive in the widget tree: the next citizen gets fresh widgets.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPixmapCache
from PySide6.QtWidgets import QApplication, QBoxLayout, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.app_state.controller import Controller
from kiosk.app_state.exit_guard import ExitGuard
from kiosk.app_state.inactivity import InactivityClock, Phase
from kiosk.app_state.screens import ScreenInfo, ScreenMachine, Transition
from kiosk.app_state.session import Session
from kiosk.config import KioskConfig
from kiosk.logs import get_logger
from kiosk.messages import text as message_text
from kiosk.speech.scripts import Utterance
from ui.display import DisplayPrefs
from ui.input_guard import InputGuard
from ui.overlay import OverlayLayer
from ui.safety_net import SafetyNet
from ui.screens.base import Screen
from ui.screens.registry import ScreenRegistry, default_registry
from ui.services import Services
from ui.speech.controller import SpeechController, TouchStopsSpeech
from ui.speech.keypad import KeypadNavigator, focusable, prepare
from ui.status import StatusModel
from ui.theme import load_fonts, stylesheet
from ui.widgets import accessible
from ui.widgets.bars import AccessBar, SessionBar, TopBar
from ui.widgets.camera_preview import CameraPreview
from ui.widgets.cards import FinishCard, StaffExitCard, TimeoutCard
from ui.widgets.focus_style import focus_stylesheet

log = get_logger(__name__)


def _said(text: str) -> Utterance:
    # Already passed the privacy filter once: spoken again as it was.
    return Utterance(text)


class MainWindow(QWidget):
    first_painted = Signal()
    exit_requested = Signal()  # staff exit granted

    def __init__(
        self,
        config: KioskConfig,
        *,
        kiosk_mode: bool,
        registry: ScreenRegistry | None = None,
        clock: Callable[[], float] = time.monotonic,
        install_safety_net: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.config = config
        self.kiosk_mode = kiosk_mode
        self.registry = registry or default_registry()
        self._exit_allowed = not kiosk_mode
        self._painted = False
        self._closed = False
        self._error_deadline = 0.0
        self._clock = clock
        self._arriving = False
        load_fonts()
        accessible.install()

        self.prefs = DisplayPrefs(
            config.kiosk.default_language, config.ui.text_scale, config.ui.high_contrast, self
        )
        self.status = StatusModel(self)
        self.session = Session(clock)
        # Live services (central, outbox + sync, devices): built on first use, started by ui/app.py.
        self.services = Services(config, self.session, self)
        machine = ScreenMachine("attract")
        for spec in self.registry.specs.values():
            machine.register(ScreenInfo(spec.id, spec.in_session))
        s = config.session
        self.controller = Controller(
            machine, self.session, InactivityClock(s.inactivity_timeout_s, s.warning_s, clock)
        )
        self.exit_guard = ExitGuard(config.ui.exit_code, demo=config.is_demo)
        self.screens: dict[str, Screen] = {}

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        agency = config.ui.agency_name or ""
        self.top_bar = TopBar(agency, self.status, self.prefs)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        self.session_bar = SessionBar()
        self.session_bar.back.connect(self.back)
        self.session_bar.finish.connect(self.ask_finish)
        self.session_bar.help.connect(self.ask_help)
        self.access_bar = AccessBar(self.prefs, list(config.kiosk.languages))
        lay.addWidget(self.top_bar)
        # Portrait: the session bar above the access bar, under the screen; landscape: the
        # session bar is a rail left of the screen, so that the screen keeps the height.
        self.middle = QHBoxLayout()
        self.middle.setSpacing(0)
        self.middle.addWidget(self.stack, 1)
        lay.addLayout(self.middle, 1)
        self.bottom = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.bottom.setSpacing(0)
        self.bottom.addWidget(self.session_bar, 1)
        self.bottom.addWidget(self.access_bar, 1)
        lay.addLayout(self.bottom)
        self._rail: bool | None = None
        self.overlay = OverlayLayer(self)
        self._timeout_card: TimeoutCard | None = None
        self._setup_speech()

        self.prefs.changed.connect(self.apply_style)
        # After the bars retranslated (Qt's LanguageChange comes first): the rail's width.
        self.prefs.language_changed.connect(lambda _l: self.arrange_bars())
        self.apply_style()
        machine.subscribe(self._on_transition)
        self.session.register_wipe(self._wipe_ui, name="ui.main_window")

        self.safety_net = SafetyNet(lambda: self.controller.machine.current, self)
        self.safety_net.incident.connect(self.show_incident, Qt.ConnectionType.QueuedConnection)
        if install_safety_net:
            self.safety_net.install()
        self.input_guard = InputGuard(kiosk_mode, self)
        self.input_guard.activity.connect(self.controller.touch)
        self.input_guard.staff_chord.connect(self.open_staff_exit)
        QApplication.instance().installEventFilter(self.input_guard)

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()
        # Anonymous service figures: one batch of events per session, through the outbox.
        from ui import monitoring

        self.monitoring = monitoring.attach(self)
        self.controller.machine.to_safe("reset")

    # --- the shell API screens use -------------------------------------------------------
    def navigate(self, screen_id: str) -> None:
        self.controller.navigate(screen_id)

    def back(self) -> None:
        # A screen with inner pages (one question per page, a camera panel) steps back inside first.
        handler = getattr(self.current_screen, "handle_back", None)
        if callable(handler) and handler():
            return
        self.controller.back()

    def finish(self) -> None:
        self.controller.finish("finish")

    def ask_finish(self) -> None:
        """The session bar's "Finish": confirm on the overlay, then finish."""
        card = FinishCard()
        card.confirmed.connect(self.finish)
        card.cancelled.connect(self.overlay.close_card)
        self.overlay.show_card(card, "finish")

    def message(self, code: str, **values: object) -> str:
        return message_text(code, self.prefs.language, **values)

    def page(self, screen_id: str) -> Screen:
        """The screen's widget, built on first use."""
        if screen_id not in self.screens:
            widget = self.registry.specs[screen_id].factory(self)
            self.screens[screen_id] = widget
            self.stack.addWidget(widget)
        return self.screens[screen_id]

    @property
    def current_screen(self) -> Screen | None:
        cur = self.controller.machine.current
        return self.screens.get(cur) if cur else None

    # --- rendering decisions ---------------------------------------------------------------
    def ask_help(self) -> None:
        """A help request to the counter from whatever screen the citizen is on; nothing is lost."""
        from ui.screens.journeys_common import open_help_card

        open_help_card(self, self.controller.machine.current or "home")

    def apply_style(self) -> None:
        self.setStyleSheet(
            stylesheet(self.prefs.palette, self.prefs.scale) + focus_stylesheet(self.prefs.palette)
        )
        # The bars' words changed size: what fits on one line may have changed (again once
        # the new fonts have reached every button).
        self.arrange_bars()
        QTimer.singleShot(0, self.arrange_bars)

    # --- speech, keypad, assistive technology -------------------------------------------------
    def _setup_speech(self) -> None:
        self.speech = SpeechController(self.config.speech, lambda: self.prefs.language, parent=self)
        self.keypad = KeypadNavigator(self, self.focus_roots, self)
        self.keypad.used.connect(self._speech_on)
        self.keypad.repeat.connect(self.speech.repeat)
        self.keypad.help.connect(self.speech.help)
        self.keypad.louder.connect(self.speech.louder)
        self.keypad.softer.connect(self.speech.softer)
        self.keypad.slower.connect(self.speech.toggle_slow)
        self.keypad.read_all.connect(self._read_all)
        self.access_bar.listen.connect(self.listen)
        self.access_bar.volume.connect(self._cycle_volume)
        self.access_bar.slower.connect(self._toggle_slow)
        self.speech.volume_changed.connect(self.access_bar.set_volume_step)
        self.speech.slow_changed.connect(self.access_bar.set_slow)
        self.speech.active_changed.connect(self._speech_mode)
        # After the screens have retranslated (LanguageChange is a posted event).
        self.prefs.language_changed.connect(lambda _l: QTimer.singleShot(0, self._rename_fields))
        # Actions through assistive technology arrive through no input event: count them here.
        accessible.hub.activity.connect(self.controller.touch)
        self.overlay.opened.connect(self._overlay_opened)
        self.session.register_wipe(self.speech.reset, name="ui.speech")
        self._touch_stops = TouchStopsSpeech(self.speech, self)
        app = QApplication.instance()
        app.installEventFilter(self.keypad)
        app.installEventFilter(self._touch_stops)
        app.focusChanged.connect(self._focus_changed)

    def focus_roots(self) -> list[QWidget]:
        """Where keyboard focus may go now: the overlay card alone while it is open."""
        if self.overlay.card is not None:
            return [self.overlay.card]
        roots: list[QWidget] = [self.top_bar]
        if self.current_screen is not None:
            roots.append(self.current_screen)
        if self.session_bar.isVisible():
            roots.append(self.session_bar)
        roots.append(self.access_bar)
        return roots

    def listen(self) -> None:
        """The "Listen" button: speech mode on, and the current screen read from the start."""
        self.speech.activate()
        self._speak_current()

    def _speech_on(self) -> None:
        if not self.speech.active:
            self.speech.activate()
            self._speak_current()

    def _cycle_volume(self) -> None:
        self.speech.activate()
        self.speech.cycle_volume()

    def _toggle_slow(self) -> None:
        self.speech.activate()
        self.speech.toggle_slow()

    def _speech_mode(self, on: bool) -> None:
        self.controller.clock.set_factor(self.config.speech.speech_timeout_factor if on else 1.0)

    def _speak_current(self) -> None:
        if self.overlay.card is not None:
            self.speech.screen(self.overlay.name, self.overlay.card, overlay=True)
            return
        cur = self.controller.machine.current
        if cur:
            lines = self.speech.screen(cur, self.current_screen)
            focus = QApplication.focusWidget()
            if lines and focus is not None and focus.window() is self:
                self.speech.speak([*map(_said, lines), self.speech.describe(focus)])

    def _arrive(self, screen: Screen) -> None:
        """Focus on arrival: keep what the screen focused itself, else its first control."""
        if self._closed or not shiboken6.isValid(screen) or screen is not self.current_screen:
            return
        prepare(screen)
        for preview in screen.findChildren(CameraPreview):
            if not preview.property("speechHooked"):
                preview.setProperty("speechHooked", True)
                preview.hint_changed.connect(self._guidance)
        if QApplication.activeWindow() is None and self.isVisible():
            self.activateWindow()
        if self.overlay.card is None:
            # The screen's own choice counts even while the window is not yet active (then the
            # application has no focus widget, and the window gives it back on activation).
            focus = QApplication.focusWidget() or screen.focusWidget()
            if focus is None or not screen.isAncestorOf(focus) or not focusable(focus):
                self._arriving = True
                try:
                    self.keypad.focus_first(screen)
                finally:
                    self._arriving = False
        if self.speech.active:
            self._speak_current()

    def _guidance(self, hint: str) -> None:
        if self.speech.active:
            self.speech.guidance(hint)

    def _read_all(self) -> None:
        root = self.overlay.card if self.overlay.card is not None else self.current_screen
        if root is not None:
            self.speech.read_all(root)

    def _rename_fields(self) -> None:
        if not self._closed and self.current_screen is not None:
            prepare(self.current_screen)

    def _overlay_opened(self, name: str) -> None:
        card = self.overlay.card
        if self.speech.active and card is not None:
            lines = self.speech.screen(name, card, overlay=True)
            focus = QApplication.focusWidget()
            if focus is not None and card.isAncestorOf(focus):
                self.speech.speak([*map(_said, lines), self.speech.describe(focus)])

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._arriving or self.overlay.opening or new is None or not self.speech.active:
            return
        if new.window() is self:
            self.speech.focus(new)

    def _on_transition(self, t: Transition) -> None:
        old = self.screens.get(t.previous) if t.previous else None
        new = self.page(t.current)
        if old is not None and old is not new:
            old.on_leave()
        self.stack.setCurrentWidget(new)
        in_session = self.controller.machine.info(t.current).in_session
        self.session_bar.setVisible(in_session)
        if not in_session and self.overlay.name in ("timeout", "finish"):
            self.overlay.close_card()
        new.on_enter()
        QTimer.singleShot(0, lambda: self._arrive(new))
        log.info("screen", to=t.current, reason=t.reason)

    def _wipe_ui(self) -> None:
        """Every trace of the session: screens' contents, the screens themselves, overlay,
        cached pixmaps, the clipboard, and the citizen's display choices."""
        if self.overlay.name in ("timeout", "finish"):
            self.overlay.close_card()
        for sid in [sid for sid in self.screens if self.controller.machine.info(sid).in_session]:
            widget = self.screens.pop(sid)
            try:
                widget.wipe()
            except Exception as e:  # noqa: BLE001 - the screen is thrown away below anyway
                log.error("screen_wipe_failed", screen=sid, error_type=type(e).__name__)
            # Out of the tree at once (not at the next event loop turn), then deleted.
            self.stack.removeWidget(widget)
            widget.setParent(None)
            widget.deleteLater()
        QPixmapCache.clear()
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.prefs.reset()

    # --- the clock -----------------------------------------------------------------------
    def tick(self) -> None:
        self.top_bar.tick()
        phase = self.controller.tick()
        if phase is Phase.WARNING:
            self._show_timeout_warning(self.controller.clock.seconds_shown())
        elif self.overlay.name == "timeout":
            self.overlay.close_card()
        if self.controller.machine.current == "error":
            left = max(0, round(self._error_deadline - self._clock()))
            self.page("error").set_seconds(left)
            if left <= 0:
                self.controller.machine.to_safe("reset")

    def _show_timeout_warning(self, seconds: int) -> None:
        if self.overlay.name != "timeout":
            card = TimeoutCard()
            card.more_time.connect(self._more_time)
            card.finish_now.connect(lambda: self.controller.finish("finish"))
            self.overlay.show_card(card, "timeout")
            self._timeout_card = card
        if self._timeout_card is not None and self.overlay.name == "timeout":
            self._timeout_card.set_seconds(seconds)

    def _more_time(self) -> None:
        self.controller.clock.extend()
        self.overlay.close_card()

    # --- safety net ------------------------------------------------------------------------
    def show_incident(self, reference: str) -> None:
        try:
            self.controller.show_outside_session("error", "error")
            self._error_deadline = self._clock() + self.config.ui.error_screen_s
            self.page("error").show_incident(reference, self.config.ui.error_screen_s)
        except Exception as e:  # noqa: BLE001 - the error path itself failed: at least go home
            log.error("incident_screen_failed", reference=reference, error_type=type(e).__name__)
            self.controller.machine.to_safe("error")

    # --- staff exit ------------------------------------------------------------------------
    def open_staff_exit(self) -> None:
        if not self.exit_guard.available:
            log.warning("staff_exit_unavailable")
            return
        card = StaffExitCard()
        card.submitted.connect(lambda code: self._try_exit(card, code))
        card.cancelled.connect(self.overlay.close_card)
        self.overlay.show_card(card, "staff_exit")
        card.code.setFocus()

    def _try_exit(self, card: StaffExitCard, code: str) -> None:
        if self.exit_guard.check(code):
            self._exit_allowed = True
            self.overlay.close_card()
            self.exit_requested.emit()
            self.close()
        else:
            card.refused(self.exit_guard.locked())

    def resizeEvent(self, event) -> None:
        self.arrange_bars()
        super().resizeEvent(event)

    def arrange_bars(self) -> None:
        """Landscape: the session bar as a rail beside the screen, the header and the access
        bar on one line each where their words fit; portrait: every bar a full-width row."""
        landscape = self.width() > self.height()
        if landscape != self._rail:
            self._rail = landscape
            if landscape:
                self.bottom.removeWidget(self.session_bar)
                self.middle.insertWidget(0, self.session_bar)
            else:
                self.middle.removeWidget(self.session_bar)
                self.bottom.insertWidget(0, self.session_bar, 1)
        rail = min(self.session_bar.rail_width(), self.width() * 28 // 100) if landscape else None
        if rail is None and self.session_bar.maximumWidth() != 16777215:
            self.session_bar.setMinimumWidth(0)
            self.session_bar.setMaximumWidth(16777215)
        elif rail is not None and rail != self.session_bar.maximumWidth():
            self.session_bar.setFixedWidth(rail)
        self.session_bar.set_landscape(landscape)
        self.top_bar.set_landscape(landscape)
        self.access_bar.set_landscape(landscape)

    # --- window lifecycle ----------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        # With no window manager (the kiosk's X session) nothing activates the window, and
        # an inactive window has no focus for the keypad or a screen reader to follow.
        self.activateWindow()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # After this event the backing store is flushed: the first frame is on screen.
            QTimer.singleShot(0, self.first_painted.emit)

    def closeEvent(self, event) -> None:
        if not self._exit_allowed:
            event.ignore()  # kiosk mode: only the staff exit closes the program
            return
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop timers, hooks and filters, and wipe: idempotent."""
        if self._closed:
            return
        self._closed = True
        self.ticker.stop()
        self.controller.finish("reset")
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.input_guard)
            app.removeEventFilter(self.keypad)
            app.removeEventFilter(self._touch_stops)
            app.focusChanged.disconnect(self._focus_changed)
        accessible.hub.activity.disconnect(self.controller.touch)
        self.speech.close()
        self.safety_net.uninstall()
        self.services.stop()
        self.prefs.close()

    def allow_close(self) -> None:
        """For tests and the staff exit: let the next close() through."""
        self._exit_allowed = True
