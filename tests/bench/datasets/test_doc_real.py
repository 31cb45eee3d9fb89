"""The real-photograph set: labels that fit their pictures, two readings that agree, provenance for every file."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from bench.datasets import doc_real

REAL = doc_real.HERE / "real"
LABELS = doc_real.labels()
DOCS = [lb for lb in LABELS if lb.corners is not None]


def _cross(q: np.ndarray) -> np.ndarray:
    """z of (next − this) × (after − next) at each vertex, image axes (y down)."""
    a, b, c = q, np.roll(q, -1, axis=0), np.roll(q, -2, axis=0)
    return (b[:, 0] - a[:, 0]) * (c[:, 1] - b[:, 1]) - (b[:, 1] - a[:, 1]) * (c[:, 0] - b[:, 0])


def test_the_set_has_documents_and_negatives_of_known_kinds_and_conditions() -> None:
    assert len(DOCS) >= 8
    assert sum(lb.condition == "negative" for lb in LABELS) >= 8
    assert {lb.kind for lb in DOCS} <= set(doc_real.KINDS)
    assert {lb.condition for lb in LABELS} <= set(doc_real.CONDITIONS)


def test_every_file_has_its_provenance_and_every_copy_is_accounted_for() -> None:
    sources = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    for lb in LABELS:
        assert lb.package in doc_real.INSTALL and lb.version and lb.path_in_package and lb.licence, lb.file
        if not Path(lb.file).is_absolute():  # a copy kept in the repository
            assert Path(lb.file).name in sources, f"{lb.file} is not in real/SOURCES.md"
            assert Path(lb.path_in_package).name in sources, lb.file
    copies = {p.name for p in REAL.iterdir() if p.name != "SOURCES.md"}
    labelled = {Path(lb.file).name for lb in LABELS if not Path(lb.file).is_absolute()}
    assert copies == labelled, "every file in real/ is labelled and every labelled copy is there"
    assert sum(p.stat().st_size for p in REAL.iterdir()) < 5_000_000


@pytest.mark.parametrize("label", DOCS, ids=lambda lb: lb.name)
def test_corners_lie_in_the_picture_as_a_convex_quad_in_reading_order(label: doc_real.Label) -> None:
    image = doc_real.load(label)  # also checks the stored size against the labelled one
    h, w = image.shape[:2]
    q = label.corners
    assert q is not None and label.hidden is not None and label.tolerance_px is not None
    for (x, y), hidden, tol in zip(q, label.hidden, label.tolerance_px, strict=True):
        slack = tol if hidden else 0.5  # a hidden corner may lie just outside the frame
        assert -slack <= x <= w - 1 + slack and -slack <= y <= h - 1 + slack, (label.name, x, y)
    # TL → TR → BR → BL turns the same way at every corner, clockwise on screen: the document
    # is seen from its front and the order goes round it, not across it
    assert (_cross(q) > 0).all(), (label.name, _cross(q))
    # and no side is degenerate: the shortest is at least a fifth of the longest
    sides = np.linalg.norm(np.roll(q, -1, axis=0) - q, axis=1)
    assert sides.min() > 0.2 * sides.max(), (label.name, sides)


def test_two_readings_of_the_same_photographs_agree() -> None:
    relabelled = [lb for lb in DOCS if lb.first_reading is not None]
    assert len(relabelled) >= 3, "three photographs were labelled a second time, blind to the first"
    for lb in relabelled:
        assert lb.second_reading is not None and lb.tolerance_px is not None
        gap = np.linalg.norm(lb.first_reading - lb.second_reading, axis=1)
        allowed = np.array([3.0 if t <= 2 else 2 * t for t in lb.tolerance_px])
        assert (gap <= allowed).all(), (lb.name, gap.round(2), allowed)
        # the label kept is the mean of the two readings
        assert np.allclose(lb.corners, (lb.first_reading + lb.second_reading) / 2, atol=0.01), lb.name


def test_samples_yield_every_photograph_once_in_an_order_set_by_the_seed() -> None:
    got = list(doc_real.samples(seed=7, count=1000))
    assert sorted(s.name for s in got) == sorted(lb.name for lb in LABELS)
    for s in got:
        assert s.image.dtype == np.uint8 and s.image.ndim == 3 and s.image.shape[2] == 3
        if s.condition == "negative":
            assert s.kind == "none" and s.corners is None
        else:
            assert s.kind in doc_real.KINDS and s.corners is not None
            assert s.corners.shape == (4, 2) and s.corners.dtype == np.float32
    assert [s.name for s in doc_real.samples(7, 3)] == [s.name for s in got[:3]]
    orders = {tuple(s.name for s in doc_real.samples(seed, 5)) for seed in range(4)}
    assert len(orders) > 1


def test_a_missing_photograph_names_the_package_that_brings_it(tmp_path: Path) -> None:
    negative = next(lb for lb in LABELS if lb.package == "deb:opencv-doc")
    gone = dataclasses.replace(negative, file=str(tmp_path / "stuff.jpg"))
    with pytest.raises(doc_real.MissingPhotograph, match="opencv-doc"):
        doc_real.load(gone)
    copy = dataclasses.replace(DOCS[0], file="real/no-such-photo.jpg")
    with pytest.raises(doc_real.MissingPhotograph, match="jscanify.*SOURCES.md"):
        doc_real.load(copy)


def test_a_picture_of_another_size_than_labelled_is_refused() -> None:
    label = DOCS[0]
    wrong = dataclasses.replace(label, size=(label.size[0] + 1, label.size[1]))
    with pytest.raises(doc_real.BadLabel, match="labelled at"):
        doc_real.load(wrong)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("licence", "", "'licence' is missing"),
        ("corners", [[0, 0], [1, 0], [1, 1]], "four \\[x, y\\] points"),
        ("kind", "none", "does not fit condition"),
        ("hidden", [False, False], "four true/false values"),
        ("package", "pypi:whatever", "is not one of"),
    ],
)
def test_a_bad_label_file_says_which_photograph_and_which_field(
    tmp_path: Path, field: str, value: object, message: str
) -> None:
    data = json.loads(doc_real.LABELS.read_text(encoding="utf-8"))
    data["photos"][0][field] = value
    bad = tmp_path / "labels.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(doc_real.BadLabel, match=message) as err:
        doc_real.labels(bad)
    assert data["photos"][0]["file"] in str(err.value)


def test_the_command_prints_the_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert doc_real.main([]) == 0
    out = capsys.readouterr().out
    assert f"{len(LABELS)} photographs" in out and "negative 8" in out
