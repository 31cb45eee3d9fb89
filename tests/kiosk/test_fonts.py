"""The fonts found for print and screen draw what their kind is for (every Vietnamese letter for
text, the code alphabet for codes); none is missing silently."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from kiosk import fonts
from kiosk.errors import KioskError


@pytest.mark.parametrize("for_screen", [False, True])
@pytest.mark.parametrize("kind", ["regular", "bold", "code"])
def test_every_font_found_covers_vietnamese(kind, for_screen):
    path = fonts.font_path(kind, for_screen=for_screen)
    cmap = TTFont(str(path)).getBestCmap()
    missing = [c for c in fonts.MUST_DRAW[kind] if ord(c) not in cmap]
    assert missing == [], f"{path.name} lacks {''.join(missing)}"


def test_no_font_is_a_clear_error_not_a_fallback(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "FONT_DIRS", (tmp_path,))
    fonts.print_font.cache_clear()
    with pytest.raises(KioskError) as e:
        fonts.print_font("regular", 20)
    fonts.print_font.cache_clear()
    assert e.value.code == "common.no_font" and "fonts-dejavu-core" in e.value.detail
