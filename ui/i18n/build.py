"""Build ``kiosk_<lang>.qm`` from every ``ui/i18n/<lang>/*.ts`` (one .ts per area, merged).

Run by the set-up (``python -m ui.i18n.build``). Each area keeps its own .ts file so that
areas never edit the same file; lrelease merges them into one .qm per language.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def lrelease_cmd() -> list[str]:
    exe = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-lrelease"
    )
    if not exe:
        raise SystemExit("pyside6-lrelease not found: is PySide6 installed in .venv?")
    return [exe]


def build() -> list[Path]:
    built = []
    for lang_dir in sorted(p for p in HERE.iterdir() if p.is_dir() and not p.name.startswith("_")):
        sources = sorted(lang_dir.glob("*.ts"))
        if not sources:
            continue
        out = HERE / f"kiosk_{lang_dir.name}.qm"
        subprocess.run([*lrelease_cmd(), "-silent", *map(str, sources), "-qm", str(out)], check=True)
        built.append(out)
    return built


if __name__ == "__main__":
    for path in build():
        print(path)
