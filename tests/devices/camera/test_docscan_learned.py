"""The learned segmenter: the shipped model as ONNX Runtime runs it, mask → quadrilateral, fallback."""

from __future__ import annotations

import logging
import sys

import cv2
import numpy as np
import pytest

from devices.camera.docscan import DocumentDetector, quad_iou
from devices.camera.docscan.detector import ACCEPT, ALONE
from devices.camera.docscan.learned import (
    IN_H,
    IN_W,
    MODEL_PATH,
    MODEL_SHA256,
    Segmenter,
    quad_from_mask,
    sha256,
)
from tests.devices.camera.scenes import PAGE, desk, place, sheet


def test_the_committed_model_is_the_recorded_one():
    # a re-export (even of the same training) changes the bytes: record the new hash on purpose
    assert MODEL_PATH.stat().st_size < 2_000_000
    assert sha256(MODEL_PATH) == MODEL_SHA256


def test_the_model_loads_with_onnx_runtime_and_gives_a_probability_per_pixel():
    import onnxruntime as ort

    session = ort.InferenceSession(str(MODEL_PATH), providers=["CPUExecutionProvider"])
    frame = place(desk(), sheet(), PAGE)
    blob = cv2.dnn.blobFromImage(cv2.resize(frame, (IN_W, IN_H), interpolation=cv2.INTER_AREA), 1 / 255)
    out = session.run(None, {session.get_inputs()[0].name: blob})[0]
    assert out.shape == (1, 1, IN_H, IN_W)
    assert out.dtype == np.float32 and out.min() >= 0.0 and out.max() <= 1.0
    # the sheet's middle is document, the desk's corner is not
    c = (PAGE.mean(axis=0) * [IN_W / 1280, IN_H / 720]).astype(int)
    assert out[0, 0, c[1], c[0]] > 0.9 and out[0, 0, 2, 2] < 0.1
    # the segmenter's single-threaded, fused session gives the same probabilities
    assert np.abs(Segmenter().probability(frame) - out[0, 0]).max() < 1e-4


# frames of three generators at a seed neither the benchmark (1-4) nor training (1001+)
# uses, chosen by condition before the model was trained: the plain one, a hard one, a negative
GENERATED = [
    ("doc_set", 0),  # clean
    pytest.param(
        "doc_set",
        8,
        marks=pytest.mark.xfail(
            strict=True,
            reason="known miss: the net's mask joins the card to the camera and hand beside it "
            "(outline IoU 0.73, confidence 0.57); the detector answers with the classic outline "
            "(IoU 0.93), which agrees with the mask",
        ),
    ),  # photo
    ("doc_set", 12),  # empty (negative)
    ("doc_heldout", 0),  # plain
    ("doc_heldout", 6),  # cast_shadow
    ("doc_heldout", 10),  # negative
    ("doc_blind", 0),  # plain_desk
    ("doc_blind", 5),  # cast_shadow
    pytest.param(
        "doc_blind",
        14,
        marks=pytest.mark.xfail(
            strict=True,
            reason="known miss: a pale teal phone among clutter is taken for an ID card "
            "(the net is unsure, confidence 0.33, but the classic outline agrees with its mask)",
        ),
    ),  # negative
]


@pytest.mark.parametrize(("generator", "index"), GENERATED)
def test_the_learned_path_finds_generated_pages_and_nothing_on_negatives(generator, index):
    import importlib

    s = importlib.import_module(f"bench.datasets.{generator}").sample(7, index)
    seg = Segmenter()
    prob = seg.probability(s.image)
    mq = quad_from_mask(prob)
    d = DocumentDetector(segmenter=seg).detect(s.image)
    if s.corners is None:
        assert d is None
        assert mq is None or mq.confidence < ACCEPT
    else:
        # the net's own outline, before any refinement against the picture, already finds the page
        h, w = s.image.shape[:2]
        assert mq is not None
        net_quad = ((mq.corners + 0.5) * [w / IN_W, h / IN_H] - 0.5).astype(np.float32)
        assert quad_iou(net_quad, s.corners) >= 0.9
        assert d is not None and quad_iou(d.corners, s.corners) >= 0.9


