"""Which configuration is in force: ``--config`` if given; else, on an enrolled kiosk, the
signed configuration it last accepted from the central; else the usual file (or the demo).

Used by the app at start and by the ``kiosk provision`` commands, so both see the same one.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.config import KioskConfig, load_config, parse_config
from kiosk.paths import data_dir
from provisioning.enrollment import load_enrollment


def effective_config(config_path: str | Path | None = None) -> KioskConfig:
    if config_path:
        return load_config(Path(config_path))
    ddir = data_dir()
    e = load_enrollment(ddir)
    if e is not None:
        # Only an enrolled kiosk pays for this import (the demo's start-up stays light).
        from kiosk.provision import config_trust
        from provisioning import config as signed_config

        cfg = signed_config.load_in_force(ddir, config_trust(ddir, e))
        if cfg is not None:
            return parse_config(cfg)
    return load_config()
