"""Colours, type sizes and the style sheet, generated for a text scale and a contrast mode.

Widgets say what they are (``role`` dynamic property: "title", "lead", "choice" …) and the
style sheet decides how that looks, so a text-size or contrast switch is one
``setStyleSheet`` on the main window. Sizes are pixels for a 21.5" 1080×1920 panel
(~4 px per mm): body text 32 px (about 8 mm), touch targets never under 96 px.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFontDatabase

from kiosk.logs import get_logger

log = get_logger(__name__)

FONT_FAMILY = "Noto Sans"
# The screen's fonts (kiosk.fonts, the one lookup): loaded explicitly so the kiosk never falls back
# to a font without Vietnamese coverage (the offscreen platform may not consult fontconfig).

MIN_TOUCH_PX = 96
# The bars grow with the text, less than the page does, so that they still fit at 200 %.
BAR_SCALE = {100: 1.0, 150: 1.12, 200: 1.25}
_ICONS = Path(__file__).parent / "icons"


@dataclass(frozen=True)
class Palette:
    name: str
    background: str
    surface: str  # cards, tiles
    text: str
    muted: str  # secondary text, still ≥ 7:1 on background
    primary: str  # main action background
    on_primary: str
    accent: str  # the header band
    on_accent: str
    border: str  # decoration (card edges): may be faint
    outline: str  # a control's edge: >= 3:1 on background and surface (WCAG 1.4.11)
    selected: str  # a chosen answer's fill: light, never the primary action's fill
    ok: str
    warn: str
    bad: str
    backdrop: str  # overlay dimming (rgba)


STANDARD = Palette(
    name="standard",
    background="#F4F6FA",
    surface="#FFFFFF",
    text="#10182B",
    muted="#3A4558",
    primary="#0B4FA8",
    on_primary="#FFFFFF",
    accent="#B3141C",
    on_accent="#FFFFFF",
    border="#B8C2D3",
    outline="#5E6B82",
    selected="#E4EEFB",
    ok="#11703A",
    warn="#8A5A00",
    bad="#B3141C",
    backdrop="rgba(16, 24, 43, 170)",
)

HIGH_CONTRAST = Palette(
    name="high_contrast",
    background="#000000",
    surface="#000000",
    text="#FFFFFF",
    muted="#FFFFFF",
    primary="#FFE000",
    on_primary="#000000",
    accent="#000000",
    on_accent="#FFE000",
    border="#FFFFFF",
    outline="#FFFFFF",
    selected="#000000",
    ok="#7CFF8A",
    warn="#FFE000",
    bad="#FF8080",
    backdrop="rgba(0, 0, 0, 220)",
)

_loaded = False


def load_fonts() -> str:
    """Register Noto Sans with Qt once; returns the family to use."""
    global _loaded
    if not _loaded:
        from kiosk.errors import KioskError
        from kiosk.fonts import font_path

        for kind in ("regular", "bold"):
            try:
                QFontDatabase.addApplicationFont(str(font_path(kind, for_screen=True)))
            except KioskError as e:  # the kiosk still starts; staff see why the letters look wrong
                log.error("screen_font_missing", kind=kind, detail=e.detail)
        _loaded = True
    return FONT_FAMILY


def px(size: float, scale: int) -> int:
    return round(size * scale / 100)


def bar_px(size: float, scale: int) -> int:
    return round(size * BAR_SCALE.get(scale, scale / 100))


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    h = colour.lstrip("#")
    rgb = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours (1 … 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def check_icon(p: Palette, *, small: bool = False) -> str:
    """The "selected" mark's file, as a style sheet url (forward slashes on every platform);
    ``small``: the corner mark of a narrow key."""
    return (_ICONS / f"check-{'small-' if small else ''}{p.name}.svg").as_posix()


def stylesheet(p: Palette, scale: int) -> str:
    """The whole application's style for palette ``p`` at text ``scale`` percent."""

    def f(size: float) -> str:
        return f"{px(size, scale)}px"

    def b(size: float) -> str:
        return f"{bar_px(size, scale)}px"

    border_w = 4 if p.name == "high_contrast" else 2
    return f"""
* {{ font-family: "{FONT_FAMILY}"; color: {p.text}; }}
#MainWindow, QStackedWidget, #ScreenPage {{ background: {p.background}; }}
QLabel {{ font-size: {f(32)}; background: transparent; }}
QLabel[role="display"] {{ font-size: {f(76)}; font-weight: bold; }}
QLabel[role="title"] {{ font-size: {f(54)}; font-weight: bold; }}
QLabel[role="lead"] {{ font-size: {f(38)}; }}
QLabel[role="body"] {{ font-size: {f(32)}; color: {p.text}; }}
QLabel[role="muted"] {{ font-size: {f(28)}; color: {p.muted}; }}
QLabel[role="reference"] {{ font-size: {f(54)}; font-weight: bold; letter-spacing: 4px; }}
QLabel[role="icon"] {{ color: {p.primary if p.name == "standard" else p.text}; }}
QLabel[role="countdown"] {{ font-size: {f(96)}; font-weight: bold; color: {p.warn}; }}

#TopBar {{ background: {p.accent}; border-bottom: {border_w}px solid {p.border}; }}
#TopBar QLabel {{ color: {p.on_accent}; }}
#TopBar QLabel[role="agency"] {{ font-size: {b(30)}; font-weight: bold; }}
#TopBar QLabel[role="clock"] {{ font-size: {b(30)}; font-weight: bold; }}
#StatusIndicators QLabel {{ font-size: {b(24)}; }}
#StatusIndicators QLabel[state="ok"] {{ color: {p.on_accent}; }}

#AccessBar, #SessionBar {{ background: {p.surface}; border-top: {border_w}px solid {p.border}; }}
#SessionBar[side="left"] {{ border-top: none; border-right: {border_w}px solid {p.border}; }}

QPushButton {{
    font-size: {f(32)}; font-weight: bold; min-height: {MIN_TOUCH_PX}px; padding: 8px 28px;
    border-radius: 14px; border: {border_w}px solid {p.outline};
    background: {p.surface}; color: {p.text};
}}
QPushButton:pressed {{ background: {p.border}; }}
QPushButton:disabled {{ color: {p.muted}; }}
/* A chosen answer: a check and a thick border on a light fill, never the primary's fill. */
QPushButton:checked {{
    background-color: {p.selected}; color: {p.text}; border: 6px solid {p.primary};
    background-image: url("{check_icon(p)}"); background-repeat: no-repeat;
    background-position: left center; background-origin: border;
    padding: {8 - (6 - border_w)}px {28 - (6 - border_w)}px {8 - (6 - border_w)}px 64px;
}}
/* Narrow grid keys (a date's numbers): the number needs the width, not the side padding; as
   tall as the keyboard's keys (76 px, above the 15 mm touch rule). */
QPushButton[compact="true"] {{ padding: 8px 4px; min-height: 76px; }}
QPushButton[compact="true"]:checked {{
    background-image: url("{check_icon(p, small=True)}"); background-position: top left;
    padding: {8 - (6 - border_w)}px 4px;
}}
QPushButton[role="primary"] {{ background: {p.primary}; color: {p.on_primary}; border-color: {p.primary}; }}
QPushButton[role="primary"]:disabled {{ background: {p.surface}; color: {p.muted}; border: {border_w}px solid {p.outline}; }}
QPushButton[role="more"] {{
    font-size: {b(28)}; min-height: 64px; padding: 4px 16px; border: none; border-radius: 0px;
    border-top: {border_w}px solid {p.border}; background: {p.background}; color: {p.primary if p.name == "standard" else p.text};
}}
#ActionArea {{ background: {p.surface}; }}
#ActionArea[side="bottom"] {{ border-top: {border_w}px solid {p.outline}; }}
#ActionArea[side="right"] {{ border-left: {border_w}px solid {p.outline}; }}
QPushButton[role="start"] {{
    background: {p.primary}; color: {p.on_primary}; border-color: {p.primary};
    font-size: {f(48)}; min-height: 180px; border-radius: 24px;
}}
/* The bars keep fixed sizes at every text scale so that they never overflow. */
#SessionBar QPushButton {{ font-size: {b(30)}; min-width: 96px; padding: 8px 16px; }}
#AccessBar QPushButton {{ font-size: {b(25)}; min-width: 96px; padding: 8px 10px; }}
#AccessBar QPushButton:checked {{ padding: {8 - (6 - border_w)}px {10 - (6 - border_w)}px {8 - (6 - border_w)}px 52px; }}
/* The three text-size keys show the size they give. */
#AccessBar QPushButton#text_size_100 {{ font-size: 24px; }}
#AccessBar QPushButton#text_size_150 {{ font-size: 32px; }}
#AccessBar QPushButton#text_size_200 {{ font-size: 42px; }}

#ChoiceTile {{
    background: {p.surface}; border: {border_w + 1}px solid {p.outline}; border-radius: 24px;
}}
#ChoiceTile:hover, #ChoiceTile[pressed="true"] {{ border-color: {p.primary}; }}
#ChoiceTile QLabel[role="choice"] {{ font-size: {f(44)}; font-weight: bold; color: {p.primary if p.name == "standard" else p.text}; }}
#ChoiceTile QLabel[role="choice_hint"] {{ font-size: {f(28)}; color: {p.muted}; }}
#ChoiceTile QLabel[role="icon"] {{ font-size: {f(64)}; color: {p.primary}; }}

#Card {{ background: {p.surface}; border: {border_w}px solid {p.border}; border-radius: 24px; }}
#NoticeCard {{ background: {p.surface}; border-left: 14px solid {p.warn}; border-radius: 12px; }}
#OverlayBackdrop {{ background: {p.backdrop}; }}
#OverlayCard {{ background: {p.surface}; border: {border_w + 2}px solid {p.border}; border-radius: 28px; }}

QLineEdit {{
    font-size: {f(44)}; min-height: {MIN_TOUCH_PX}px; padding: 4px 16px;
    border: {border_w + 1}px solid {p.outline}; border-radius: 12px; background: {p.surface}; color: {p.text};
}}
QLineEdit:focus {{ border-color: {p.primary}; }}

#Keyboard {{ background: {p.background}; }}
#Keyboard QPushButton {{ font-size: {f(36)}; font-weight: normal; padding: 0px; border-radius: 10px; min-height: 76px; }}
#Keyboard QPushButton[role="diacritic"] {{ color: {p.primary if p.name == "standard" else p.text}; font-weight: bold; }}
#Keyboard QPushButton[role="tone"] {{ color: {p.accent if p.name == "standard" else p.primary}; font-weight: bold; }}
#Keyboard QPushButton[role="primary"] {{ background: {p.primary}; color: {p.on_primary}; }}

QScrollArea {{ background: transparent; border: none; }}
QScrollBar:vertical {{ width: 28px; background: {p.background}; }}
QScrollBar::handle:vertical {{ background: {p.outline}; min-height: 80px; border-radius: 10px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; border: none; }}
"""
