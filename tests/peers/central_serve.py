"""``central serve`` as its own process (the command a deployment runs), as a test peer.

:func:`serving` starts it with the given options on a free loopback port, waits for its ready
line (printed once every worker serves) and stops it (SIGTERM, then the process group's
leader is waited for) on exit. It yields :class:`Served`: ``url``, ``api_key``, ``data``, ``proc``.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READY = "central ready: "


@dataclass
class Served:
    url: str
    api_key: str
    data: Path
    proc: subprocess.Popen[str]


def central_command(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run one ``central …`` command to completion (its own process)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "central", *argv], capture_output=True, text=True, env=env, timeout=60
    )


@contextmanager
def serving(data: Path, *options: str, start_timeout: float = 90) -> Iterator[Served]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "central", "serve", "--port", "0", "--data", str(data), *options],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, name="central-stderr")
    reader.start()
    seen: list[str] = []
    try:
        while True:
            line = lines.get(timeout=start_timeout)
            if line is None:
                pytest.fail("central serve ended before it was ready:\n" + "".join(seen))
            seen.append(line)
            if line.startswith(READY):
                info = json.loads(line[len(READY) :])
                break
        yield Served(info["url"], info["api_key"], data, proc)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        reader.join(10)
