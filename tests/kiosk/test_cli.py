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
