"""Every string the UI shows through self.tr has a Vietnamese translation, and no text reaches a
widget without going through a translation."""

from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import repo_root

pytestmark = pytest.mark.qt


def ui_sources() -> list[Path]:
    """Every module of the UI: staff and technician screens included (they were once skipped)."""
    return sorted((repo_root() / "ui").rglob("*.py"))


def messages(ts: Path) -> dict[tuple[str, str], str]:
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            text = "".join(tr.itertext()) if tr is not None and tr.get("type") != "unfinished" else ""
            out[(name, msg.findtext("source"))] = text
    return out


def test_every_ui_string_is_translated(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(lupdate), *map(str, ui_sources()), "-ts", str(fresh), "-locations", "none", "-silent"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    in_code = set(messages(fresh))
    # Each area keeps its own .ts (foundation.ts, journeys.ts …); build.py merges them all.
    translated: dict[tuple[str, str], str] = {}
    for ts in sorted((repo_root() / "ui" / "i18n" / "vi").glob("*.ts")):
        translated.update({k: v for k, v in messages(ts).items() if v})
    missing = sorted(k for k in in_code if not translated.get(k))
    assert len(in_code) > 50
    assert missing == [], f"add Vietnamese for these to the area's ui/i18n/vi/<area>.ts: {missing}"


# Qt calls that put text on screen (or in front of a screen reader).
_TEXT_CALLS = {
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setAccessibleName",
    "setAccessibleDescription", "setTitle", "setStatusTip", "showMessage", "addItem", "addTab",
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QToolButton", "QGroupBox",
}  # fmt: skip
# Text that is the same in every language: a glyph, a title no one sees in kiosk mode.
_SAME_IN_EVERY_LANGUAGE = {"OK", "A", "Kiosk"}


def _literal_words(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isalpha() for c in node.value) and node.value not in _SAME_IN_EVERY_LANGUAGE
    if isinstance(node, ast.JoinedStr):
        return any(_literal_words(v) for v in node.values)
    return False


def test_no_literal_words_reach_a_widget_untranslated():
    """``label.setText("Paper out")`` passes the .ts check above (there is nothing to look up):
    catch it here. Screenshot drivers (``captures.py``, ``_capture…``) type sample input: exempt."""
    offenders = []
    for f in ui_sources():
        if f.name == "captures.py":
            continue
        tree = ast.parse(f.read_text(encoding="utf-8"))
        exempt = {
            id(n)
            for fn in ast.walk(tree)
            if isinstance(fn, ast.FunctionDef) and fn.name.startswith("_capture")
            for n in ast.walk(fn)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in exempt or not node.args:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in _TEXT_CALLS and _literal_words(node.args[0]):
                offenders.append(
                    f"{f.relative_to(repo_root())}:{node.lineno} {ast.unparse(node.args[0])[:50]}"
                )
    assert offenders == [], "wrap in self.tr() (ui) or kiosk.messages.text() (domain): " + "; ".join(
        offenders
    )
