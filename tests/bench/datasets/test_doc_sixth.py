"""The sixth document set (Mitsuba 3 path tracer): determinism, truth inside the frame, negatives
without truth, and the truth checked against rendered pixels (a sentinel-coloured flat sheet)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from bench.datasets import doc_sixth, sixth_photos, sixth_scene

SMALL = {"width": 192, "height": 144, "spp": 2, "cache": False}


def test_same_seed_same_frames_and_other_seed_differs() -> None:
    first = list(doc_sixth.samples(6, 3, **SMALL))
    again = list(doc_sixth.samples(6, 3, **SMALL))
    for a, b in zip(first, again, strict=True):
        assert a.name == b.name and a.condition == b.condition and a.kind == b.kind
        assert np.array_equal(a.image, b.image)
        assert (a.corners is None and b.corners is None) or np.array_equal(a.corners, b.corners)
    other = next(doc_sixth.samples(7, 1, **SMALL))
    assert not np.array_equal(other.image, first[0].image)


def test_cache_gives_back_what_was_rendered(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_BENCH_CACHE", str(tmp_path))
    args = {"width": 128, "height": 96, "spp": 1}
    rendered = list(doc_sixth.samples(6, 2, **args))
    assert len(list((tmp_path / "doc_sixth").rglob("*.png"))) == 2
    cached = list(doc_sixth.samples(6, 2, **args))
    for a, b in zip(rendered, cached, strict=True):
        assert np.array_equal(a.image, b.image) and a.name == b.name
        assert (a.corners is None and b.corners is None) or np.allclose(a.corners, b.corners)


def test_one_cycle_positives_in_frame_negatives_without_truth() -> None:
    seen = set()
    for s in doc_sixth.samples(6, len(doc_sixth.CYCLE), width=128, height=96, spp=1, cache=False):
        seen.add(s.condition)
        assert s.image.shape == (96, 128, 3) and s.image.dtype == np.uint8
        if s.condition == "negative":
            assert s.corners is None and s.kind == "none" and s.name.split("-")[-1] in doc_sixth.NEGATIVES
            continue
        assert s.kind in doc_sixth.KINDS
        assert s.corners is not None and s.corners.shape == (4, 2) and s.corners.dtype == np.float32
        assert (s.corners[:, 0] >= 0).all() and (s.corners[:, 0] <= 127).all()
        assert (s.corners[:, 1] >= 0).all() and (s.corners[:, 1] <= 95).all()
        assert cv2.contourArea(s.corners) > 30
    assert seen == set(doc_sixth.CONDITIONS)


@pytest.mark.parametrize(
    ("kind", "rot", "tilt"),
    [
        ("a4", (170.0, 190.0), (0.0, 4.0)),
        ("id_card", (-30.0, 30.0), (8.0, 15.0)),
        ("passport", (60.0, 120.0), (45.0, 52.0)),
    ],
)
def test_truth_matches_rendered_pixels_of_a_sentinel_sheet(
    kind: str, rot: tuple[float, float], tilt: tuple[float, float]
) -> None:
    """A flat sheet, green with a red top-left patch, on a blue floor, lit evenly, pinhole, no
    camera effects: the projected truth quad covers the green+red pixels (IoU >= 0.98) and its
    first corner is the red one."""
    width, height = 960, 720  # at a coarser film the one-pixel rim of a small card alone costs 2 % IoU
    rng = np.random.default_rng([20, len(kind)])
    cam = doc_sixth.make_camera(rng, kind, width, height)
    real = doc_sixth.make_doc(kind, rng)
    face = np.zeros((400, int(400 * real.width / real.height), 3), np.uint8)
    face[:] = (0, 255, 0)
    face[: face.shape[0] // 5, : face.shape[1] // 5] = (0, 0, 255)  # BGR red in the printed top-left
    doc = doc_sixth.Doc(kind, face, real.width, real.height, sixth_scene.diffuse(sixth_scene.texture(face)))
    mesh, corners, _ = doc_sixth.place(rng, cam, doc, 0.0, rot, tilt)
    sc = sixth_scene.Scene(cam, max_depth=2)
    sc.objects = {
        "floor": sixth_scene.rect(0, 0, 0, 3, 3, sixth_scene.diffuse(sixth_scene.rgb((0.0, 0.0, 0.6)))),
        "doc": mesh,
        **sixth_scene.ambient(1.0),
    }
    img = sc.render(2, seed=1)
    quad = sixth_scene.project(cam, corners)
    sheet = (img[:, :, 0] + img[:, :, 1]) > img[:, :, 2]
    truth = np.zeros((height, width), np.uint8)
    cv2.fillPoly(truth, [np.round(quad * 16).astype(np.int32)], 1, lineType=cv2.LINE_8, shift=4)
    iou = (sheet & (truth > 0)).sum() / (sheet | (truth > 0)).sum()
    assert iou >= 0.98, f"{kind}: IoU of truth and rendered sheet {iou:.4f}"
    # a point just inside the truth's first corner is red: TL is the sheet's own top-left
    inside = quad[0] + 0.08 * (quad[2] - quad[0])
    r, g, _ = img[int(round(inside[1])), int(round(inside[0]))]
    assert r > 2 * g, f"{kind}: the first truth corner is not the printed top-left"


def test_missing_photographs_name_the_package(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sixth_photos, "OPENCV_DATA", tmp_path)
    sixth_photos._load.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="opencv-doc"):
            next(doc_sixth.samples(6, 1, **SMALL))
    finally:
        sixth_photos._load.cache_clear()
