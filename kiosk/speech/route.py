"""Where speech would come out: no audio device, the open speaker, or headphones.

Headphones are detected through the sound server (PulseAudio, or PipeWire's pulse
service, both answer ``pactl``): the default sink's active port says "headphones" (or
"headset", "handset") and is available, i.e. the jack is plugged. Without a sound server the
ALSA device list says only whether there is an output at all. A kiosk with a fitted handset
declares it in the configuration (``[speech] handset = true``).
"""

from __future__ import annotations

import enum
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PRIVATE_PORT_WORDS = ("headphone", "headset", "handset", "earpiece")


class Route(enum.Enum):
    NONE = "none"  # nothing can play: the kiosk works silently and says so to staff
    SPEAKER = "speaker"
    HEADPHONES = "headphones"


@dataclass(frozen=True)
class RouteInfo:
    route: Route
    detail: str  # for staff and logs: which sink/port, or why none


def _pactl_sinks() -> list[dict[str, Any]] | None:
    exe = shutil.which("pactl")
    if exe is None:
        return None
    try:
        default = subprocess.run([exe, "get-default-sink"], capture_output=True, text=True, timeout=3)
        listed = subprocess.run(
            [exe, "-f", "json", "list", "sinks"], capture_output=True, text=True, timeout=3
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if listed.returncode != 0:
        return None
    try:
        sinks = json.loads(listed.stdout)
    except json.JSONDecodeError:
        return None
    name = default.stdout.strip()
    # The default sink first: that is where speech goes.
    return sorted(sinks, key=lambda s: s.get("name") != name)


def route_from_sinks(sinks: list[dict[str, Any]]) -> RouteInfo:
    """Decide from ``pactl -f json list sinks`` (default sink first)."""
    if not sinks:
        return RouteInfo(Route.NONE, "sound server has no output")
    sink = sinks[0]
    active = str(sink.get("active_port") or "")
    listed = sink.get("ports")
    ports = {
        str(p.get("name")): p for p in (listed if isinstance(listed, list) else []) if isinstance(p, dict)
    }
    port = ports.get(active, {})
    label = f"{active} {port.get('description', '')}".lower()
    plugged = str(port.get("availability", "available")) != "not available"
    if any(w in label for w in PRIVATE_PORT_WORDS) and plugged:
        return RouteInfo(Route.HEADPHONES, f"{sink.get('name')}: {active}")
    return RouteInfo(Route.SPEAKER, f"{sink.get('name')}: {active or 'default port'}")


def _alsa_has_playback(root: Path = Path("/dev/snd")) -> bool:
    return any(p.name.startswith("pcm") and p.name.endswith("p") for p in root.glob("pcm*"))


def detect(*, handset: bool = False) -> RouteInfo:
    if handset:
        return RouteInfo(Route.HEADPHONES, "handset declared in the configuration")
    sinks = _pactl_sinks()
    if sinks is not None:
        return route_from_sinks(sinks)
    if _alsa_has_playback():
        return RouteInfo(Route.SPEAKER, "ALSA device, no sound server (headphones cannot be detected)")
    return RouteInfo(Route.NONE, "no audio output device")