@pytest.mark.parametrize("content", [b"", b"not an onnx file at all" * 40, None])
def test_an_unusable_model_leaves_the_classic_pipeline_with_a_logged_error(tmp_path, caplog, content):
    path = tmp_path / "docseg.onnx"
    if content is None:
        # a real model cut short: the bytes of a file copied half-way
        content = MODEL_PATH.read_bytes()[: MODEL_PATH.stat().st_size // 2]
    path.write_bytes(content)
    seg = Segmenter(path)
    frame = place(desk(), sheet(), PAGE)
    with caplog.at_level(logging.ERROR, logger="devices.camera.docscan.learned"):
        d = DocumentDetector(segmenter=seg).detect(frame)
        again = DocumentDetector(segmenter=seg).detect(frame)
    assert d is not None and quad_iou(d.corners, PAGE) > 0.97  # the classic pipeline found it
    assert again is not None
    errors = [r for r in caplog.records if "docscan_model_unusable" in r.getMessage()]
    assert len(errors) == 1  # said once, not per frame
    assert str(path) in errors[0].getMessage() and "classic pipeline" in errors[0].getMessage()


def test_a_missing_model_leaves_the_classic_pipeline(tmp_path, caplog):
    seg = Segmenter(tmp_path / "absent.onnx")
    with caplog.at_level(logging.ERROR, logger="devices.camera.docscan.learned"):
        assert not seg.available
        d = DocumentDetector(segmenter=seg).detect(place(desk(), sheet(), PAGE))
    assert d is not None and quad_iou(d.corners, PAGE) > 0.97
    assert any("docscan_model_unusable" in r.getMessage() for r in caplog.records)


def test_a_missing_runtime_leaves_the_classic_pipeline(monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # as where the package is not installed
    seg = Segmenter()
    with caplog.at_level(logging.ERROR, logger="devices.camera.docscan.learned"):
        assert not seg.available
        d = DocumentDetector(segmenter=seg).detect(place(desk(), sheet(), PAGE))
    assert d is not None and quad_iou(d.corners, PAGE) > 0.97
    assert any("docscan_model_unusable" in r.getMessage() for r in caplog.records)


def _mask(corners: np.ndarray, bite: tuple[float, float, float] | None = None) -> np.ndarray:
    """A probability map of a polygon, anti-aliased (drawn 10× larger and averaged down)."""
    big = np.zeros((IN_H * 10, IN_W * 10), np.float32)
    # pixel centres at integer coordinates: the polygon's corner (x, y) is at 10x + 4.5 up there
    cv2.fillPoly(big, [np.round((corners * 10 + 4.5) * 16).astype(np.int32)], 1.0, cv2.LINE_AA, shift=4)
    if bite is not None:
        cv2.circle(big, (int(bite[0] * 10), int(bite[1] * 10)), int(bite[2] * 10), 0.0, -1)
    return cv2.resize(big, (IN_W, IN_H), interpolation=cv2.INTER_AREA)


def _rotated_rect() -> np.ndarray:
    return cv2.boxPoints(((80.0, 64.0), (90.0, 60.0), 25.0)).astype(np.float64)


def test_mask_of_a_rotated_rectangle_gives_its_corners():
    truth = _rotated_rect()
    mq = quad_from_mask(_mask(truth))
    assert mq is not None
    # every corner within a third of a net pixel (about 3 frame pixels at 1280 px)
    d = np.linalg.norm(mq.corners[:, None, :] - truth[None, :, :], axis=2).min(axis=1)
    assert d.max() < 0.35
    assert mq.fit > 0.95 and mq.cover > 0.97 and mq.confidence > 0.9


def test_a_bite_out_of_a_side_does_not_move_that_side():
    truth = _rotated_rect()
    mid = (truth[0] + truth[1]) / 2
    mq = quad_from_mask(_mask(truth, (float(mid[0]), float(mid[1]), 10.0)))
    assert mq is not None
    d = np.linalg.norm(mq.corners[:, None, :] - truth[None, :, :], axis=2).min(axis=1)
    assert d.max() < 0.5
    assert quad_iou(mq.corners.astype(np.float32), truth.astype(np.float32)) > 0.98
    assert mq.cover < 0.98  # the bite is seen, as less of the mask on the outline


def test_an_empty_or_faint_mask_gives_no_quadrilateral():
    assert quad_from_mask(np.zeros((IN_H, IN_W), np.float32)) is None
    assert quad_from_mask(np.full((IN_H, IN_W), 0.3, np.float32)) is None
    speck = np.zeros((IN_H, IN_W), np.float32)
    speck[60:64, 70:75] = 1.0  # far below the smallest document
    assert quad_from_mask(speck) is None


class _Blind(Segmenter):
    """A net that sees no page anywhere (its probability map all zeros): what the gate does then."""

    def probability(self, bgr: np.ndarray) -> np.ndarray | None:
        return np.zeros((IN_H, IN_W), np.float32)


def test_a_net_that_sees_nothing_does_not_veto_a_clear_classic_outline():
    frame = place(desk(), sheet(), PAGE)
    d = DocumentDetector(segmenter=_Blind()).detect(frame)
    assert d is not None and d.source == "classic" and quad_iou(d.corners, PAGE) > 0.97


def test_a_net_that_sees_nothing_still_vetoes_a_weakly_supported_outline():
    # a hand over a whole side leaves three sides: the classic outline is found (the classic
    # pipeline alone takes it) but is not seen all round; with the net seeing no page it is not taken
    frame = place(desk(), sheet(), PAGE)
    bl, br = PAGE[3], PAGE[2]
    for t in np.linspace(0.15, 0.85, 4):
        at = bl + t * (br - bl)
        cv2.line(
            frame, (int(at[0]), int(at[1]) - 60), (int(at[0]) + 40, int(at[1]) + 200), (120, 150, 205), 46
        )
    alone = DocumentDetector(segmenter=None).detect(frame)
    assert alone is not None and alone.support < ALONE
    assert DocumentDetector(segmenter=_Blind()).detect(frame) is None
