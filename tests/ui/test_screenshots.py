from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from kiosk.config import KioskConfig
from ui.screenshots import render

pytestmark = pytest.mark.qt


def test_renders_named_screens_in_both_orientations(qapp, tmp_path):
    paths = render(
        qapp,
        KioskConfig(),
        tmp_path,
        langs=("vi",),
        orientations=("portrait", "landscape"),
        only={"home", "error"},
    )
    names = sorted(p.name for p in paths)
    assert names == [
        "error-vi-landscape.png",
        "error-vi-portrait.png",
        "home-vi-landscape.png",
        "home-vi-portrait.png",
    ]
    img = QImage(str(tmp_path / "home-vi-portrait.png"))
    assert (img.width(), img.height()) == (1080, 1920)
    # Not a blank frame: the header band, the tiles and the text are all there.
    colours = {img.pixel(x, y) for x in range(0, 1080, 27) for y in range(0, 1920, 48)}
    assert len(colours) > 5
    assert QImage(str(tmp_path / "home-vi-landscape.png")).size().toTuple() == (1920, 1080)
