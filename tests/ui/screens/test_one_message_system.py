"""Citizen screen text has one message system: the domain catalog (kiosk/messages), never Qt
Linguist. Operator consoles (ui/staff, ui/technician) stay on ``self.tr`` + .ts."""

from __future__ import annotations

import ast
from pathlib import Path

from kiosk.messages import catalog
from tests.conftest import repo_root

CITIZEN_DIRS = ("ui/screens", "ui/widgets")
CITIZEN_FILES = ("ui/overlay.py", "ui/app.py", "ui/main_window.py")
QT_WORDS = ("tr", "translate", "QT_TR_NOOP", "QT_TRANSLATE_NOOP")


def citizen_modules() -> list[Path]:
    root = repo_root()
    found = [p for d in CITIZEN_DIRS for p in sorted((root / d).rglob("*.py"))]
    return found + [root / f for f in CITIZEN_FILES]


def qt_translations(source: str) -> list[tuple[int, str]]:
    """Calls that look text up in Qt's translator: ``self.tr(…)``, ``x.translate(…)``, ``QT_TR_NOOP(…)``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
        # QPainter.translate(dx, dy) moves the origin: numbers, not a context and a string.
        if name == "translate" and not (
            node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
        ):
            continue
        if name in QT_WORDS:
            found.append((node.lineno, ast.unparse(node)[:60]))
    return found


def screen_codes(source: str) -> set[str]:
    return {
        n.value
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.startswith("screen.")
    }


def test_the_scan_finds_what_it_forbids():
    assert qt_translations('self.label.setText(self.tr("Back"))')
    assert qt_translations('QCoreApplication.translate("HomeScreen", "Back")')
    assert not qt_translations('p.translate(10, 20)\nself.m("screen.common.back")')


def test_citizen_screens_and_widgets_never_ask_qt_for_words():
    modules = citizen_modules()
    assert len(modules) > 20
    offenders = [
        f"{p.relative_to(repo_root())}:{line} {call}"
        for p in modules
        for line, call in qt_translations(p.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "use self.m(code) / ui.widgets.words.message(code): " + "; ".join(offenders)


def test_every_screen_code_used_is_in_the_catalog_in_both_languages():
    known = catalog()
    used = set().union(*(screen_codes(p.read_text(encoding="utf-8")) for p in citizen_modules()))
    assert len(used) > 80
    missing = sorted(c for c in used if c not in known)
    assert missing == [], f"add these to kiosk/messages/screens.py: {missing}"
    empty = sorted(c for c in used if not all(known[c]))
    assert empty == []


def test_no_catalog_entry_of_the_screens_is_left_unused():
    used = set().union(*(screen_codes(p.read_text(encoding="utf-8")) for p in citizen_modules()))
    unused = sorted(c for c in catalog() if c.startswith("screen.") and c not in used)
    assert unused == [], f"remove from kiosk/messages/screens.py: {unused}"
