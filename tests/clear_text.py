"""Search a kiosk's files for what must never lie there in clear (names, ID numbers)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path


def clear_text_in(
    roots: Iterable[Path], needles: Mapping[bytes, str], names: Iterable[str] = ()
) -> list[str]:
    """Every "path: what" where a needle's bytes are in a file, or a name is in a file's name.

    The kiosk may still be writing while this walks (the printer's job record is updated as the
    receipt comes out). A durable write's temporary file can be renamed over its target between
    the listing and the read: what it held is then in the target, so its directory is listed
    again and whatever is new in it is read.
    """
    names = list(names)
    hits: list[str] = []
    seen: set[Path] = set()

    def look(path: Path) -> bool:
        """False when the file went away between the listing and the read."""
        if path in seen or path.is_symlink() or not path.is_file():
            return True
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return False
        seen.add(path)
        hits.extend(f"{path}: {what}" for needle, what in needles.items() if needle in data)
        hits.extend(f"{path}: {name!r} in the file's name" for name in names if name in path.name)
        return True

    moved: set[Path] = set()
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                if not look(Path(dirpath) / name):
                    moved.add(Path(dirpath))
    for directory in moved:
        if directory.is_dir():
            for path in directory.iterdir():
                look(path)
    return hits


def utf8(secrets: Iterable[str]) -> dict[bytes, str]:
    return {s.encode("utf-8"): s for s in secrets}
