"""Shared steps of the provisioning tests: run the real CLI in-process, enroll against a central."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from central.cli import main as central_main
from kiosk.cli import main


def kiosk(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    """Run ``kiosk ARGV --json``-style; returns (exit status, parsed JSON of the last line)."""
    capsys.readouterr()
    # "sandbox …" administration is the central's own command line (``central enroll-code`` …).
    rc = central_main(list(argv[1:])) if argv[:1] == ("sandbox",) else main(list(argv))
    out = capsys.readouterr().out.strip().splitlines()
    return rc, (json.loads(out[-1]) if out else None)


def issue_code(capsys: pytest.CaptureFixture[str], central: Any, agency: str | None = None) -> str:
    args = ["sandbox", "enroll-code", "--data", str(central.data_dir), "--json"]
    if agency:
        args += ["--agency", agency]
    rc, out = kiosk(capsys, *args)
    assert rc == 0, out
    return str(out["code"])


def enroll(capsys: pytest.CaptureFixture[str], central: Any) -> dict[str, Any]:
    code = issue_code(capsys, central)
    rc, out = kiosk(capsys, "provision", "enroll", "--central", central.url, "--code", code, "--json")
    assert rc == 0, out
    return dict(out)


def data_dir() -> Path:
    return Path(os.environ["KIOSK_DATA_DIR"])


def audit_actions(ddir: Path) -> list[tuple[str, dict[str, Any]]]:
    """What the kiosk's audit log holds (the offline cache's hash-chained log)."""
    from offline_cache import Store

    with Store.open(ddir) as store:
        assert store.audit.verify().ok
        return [(e.action, dict(e.details)) for e in store.audit.entries()]
