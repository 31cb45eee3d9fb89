"""One logging path: structlog and the standard library through the same scrubber, to a 0600
file under the data dir only."""

from __future__ import annotations

import json
import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog

from kiosk.logs import configure_logging, get_logger
from kiosk.paths import data_dir, log_dir


@pytest.fixture
def kiosk_log(isolated_kiosk_env: Path) -> Iterator[Path]:
    path = configure_logging("info")
    yield path
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
            h.close()
    structlog.reset_defaults()


def _lines(path: Path) -> list[dict]:
    for h in logging.getLogger().handlers:
        h.flush()
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_device_and_domain_logs_share_the_scrubber(kiosk_log: Path, isolated_kiosk_env: Path):
    assert kiosk_log == isolated_kiosk_env / "logs" / "kiosk.log"
    logging.getLogger("devices.card.pcsc").warning("read failed for card 001203004567 on reader 0")
    try:
        raise ValueError("bad chip answer for 079203001234")
    except ValueError:
        logging.getLogger("devices.scanner.decode").exception("decode failed")
    get_logger("kiosk.wizard").info("applicant_seen", name="Nguyễn Văn An", id_number="001203004567")
    text = kiosk_log.read_text(encoding="utf-8")
    assert "001203004567" not in text and "079203001234" not in text and "Nguyễn" not in text
    lines = _lines(kiosk_log)
    device = next(x for x in lines if x.get("logger") == "devices.card.pcsc")
    assert device["event"] == "read failed for card 001******567 on reader 0" and device["level"] == "warning"
    tb = next(x for x in lines if x.get("logger") == "devices.scanner.decode")
    assert "079******234" in tb["exception"]  # the traceback went through the scrubber as well
    domain = next(x for x in lines if x.get("event") == "applicant_seen")
    assert domain["name"] == "[removed]" and domain["id_number"] == "001******567"


def test_log_files_are_private_even_after_rotation(kiosk_log: Path):
    logging.getLogger("devices.printer.jobs").info("print_job_new job=R-1")
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_kiosk", False))
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    handler.doRollover()
    logging.getLogger("devices.printer.jobs").info("print_job_new job=R-2")
    files = sorted(kiosk_log.parent.glob("kiosk.log*"))
    assert [f.name for f in files] == ["kiosk.log", "kiosk.log.1"]
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    assert stat.S_IMODE(kiosk_log.parent.stat().st_mode) == 0o700


def test_without_a_data_dir_override_logs_still_live_under_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("KIOSK_DATA_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert log_dir() == data_dir() / "logs"
    assert str(log_dir()).startswith(str(tmp_path / "data"))
    assert not (tmp_path / "state").exists()
