"""The self-test tells a technician that the kiosk crashed (when, what, where the stack is)
until the kiosk has run and stopped cleanly since."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from devices.settings import DeviceSettings
from kiosk.messages import text
from kiosk.provision import crash_check
from provisioning import selftest as st
from tests.conftest import repo_root

RUN = """
import faulthandler, sys
from pathlib import Path
from kiosk import crash_record
crash_record.enable(Path(sys.argv[1]))
if sys.argv[2] == "crash":
    faulthandler._sigsegv()
crash_record.stopped()
"""


def _kiosk_run(logs: Path, how: str) -> int:
    return subprocess.run(
        [sys.executable, "-c", RUN, str(logs), how],
        cwd=repo_root(),
        env={**os.environ, "PYTHONPATH": str(repo_root())},
        capture_output=True,
        timeout=60,
    ).returncode


def _check(data: Path) -> st.Check:
    ctx = st.SelftestContext(
        settings=DeviceSettings(), data_dir=data, describe=text, only=("crashes",),
        extra_checks={"crashes": crash_check},
    )  # fmt: skip
    [check] = st.run_selftest(ctx).checks
    return check


def test_a_crash_is_a_warning_until_a_clean_run(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    assert _check(tmp_path).status == "pass"  # never ran: nothing to say
    assert _kiosk_run(logs, "crash") == -signal.SIGSEGV
    c = _check(tmp_path)
    assert c.status == "warn" and c.hint_code == "selftest.crash.recent"
    assert c.figures["signal"] == "Segmentation fault" and c.figures["where"].endswith("<module>")
    assert c.figures["file"] == str(logs / "crash.log")
    assert "dừng đột ngột" in c.hint and str(logs / "crash.log") in c.hint
    assert "crashed at " in c.hint_en and "Segmentation fault" in c.summary
    assert _kiosk_run(logs, "stop") == 0
    assert _check(tmp_path).status == "pass"
