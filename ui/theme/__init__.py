"""Look of the kiosk: colours, type scale and the one application style sheet."""

from ui.theme.theme import HIGH_CONTRAST, STANDARD, Palette, contrast, load_fonts, px, stylesheet

__all__ = ["HIGH_CONTRAST", "STANDARD", "Palette", "contrast", "load_fonts", "px", "stylesheet"]
