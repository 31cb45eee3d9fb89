"""The ninth document set: its plan, its documents' print, and the truth of its corners."""

from __future__ import annotations

from collections import Counter

import cv2
import numpy as np
import pytest
from mrz.checker.td3 import TD3CodeChecker

from bench.datasets import doc_ninth, ninth_textures
from bench.datasets.ninth_plan import CONDITIONS, KIND_BLOCK, KIND_SHARES, plan
from devices.card.mrz import parse_td1


def _vtk_or_skip():
    pytest.importorskip("vtk", reason="VTK is not installed (pip install vtk: the dev extra has it)")
    from bench.datasets import ninth_render

    why = ninth_render.available()
    if why:
        pytest.skip(why)
    return ninth_render


# --- plan ------------------------------------------------------------------------------------


def test_every_prefix_is_balanced_in_conditions_and_kinds():
    frames = [plan(9, i) for i in range(150)]
    for n in (14, 20, 47, 110, 150):
        conditions = Counter(f.condition for f in frames[:n])
        assert set(conditions) <= set(CONDITIONS)
        assert max(conditions.values()) - min(conditions[c] for c in CONDITIONS) <= 1
    for n in range(1, 151):
        kinds = Counter(f.kind for f in frames[:n])
        for kind, share in KIND_SHARES.items():
            assert abs(kinds[kind] - n * share / len(KIND_BLOCK)) < 2, (n, kind)


def test_the_mix_of_kinds_is_the_counters():
    kinds = Counter(plan(9, i).kind for i in range(120))
    positives = 120 - kinds["none"]
    assert kinds["none"] / 120 == pytest.approx(0.15)
    assert (kinds["id_card"] + kinds["licence"]) / positives == pytest.approx(0.40, abs=0.02)
    assert kinds["passport"] / positives == pytest.approx(0.10, abs=0.02)
    assert kinds["receipt"] / positives == pytest.approx(0.15, abs=0.02)
    assert (kinds["a4"] + kinds["a5"]) / positives == pytest.approx(0.35, abs=0.02)


def test_the_plan_depends_on_seed_and_index_only():
    assert [plan(9, i) for i in range(30)] == [plan(9, i) for i in range(30)]
    assert [plan(9, i).condition for i in range(28)] != [plan(10, i).condition for i in range(28)]
    assert len({plan(9, i).name for i in range(150)}) == 150


# --- documents' print ------------------------------------------------------------------------


def test_cccd_mrz_parses_with_its_check_digits():
    rng = np.random.default_rng(1)
    for _ in range(20):
        person = ninth_textures.person(rng)
        lines = ninth_textures.mrz_td1(person)
        assert [len(x) for x in lines] == [30, 30, 30]
        td1 = parse_td1("\n".join(lines))
        assert td1.document_number == person["id"][3:]


def test_passport_mrz_has_correct_check_digits():
    rng = np.random.default_rng(2)
    for _ in range(20):
        person = ninth_textures.person(rng)
        lines = ninth_textures.mrz_td3(person, "C1234567<")
        assert [len(x) for x in lines] == [44, 44]
        assert bool(TD3CodeChecker("\n".join(lines)))
        bad = lines[1][:9] + str((int(lines[1][9]) + 1) % 10) + lines[1][10:]
        assert not bool(TD3CodeChecker(lines[0] + "\n" + bad))


# --- truth geometry --------------------------------------------------------------------------


