"""The [guide] section: where this hardware model's devices are, and the integrator's own
pictures; a bad value names the key and the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config, parse_config


def test_defaults_describe_the_reference_kiosk():
    g = parse_config({}).guide
    assert (g.card_reader, g.scanner, g.camera, g.can_corner, g.motion) == (
        "below-right",
        "right",
        "platform",
        "bottom-right",
        False,
    )


def test_a_missing_picture_names_the_key_and_the_file(tmp_path: Path):
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text('[guide]\ncard_reader_picture = "/nowhere/reader.svg"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(cfg)
    msg = str(e.value)
    assert str(cfg) in msg and "guide.card_reader_picture" in msg and "/nowhere/reader.svg" in msg
    assert "Traceback" not in msg


def test_a_file_that_is_no_picture_is_refused(tmp_path: Path):
    doc = tmp_path / "reader.pdf"
    doc.write_bytes(b"%PDF-1.4")
    with pytest.raises(ConfigError) as e:
        parse_config({"guide": {"scanner_picture": str(doc)}})
    assert "guide.scanner_picture" in str(e.value) and "reader.pdf" in str(e.value) and ".svg" in str(e.value)


def test_an_unknown_place_and_an_unknown_key_are_refused():
    with pytest.raises(ConfigError) as e:
        parse_config({"guide": {"camera": "under the desk", "scaner": "right"}})
    assert "guide.camera" in str(e.value) and "guide.scaner" in str(e.value)


def test_an_existing_picture_is_taken(tmp_path: Path):
    gif = tmp_path / "camera.gif"
    gif.write_bytes(b"GIF89a")
    g = parse_config({"guide": {"camera_picture": str(gif), "camera": "below", "motion": True}}).guide
    assert g.camera_picture == str(gif) and g.camera == "below" and g.motion
