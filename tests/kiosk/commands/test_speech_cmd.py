"""`kiosk speech …`: the words, the WAV and the screen scripts, on the kiosk's code paths."""

from __future__ import annotations

import json
import shutil

import pytest

from kiosk.cli import main
from kiosk.speech.normalise import speakable
from kiosk.speech.scripts import script
from kiosk.speech.synth import measure


def test_text_prints_exactly_the_spoken_words(capsys) -> None:
    assert main(["speech", "text", "Lệ phí 8.000 đ, hẹn 25/11/2026", "--lang", "vi"]) == 0
    out = capsys.readouterr().out.strip()
    assert (
        out
        == "Lệ phí tám nghìn đồng, hẹn thứ Tư, ngày hai mươi lăm tháng mười một năm hai nghìn không trăm hai mươi sáu"
    )


def test_text_json(capsys) -> None:
    assert main(["speech", "text", "UBND", "--lang", "en", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"lang": "en", "text": "People's Committee"}


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_say_writes_a_wav(tmp_path, capsys) -> None:
    out = tmp_path / "out.wav"
    assert main(["speech", "say", "Xin chào ông/bà", "--lang", "vi", "--wav", str(out), "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["text"] == speakable("Xin chào ông/bà", "vi")
    assert facts["seconds"] == pytest.approx(measure(out).seconds, abs=0.01) and facts["seconds"] > 0.5


def test_screen_prints_the_script(capsys) -> None:
    assert main(["speech", "screen", "track", "--lang", "vi"]) == 0
    assert capsys.readouterr().out.splitlines() == script("track", "vi").lines()


def test_unknown_screen_is_a_clear_error(capsys) -> None:
    assert main(["speech", "screen", "nowhere", "--json"]) == 1
    err = json.loads(capsys.readouterr().out)["error"]
    assert err["code"] == "speech.unknown_screen" and "home" in err["message"]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_check_reports_voice_and_route(capsys, monkeypatch, tmp_path) -> None:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text("[speech]\nhandset = true\n", encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(cfg))
    rc = main(["speech", "check", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["vietnamese_voice"] is True and report["route"] == "headphones"
    assert rc == (0 if report["speech_dispatcher"] else 1)
