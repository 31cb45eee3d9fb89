"""Fixtures shared by every test.

Every test gets its own data dir and no configuration file, so nothing leaks between tests
and nothing touches the real kiosk's files.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_kiosk_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "kiosk-data"
    data.mkdir()
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "no-config.toml"))
    return data


@pytest.fixture(autouse=True)
def no_dangling_threads(request: pytest.FixtureRequest):
    """A test must stop every plain Python thread it started (napari checks QThreads; we check these too).

    Daemon threads count: every UI worker is one, and a daemon left running is still a leak.
    Threads Python did not start (``_DummyThread``: QThreads, C libraries) are the Qt leak
    check's. A test whose library keeps a thread for the whole session says so, with the reason,
    by ``@pytest.mark.keeps_threads("why")``.
    """
    before = set(threading.enumerate())
    yield
    if request.node.get_closest_marker("keeps_threads"):
        return
    leftover = [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
    ]
    for t in leftover:
        t.join(timeout=5)
    still = [t.name for t in leftover if t.is_alive()]
    assert not still, f"test left threads running: {still}"


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")


@pytest.fixture
def central_db_url() -> str:
    """The central's database for tests that start one: "" = SQLite in its data dir. Directories
    whose tests run on PostgreSQL too override this with a parametrized fixture."""
    return ""
