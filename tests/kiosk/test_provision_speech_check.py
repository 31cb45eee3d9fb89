"""The self-test says whether the kiosk can speak (staff learn that a kiosk is silent)."""

from __future__ import annotations

from pathlib import Path

from devices.settings import DeviceSettings
from kiosk.config import parse_config
from kiosk.messages import text
from kiosk.provision import speech_check
from provisioning import selftest as st


def _run(cfg, data: Path) -> st.Check:  # type: ignore[no-untyped-def]
    ctx = st.SelftestContext(
        settings=DeviceSettings(),
        data_dir=data,
        describe=text,
        only=("speech",),
        extra_checks={"speech": speech_check(cfg)},
    )
    report = st.run_selftest(ctx)
    [check] = [c for c in report.checks if c.name == "speech"]
    return check


def test_speech_turned_off_is_a_warning_with_a_clear_hint(isolated_kiosk_env: Path):
    c = _run(parse_config({"speech": {"engine": "none"}}), isolated_kiosk_env)
    assert c.status == "warn" and c.hint_code == "selftest.speech.off"
    assert "giọng nói" in c.hint and "Voice guidance" in c.hint_en


def test_no_audio_output_here_is_silent_not_a_failure(isolated_kiosk_env: Path):
    # This machine has no sound card: the kiosk works silently and the self-test says so.
    c = _run(parse_config({}), isolated_kiosk_env)
    assert c.figures["route"] in ("none", "speaker", "headphones")
    if c.figures["route"] == "none":
        assert c.status == "warn" and c.hint_code == "selftest.speech.silent"
    else:
        assert c.status in ("pass", "warn")
