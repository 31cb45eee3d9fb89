"""The tray check's verdict is kept and makes part of commissioning: a kiosk with a real camera
whose tray was never checked, failed its check, or was checked with another camera cannot
pass its self-test, and says what to do. The camera is a rendered picture played through the
camera driver, as in test_selftest_tray.py."""

from __future__ import annotations

import os
import stat
import time

import pytest

from provisioning import selftest as st
from provisioning.selftest import run_selftest
from provisioning.tray_record import FILE, load_verdict, standing
from tests.provisioning.test_selftest_tray import camera_picture, ctx


@pytest.fixture(autouse=True)
def only_disk(monkeypatch):
    # the other checks need devices this test does not bring; the disk check always passes here
    monkeypatch.setattr(st, "CHECKS", {"disk": st.check_disk})


def full(tmp_path, cam, **kw):
    """``kiosk selftest`` without --tray: every check, the tray from its kept verdict."""
    return run_selftest(ctx(tmp_path, cam, only=(), **kw))


def test_a_tray_never_checked_keeps_the_selftest_from_passing(tmp_path):
    report = full(tmp_path, camera_picture(tmp_path, "dark_grey"))
    c = report.check("tray")
    assert report.overall == "warn" and c.status == "warn" and c.hint_code == "selftest.tray.unchecked"
    assert "blank A4 sheet" in c.hint_en and "tờ A4 trắng" in c.hint
    assert not (tmp_path / "provisioning" / FILE).exists()  # reading it wrote nothing


def test_a_failed_tray_check_is_kept_and_fails_every_selftest_after(tmp_path):
    cam = camera_picture(tmp_path, "white")
    live = run_selftest(ctx(tmp_path, cam)).check("tray")
    assert live.status == "fail"
    v = load_verdict(tmp_path)
    assert v is not None and (v.status, v.camera, v.hint_code) == ("fail", cam, "selftest.tray.pale")
    assert v.delta_e is not None and v.delta_e < 4.5 and abs(v.checked_at - time.time()) < 60
    assert v.config_version == 0 and v.step is not None and v.noise is not None
    path = tmp_path / "provisioning" / FILE
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600  # common.durable's mode
    report = full(tmp_path, cam)
    c = report.check("tray")
    assert report.overall == "fail" and (c.status, c.hint_code) == ("fail", "selftest.tray.failed")
    assert "dark matte mat" in c.hint_en and "tấm lót" in c.hint
    assert time.strftime("%Y-%m-%d") in c.hint_en


def test_a_tray_that_passed_lets_the_selftest_pass_with_its_date(tmp_path):
    cam = camera_picture(tmp_path, "dark_grey")
    assert run_selftest(ctx(tmp_path, cam)).check("tray").status == "pass"
    report = full(tmp_path, cam)
    c = report.check("tray")
    assert report.overall == "pass" and c.status == "pass" and c.hint_code is None
    assert time.strftime("%Y-%m-%d") in c.summary and c.figures["delta_e"] > 50


def test_a_tray_checked_with_another_camera_says_check_again(tmp_path):
    run_selftest(ctx(tmp_path, camera_picture(tmp_path, "dark_grey")))
    other = camera_picture(tmp_path, "grey")  # another source: another camera
    c = full(tmp_path, other).check("tray")
    assert (c.status, c.hint_code) == ("warn", "selftest.tray.other_camera")
    assert "another camera" in c.hint_en


def test_a_new_check_replaces_the_kept_one(tmp_path):
    cam_white = camera_picture(tmp_path, "white")
    run_selftest(ctx(tmp_path, cam_white))
    assert load_verdict(tmp_path).status == "fail"
    # the mat is laid: the same camera now sees a dark tray (the picture file is replaced)
    import shutil

    shutil.copy(camera_picture(tmp_path, "dark_blue"), cam_white)
    run_selftest(ctx(tmp_path, cam_white))
    assert load_verdict(tmp_path).status == "pass"
    assert full(tmp_path, cam_white).overall == "pass"


def test_a_check_that_took_no_frame_keeps_the_last_verdict(tmp_path):
    cam = camera_picture(tmp_path, "dark_grey")
    run_selftest(ctx(tmp_path, cam))
    before = load_verdict(tmp_path)
    c = run_selftest(ctx(tmp_path, str(tmp_path / "nothing.avi"))).check("tray")
    assert c.hint_code == "selftest.camera.no_open" and load_verdict(tmp_path) == before


def test_the_simulated_camera_needs_no_tray_check(tmp_path):
    report = full(tmp_path, "sim")
    assert report.overall == "pass" and report.check("tray").status == "pass"
    assert standing(None, "sim") == "simulated" and standing(None, "0") == "unchecked"


def test_a_damaged_verdict_file_counts_as_never_checked(tmp_path):
    (tmp_path / "provisioning").mkdir()
    (tmp_path / "provisioning" / FILE).write_text("{not json")
    c = full(tmp_path, camera_picture(tmp_path, "dark_grey")).check("tray")
    assert c.hint_code == "selftest.tray.unchecked"
