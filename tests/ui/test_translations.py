"""Every string the foundation shows through self.tr has a Vietnamese translation."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import repo_root

pytestmark = pytest.mark.qt

OTHER_AREAS = ("ui/devices/", "ui/staff/", "ui/technician/", "ui/widgets/camera_preview.py", "ui/launch.py")


def foundation_sources() -> list[Path]:
    root = repo_root()
    files = sorted((root / "ui").rglob("*.py"))
    return [f for f in files if not str(f.relative_to(root)).startswith(OTHER_AREAS)]


def messages(ts: Path) -> dict[tuple[str, str], str]:
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            text = "".join(tr.itertext()) if tr is not None and tr.get("type") != "unfinished" else ""
            out[(name, msg.findtext("source"))] = text
    return out


def test_every_foundation_string_is_translated(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(lupdate), *map(str, foundation_sources()), "-ts", str(fresh), "-locations", "none", "-silent"],
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
