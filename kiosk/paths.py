"""Where the kiosk keeps its files.

Everything lives under one data directory so that a technician's reset can wipe it and a
test can point it at a temporary folder (``KIOSK_DATA_DIR``).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP = "onestop-kiosk"


def data_dir() -> Path:
    """Root of everything the kiosk writes (database, attachments, keys, logs)."""
    override = os.environ.get("KIOSK_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """``<data dir>/logs`` (0700): never elsewhere, so a reset wipes the logs with the rest."""
    return secure_dir(data_dir() / "logs")


def default_config_path() -> Path:
    """``KIOSK_CONFIG`` if set, else ``kiosk.toml`` in the platform's config dir."""
    override = os.environ.get("KIOSK_CONFIG")
    return Path(override) if override else Path(user_config_dir(APP)) / "kiosk.toml"


def secure_dir(path: Path) -> Path:
    """A directory only the kiosk's user can read (keys, encrypted stores)."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path
