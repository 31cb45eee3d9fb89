"""The tenth document set: its plan, its documents' zones, its geometry, and real LuxCore frames."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from bench.datasets import doc_tenth, tenth_surfaces, tenth_textures
from bench.datasets.tenth_geometry import Sheet, card, rot_z
from bench.datasets.tenth_optics import CameraPose
from bench.datasets.tenth_render import luxcore_available
from bench.datasets.tenth_schedule import CONDITIONS, KINDS, plan
from devices.card.mrz import parse_td1, parse_td3

ROOT = Path(__file__).resolve().parents[3]
needs_luxcore = pytest.mark.skipif(
    not luxcore_available(), reason="pyluxcore (LuxCoreRender) is not installed"
)
needs_photos = pytest.mark.skipif(
    not tenth_surfaces.available(), reason="Debian's sweethome3d (the set's photographs) is not installed"
)


def test_every_prefix_of_the_plan_is_balanced() -> None:
    frames = [plan(10, i) for i in range(150)]
    assert {f.condition for f in frames} == set(CONDITIONS)
    assert 10 <= len(CONDITIONS) <= 16
    for n in (24, 40, 80, 110, 150):
        kinds = Counter(f.kind for f in frames[:n])
        conditions = Counter(f.condition for f in frames[:n])
        assert max(conditions.values()) - min(conditions.values()) <= 1, (n, conditions)
        cards = kinds["id_card"] + kinds["licence"]
        forms = kinds["a4"] + kinds["a5"]
        positives = n - kinds["none"]
        assert abs(kinds["none"] / n - 0.15) <= 0.05, (n, kinds)
        assert abs(cards / positives - 0.40) <= 0.06, (n, kinds)
        assert abs(forms / positives - 0.35) <= 0.06, (n, kinds)
        assert abs(kinds["passport"] / positives - 0.10) <= 0.05, (n, kinds)
        assert abs(kinds["receipt"] / positives - 0.15) <= 0.05, (n, kinds)
    assert set(Counter(f.kind for f in frames)) == set(KINDS)
    assert len({f.name for f in frames}) == 150
    assert plan(10, 17) == plan(10, 17) and plan(11, 17) != plan(10, 17)


def test_machine_readable_zones_carry_correct_check_digits() -> None:
    rng = np.random.default_rng(5)
    for _ in range(20):
        p = tenth_textures.person(rng)
        td1 = parse_td1("\n".join(tenth_textures.td1_lines(p, (1, 2, 2040))))
        assert td1.checks_ok and len(tenth_textures.td1_lines(p, (1, 2, 2040))[0]) == 30
        lines = tenth_textures.td3_lines(p, "C1234567<", (3, 4, 2031))
        assert all(len(line) == 44 for line in lines)
        assert parse_td3("\n".join(lines)).checks_ok


def test_document_faces_are_drawn_at_their_physical_size() -> None:
    rng = np.random.default_rng(2)
    p = tenth_textures.person(rng)
    front = tenth_textures.cccd_front(rng, p)
    assert (front.width_mm, front.height_mm) == (85.6, 53.98)
    assert front.image.shape[1] / front.image.shape[0] == pytest.approx(85.6 / 53.98, rel=0.01)
    a5 = tenth_textures.form(rng, "a5", p)
    assert (a5.width_mm, a5.height_mm) == (148.0, 210.0)
    data = tenth_textures.passport_data_page(rng, p)
    # the MRZ band is at the bottom of the data page as it is read
    band = data.image[int(data.image.shape[0] * 0.8) :]
    assert band.mean() < data.image[: int(data.image.shape[0] * 0.15)].mean() + 30
    assert (band < 80).mean() > 0.02


def test_sheet_corners_stay_vertices_through_curl_and_crease() -> None:
    s = Sheet(0.21, 0.297)
    s.curl_edge("u", 0.6, 0.04, from_far_end=True)
    s.crease("v", 0.5, 0.2)
    rot, trans = rot_z(0.7), np.array([0.01, -0.02, 0.003])
    corners = s.corners(rot, trans)
    mesh = s.mesh(rot, trans)
    for c in corners:
        assert np.min(np.linalg.norm(mesh.vertices - c, axis=1)) < 1e-12
    # the curled edge is lifted and pulled in, the paper does not stretch along the curl
    assert corners[1, 2] > trans[2] + 0.005
    top_edge = s.local[: s.nu]
    assert np.sum(np.linalg.norm(np.diff(top_edge, axis=0), axis=1)) == pytest.approx(0.21, rel=1e-3)


def test_card_face_is_a_rounded_id1_rectangle() -> None:
    top, body = card(0.0856, 0.05398, 0.00076, 0.00318)
    xy = top.vertices[:, :2]
    assert xy[:, 0].min() == pytest.approx(0.0) and xy[:, 0].max() == pytest.approx(0.0856)
    assert -xy[:, 1].max() == pytest.approx(0.0) and -xy[:, 1].min() == pytest.approx(0.05398)
    # the straight-edge corner itself is not on the card: it is cut by the 3.18 mm radius
    assert np.min(np.linalg.norm(xy - [0.0, 0.0], axis=1)) > 0.0009
    assert body.faces.max() < len(body.vertices)


def test_projection_centres_the_target_and_keeps_orientation() -> None:
    cam = CameraPose((0.0, 0.0, 0.4), (0.0, 0.0, 0.0), (0.0, 1.0, 0.0), 60.0, 1600, 1200)
    centre = cam.project(np.array([[0.0, 0.0, 0.0]]))[0]
    assert centre[0] == pytest.approx(799.5) and centre[1] == pytest.approx(600.5)
    right_up = cam.project(np.array([[0.05, 0.05, 0.0]]))[0]
    assert right_up[0] > centre[0] and right_up[1] < centre[1]
    # the field of view spans the longer side: a point at the view's edge lands on the frame's edge
    edge = cam.project(np.array([[0.4 * np.tan(np.radians(30)), 0.0, 0.0]]))[0]
    assert edge[0] == pytest.approx(1599.5, abs=1e-3)


def _worker_env(cache: Path) -> dict[str, str]:
    return {**os.environ, "KIOSK_BENCH_CACHE": str(cache), "PYTHONPATH": str(ROOT)}


@needs_luxcore
def test_truth_outlines_a_rendered_sentinel_page() -> None:
    """Flat pages rendered by LuxCore: the page's pixels and the projected corners agree."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.datasets.tenth_worker", "sentinel", "--size", "640x480", "--seed", "7"],
        capture_output=True,
        text=True,
        env=_worker_env(Path("/nonexistent")),
        timeout=120,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["min_iou"] >= 0.98, result
    assert result["tl_ok"], result


