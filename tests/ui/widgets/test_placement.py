"""The pictures of where things go (ui/widgets/placement.py), judged on their grabbed pixels:
the device is drawn where [guide] says, the CAN circle sits at the configured corner, an
integrator's file replaces the drawing (a bad one falls back to it), loops stay still unless
motion is allowed; and the identify and documents steps show them with the privacy notice."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.config import parse_config
from ui.theme.theme import HIGH_CONTRAST, STANDARD
from ui.widgets.placement import PlacementGuide, PlacementPicture

pytestmark = pytest.mark.qt


def _grab(qtbot, w) -> QImage:  # type: ignore[no-untyped-def]
    qtbot.addWidget(w)
    w.resize(400, 300)
    w.show()
    qtbot.waitExposed(w)
    return w.grab().toImage()


def _centroid(img: QImage, match) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    xs = ys = n = 0
    for y in range(0, img.height(), 2):
        for x in range(0, img.width(), 2):
            if match(img.pixelColor(x, y)):
                xs, ys, n = xs + x, ys + y, n + 1
    return (xs / n, ys / n, n) if n else (0.0, 0.0, 0)


def _near(colour: str, tol: int = 40):  # type: ignore[no-untyped-def]
    want = QColor(colour)

    def match(c: QColor) -> bool:
        return abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < tol

    return match


@pytest.mark.parametrize(
    "placement, side", [("below-right", "right"), ("below-left", "left"), ("right", "right")]
)
def test_the_reader_is_drawn_where_the_configuration_puts_it(qtbot, placement, side):
    img = _grab(qtbot, PlacementPicture("card", placement, palette=lambda: STANDARD))
    x, _y, n = _centroid(img, _near("#3A4558", 20))  # the reader's body
    assert n > 50
    assert (x > img.width() / 2) == (side == "right")
    _ax, ay, arrow = _centroid(img, _near(STANDARD.primary, 30))
    assert arrow > 20 and ay > img.height() / 2  # the arrow points down onto the reader


@pytest.mark.parametrize("corner", ["bottom-right", "top-left"])
def test_the_can_circle_is_at_the_configured_corner(qtbot, corner):
    img = _grab(qtbot, PlacementPicture("can", palette=lambda: STANDARD, corner=corner))
    x, y, n = _centroid(img, _near("#C8102E", 60))
    assert n > 30
    if corner == "bottom-right":
        assert x > img.width() * 0.6 and y > img.height() * 0.6
    else:
        assert x < img.width() * 0.6 and y < img.height() * 0.4


def test_high_contrast_draws_on_black_with_the_yellow_arrow(qtbot):
    img = _grab(qtbot, PlacementPicture("qr", "right", palette=lambda: HIGH_CONTRAST))
    assert _centroid(img, _near("#000000", 10))[2] > _centroid(img, _near("#FFFFFF", 10))[2]
    assert _centroid(img, _near(HIGH_CONTRAST.primary, 40))[2] > 20


def test_an_integrators_svg_replaces_the_drawing(qtbot, tmp_path: Path):
    svg = tmp_path / "reader.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">'
        '<rect width="40" height="30" fill="#00A000"/></svg>',
        encoding="utf-8",
    )
    pic = PlacementPicture("card", palette=lambda: STANDARD, picture=str(svg))
    assert not pic.drawn
    assert _centroid(_grab(qtbot, pic), _near("#00A000", 30))[2] > 1000


def test_an_unreadable_file_falls_back_to_the_drawing(qtbot, tmp_path: Path):
    bad = tmp_path / "scanner.png"
    bad.write_bytes(b"not a png at all")
    pic = PlacementPicture("qr", palette=lambda: STANDARD, picture=str(bad))
    assert pic.drawn
    assert _centroid(_grab(qtbot, pic), _near(STANDARD.primary, 30))[2] > 20


def _two_frame_gif(path: Path) -> None:
    frames = [Image.new("RGB", (40, 30), c) for c in ((0, 160, 0), (160, 0, 160))]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=200, loop=0)


def test_a_loop_stands_still_unless_motion_is_allowed(qtbot, tmp_path: Path):
    gif = tmp_path / "camera.gif"
    _two_frame_gif(gif)
    still = PlacementPicture("paper", palette=lambda: STANDARD, picture=str(gif))
    assert still.movie is None and still.supplied is not None
    assert _centroid(_grab(qtbot, still), _near("#00A000", 30))[2] > 1000  # the first frame
    moving = PlacementPicture("paper", palette=lambda: STANDARD, picture=str(gif), motion=True)
    qtbot.addWidget(moving)
    assert moving.movie is not None and moving.movie.frameCount() == 2
    moving.movie.stop()


def test_the_guide_names_the_place_in_words_in_both_languages(qtbot):
    from kiosk.messages import text

    guide = parse_config({"guide": {"scanner": "left"}}).guide
    for lang, where in (("vi", "bên trái màn hình"), ("en", "to the left of the screen")):
        g = PlacementGuide(
            "qr", guide, lambda: STANDARD, lambda code, lang=lang, **kw: text(code, lang, **kw)
        )
        qtbot.addWidget(g)
        assert where in g.caption.text()
        assert g.picture.accessibleName()
        # Words beside the picture instead (the identify step): the place alone, capitalised.
        beside = PlacementGuide(
            "qr",
            guide,
            lambda: STANDARD,
            lambda code, lang=lang, **kw: text(code, lang, **kw),
            words_below=False,
        )
        qtbot.addWidget(beside)
        assert beside.caption.isHidden()
        assert beside.where_text().lower() == where and beside.where_text()[0].isupper()


def test_identify_shows_both_pictures_the_privacy_notice_and_the_can_picture(make_window, qtbot):
    from ui.screens.wizard.captures import identify_wait

    w = make_window({"guide": {"can_corner": "top-left"}})
    identify_wait(w)
    s = w.current_screen
    for name in ("guide_card", "guide_qr"):
        assert s.findChild(PlacementGuide, name).isVisibleTo(s)
    # The layered notice: the summary in view above the prompt, the whole notice one touch away.
    assert "chỉ để làm hồ sơ này" in s.findChild(QLabel, "identify_privacy").text()
    more = s.findChild(QPushButton, "identify_privacy_more")
    assert more.isVisibleTo(s) and "thẻ" in more.accessibleName()
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    card = w.overlay.card
    assert card is not None and "mã hoá" in card.findChild(QLabel, "privacy_full").text()
    qtbot.mouseClick(card.findChild(QPushButton, "privacy_close"), Qt.MouseButton.LeftButton)
    assert w.overlay.card is None
    assert not s.findChild(PlacementGuide, "guide_can").isVisibleTo(s)
    s._open_can()
    assert s.findChild(PlacementGuide, "guide_can").isVisibleTo(s)
    words = s.findChild(QLabel, "identify_can_words").text()
    assert words.startswith("Nhập 6 số in ở góc trên bên trái mặt trước thẻ (khoanh đỏ trong hình)")


def test_the_can_words_follow_the_default_corner(make_window):
    from ui.screens.wizard.captures import identify_can

    w = make_window()
    identify_can(w)
    words = w.current_screen.findChild(QLabel, "identify_can_words").text()
    assert words == "Nhập 6 số in ở góc dưới bên phải mặt trước thẻ (khoanh đỏ trong hình)."
