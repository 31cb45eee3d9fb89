"""The tray check's last verdict, kept: part of putting a kiosk in service.

The tray check (:func:`provisioning.selftest.check_tray`, a blank A4 sheet on the tray) is
run by hand, once, when a kiosk is installed. A kiosk whose tray is too pale for white paper
fails citizen after citizen at the camera step, so its verdict must not be lost with the
screen that showed it: the last one is written to ``<data>/provisioning/tray_check.json``
(status, figures, when, which camera and configuration version) and read back by every
self-test, ``kiosk provision status``, the technician screen and the heartbeat.

:func:`standing` says what that verdict is worth now: a check taken with another camera than
the one configured says nothing about this one, and a kiosk never checked is not known good.
A simulated camera has no tray.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from common.durable import read_json, write_json
from provisioning.enrollment import provisioning_dir

FILE = "tray_check.json"
# What the last check is worth for the camera configured now.
Standing = Literal["pass", "warn", "fail", "unchecked", "other_camera", "simulated"]


@dataclass(frozen=True)
class TrayVerdict:
    status: Literal["pass", "warn", "fail"]
    checked_at: float  # epoch seconds
    camera: str  # the camera setting the check was taken with
    config_version: int  # the signed configuration in force then (0: a local file)
    hint_code: str | None = None
    delta_e: float | None = None
    step: float | None = None  # grey levels
    noise: float | None = None
    glare: float | None = None  # share of the sheet's pixels blown out
    found_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def verdict_path(data_dir: Path) -> Path:
    return provisioning_dir(data_dir) / FILE


def save_verdict(
    data_dir: Path,
    status: Literal["pass", "warn", "fail"],
    figures: dict[str, Any],
    *,
    camera: str,
    config_version: int,
    hint_code: str | None,
    at: float | None = None,
) -> TrayVerdict:
    """Keep a tray check's result (the figures of :meth:`devices.camera.tray.TrayContrast.figures`)."""
    v = TrayVerdict(
        status=status,
        checked_at=time.time() if at is None else at,
        camera=camera,
        config_version=config_version,
        hint_code=hint_code,
        delta_e=figures.get("delta_e"),
        step=figures.get("step"),
        noise=figures.get("noise"),
        glare=figures.get("glare"),
        found_by=figures.get("found_by"),
    )
    write_json(verdict_path(data_dir), v.to_dict())
    return v


def load_verdict(data_dir: Path) -> TrayVerdict | None:
    """The last verdict kept, or None (never checked, or a file nobody can read: check again)."""
    path = data_dir / "provisioning" / FILE
    if not path.exists():
        return None
    try:
        raw = read_json(path)
        return TrayVerdict(**{k: raw[k] for k in TrayVerdict.__dataclass_fields__ if k in raw})
    except (OSError, ValueError, TypeError):
        return None


def checked_on(at: float) -> str:
    """The day a check was taken, as the kiosk's own clock shows it (the technician's day)."""
    return time.strftime("%Y-%m-%d", time.localtime(at))


def standing(verdict: TrayVerdict | None, camera: str) -> Standing:
    if camera.startswith("sim"):
        return "simulated"
    if verdict is None:
        return "unchecked"
    if verdict.camera != camera:
        return "other_camera"
    return verdict.status


def heartbeat_figures(data_dir: Path, camera: str) -> dict[str, Any]:
    """What the central is told of the tray check (numbers and codes only)."""
    v = load_verdict(data_dir)
    return {
        "standing": standing(v, camera),
        "delta_e": v.delta_e if v else None,
        "checked_at": v.checked_at if v else None,
    }
