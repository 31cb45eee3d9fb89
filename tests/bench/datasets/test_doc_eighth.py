"""The eighth document set: its plan's balance, its truth against what Blender draws, a frame's sanity."""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from pathlib import Path

import cv2
import numpy as np
import pytest
from mrz.checker.td3 import TD3CodeChecker
from PIL import Image

from bench.datasets import doc_eighth, eighth_print
from bench.datasets.eighth_photos import PATTERNS, SURFACES, pattern_png, read_pattern
from bench.datasets.eighth_plan import (
    CONDITIONS,
    KIND_WEIGHTS,
    KINDS,
    SHEETS,
    euler_matrix,
    frame_plan,
    schedule,
    sentinel_plan,
)
from devices.card.mrz import parse_td1

needs_blender = pytest.mark.skipif(
    doc_eighth.blender_path() is None,
    reason="Blender is not installed (apt-get install blender): the eighth set renders with it",
)


def test_every_prefix_of_the_plan_is_balanced() -> None:
    total = sum(KIND_WEIGHTS.values())
    conditions: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for i in range(150):
        condition, kind, _ = schedule(8, i)
        conditions[condition] += 1
        kinds[kind] += 1
        n = i + 1
        assert max(conditions.values()) - min(conditions[c] for c in CONDITIONS) <= 1
        if n >= 20:
            for k in KINDS:
                # within two frames of its share at every prefix past the first cycle's start
                assert abs(kinds[k] - n * KIND_WEIGHTS[k] / total) <= 2.5, (n, k, dict(kinds))
    assert 0.12 <= kinds["none"] / 150 <= 0.18
    cards = kinds["id_card"] + kinds["licence"]
    assert 0.35 <= cards / (150 - kinds["none"]) <= 0.45


def test_a_curled_sheet_is_a_sheet_and_the_plan_is_deterministic() -> None:
    for i in range(60):
        condition, kind, _ = schedule(8, i)
        if condition == "curled_sheet":
            assert kind in SHEETS + ("none",)
    assert json.dumps(frame_plan(8, 17)) == json.dumps(frame_plan(8, 17))
    assert json.dumps(frame_plan(8, 17)) != json.dumps(frame_plan(8, 17, attempt=1))
    assert json.dumps(frame_plan(8, 17)) != json.dumps(frame_plan(9, 17))


def test_negatives_have_no_document_and_positives_one() -> None:
    for i in range(40):
        plan = frame_plan(8, i)
        assert (plan["document"] is None) == (plan["kind"] == "none")


def _outline_iou(image: np.ndarray, corners: np.ndarray) -> tuple[float, np.ndarray]:
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    # the page (and its black marker) against the black tray: fill the page's outer contour
    _, bright = cv2.threshold(grey, 60, 255, cv2.THRESH_BINARY)
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    page = max(contours, key=cv2.contourArea)
    seen = np.zeros_like(grey)
    cv2.drawContours(seen, [page], -1, 255, thickness=cv2.FILLED)
    truth = np.zeros_like(grey)
    cv2.fillPoly(truth, [np.round(corners * 8).astype(np.int32)], 255, lineType=cv2.LINE_8, shift=3)
    inter = np.count_nonzero((seen > 0) & (truth > 0))
    union = np.count_nonzero((seen > 0) | (truth > 0))
    # the marker: dark pixels inside the page
    marker = (grey < 60) & (seen > 0)
    ys, xs = np.nonzero(marker)
    return inter / union, np.array([xs.mean(), ys.mean()])


@needs_blender
@pytest.mark.parametrize("kind", ["a5", "id_card"])
def test_the_projected_truth_is_the_outline_blender_draws(kind: str, tmp_path: Path) -> None:
    plan = sentinel_plan(kind, 640, 480)
    plan = doc_eighth.resolve_files(plan, tmp_path, tmp_path / "photos")
    out = doc_eighth.run_blender(plan, tmp_path)
    assert "rejected" not in out
    corners = np.array([c[:2] for c in out["corners"]], dtype=np.float32)
    image = np.asarray(Image.open(out["png"]).convert("RGB"))[:, :, ::-1]
    iou, marker = _outline_iou(image, corners)
    print(f"{kind}: IoU {iou:.4f}")
    assert iou >= 0.98, iou
    # the black square printed at the page's top-left lies nearest the truth's first corner
    distances = [math.dist(marker, c) for c in corners]
    assert int(np.argmin(distances)) == 0, distances