def _sentinel_scene(angle: float, tilt: float, shift: tuple[float, float]):
    """A white A5 page with a black square in its top-left corner, on a black tray, lit flat."""
    from bench.datasets import ninth_geometry as g
    from bench.datasets import ninth_scene as sc

    face = np.full((420, 296, 3), 255, np.uint8)
    face[25:75, 25:75] = 0  # near the page's own top left, as it is read; the outline stays white
    w, h = 148.0, 210.0
    pose = g.translate(shift[0], shift[1], 0.2) @ g.rot_z(angle) @ g.translate(-w / 2, -h / 2, 0)
    page = g.sheet(w, h, 10.0).transformed(pose)
    local = np.array([[0, h, 0], [w, h, 0], [w, 0, 0], [0, 0, 0]], float)  # TL TR BR BL
    corners = (np.c_[local, np.ones(4)] @ pose.T)[:, :3]
    tray = sc.plane(-800, -800, 800, 800, 0.0)
    cam_pos = (0.0, -np.sin(tilt) * 380, np.cos(tilt) * 380)
    cam = sc.CameraSpec(cam_pos, (0.0, 0.0, 0.0), (0.0, 1.0, 0.0), 50.0)
    parts = [sc.Part(tray, colour=(0.0, 0.0, 0.0), roughness=1.0), sc.Part(page, texture=face, roughness=1.0)]
    lights = [sc.Light("directional", (0.0, 0.0, 1000.0), intensity=1.0)]
    env = np.full((32, 64, 3), 128, np.uint8)
    return sc.Scene(parts, lights, cam, env, 0.3, sc.Look(), corners, ssao=False)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("angle", "tilt", "shift"),
    [
        (0.0, 0.0, (0.0, 0.0)),
        (0.6, 0.0, (40.0, -20.0)),
        (2.5, 0.4, (-30.0, 10.0)),
        (-1.7, 0.25, (20.0, 25.0)),
    ],
)
def test_projected_corners_outline_the_rendered_page(angle, tilt, shift):
    ninth_render = _vtk_or_skip()
    width, height = 960, 540
    r = ninth_render.render(_sentinel_scene(angle, tilt, shift), width, height)
    gray = r.rgb.astype(np.float32).mean(axis=2)
    seen = gray > 127
    truth = np.zeros_like(seen, np.uint8)
    # fillPoly covers pixel centres inside the polygon at 1/16-pixel precision.
    cv2.fillPoly(truth, [np.round(r.corners * 16).astype(np.int32)], 1, shift=4)
    contours, _ = cv2.findContours(seen.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    page = np.zeros_like(truth)
    cv2.fillConvexPoly(page, hull, 1)
    iou = np.logical_and(page, truth).sum() / np.logical_or(page, truth).sum()
    assert iou >= 0.98, iou
    # TL right: the black marker (dark pixels inside the page) is nearest the TL truth corner.
    marker = np.argwhere((gray < 40) & (truth > 0))
    centroid = marker.mean(axis=0)[::-1]
    distances = np.linalg.norm(r.corners - centroid, axis=1)
    assert int(np.argmin(distances)) == 0
    # And each corner is where the page's seen edges meet, to within a pixel: lines fitted to
    # the outline's pixels (their centres lie up to half a pixel inside the true edge).
    outline = max(contours, key=cv2.contourArea).reshape(-1, 2).astype(np.float32)
    approx = cv2.approxPolyDP(hull, 3, True).reshape(-1, 2).astype(np.float32)
    assert len(approx) == 4
    lines = []
    for a, b in zip(approx, np.roll(approx, -1, axis=0), strict=True):
        d = (b - a) / np.linalg.norm(b - a)
        rel = outline - a
        along = rel @ d
        off = np.abs(rel[:, 0] * d[1] - rel[:, 1] * d[0])
        side = outline[(off < 2) & (along > 8) & (along < np.linalg.norm(b - a) - 8)]
        vx, vy, x0, y0 = cv2.fitLine(side, cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        lines.append(np.cross([x0, y0, 1.0], [x0 + vx, y0 + vy, 1.0]))
    meets = [np.cross(lines[i - 1], lines[i]) for i in range(4)]
    seen_corners = np.array([c[:2] / c[2] for c in meets])
    for c in r.corners:
        assert np.min(np.linalg.norm(seen_corners - c, axis=1)) < 1.0


# --- rendered frames -------------------------------------------------------------------------


@pytest.mark.slow
def test_a_small_rendered_frame_is_a_camera_frame(tmp_path, monkeypatch):
    _vtk_or_skip()
    monkeypatch.setenv("KIOSK_BENCH_CACHE", str(tmp_path))
    first = list(doc_ninth.samples(9, 3, 480, 270))
    assert [s.kind for s in first] == [plan(9, i).kind for i in range(3)]
    for s in first:
        assert s.image.shape == (270, 480, 3) and s.image.dtype == np.uint8
        assert s.image.std() > 8  # a scene, not a flat fill
        if s.kind == "none":
            assert s.corners is None
            continue
        assert s.corners is not None
        assert s.corners.shape == (4, 2) and s.corners.dtype == np.float32
        assert np.all(s.corners > 0) and np.all(s.corners < [480, 270])
        # Corners go clockwise in the image (TL, TR, BR, BL of an unmirrored page).
        x, y = s.corners[:, 0], s.corners[:, 1]
        assert 0.5 * np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y) > 0
    again = list(doc_ninth.samples(9, 3, 480, 270))  # from the cache now
    for a, b in zip(first, again, strict=True):
        assert a.name == b.name
        assert np.array_equal(a.image, b.image)
        assert (a.corners is None) == (b.corners is None)
        if a.corners is not None and b.corners is not None:
            assert np.allclose(a.corners, b.corners, atol=1e-4)


@pytest.mark.slow
def test_every_planned_document_keeps_its_corners_in_view():
    pytest.importorskip("vtk", reason="VTK is not installed (pip install vtk: the dev extra has it)")
    from bench.datasets import ninth_render, ninth_stage
    from bench.datasets.ninth_projection import HEIGHT, WIDTH, project

    panoramas = set()
    for i in range(0, 150, 3):
        p = plan(9, i)
        scene = ninth_stage.build(p)
        panoramas.add((scene.environment * scene.environment_strength).astype(np.uint8).tobytes())
        assert (scene.corners is None) == (p.kind == "none"), p.name
        if scene.corners is None:
            continue
        px = project(scene.camera, scene.corners)
        margin = ninth_stage.MARGIN * HEIGHT
        assert np.all(px > margin - 1e-6) and np.all(px < [WIDTH - margin, HEIGHT - margin]), p.name
    # Each panorama holds a renderer; too many in one window and textures stop binding.
    assert len(panoramas) <= ninth_render.MAX_RENDERERS
