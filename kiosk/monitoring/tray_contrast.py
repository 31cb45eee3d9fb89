"""How well citizens' own documents stand out from the tray, watched at every capture.

The tray check (a blank A4 sheet, once, by a technician) says how the tray was on the day it
was installed; a mat taken away, a lamp moved or a counter changed shows only in use. Each
time the camera step captures a page whose outline the detector found, the edge contrast
there (ΔE between a band just inside and just outside the outline, measured by
:func:`devices.camera.tray.measure_tray` given the corners, as the tray check measures its
sheet) is added to a rolling record: per Vietnam calendar day, a histogram of ΔE in 0.5
steps, and how many manual captures found no outline at all. Numbers only: no image, no
time of day, nothing of the document. The last :data:`KEEP_DAYS` days are kept; the
heartbeat sends :func:`summary`.

The figures lean optimistic: a document the detector did not find is not measured (a
citizen's "Take it now" with no outline counts in ``no_outline`` instead), so a pale tray
shows as a low median over few captures and many captures without an outline.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from common.durable import read_json, write_json
from kiosk.logs import get_logger
from kiosk.vntime import VN_TZ

log = get_logger(__name__)

FILE = "tray_contrast.json"
KEEP_DAYS = 14
BIN = 0.5  # ΔE per histogram bin: 4.5 and 14, the tray check's lines, fall on bin edges
TOP = 60.0  # everything above lands in the last bin (dark mats measure 60-75)
N_BINS = int(TOP / BIN) + 1
MIN_CAPTURES = 20  # fewer say too little about a tray to alert anyone


def record_path(data_dir: Path) -> Path:
    return data_dir / "monitoring" / FILE


def _today() -> date:
    return datetime.now(VN_TZ).date()


class TrayContrastRecord:
    """The rolling record in ``<data>/monitoring/tray_contrast.json`` (thread-safe within a process)."""

    def __init__(self, data_dir: Path, today: Callable[[], date] = _today) -> None:
        self.path = record_path(data_dir)
        self._today = today
        self._lock = threading.Lock()

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            raw = read_json(self.path)
        except (OSError, ValueError):
            return {}
        days = raw.get("days") if isinstance(raw, dict) else None
        return days if isinstance(days, dict) else {}

    def _kept(self, days: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        first = (self._today() - timedelta(days=KEEP_DAYS - 1)).isoformat()
        return {d: v for d, v in sorted(days.items()) if d >= first}

    def add(self, delta_e: float | None) -> None:
        """One capture: its edge ΔE, or None when the page was taken with no outline found."""
        with self._lock:
            days = self._kept(self._read())
            day = days.setdefault(self._today().isoformat(), {"bins": [0] * N_BINS, "no_outline": 0})
            if delta_e is None:
                day["no_outline"] = int(day.get("no_outline", 0)) + 1
            else:
                bins = day["bins"]
                bins[min(int(max(delta_e, 0.0) / BIN), N_BINS - 1)] += 1
            write_json(self.path, {"days": days, "bin": BIN})

    def summary(self) -> dict[str, Any]:
        """Over the kept days: captures measured, median ΔE, shares under 4.5 and 14, no outline."""
        from devices.camera.tray import FAIL_DELTA_E, WARN_DELTA_E

        with self._lock:
            days = self._kept(self._read())
        hist = np.zeros(N_BINS, np.int64)
        no_outline = 0
        for v in days.values():
            bins = v.get("bins") or []
            if len(bins) == N_BINS:
                hist += np.asarray(bins, np.int64)
            no_outline += int(v.get("no_outline", 0))
        count = int(hist.sum())
        out: dict[str, Any] = {
            "days": KEEP_DAYS,
            "count": count,
            "no_outline": no_outline,
            "median_delta_e": None,
            "under_fail": None,
            "under_warn": None,
        }
        if count:
            cum = np.cumsum(hist)
            i = int(np.searchsorted(cum, count / 2))
            before = int(cum[i - 1]) if i else 0
            # the median inside its bin, the bin's captures spread evenly across it
            median = BIN * (i + (count / 2 - before) / max(int(hist[i]), 1))
            out["median_delta_e"] = round(median, 1)
            out["under_fail"] = round(int(hist[: int(FAIL_DELTA_E / BIN)].sum()) / count, 3)
            out["under_warn"] = round(int(hist[: int(WARN_DELTA_E / BIN)].sum()) / count, 3)
        out["standing"] = standing(out)
        return out


def standing(summary: dict[str, Any]) -> str:
    """``too_few`` captures to say; else half of them under the tray check's fail line
    (``pale``), under its pass line (``low``), or not (``ok``)."""
    from devices.camera.tray import FAIL_DELTA_E, WARN_DELTA_E

    median = summary.get("median_delta_e")
    if summary.get("count", 0) < MIN_CAPTURES or median is None:
        return "too_few"
    return "pale" if median < FAIL_DELTA_E else "low" if median < WARN_DELTA_E else "ok"


def poor(summary: dict[str, Any]) -> bool:
    return standing(summary) in ("low", "pale")


class TrayWatch:
    """The camera step's capture hook: measures off the capturing thread, never raises into it.

    ``start(work)`` runs ``work`` on a worker: the kiosk passes its UI's one background runner
    (whose threads are joined at shutdown); without one (the command line, tests) a thread of
    this watch's own, joined by :meth:`join`.
    """

    def __init__(
        self, record: TrayContrastRecord, start: Callable[[Callable[[], None]], None] | None = None
    ) -> None:
        self.record = record
        self._start = start or self._thread
        self._threads: list[threading.Thread] = []

    def observe(self, image: np.ndarray, corners: Any) -> None:
        self._start(lambda: self._measure(image, corners))

    def _thread(self, work: Callable[[], None]) -> None:
        t = threading.Thread(target=work, name="tray-watch", daemon=True)
        self._threads = [x for x in self._threads if x.is_alive()] + [t]
        t.start()

    def join(self, timeout: float = 10.0) -> None:
        for t in list(self._threads):
            t.join(timeout)

    def _measure(self, image: np.ndarray, corners: Any) -> None:
        try:
            delta_e = None
            if corners is not None:
                from devices.camera.tray import measure_tray

                tc = measure_tray(image, sheet=np.asarray(corners, np.float32))
                delta_e = tc.delta_e if tc.found_by is not None else None
                if delta_e is None:
                    return  # an outline too thin to measure a band either side of: not counted
            self.record.add(delta_e)
        except Exception as e:  # noqa: BLE001 - monitoring must never break a capture
            log.warning("tray_watch_failed", error=e.__class__.__name__)
