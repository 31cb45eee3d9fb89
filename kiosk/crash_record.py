"""A native crash leaves a trace: the Python stack of every thread in ``<logs>/crash.log``.

A segmentation fault in Qt or the binding kills the process before any ``except`` or log
handler runs; :mod:`faulthandler` still writes the Python stacks from its signal handler. The
kiosk calls :func:`enable` once at start and :func:`stopped` on a clean stop; each run is framed
by a ``start`` and a ``stop`` line, and a fatal error in a run's frame is its crash. The time of the crash is the file's modification time (nothing else writes to it while
the run lasts); the next start writes it down before opening its own frame.

A stack names files, lines and functions, never values (no locals are dumped): nothing
personal. One file, 0600, rotated to ``crash.log.1`` at start when it outgrows :data:`MAX_BYTES`.
"""

from __future__ import annotations

import faulthandler
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

CRASH_FILE = "crash.log"
MAX_BYTES = 256 * 1024
_MARK = "--- kiosk"
# faulthandler's first line, e.g. "Fatal Python error: Segmentation fault"
_FATAL = re.compile(r"^Fatal Python error: (?P<what>.+)$")
# A frame: '  File "/…/ui/overlay.py", line 160 in close_card'
_FRAME = re.compile(r'^\s+File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<func>\S+)')
_LINE = re.compile(rf"^{_MARK} (?P<kind>start|stop|crashed) (?P<at>\S+) pid (?P<pid>\d+)")

_file: IO[str] | None = None  # faulthandler writes to its descriptor: kept open for the run


@dataclass(frozen=True)
class Crash:
    at: datetime  # UTC, when the stack was written
    pid: int
    what: str  # "Segmentation fault", "Aborted" …
    where: str  # the innermost Python frame of the crashing thread, "ui/overlay.py:160 close_card"
    stack: str  # faulthandler's text, as written
    path: Path


def enable(directory: Path) -> Crash | None:
    """Route faulthandler to the crash file for this run; returns the last run's crash, if any."""
    global _file
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / CRASH_FILE
    runs = _runs(directory)
    last = runs[-1] if runs else None
    if path.exists() and path.stat().st_size > MAX_BYTES:
        path.replace(directory / (CRASH_FILE + ".1"))
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.fchmod(fd, 0o600)
    if _file is not None:
        _file.close()
    _file = os.fdopen(fd, "a", encoding="utf-8")
    previous = last.crash if last is not None else None
    if last is not None and previous is not None and not last.recorded:
        # Its time is the file's modification time, which this run's lines are about to change.
        _write(_line("crashed", previous.at, previous.pid) + f" {previous.what}")
    _write(_line("start", _now(), os.getpid()))
    faulthandler.enable(file=_file, all_threads=True)
    return previous


def stopped() -> None:
    """The run ends cleanly: close its frame. The handler stays on until the process is gone
    (the interpreter's and Qt's teardown come after this), and so does the file it writes to."""
    if _file is not None and not _file.closed:
        _write(_line("stop", _now(), os.getpid()))


def last_crash(directory: Path) -> Crash | None:
    """The newest crash not followed by a clean stop (the kiosk has not run well since)."""
    newest: Crash | None = None
    for run in _runs(directory):
        if run.crash is not None:
            newest = run.crash
        elif run.stopped:
            newest = None
    return newest


def crashes(directory: Path, limit: int = 5) -> list[Crash]:
    """The newest crashes still in the file (and its rotated part), oldest first: what a
    diagnostic bundle carries, whether or not the kiosk has run well since."""
    found = [run.crash for run in _runs(directory) if run.crash is not None]
    return found[-limit:]


def as_record(crash: Crash) -> dict[str, str | int]:
    """A crash as plain data for a diagnostic bundle (files, lines, functions: no values)."""
    return {"at": crash.at.isoformat(), "pid": crash.pid, "what": crash.what, "where": crash.where,
            "stack": crash.stack}  # fmt: skip


@dataclass
class _Run:
    pid: int
    started: datetime
    lines: list[str]
    stopped: bool = False
    recorded: bool = False  # its crash time is written down (a "crashed" line)
    crash: Crash | None = None


def _runs(directory: Path) -> list[_Run]:
    """Every run in the rotated file and the current one, oldest first."""
    path = directory / CRASH_FILE
    files = [p for p in (directory / (CRASH_FILE + ".1"), path) if p.exists()]
    if not files:
        return []
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
    mtime = datetime.fromtimestamp(int(files[-1].stat().st_mtime), UTC)
    runs: list[_Run] = []
    crashed: dict[int, datetime] = {}
    for line in text.splitlines():
        m = _LINE.match(line)
        if m is None:
            if runs:
                runs[-1].lines.append(line)
            continue
        at, pid = _parse_time(m["at"]), int(m["pid"])
        if m["kind"] == "start":
            runs.append(_Run(pid, at, []))
        elif m["kind"] == "stop":
            for run in reversed(runs):
                if run.pid == pid:
                    run.stopped = True
                    break
        else:
            crashed[pid] = at
    for i, run in enumerate(runs):
        run.recorded = run.pid in crashed
        # Only the newest run can have written last (a later start writes its time down).
        when = crashed.get(run.pid) or (mtime if i == len(runs) - 1 else None)
        run.crash = _crash_of(run, when, path)
    return runs


def _crash_of(run: _Run, at: datetime | None, path: Path) -> Crash | None:
    what = ""
    start = 0
    for i, line in enumerate(run.lines):
        m = _FATAL.match(line)
        if m:
            what, start = m["what"].strip(), i
            break
    if not what:  # after its stop line too: a crash in the teardown is one
        return None
    stack = "\n".join(run.lines[start:]).strip()
    return Crash(at or run.started, run.pid, what, _innermost(run.lines[start:]), stack, path)


def _innermost(lines: list[str]) -> str:
    """The innermost frame of the crashing thread (faulthandler calls it "Current thread")."""
    marks = [i for i, line in enumerate(lines) if line.startswith("Current thread")]
    for line in lines[marks[0] if marks else 0 :]:
        m = _FRAME.match(line)
        if m:
            return f"{_short(m['file'])}:{m['line']} {m['func']}"
    return "no Python frame"


def _short(file: str) -> str:
    """The path from the project's packages down ("ui/overlay.py"), or the file's name."""
    parts = Path(file).parts
    for top in ("kiosk", "ui", "devices", "offline_cache", "provisioning", "common", "PySide6"):
        if top in parts:
            return "/".join(parts[len(parts) - 1 - parts[::-1].index(top) :])
    return Path(file).name


def _line(kind: str, at: datetime, pid: int) -> str:
    return f"{_MARK} {kind} {at.isoformat(timespec='seconds')} pid {pid}"


def _write(text: str) -> None:
    assert _file is not None
    _file.write(text + "\n")
    _file.flush()


def _now() -> datetime:
    return datetime.now(UTC)


def _parse_time(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return datetime.fromtimestamp(0, UTC)