@needs_blender
def test_a_rendered_frame_is_a_camera_frame_with_its_document_in_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_BENCH_CACHE", str(tmp_path))
    sample = doc_eighth.load_or_render(8, 6, 320, 240)  # a passport on a counter under ceiling panels
    assert sample is not None
    assert sample.image.shape == (240, 320, 3) and sample.image.dtype == np.uint8
    assert sample.kind == "passport" and sample.condition == schedule(8, 6)[0]
    assert (
        sample.corners is not None and sample.corners.shape == (4, 2) and sample.corners.dtype == np.float32
    )
    assert (sample.corners[:, 0] > 0).all() and (sample.corners[:, 0] < 320).all()
    assert (sample.corners[:, 1] > 0).all() and (sample.corners[:, 1] < 240).all()
    # a convex quadrilateral, wound clockwise in image coordinates (TL, TR, BR, BL)
    area = 0.5 * sum(
        sample.corners[i - 1, 0] * sample.corners[i, 1] - sample.corners[i, 0] * sample.corners[i - 1, 1]
        for i in range(4)
    )
    assert area > 200
    assert sample.image.std() > 8  # not a blank or saturated frame
    cached = list(doc_eighth.samples(8, 7, 320, 240, render=False))  # the cache holds frame 6 only
    assert [s.name for s in cached] == [sample.name]
    assert np.array_equal(cached[0].image, sample.image) and np.array_equal(cached[0].corners, sample.corners)


@pytest.mark.parametrize("seed", range(12))
def test_the_printed_machine_readable_zones_check(seed: int) -> None:
    person = eighth_print.Person(random.Random(seed))
    td1 = parse_td1(eighth_print.cccd_mrz(person), strict=True)
    assert td1.key().document_number == person.id12[-9:]
    td3 = eighth_print.passport_mrz(person, "C1234567")
    assert [len(line) for line in td3.splitlines()] == [44, 44]
    assert bool(TD3CodeChecker(td3)), td3


def test_gimp_patterns_are_read_as_photographs(tmp_path: Path) -> None:
    if not PATTERNS.exists():
        pytest.skip("gimp-data is not installed (apt-get install gimp-data): the eighth set's photographs")
    tile = read_pattern(PATTERNS / SURFACES["wood"][3])
    assert tile.mode == "RGB" and min(tile.size) >= 32
    pixels = np.asarray(tile, dtype=np.float32)
    assert pixels.std() > 5  # a photograph, not a flat colour
    sheet = Image.open(pattern_png(SURFACES["wood"][3], tmp_path, repeat=4))
    assert sheet.size == (tile.size[0] * 4, tile.size[1] * 4)
    # mirrored tiling: the second tile is the first one flipped, so the seam matches
    assert np.array_equal(np.asarray(sheet)[:, tile.size[0] * 2 - 1], np.asarray(sheet)[:, tile.size[0] * 2])


def test_a_held_up_document_and_its_hand_stay_above_the_tray() -> None:
    held = [
        frame_plan(8, i) for i in range(150) if schedule(8, i)[0] == "held_up" and schedule(8, i)[1] != "none"
    ]
    assert len(held) >= 8
    for plan in held:
        doc = plan["document"]
        w, h = doc["size"]
        rot = euler_matrix(doc["rotation"])
        corners = [
            rot @ np.array([x * w / 2, y * h / 2, 0.0]) for x, y in ((-1, 1), (1, 1), (1, -1), (-1, -1))
        ]
        lowest = doc["location"][2] + min(c[2] for c in corners)
        # the fingers run 1.4 cm under the page, about 1 cm thick
        assert lowest - 0.024 > 0.0, (plan["index"], lowest)
