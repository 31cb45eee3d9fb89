"""The command line: logs never reach stdout (they would corrupt --json output)."""

from __future__ import annotations

import json
import subprocess
import sys


def test_json_output_is_not_polluted_by_logs(isolated_kiosk_env):
    # An unknown config file path makes the command log and fail; stdout must still be one JSON object.
    r = subprocess.run(
        [sys.executable, "-m", "kiosk", "devices", "list", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1
    kinds = {d["kind"] for d in json.loads(lines[0])}
    assert kinds == {"card_reader", "printer", "scanner", "camera"}


def test_a_closed_pipe_is_not_a_traceback(isolated_kiosk_env):
    p = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "config", "example"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    p.stdout.close()  # the reader (e.g. `| head`) went away
    err = p.stderr.read().decode()
    p.wait(timeout=60)
    p.stderr.close()
    assert err == ""
