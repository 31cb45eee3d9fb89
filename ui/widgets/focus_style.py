"""A focus ring everyone can see: keypad users must know where they are on the screen."""

from __future__ import annotations

from typing import Any


def focus_stylesheet(p: Any) -> str:
    ring = p.accent if p.name == "standard" else p.primary
    return f"""
QPushButton:focus, QToolButton:focus, QLineEdit:focus, #ChoiceTile:focus, QFrame:focus {{
    border: 6px solid {ring};
}}
"""
