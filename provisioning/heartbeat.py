"""The kiosk's heartbeat: every interval, post its health to the central; take back commands.

What is sent (technical facts only, never personal data): software version, uptime, each
device's state, paper ok / near end / out, outbox size and oldest age, last successful
sync, disk free, configuration version, whether the kiosk is out of service, the tray
check's standing and how well documents stood out from the tray in use. The answer
carries the central's time (clock skew), the interval, the newest configuration version
and signed remote commands, handed to :mod:`provisioning.commands`.

:class:`HeartbeatLoop` runs one beat per interval on its own thread and stops promptly
(it waits on an Event, never sleeps blindly).
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from provisioning.errors import ProvisioningError
from provisioning.link import CentralLink


class DeviceLike(Protocol):
    kind: str
    name: str
    driver: str
    state: str
    detail: str
    figures: dict[str, Any]


@dataclass(frozen=True)
class OutboxFigures:
    size: int = 0
    oldest_age_s: float | None = None
    last_sync_at: float | None = None


@dataclass(frozen=True)
class HeartbeatAnswer:
    server_time: float
    clock_skew_s: float  # central minus kiosk, at mid-flight
    latency_s: float
    heartbeat_interval_s: int
    config_version: int
    commands: list[dict[str, Any]] = field(default_factory=list)


def paper_state(devices: Iterable[DeviceLike]) -> str:
    """``ok | near_end | out | unknown`` from the printer's health figures or detail."""
    for d in devices:
        if d.kind != "printer":
            continue
        figures = d.figures or {}
        text = (d.detail or "").lower().replace("_", " ")
        if (
            figures.get("paper_end")
            or figures.get("paper") == "out"
            or text.startswith(("paper end", "paper out"))
        ):
            return "out"
        if figures.get("paper_near_end") or figures.get("paper") == "near_end" or text.startswith("near end"):
            return "near_end"
        if d.state == "ok" or (d.state == "fail" and figures.get("paper_end") is False):
            return "ok"
    return "unknown"


def disk_figures(path: Path) -> dict[str, Any]:
    u = shutil.disk_usage(path)
    return {
        "disk_free_bytes": int(u.free),
        "disk_free_pct": round(100.0 * u.free / u.total, 1) if u.total else 0,
    }


def collect(
    *,
    devices: list[DeviceLike],
    outbox: OutboxFigures | None,
    config_version: int,
    software_version: str,
    started_at: float,
    out_of_service: bool,
    data_dir: Path,
    now: float | None = None,
    tray: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``tray``: the kept tray check and the contrast of documents in use (numbers only)."""
    now = time.time() if now is None else now
    ob = outbox or OutboxFigures()
    return {
        "software_version": software_version,
        "uptime_s": round(max(0.0, now - started_at), 1),
        "devices": [
            {"kind": d.kind, "name": d.name[:120], "state": d.state, "detail": (d.detail or "")[:300]}
            for d in devices
        ],
        "paper": paper_state(devices),
        "outbox": {"size": ob.size, "oldest_age_s": ob.oldest_age_s, "last_sync_at": ob.last_sync_at},
        **disk_figures(data_dir),
        "config_version": config_version,
        "out_of_service": out_of_service,
        "sent_at": now,
        **({"tray": tray} if tray is not None else {}),
    }


def send(link: CentralLink, payload: dict[str, Any]) -> HeartbeatAnswer:
    a = link.call("POST", "kiosk/heartbeat", json_body=payload, expect=(200,))
    body = a.body if isinstance(a.body, dict) else {}
    try:
        server_time = float(body["server_time"])
        commands = [c for c in body.get("commands") or [] if isinstance(c, dict)]
        answer = HeartbeatAnswer(
            server_time=server_time,
            clock_skew_s=round(server_time - (a.sent_at + a.received_at) / 2, 3),
            latency_s=round(a.elapsed_s, 4),
            heartbeat_interval_s=int(body.get("heartbeat_interval_s") or 60),
            config_version=int(body.get("config_version") or 0),
            commands=commands,
        )
    except (KeyError, TypeError, ValueError) as e:
        raise ProvisioningError(
            f"heartbeat answer not usable: {e}", code="provisioning.central_unexpected"
        ) from None
    return answer


class HeartbeatLoop:
    """Calls ``beat()`` now and then every ``interval()`` seconds until :meth:`stop`.

    ``beat`` does the whole round (collect, send, handle commands) and returns nothing; its
    exceptions are passed to ``on_error`` and the loop goes on.
    """

    def __init__(
        self,
        beat: Callable[[], None],
        interval: Callable[[], float],
        on_error: Callable[[BaseException], None] = lambda _e: None,
        name: str = "heartbeat",
    ):
        self._beat = beat
        self._interval = interval
        self._on_error = on_error
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.beats = 0

    def start(self) -> None:
        self._thread.start()

    def beat_now(self) -> None:
        self._wake.set()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the loop to end (it ends only through :meth:`stop`)."""
        self._thread.join(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._beat()
            except Exception as e:  # noqa: BLE001 - a failed beat is reported, the loop goes on
                self._on_error(e)
            self.beats += 1
            self._wake.wait(max(1.0, float(self._interval())))
            self._wake.clear()
