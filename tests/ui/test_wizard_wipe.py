"""The wizard's own wipe, searched for traces: a citizen who read their card and typed their
child's name, then walked away (timeout) or pressed Finish, leaves nothing behind — not in
the widget tree (texts, models, pixmaps, inputs) and not in clear in any file of the kiosk."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit

from devices.card.simulated import SAMPLE_PEOPLE, qr_text
from tests.clear_text import clear_text_in, utf8
from ui.screens.wizard import start_procedure
from ui.screens.wizard.base import JOURNEY_KEY
from ui.wipe import find_traces

pytestmark = [pytest.mark.qt, pytest.mark.slow]

CHILD = "Lê Minh An"


def _tap(qtbot, w, name: str) -> None:
    btn = w.current_screen.findChild(QAbstractButton, name)
    assert btn is not None, f"no button {name} on {w.controller.machine.current}"
    qtbot.waitUntil(lambda: btn.isVisible() and btn.isEnabled(), timeout=5000)
    qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)


def _at(qtbot, w, screen_id: str) -> None:
    qtbot.waitUntil(lambda: w.controller.machine.current == screen_id, timeout=10_000)


def _to_the_form_with_a_name_typed(w, qtbot) -> list[str]:
    w.navigate("home")
    start_procedure(w, "birth_registration")
    _at(qtbot, w, "submit_where")
    _tap(qtbot, w, "where_yes")
    _tap(qtbot, w, "submit_where_next")
    _at(qtbot, w, "submit_identify")
    mother = SAMPLE_PEOPLE[1]
    w.services.scanner.deliver(qr_text(mother), "sim")
    qtbot.waitUntil(lambda: w.session.data[JOURNEY_KEY].applicant is not None, timeout=20_000)
    _tap(qtbot, w, "identify_child")
    _tap(qtbot, w, "submit_identify_next")
    _at(qtbot, w, "submit_form")
    w.current_screen.findChild(QLineEdit, "form_input").setText(CHILD.lower())
    _tap(qtbot, w, "submit_form_next")
    secrets = [mother.full_name, mother.personal_number, CHILD]
    assert find_traces(w, secrets), "the citizen's data is on screen before the wipe"
    return secrets


def _clear_text_in_files(root: Path, secrets: list[str]) -> list[str]:
    return clear_text_in([root], utf8(secrets))


@pytest.mark.parametrize("how", ["finish", "timeout"])
def test_nothing_of_the_citizen_remains_after_the_session(make_window, qtbot, isolated_kiosk_env, how):
    w = make_window({"devices": {"card_reader": "sim:1", "scanner": "sim"}})
    secrets = _to_the_form_with_a_name_typed(w, qtbot)
    if how == "finish":
        w.finish()
    else:
        w.controller.finish("timeout")
    _at(qtbot, w, "attract")
    assert w.services.store_queue.flush()  # the draft's wipe is queued after its saves
    assert find_traces(w, secrets) == []
    assert _clear_text_in_files(isolated_kiosk_env, secrets) == []
