"""The crash record: a real segmentation fault in a child process leaves its Python stack in
``crash.log``; the next start finds it and writes its time down; a clean stop after it means
the kiosk has run well since. The file stays one file (rotated once) and 0600."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from kiosk import crash_record
from tests.conftest import repo_root

# A run as the kiosk makes it: enable, then (optionally) crash for real in a named function,
# or stop cleanly. Prints what enable() said about the run before.
RUN = """
import faulthandler, json, sys
from pathlib import Path
from kiosk import crash_record

def open_the_dossier_screen():
    faulthandler._sigsegv()  # a real SIGSEGV: the handler, not Python, writes the stack

previous = crash_record.enable(Path(sys.argv[1]))
print(json.dumps(None if previous is None else {"what": previous.what, "where": previous.where}), flush=True)
if sys.argv[2] == "crash":
    open_the_dossier_screen()
elif sys.argv[2] == "stop":
    crash_record.stopped()
"""


def _run(logs: Path, how: str) -> tuple[int, object]:
    p = subprocess.run(
        [sys.executable, "-c", RUN, str(logs), how],
        cwd=repo_root(),
        env={**os.environ, "PYTHONPATH": str(repo_root())},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return p.returncode, json.loads(p.stdout.splitlines()[0])


def test_a_segfault_leaves_its_stack_and_the_next_runs_see_it(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    assert crash_record.last_crash(logs) is None
    rc, previous = _run(logs, "crash")
    assert rc == -signal.SIGSEGV and previous is None

    crash = crash_record.last_crash(logs)
    assert crash is not None
    assert crash.what == "Segmentation fault"
    assert crash.where.endswith(" open_the_dossier_screen"), crash.where
    assert "(most recent call first)" in crash.stack and "open_the_dossier_screen" in crash.stack
    text = (logs / "crash.log").read_text()
    assert "Current thread" in text  # every thread's stack, the crashing one marked
    assert oct((logs / "crash.log").stat().st_mode & 0o777) == "0o600"

    # The next start is told, and writes the crash's time down before its own lines.
    rc, previous = _run(logs, "run")  # a run still going (no stop line yet)
    assert rc == 0 and previous == {"what": "Segmentation fault", "where": crash.where}
    again = crash_record.last_crash(logs)
    assert again is not None and again.at == crash.at and again.pid == crash.pid
    assert text.count("--- kiosk crashed") == 0
    assert (logs / "crash.log").read_text().count("--- kiosk crashed") == 1

    # A run that stops cleanly: the kiosk has run well since the crash.
    rc, previous = _run(logs, "stop")
    assert rc == 0 and previous is None  # the run before it did not crash
    assert crash_record.last_crash(logs) is None
    # ...but a diagnostic bundle still carries the crash, as plain data.
    [kept] = crash_record.crashes(logs)
    record = crash_record.as_record(kept)
    assert record["where"] == crash.where and record["what"] == "Segmentation fault"
    assert "open_the_dossier_screen" in str(record["stack"]) and json.dumps(record)


def test_a_crash_in_a_run_that_already_said_stop_is_still_a_crash(tmp_path: Path) -> None:
    """Qt's and the interpreter's teardown come after the stop line: a crash there counts."""
    logs = tmp_path / "logs"
    code = RUN.replace('elif sys.argv[2] == "stop":\n    crash_record.stopped()', "") + (
        "\ncrash_record.stopped()\nopen_the_dossier_screen()\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", code, str(logs), "run"],
        cwd=repo_root(),
        env={**os.environ, "PYTHONPATH": str(repo_root())},
        capture_output=True,
        timeout=60,
    )
    assert p.returncode == -signal.SIGSEGV
    crash = crash_record.last_crash(logs)
    assert crash is not None and crash.what == "Segmentation fault"


def test_the_file_is_rotated_once_and_a_crash_in_the_rotated_part_is_still_found(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    rc, _ = _run(logs, "crash")
    assert rc == -signal.SIGSEGV
    with (logs / "crash.log").open("a") as f:  # as if many runs had come before
        f.write("x\n" * (crash_record.MAX_BYTES // 2 + 1))
    rc, previous = _run(logs, "run")
    assert previous is not None and previous["what"] == "Segmentation fault"
    assert (logs / "crash.log.1").exists()
    assert (logs / "crash.log").stat().st_size < 1000
    assert crash_record.last_crash(logs) is not None
    # Rotated again, the oldest part is gone: the file never holds more than two parts.
    with (logs / "crash.log").open("a") as f:
        f.write("x\n" * (crash_record.MAX_BYTES // 2 + 1))
    _run(logs, "stop")
    assert sorted(p.name for p in logs.iterdir()) == ["crash.log", "crash.log.1"]
    assert crash_record.last_crash(logs) is None
