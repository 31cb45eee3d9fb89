"""The one place that finds a font with Vietnamese for anything drawn outside Qt (receipts,
slips, staff cards) and for the Qt theme. Never falls back silently to a font without the
Vietnamese letters: a missing font is a clear error naming the Debian package to install.

DejaVu Sans first for print: full Vietnamese, a large x-height that survives a thermal head,
and it renders ~6x faster than Noto Sans with Pillow (Noto's hinting runs per glyph, per line).
Noto Sans first on screen (the theme's family).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kiosk.errors import KioskError

if TYPE_CHECKING:
    from PIL import ImageFont

Kind = Literal["regular", "bold", "code"]

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/noto"),
)
PRINT_FILES: dict[str, tuple[str, ...]] = {
    "regular": ("DejaVuSans.ttf", "NotoSans-Regular.ttf"),
    "bold": ("DejaVuSans-Bold.ttf", "NotoSans-Bold.ttf"),
    "code": ("DejaVuSansMono-Bold.ttf", "NotoSansMono-Bold.ttf", "NotoSans-Bold.ttf"),
}
SCREEN_FILES: dict[str, tuple[str, ...]] = {
    "regular": ("NotoSans-Regular.ttf", "DejaVuSans.ttf"),
    "bold": ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
    "code": ("NotoSansMono-Bold.ttf", "DejaVuSansMono-Bold.ttf"),
}
# What each kind must draw: Vietnamese text (tone marks on every vowel family, đ/Đ) for
# "regular" and "bold"; only the tracking-code alphabet for "code" (DejaVu Sans Mono, the
# clearest for codes, lacks many Vietnamese letters: never use it for words).
VIETNAMESE_PROBE = "ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
CODE_PROBE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ-"
MUST_DRAW = {"regular": VIETNAMESE_PROBE, "bold": VIETNAMESE_PROBE, "code": CODE_PROBE}


def font_path(kind: Kind, *, for_screen: bool = False) -> Path:
    """The file of the first installed font of ``kind`` in preference order."""
    for name in (SCREEN_FILES if for_screen else PRINT_FILES)[kind]:
        for d in FONT_DIRS:
            if (d / name).exists():
                return d / name
    raise KioskError(
        f"no font with Vietnamese for {kind!r} in {', '.join(map(str, FONT_DIRS))}: "
        "install Debian's fonts-dejavu-core and fonts-noto-core",
        code="common.no_font",
    )


@cache
def print_font(kind: Kind, size: int) -> ImageFont.FreeTypeFont:
    """A Pillow font for receipts, slips and cards."""
    from PIL import ImageFont  # Pillow loads with the first print, not with the screen's fonts

    return ImageFont.truetype(str(font_path(kind)), size)
