"""CardController: driver events reach the GUI thread as signals; no widgets involved."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from devices.card.simulated import SAMPLE_PEOPLE, SimulatedCardReader, qr_text
from ui.devices.card import CardController

pytestmark = pytest.mark.qt


@pytest.fixture
def ctl(qtbot):
    c = CardController(SimulatedCardReader(inserted=1))
    yield c
    c.close()


def test_qr_read_arrives_on_the_gui_thread(qtbot, ctl):
    seen_on = []
    ctl.readFinished.connect(lambda r: seen_on.append(QThread.currentThread()))
    steps = []
    ctl.progress.connect(lambda step, done, total: steps.append(step))
    with qtbot.waitSignal(ctl.cardInserted, timeout=5000):
        ctl.start()
    with qtbot.waitSignal(ctl.readFinished, timeout=10000) as got:
        ctl.read_with_qr(qr_text(SAMPLE_PEOPLE[1]))
    result = got.args[0]
    assert result.full_name == "Trần Thị Bích Ngọc" and result.verification.level == "verified"
    assert seen_on == [ctl.thread()] and threading.current_thread() is threading.main_thread()
    assert "DG2" in steps
    img = CardController.face_image(result.face, max_height=240)
    assert not img.isNull() and img.height() == 240


def test_bad_qr_and_wrong_key_come_back_as_codes(qtbot, ctl):
    ctl.start()
    with qtbot.waitSignal(ctl.readFailed, timeout=5000) as got:
        ctl.read_with_qr("not a CCCD QR")
    assert got.args[0] == "card.bad_qr" and got.args[1] == "type_mrz"
    with qtbot.waitSignal(ctl.readFailed, timeout=10000) as got:
        ctl.read_with_qr(qr_text(SAMPLE_PEOPLE[0]))  # the card in the reader is someone else's
    assert got.args[:2] == ["card.wrong_key", "type_mrz"]


def test_removal_is_signalled(qtbot, ctl):
    ctl.start()
    with qtbot.waitSignal(ctl.cardRemoved, timeout=5000):
        ctl.reader.remove()  # type: ignore[attr-defined]
