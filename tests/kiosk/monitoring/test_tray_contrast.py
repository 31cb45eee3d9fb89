"""Watched in use: the edge contrast of captured documents, kept as a rolling record of numbers.

Frames are rendered here with numpy: a white page on a flat grey tray whose grey is solved so
the page's edge has a known colour difference (CIE 1976 ΔE*ab) of 3, 8 or 25, under sensor
noise; the record must say so (median, shares under the tray check's lines 4.5 and 14)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import cv2
import numpy as np
import pytest

from devices.camera.capture import Frame
from devices.camera.session import DocumentSession
from kiosk.monitoring.tray_contrast import (
    KEEP_DAYS,
    MIN_CAPTURES,
    TrayContrastRecord,
    TrayWatch,
    record_path,
)

PAPER = np.array([246.0, 246.0, 245.0])  # BGR


def _lab(bgr: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(np.asarray(bgr, np.float32).reshape(1, 1, 3) / 255.0, cv2.COLOR_BGR2LAB)[0, 0]


def tray_grey_for(delta_e: float) -> float:
    """The neutral grey whose ΔE from the paper is ``delta_e`` (bisection: ΔE falls as grey rises)."""
    lo, hi = 0.0, 245.0
    for _ in range(40):
        mid = (lo + hi) / 2
        if np.linalg.norm(_lab(PAPER) - _lab(np.full(3, mid))) > delta_e:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def page_on_tray(
    delta_e: float, seed: int, size: tuple[int, int] = (960, 540)
) -> tuple[np.ndarray, np.ndarray]:
    """(BGR frame, 4×2 corners): an A4 page turned a little, on a tray ``delta_e`` away, noise σ 3."""
    rng = np.random.default_rng(seed)
    w, h = size
    grey = tray_grey_for(delta_e)
    sh = rng.uniform(0.55, 0.75) * h
    sw = sh / 1.414
    base = np.array([[-sw / 2, -sh / 2], [sw / 2, -sh / 2], [sw / 2, sh / 2], [-sw / 2, sh / 2]])
    rot = cv2.getRotationMatrix2D((0, 0), rng.uniform(-15, 15), 1.0)[:, :2]
    corners = (base @ rot.T + (w / 2 + rng.uniform(-0.1, 0.1) * w, h / 2)).astype(np.float32)
    mask = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(mask, np.round(corners * 16).astype(np.int32), 255, cv2.LINE_AA, 4)
    a = (mask.astype(np.float32) / 255.0)[..., None]
    frame = np.full((h, w, 3), grey, np.float32) * (1 - a) + PAPER[None, None, :] * a
    frame = cv2.GaussianBlur(frame, (0, 0), 1.0) + rng.normal(0, 3.0, (h, w, 3))
    return np.clip(frame, 0, 255).astype(np.uint8), corners


def watched(tmp_path, frames, today=date(2026, 12, 8)) -> TrayContrastRecord:
    record = TrayContrastRecord(tmp_path, today=lambda: today)
    watch = TrayWatch(record)
    for image, corners in frames:
        watch.observe(image, corners)
    watch.join()
    return record


@pytest.mark.parametrize(
    ("delta_e", "under_fail", "under_warn", "standing"),
    [(3.0, 1.0, 1.0, "pale"), (8.0, 0.0, 1.0, "low"), (25.0, 0.0, 0.0, "ok")],
)
def test_the_record_says_how_far_documents_stand_out(tmp_path, delta_e, under_fail, under_warn, standing):
    record = watched(tmp_path, [page_on_tray(delta_e, seed) for seed in range(MIN_CAPTURES + 2)])
    s = record.summary()
    assert s["count"] == MIN_CAPTURES + 2 and s["no_outline"] == 0 and s["days"] == KEEP_DAYS
    assert abs(s["median_delta_e"] - delta_e) <= max(1.0, 0.06 * delta_e), s
    assert (s["under_fail"], s["under_warn"], s["standing"]) == (under_fail, under_warn, standing)


def test_a_mixed_week_gives_its_median_and_shares(tmp_path):
    frames = [page_on_tray(3.0, i) for i in range(5)] + [page_on_tray(8.0, i) for i in range(9)]
    frames += [page_on_tray(25.0, i) for i in range(16)]
    s = watched(tmp_path, frames).summary()
    assert s["count"] == 30 and s["under_fail"] == round(5 / 30, 3) and s["under_warn"] == round(14 / 30, 3)
    assert 23.0 <= s["median_delta_e"] <= 27.0 and s["standing"] == "ok"
    # two more pale captures and the median falls among the 8s: the tray now counts as low
    record = watched(tmp_path, [page_on_tray(3.0, i) for i in range(10, 12)])
    assert record.summary()["standing"] == "low" and record.summary()["median_delta_e"] < 14


def test_too_few_captures_judge_nothing(tmp_path):
    s = watched(tmp_path, [page_on_tray(3.0, i) for i in range(MIN_CAPTURES - 1)]).summary()
    assert s["count"] == MIN_CAPTURES - 1 and s["standing"] == "too_few"


def test_pages_taken_without_an_outline_are_counted_not_measured(tmp_path):
    image, _ = page_on_tray(3.0, 1)
    s = watched(tmp_path, [(image, None)] * 3 + [page_on_tray(25.0, 2)]).summary()
    assert (s["count"], s["no_outline"]) == (1, 3)


def test_only_the_last_days_are_kept(tmp_path):
    day0 = date(2026, 11, 1)
    old = TrayContrastRecord(tmp_path, today=lambda: day0)
    for _ in range(5):
        old.add(3.0)
    later = TrayContrastRecord(tmp_path, today=lambda: day0 + timedelta(days=KEEP_DAYS - 1))
    assert later.summary()["count"] == 5  # the first day is still within the window
    gone = TrayContrastRecord(tmp_path, today=lambda: day0 + timedelta(days=KEEP_DAYS))
    gone.add(30.0)
    kept = json.loads(record_path(tmp_path).read_text())["days"]
    assert list(kept) == [(day0 + timedelta(days=KEEP_DAYS)).isoformat()] and gone.summary()["count"] == 1


def test_the_record_holds_numbers_and_days_only(tmp_path):
    watched(tmp_path, [page_on_tray(8.0, i) for i in range(3)])
    raw = json.loads(record_path(tmp_path).read_text())
    assert set(raw) == {"days", "bin"}
    for day, v in raw["days"].items():
        assert date.fromisoformat(day) and set(v) == {"bins", "no_outline"}
        assert all(type(n) is int for n in v["bins"])
    assert record_path(tmp_path).stat().st_size < 2000


def test_the_camera_step_hook_measures_what_the_detector_found(tmp_path):
    """The real detector on a rendered page: the session tells the watch of the capture."""
    record = TrayContrastRecord(tmp_path, today=lambda: date(2026, 12, 8))
    watch = TrayWatch(record)
    seen = []

    def hook(image, corners):
        seen.append(corners)
        watch.observe(image, corners)

    image, truth = page_on_tray(25.0, 4, size=(1280, 720))
    session = DocumentSession("page", max_pages=1, auto=False, on_capture=hook)
    result = session.process(Frame(image, 0, 0.0))
    assert result.detection is not None
    assert session.capture_now() is not None
    watch.join()
    assert len(seen) == 1 and seen[0] is not None and seen[0].shape == (4, 2)
    s = record.summary()
    assert s["count"] == 1 and abs(s["median_delta_e"] - 25.0) <= 2.0


def test_a_failing_measurement_never_reaches_the_capture(tmp_path, monkeypatch):
    record = TrayContrastRecord(tmp_path)
    monkeypatch.setattr(record, "add", lambda _d: (_ for _ in ()).throw(OSError("disk full")))
    watch = TrayWatch(record)
    watch.observe(*page_on_tray(25.0, 1))
    watch.join()  # logged, not raised
