"""Every screen state's script is non-empty in both languages and says what the screen shows."""

from __future__ import annotations

import re

import pytest

from kiosk.messages import text
from kiosk.speech import scripts
from kiosk.speech.normalise import speakable


def test_every_code_a_script_names_exists() -> None:
    assert scripts.missing_codes() == []


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("screen", scripts.screens())
def test_script_is_non_empty_and_speakable(screen: str, lang: str) -> None:
    s = scripts.script(screen, lang)
    assert s.title and s.instruction and s.keys
    spoken = s.text()
    assert len(spoken.split()) >= 8
    # Already normalised: no digits, no abbreviations, no decoration left for the voice to guess.
    assert not re.search(r"\d|UBND|CCCD|TTHC|[›‹…]", spoken), spoken
    assert speakable(spoken, lang) == spoken


@pytest.mark.parametrize("screen", scripts.screens())
def test_vietnamese_and_english_differ(screen: str) -> None:
    assert scripts.script(screen, "vi").title != scripts.script(screen, "en").title


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_wizard_titles_are_the_words_on_screen(lang: str) -> None:
    # The wizard shows domain messages: the script reads the same catalog entry.
    for screen, spec in scripts.SCRIPTS.items():
        if spec.title.startswith("wizard."):
            assert scripts.script(screen, lang).title == speakable(text(spec.title, lang), lang)


def test_unknown_screen() -> None:
    with pytest.raises(scripts.UnknownScreenScript):
        scripts.script("nowhere", "vi")
