"""The tray-contrast check: a blank white sheet on trays from white to dark, seen through the
camera driver (a rendered picture played as the camera), judged pass / warn / fail with a hint."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from devices.settings import DeviceSettings
from kiosk.commands.provision_cmd import describe
from provisioning import selftest as st
from provisioning.selftest import SelftestContext, run_selftest
from tests.devices.camera.tray_scenes import TRAYS, tray_scene


def ctx(tmp_path: Path, camera: str, only: tuple[str, ...] = ("tray",), **kw) -> SelftestContext:
    settings = DeviceSettings(camera=camera, data_dir=str(tmp_path))
    return SelftestContext(
        settings=settings, data_dir=tmp_path, describe=describe, only=only, tray_settle_s=0.3, **kw
    )


def camera_picture(tmp_path: Path, tray: str, seed: int = 3) -> str:
    img, _ = tray_scene(TRAYS[tray], seed=seed)
    path = tmp_path / f"{tray}.png"
    cv2.imwrite(str(path), img)
    return str(path)


@pytest.mark.parametrize(
    ("tray", "status", "hint"),
    [
        ("white", "fail", "selftest.tray.pale"),
        ("cream", "warn", "selftest.tray.low"),
        ("light_grey", "pass", None),
        ("grey", "pass", None),
        ("dark_grey", "pass", None),
        ("dark_blue", "pass", None),
    ],
)
def test_each_tray_colour_gets_its_verdict(tmp_path, tray, status, hint):
    report = run_selftest(ctx(tmp_path, camera_picture(tmp_path, tray)))
    c = report.check("tray")
    assert (c.status, c.hint_code) == (status, hint), c.summary
    assert c.figures["found_by"] is not None and (c.figures["width"], c.figures["height"]) == (1280, 720)
    if tray == "white":
        assert c.figures["step"] <= 5 and c.figures["delta_e"] < 2
        assert "dark matte mat" in c.hint_en and "tấm lót" in c.hint
    if tray.startswith("dark"):
        assert c.figures["delta_e"] > 50 and c.figures["found_by"] == "detector"


def test_no_sheet_on_the_tray_fails_with_what_to_do(tmp_path):
    empty, _ = tray_scene(TRAYS["dark_grey"], seed=1, sheet=False)
    path = tmp_path / "empty.png"
    cv2.imwrite(str(path), empty)
    c = run_selftest(ctx(tmp_path, str(path))).check("tray")
    assert (c.status, c.hint_code) == ("fail", "selftest.tray.no_sheet")
    assert "blank A4 sheet" in c.hint_en and "tờ A4" in c.hint


def test_a_camera_that_does_not_open_fails(tmp_path):
    c = run_selftest(ctx(tmp_path, str(tmp_path / "nothing.avi"))).check("tray")
    assert (c.status, c.hint_code) == ("fail", "selftest.camera.no_open")


def test_the_simulated_camera_has_no_tray(tmp_path):
    c = run_selftest(ctx(tmp_path, "sim")).check("tray")
    assert c.status == "pass" and "simulated" in c.summary


def test_the_tray_check_runs_only_when_asked(tmp_path, monkeypatch):
    monkeypatch.setattr(st, "CHECKS", {"disk": st.check_disk})
    cam = camera_picture(tmp_path, "dark_grey")
    # not asked: the kept verdict is read, no frame is taken (none kept yet)
    report = run_selftest(ctx(tmp_path, cam, only=()))
    assert [c.name for c in report.checks] == ["disk", "tray"]
    assert (
        report.check("tray").hint_code == "selftest.tray.unchecked"
        and "found_by" not in report.check("tray").figures
    )
    report = run_selftest(ctx(tmp_path, cam, only=(), tray=True))
    assert [c.name for c in report.checks] == ["disk", "tray"] and report.check("tray").figures["found_by"]
    assert [c.name for c in run_selftest(ctx(tmp_path, cam, only=("disk",), tray=True)).checks] == ["disk"]
