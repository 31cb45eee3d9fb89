"""Configuration: defaults mean demo; every bad file names the file, the key and what is expected."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import EXAMPLE, ConfigError, load_config, parse_config


def test_no_file_means_demo_profile(tmp_path: Path):
    cfg = load_config()
    assert cfg.is_demo
    assert cfg.devices.printer == "sim://"


def test_example_is_valid(tmp_path: Path):
    p = tmp_path / "k.toml"
    p.write_text(EXAMPLE)
    assert load_config(p).kiosk.default_language == "vi"


@pytest.mark.parametrize(
    ("toml", "key", "words"),
    [
        ("[devices]\nprinter_width_mm = 72\n", "devices.printer_width_mm", "58"),
        ("[devices]\nprinterr = 'x'\n", "devices.printerr", "unknown key"),
        ("[session]\ninactivity_timeout_s = 'soon'\n", "session.inactivity_timeout_s", "integer"),
        ("[kiosk]\ndefault_language = 'fr'\n", "kiosk.default_language", "'vi'"),
        ("[ui]\ncounter = 'Quầy 3'\n", "ui.counter", "pattern"),  # the number as its sign shows it
        ("[ui]\ncounter = '1234567890123'\n", "ui.counter", "12"),
    ],
)
def test_bad_values_name_file_key_and_expectation(tmp_path: Path, toml: str, key: str, words: str):
    p = tmp_path / "bad.toml"
    p.write_text(toml)
    with pytest.raises(ConfigError) as e:
        load_config(p)
    msg = str(e.value)
    assert str(p) in msg and key in msg and words in msg


def test_broken_toml_is_reported_not_raised(tmp_path: Path):
    p = tmp_path / "broken.toml"
    p.write_text("[kiosk\nid=")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(p)


def test_named_file_must_exist(tmp_path: Path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "missing.toml")


def test_parse_config_accepts_plain_dict():
    assert parse_config({"kiosk": {"id": "k-7"}}).kiosk.id == "k-7"


def test_cli_config_check_reports_without_traceback(tmp_path: Path):
    p = tmp_path / "bad.toml"
    p.write_text("[devices]\nprinter_width_mm = 72\n")
    r = subprocess.run(
        [sys.executable, "-m", "kiosk", "config", "check", str(p), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    out = json.loads(r.stdout)
    assert out["ok"] is False and out["problems"][0]["key"] == "devices.printer_width_mm"
