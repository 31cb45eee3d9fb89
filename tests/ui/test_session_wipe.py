"""Session privacy: the inactivity countdown, "I need more time", and a wipe that leaves no
trace of the finished session anywhere in the widget tree (texts, models, pixmaps)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QPushButton, QVBoxLayout

from ui.screens.base import Screen
from ui.screens.registry import ScreenSpec, default_registry
from ui.wipe import find_traces, mark_session_data, pixmap_keys

pytestmark = pytest.mark.qt

NAME = "Nguyễn Thị Bích Ngọc"
CITIZEN_ID = "001203004567"


class IdentityScreen(Screen):
    """What a later area's screen looks like: a face photo, a name, a list, an input."""

    screen_id = "identity"

    def __init__(self, shell, parent=None):
        super().__init__(shell, parent)
        lay = QVBoxLayout(self)
        self.face = QLabel(objectName="face")
        mark_session_data(self.face)
        pm = QPixmap(120, 160)
        pm.fill(QColor("#c8a27a"))
        self.face.setPixmap(pm)
        self.face_key = pm.cacheKey()
        self.name = QLabel(NAME, objectName="holder_name")
        mark_session_data(self.name)
        self.model = QStandardItemModel(self)
        mark_session_data(self.model)
        self.model.appendRow(QStandardItem(f"CCCD {CITIZEN_ID}"))
        self.docs = QListView(objectName="docs")
        self.docs.setModel(self.model)
        self.phone = QLineEdit(objectName="phone")
        for x in (self.face, self.name, self.docs, self.phone):
            lay.addWidget(x)
        shell.session.data["holder"] = {"name": NAME, "id": CITIZEN_ID}


@pytest.fixture
def window(make_window, clock):
    reg = default_registry()
    reg.add(ScreenSpec("identity", IdentityScreen))
    from ui.main_window import MainWindow

    w = make_window(config={"session": {"inactivity_timeout_s": 60, "warning_s": 20}}, clock=clock)
    # The same window, with the extra screen registered as another area would.
    w2 = MainWindow(w.config, kiosk_mode=False, registry=reg, clock=clock, install_safety_net=False)
    w2.resize(1080, 1920)
    w2.show()
    yield w2
    w2.allow_close()
    w2.close()
    w2.deleteLater()


def fill_session(w, qtbot) -> int:
    w.navigate("home")
    w.navigate("identity")
    ident = w.current_screen
    qtbot.keyClicks(ident.phone, "0912345678")
    w.navigate("track")
    track = w.current_screen
    qtbot.keyClicks(track.code, "K7M4Q X9T2R")
    qtbot.mouseClick(w.findChild(QPushButton, "track_check"), Qt.MouseButton.LeftButton)
    assert w.findChild(QLabel, "track_result").text()
    w.prefs.set_language("en")
    w.prefs.set_scale(200)
    secrets = [NAME, CITIZEN_ID, "0912345678", "K7M4Q"]
    assert find_traces(w, secrets) == secrets  # they are really there before the wipe
    return ident.face_key


def assert_clean(w, face_key: int) -> None:
    assert w.controller.machine.current == "attract"
    assert find_traces(w, [NAME, CITIZEN_ID, "0912345678", "K7M4Q", "X9T2R"]) == []
    assert face_key not in pixmap_keys(w)
    assert w.findChild(QLabel, "face") is None and w.findChild(QLineEdit, "track_code") is None
    assert w.session.data == {} and not w.session.active
    # The next citizen gets the configured defaults, not the last one's choices.
    assert (w.prefs.language, w.prefs.scale) == ("vi", 100)


def test_finish_leaves_nothing_of_the_session(window, qtbot):
    face = fill_session(window, qtbot)
    qtbot.mouseClick(window.findChild(QPushButton, "finish"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.findChild(QPushButton, "finish_yes"), Qt.MouseButton.LeftButton)
    assert window.overlay.name == ""
    assert_clean(window, face)


def test_timeout_warns_counts_down_then_wipes(window, qtbot, clock):
    face = fill_session(window, qtbot)
    clock.advance(39)
    window.tick()
    assert window.overlay.name == ""
    clock.advance(2)  # 19 s left
    window.tick()
    assert window.overlay.name == "timeout"
    assert window.findChild(QLabel, "timeout_seconds").text() == "19"
    clock.advance(19)
    window.tick()
    assert window.overlay.name == ""
    assert_clean(window, face)


def test_more_time_keeps_the_session(window, qtbot, clock):
    window.navigate("home")
    window.navigate("track")
    qtbot.keyClicks(window.current_screen.code, "ABC")
    clock.advance(45)
    window.tick()
    qtbot.mouseClick(window.findChild(QPushButton, "more_time"), Qt.MouseButton.LeftButton)
    assert window.overlay.name == ""
    clock.advance(45)
    window.tick()
    assert window.controller.machine.current == "track"
    assert window.current_screen.code.text() == "ABC"


def test_any_touch_counts_as_activity(window, qtbot, clock):
    window.navigate("home")
    clock.advance(50)
    qtbot.mouseClick(window.findChild(QLabel, "home_title"), Qt.MouseButton.LeftButton)
    clock.advance(50)
    window.tick()
    assert window.controller.machine.current == "home"


def test_register_wipe_hook_runs_at_every_session_end(window):
    calls = []
    window.session.register_wipe(lambda: calls.append(window.session.ref))
    for _ in range(2):
        window.navigate("home")
        window.finish()
    assert len(calls) == 2 and all(calls)
