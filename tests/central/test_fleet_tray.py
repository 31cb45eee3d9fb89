"""The heartbeat's tray block on the central: what it accepts, and the alerts each state raises."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from central.fleet import Heartbeat
from central.fleet_tray import tray_alerts


def block(standing="pass", delta_e=40.0, in_use=None):
    return {"standing": standing, "delta_e": delta_e, "checked_at": 1.7e9, "in_use": in_use or {}}


@pytest.mark.parametrize(
    ("standing", "code", "level"),
    [
        ("fail", "tray_failed", "alert"),
        ("warn", "tray_low", "warn"),
        ("unchecked", "tray_unchecked", "warn"),
        ("other_camera", "tray_other_camera", "warn"),
    ],
)
def test_each_tray_check_standing_raises_its_alert(standing, code, level):
    (alert,) = tray_alerts(block(standing, 3.1), "K-0042")
    assert alert[:2] == (code, level) and alert[2] and alert[3]  # Vietnamese and English
    if standing in ("fail", "warn"):
        assert "ΔE 3.1" in alert[2] and "ΔE 3.1" in alert[3]


@pytest.mark.parametrize("standing", ["pass", "simulated"])
def test_a_good_or_simulated_tray_raises_nothing(standing):
    assert tray_alerts(block(standing), "K-0042") == []


def test_documents_in_use_that_stand_out_poorly_are_said_with_the_figures():
    (a,) = tray_alerts(block(in_use={"count": 63, "median_delta_e": 7.0, "standing": "low"}), "K-0042")
    assert a[:2] == ("tray_in_use_poor", "warn")
    assert a[3] == (
        "Documents on kiosk K-0042 stand out poorly from its tray: median ΔE 7.0 over 63 captures — lay a dark mat"
    )
    assert "ΔE trung vị 7.0 qua 63 lần chụp" in a[2]
    (a,) = tray_alerts(block(in_use={"count": 40, "median_delta_e": 3.0, "standing": "pale"}), "K-0042")
    assert a[1] == "alert"
    assert tray_alerts(block(in_use={"count": 5, "median_delta_e": 3.0, "standing": "too_few"}), "K") == []


def test_a_heartbeat_without_a_tray_block_is_accepted_and_alerts_nothing():
    assert Heartbeat.model_validate({}).tray is None and tray_alerts(None, "K") == []


@pytest.mark.parametrize(
    "bad",
    [
        {"standing": "great"},
        block(in_use={"count": -1}),
        block(in_use={"under_fail": 1.5}),
        block(in_use={"standing": "fine"}),
    ],
)
def test_a_tray_block_out_of_its_allow_list_is_refused(bad):
    with pytest.raises(ValidationError):
        Heartbeat.model_validate({"tray": bad})


def test_unknown_keys_in_the_tray_block_are_dropped():
    hb = Heartbeat.model_validate({"tray": {**block(), "camera": "/dev/video0", "image": "…"}})
    assert "camera" not in hb.model_dump()["tray"] and "image" not in hb.model_dump()["tray"]
