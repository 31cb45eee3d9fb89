"""Start-up: a bad configuration stops with a clear message; a good one paints the attract screen."""

from __future__ import annotations

import os
import subprocess
import sys
import types

import pytest

from tests.conftest import repo_root
from ui.app import run_app

pytestmark = pytest.mark.qt


def args(**kw):
    base = {"config": None, "windowed": True, "landscape": False, "lang": None}
    base.update(kw)
    return types.SimpleNamespace(**base)


def test_bad_config_exits_2_with_the_key_named(tmp_path, capsys):
    bad = tmp_path / "kiosk.toml"
    bad.write_text('[session]\ninactivity_timeout_s = "soon"\n', encoding="utf-8")
    assert run_app(args(config=str(bad))) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "session.inactivity_timeout_s" in err
    assert "Traceback" not in err


def test_missing_named_config_exits_2(tmp_path, capsys):
    assert run_app(args(config=str(tmp_path / "nope.toml"))) == 2
    assert "file not found" in capsys.readouterr().err


@pytest.mark.slow
def test_first_paint_in_a_real_process(tmp_path):
    env = dict(os.environ, KIOSK_EXIT_AFTER_FIRST_PAINT="1", QT_QPA_PLATFORM="offscreen")
    code = (
        "import sys, types; from ui.app import run_app; "
        "rc = run_app(types.SimpleNamespace(config=None, windowed=True, landscape=False, lang=None)); "
        f"print('loaded:', *sorted(m for m in {HEAVY!r} if m in sys.modules)); sys.exit(rc)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=repo_root(), env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("first-paint ")
    assert "Traceback" not in out.stderr
    # The first screen needs none of these; each came back once through an innocent import
    # (bench/startup.py: together they were about half of the cold start).
    assert out.stdout.splitlines()[-1] == "loaded:"


HEAVY = ("sqlalchemy", "cv2", "numpy", "PIL", "segno", "holidays", "requests", "cryptography")


def test_failure_before_the_window_exists_is_one_line_and_logged(
    qapp, monkeypatch, capsys, isolated_kiosk_env
):
    import ui.main_window

    class Broken:
        def __init__(self, *a, **k):
            raise RuntimeError("Lê Thị Hoa 001203004567")

    monkeypatch.setattr(ui.main_window, "MainWindow", Broken)
    assert run_app(args()) == 1
    err = capsys.readouterr().err
    assert "could not start (reference E-" in err and "Traceback" not in err and "Hoa" not in err
    log = (isolated_kiosk_env / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "startup_failed" in log and "001203004567" not in log
