"""The leak checks in tests/ui/conftest.py really fail a test that leaves Qt things running."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import repo_root

pytestmark = [pytest.mark.qt, pytest.mark.slow]

LEAKY = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

KEEP = []


def test_leaves_a_timer(qapp):
    t = QTimer()
    t.start(60_000)
    KEEP.append(t)


def test_leaves_a_window(qapp):
    w = QLabel("left open")
    w.show()
    KEEP.append(w)


def test_clean(qapp, qtbot):
    t = QTimer()
    t.start(60_000)
    t.stop()
    w = QLabel("closed")
    qtbot.addWidget(w)
    w.show()
"""


def test_leaky_tests_fail_and_clean_one_passes(tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    shutil.copy(repo_root() / "tests" / "ui" / "conftest.py", suite / "conftest.py")
    (suite / "test_leaky.py").write_text(LEAKY, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(repo_root()))
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(suite), str(suite)],
        cwd=suite,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    text = out.stdout + out.stderr
    assert "QTimer still active, started at test_leaky.py" in text, text
    assert "top-level widget left open: QLabel" in text, text
    assert "3 passed, 2 errors" in text, text  # errors at teardown: the two leaky tests
