"""Document detection on drawn scenes with known corners; ordering; the flat scan's size."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.camera.docscan import DocumentDetector, order_corners, output_size, quad_iou, warp
from tests.devices.camera.scenes import PAGE, desk, place, sheet


def test_page_on_a_desk_is_found_with_its_corners():
    frame = place(desk(), sheet(), PAGE)
    d = DocumentDetector().detect(frame)
    assert d is not None
    assert quad_iou(d.corners, PAGE) > 0.97
    assert np.abs(d.corners - PAGE).max() < 8  # TL, TR, BR, BL in that order, within a few pixels


@pytest.mark.parametrize("angle", [0, 30, 75, 135, 200, 300])
def test_any_rotation(angle):
    c = np.array([640, 360], np.float32)
    rect = np.array([[-150, -210], [150, -210], [150, 210], [-150, 210]], np.float32)
    a = np.radians(angle)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], np.float32)
    corners = rect @ rot.T + c
    frame = place(desk(seed=angle), sheet(300, 420), corners)
    d = DocumentDetector().detect(frame)
    assert d is not None and quad_iou(d.corners, corners) > 0.96


def test_thumb_over_a_corner_does_not_move_the_corner():
    frame = place(desk(), sheet(), PAGE)
    cv2.ellipse(frame, (int(PAGE[2][0]), int(PAGE[2][1])), (70, 35), 30, 0, 360, (120, 160, 210), -1)
    d = DocumentDetector().detect(frame)
    assert d is not None and quad_iou(d.corners, PAGE) > 0.95


def test_negatives_report_no_document():
    det = DocumentDetector()
    assert det.detect(desk()) is None
    grid = desk()
    for x in range(0, 1280, 160):
        cv2.line(grid, (x, 0), (x, 719), (50, 60, 80), 2)
    for y in range(0, 720, 160):
        cv2.line(grid, (0, y), (1279, y), (50, 60, 80), 2)
    assert det.detect(grid) is None  # tile joints: same colour on both sides of every line
    blob = desk()
    cv2.circle(blob, (640, 360), 200, (200, 220, 230), -1)
    assert det.detect(blob) is None
    assert det.detect(np.zeros((0, 0, 3), np.uint8)) is None
    assert det.detect(np.zeros((8, 8, 3), np.uint8)) is None


def test_order_corners_is_clockwise_from_the_upright_top_left():
    shuffled = PAGE[[2, 0, 3, 1]]
    assert np.array_equal(order_corners(shuffled), PAGE)
    # a sheet turned by 90°: the corner now at the top left comes first
    turned = np.array([[600, 100], [900, 100], [900, 500], [600, 500]], np.float32)
    assert np.array_equal(order_corners(turned[[3, 0, 1, 2]]), turned)


def test_iou_of_known_squares():
    a = np.array([[0, 0], [10, 0], [10, 10], [0, 10]], np.float32)
    b = a + np.array([5, 0], np.float32)
    assert quad_iou(a, a) == pytest.approx(1.0)
    assert quad_iou(a, b) == pytest.approx(50 / 150)


def test_warp_gives_an_upright_a4_at_200_dpi():
    frame = place(desk(), sheet(), PAGE)
    flat = warp(frame, PAGE, kind="page")
    assert flat.shape[:2] == (2339, 1654)
    # the sheet's printed lines are horizontal in the scan: rows vary far more than columns
    g = cv2.cvtColor(cv2.resize(flat, (413, 585)), cv2.COLOR_BGR2GRAY).astype(float)
    assert g.mean(axis=1).std() > 2 * g.mean(axis=0)[40:-40].std()


def test_card_output_is_id1_landscape():
    corners = np.array([[400, 200], [828, 200], [828, 470], [400, 470]], np.float32)
    assert output_size(corners, "card") == (674, 425)


@pytest.mark.parametrize("index", [9, 37, 44])
def test_a_brick_wall_is_not_a_document(index):
    # scikit-image's brick photograph as the tuning set crops it: every brick is a
    # quadrilateral with a step all round, but the step is a strip of mortar with the same
    # surface beyond it
    from bench.datasets import doc_set

    assert DocumentDetector().detect(doc_set.photo_negative(9, index).image) is None


@pytest.mark.parametrize("index", [8, 64])
def test_a_patch_of_fur_is_not_a_document(index):
    # scikit-image's cat, close up: pale fur cut by darker stripes into a shape with one stub
    # of a side, which no rectangle in perspective has
    from bench.datasets import doc_set

    assert DocumentDetector().detect(doc_set.photo_negative(9, index).image) is None


@pytest.mark.parametrize("index", [65, 76, 153, 252])
def test_a_wall_cut_by_the_frame_is_not_a_document(index):
    # held-out negatives: a pale wall behind a photographed astronaut, two of its "corners"
    # on the frame's border; a sheet shows at least three of its corners
    from bench.datasets import doc_heldout

    s = doc_heldout.sample(2, index)
    assert s.corners is None and DocumentDetector().detect(s.image) is None


def test_a_pale_region_cut_by_the_frame_is_not_a_document():
    # a light wall in the top corner of a dark scene: a fine quadrilateral, two of its corners
    # on the frame's border; a sheet shows at least three of its corners
    frame = desk()
    cv2.fillConvexPoly(
        frame, np.array([[700, 0], [1279, 0], [1279, 300], [820, 260]], np.int32), (225, 228, 230)
    )
    for y in range(60, 200, 36):  # some print, as on a poster
        cv2.putText(frame, "THONG BAO", (960, y), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (60, 60, 60), 2)
    assert DocumentDetector().detect(frame) is None


def test_a_hand_over_a_whole_side_leaves_three_sides_to_find_it():
    frame = place(desk(), sheet(), PAGE)
    bl, br = PAGE[3], PAGE[2]
    for t in np.linspace(0.15, 0.85, 4):  # four fingers covering the bottom side between its corners
        at = bl + t * (br - bl)
        cv2.line(
            frame, (int(at[0]), int(at[1]) - 60), (int(at[0]) + 40, int(at[1]) + 200), (120, 150, 205), 46
        )
    d = DocumentDetector().detect(frame)
    assert d is not None and quad_iou(d.corners, PAGE) > 0.9


@pytest.mark.parametrize("index", [22, 66])
def test_a_pastel_card_is_a_document(index):
    # held-out ID cards tinted pale yellow-green (colourfulness ~28): lighter than all round them
    from bench.datasets import doc_heldout

    s = doc_heldout.sample(2, index)
    assert s.kind == "id_card"
    d = DocumentDetector().detect(s.image)
    assert d is not None and quad_iou(d.corners, s.corners) > 0.9


def test_batched_plausibility_agrees_with_the_single_test():
    from devices.camera.docscan.geometry import plausible, plausible_all

    rng = np.random.default_rng(3)
    page = np.array([[50, 40], [350, 60], [330, 260], [60, 250]], float)
    qs = np.array([page + rng.normal(0, s, (4, 2)) for s in rng.choice([5.0, 40.0, 120.0], 3000)])
    qs[::7] = qs[::7][:, [0, 2, 1, 3]]  # crossed: a bow tie is not a sheet
    single = np.array([plausible(q, 400, 300) for q in qs])
    assert 0 < single.sum() < len(qs)  # both verdicts occur
    assert (plausible_all(qs, 400, 300) == single).all()


@pytest.mark.parametrize("q", [0.0, 37.5, 50.0, 75.0, 99.0, 100.0])
def test_percentile_is_numpys(q):
    from devices.camera.docscan.quantile import percentile

    rng = np.random.default_rng(int(q))
    for n in (1, 2, 7, 1000, 13400):
        a = rng.integers(0, 900, n).astype(np.int32)
        assert percentile(a, q) == float(np.percentile(a, q))
        assert percentile(a.astype(np.uint8), q) == float(np.percentile(a.astype(np.uint8), q))


@pytest.mark.parametrize("n", [1, 2, 7, 8, 133])
def test_median_along_an_axis_is_numpys(n):
    from devices.camera.docscan.quantile import median_along

    rng = np.random.default_rng(n)
    for a in (
        rng.integers(-255, 256, (9, n, 3)).astype(np.float32),
        rng.normal(size=(4, n, 3)).astype(np.float32),
    ):
        assert np.array_equal(median_along(a, 1), np.median(a, axis=1))


def test_median_along_rows_with_infinities_is_numpys():
    # the light's profile pads the points beyond the frame with +inf and -inf in turn (unshade._medians)
    from devices.camera.docscan.quantile import median_along

    rng = np.random.default_rng(3)
    for n in (40, 96, 192, 7):
        a = rng.normal(size=(300, n)).astype(np.float32)
        pad = np.where(np.arange(n) % 2 == 0, np.float32(np.inf), np.float32(-np.inf))
        a[:40, : n // 3] = pad[: n // 3]
        a[40:45] = pad  # a row wholly beyond the frame: +inf and -inf
        with np.errstate(invalid="ignore"):
            assert np.array_equal(median_along(a, 1), np.median(a, axis=1), equal_nan=True)


def test_the_verifiers_lab_distance_is_numpys_norm():
    from devices.camera.docscan.verifier import _norm3

    rng = np.random.default_rng(9)
    for shape in ((1, 3), (7, 3), (4000, 3), (30, 57, 3)):
        x = rng.integers(-255, 256, shape).astype(np.float32) + rng.normal(0, 0.5, shape).astype(np.float32)
        assert np.array_equal(_norm3(x), np.linalg.norm(x, axis=-1))


def test_side_steps_over_many_shifts_are_each_shifts_own():
    # the shifts share their gathers (one distance along the normal, one gather): each shift's
    # figure must be the one it has alone
    from devices.camera.docscan.verifier import side_steps

    rng = np.random.default_rng(5)
    lab = (np.array([120, 128, 128]) + rng.integers(-2, 3, (300, 400, 3))).astype(np.uint8)  # a plain desk
    lab[100:220, 120:300] = (230, 128, 132)  # a sheet
    p, r, inward = np.array([120.0, 100.5]), np.array([299.0, 103.0]), np.array([0.0139, 0.9999])
    shifts = np.arange(0.0, 60.0, 1.0)
    together = side_steps(p, r, inward, lab, shifts)
    alone = np.array([side_steps(p, r, inward, lab, shifts[k : k + 1])[0] for k in range(len(shifts))])
    assert np.array_equal(together, alone)
    assert together.max() > 0.9 and together.min() < 0.1  # the sheet's side, and the plain desk


@pytest.mark.parametrize("segmenter", ["shipped", None], ids=["net-and-classic", "classic-alone"])
def test_a_receipt_in_a_wide_view_is_found_and_called_too_small(segmenter):
    # about 1.2 % of a 1920×1080 frame: below what a capture takes, above the detector's floor, so
    # the citizen hears "bring it closer" rather than "no document"
    from devices.camera.quality import assess

    receipt = np.array([[1100, 300], [1190, 310], [1170, 560], [1080, 550]], np.float32)
    frame = place(desk(1920, 1080, seed=3), sheet(160, 440), receipt)
    det = DocumentDetector() if segmenter else DocumentDetector(segmenter=None)
    d = det.detect(frame)
    assert d is not None and quad_iou(d.corners, receipt) > 0.9
    assert 0.008 < d.area_frac < 0.02
    assert assess(frame, d).hint == "camera.too_small"