@needs_luxcore
@needs_photos
def test_rendered_frames_are_sane_and_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_BENCH_CACHE", str(tmp_path))
    size = (320, 240)
    first = list(doc_tenth.samples(10, 2, size))
    assert [s.name for s in first] == [plan(10, i).name for i in range(2)]
    for s in first:
        assert s.image.shape == (240, 320, 3) and s.image.dtype == np.uint8
        assert s.image.std() > 3, s.name  # not a blank frame
        if s.kind == "none":
            assert s.corners is None
        else:
            assert s.corners is not None and s.corners.shape == (4, 2) and s.corners.dtype == np.float32
            assert (s.corners >= 0).all() and (s.corners[:, 0] < 320).all() and (s.corners[:, 1] < 240).all()
    assert any(s.corners is not None for s in first)

    def no_renderer(*_args: object) -> None:
        raise AssertionError("a cached frame was rendered again")

    monkeypatch.setattr(doc_tenth, "_worker", no_renderer)
    again = list(doc_tenth.samples(10, 2, size))
    assert all(np.array_equal(a.image, b.image) for a, b in zip(first, again, strict=True))


def test_denoiser_smooths_light_and_keeps_print_and_edges() -> None:
    """One-sample noise goes, print stays sharp, a raised dark object's light does not bleed."""
    from bench.datasets.tenth_render import denoise

    rng = np.random.default_rng(0)
    h, w = 240, 320
    albedo = np.full((h, w, 3), 0.8, np.float32)
    albedo[100:104, 40:280] = 0.05  # a printed line
    albedo[:, 200:] = 0.3  # a darker counter to the right
    depth = np.full((h, w), 0.40, np.float32)
    depth[:, 200:] = 0.45
    light = np.where(np.arange(w)[None, :, None] < 200, 1.0, 0.25).astype(np.float32)
    # one sample a pixel: the right light only a third of the time, at three times the weight
    noisy = light * 3.0 * (rng.random((h, w, 1)) < 1 / 3)
    out = denoise((noisy * albedo).astype(np.float32), albedo, depth)
    clean = light * albedo
    assert np.abs(out[20:90, 20:180] - clean[20:90, 20:180]).mean() < 0.08 * clean[20:90, 20:180].mean()
    # the printed line keeps its contrast
    assert out[101, 60:180].mean() < 0.25 * out[80, 60:180].mean()
    # no bleed: two pixels either side of the step keep their own light
    assert out[150:200, 196:198].mean() == pytest.approx(clean[150:200, 196:198].mean(), rel=0.15)
    assert out[150:200, 202:204].mean() == pytest.approx(clean[150:200, 202:204].mean(), rel=0.15)


def test_denoiser_leaves_no_glow_round_a_glossy_card() -> None:
    """A card whose light is three times the counter's (its gloss) does not light the counter."""
    from bench.datasets.tenth_render import denoise

    h, w = 240, 320
    albedo = np.full((h, w, 3), 0.15, np.float32)
    albedo[80:160, 101:221] = 0.7
    depth = np.full((h, w), 0.40, np.float32)  # the card lies flat: depth does not tell them apart
    light = np.ones((h, w, 1), np.float32)
    light[80:160, 101:221] = 3.0
    out = denoise(light * albedo, albedo, depth)
    ring = np.r_[out[70:78, 101:221].ravel(), out[162:170, 101:221].ravel()]
    assert ring.mean() == pytest.approx(0.15, rel=0.1)
