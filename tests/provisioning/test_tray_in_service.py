"""The tray check as part of putting a kiosk in service, against the real sandbox central: the
kiosk's camera is a rendered picture of a blank sheet on a white counter played through the
camera driver; the self-test, ``provision status``, the heartbeat, the fleet view and the
supervisors' agency page all say what the tray's state is and what to do."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import requests
from sqlalchemy import select

from central.fleet_models import SelftestReport
from kiosk.cli import main
from kiosk.monitoring.tray_contrast import TrayContrastRecord
from tests.devices.camera.tray_scenes import TRAYS, tray_scene
from tests.peers.people import session_as
from tests.provisioning.helpers import data_dir, enroll, kiosk


def camera_config(tmp_path: Path, tray: str) -> str:
    img, _ = tray_scene(TRAYS[tray], seed=3)
    cv2.imwrite(str(tmp_path / f"{tray}.png"), img)
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(f'[devices]\ncamera = "{tmp_path / f"{tray}.png"}"\n', encoding="utf-8")
    return str(cfg)


def fleet_kiosk(central, kid: str) -> dict:
    r = session_as(central, "technician").get(central.url + "fleet.json", timeout=5)
    assert r.status_code == 200
    return {k["kiosk_id"]: k for k in r.json()["kiosks"]}[kid]


def test_a_pale_tray_is_found_kept_and_reported_until_a_mat_is_laid(central, capsys, tmp_path):
    enrolled = enroll(capsys, central)
    kid, agency = enrolled["kiosk_id"], enrolled["agency"]
    cfg = camera_config(tmp_path, "white")

    # Never checked: the self-test cannot pass and says to lay a blank A4 sheet; the central hears it
    rc, out = kiosk(capsys, "--config", cfg, "selftest", "--json")
    tray = next(c for c in out["checks"] if c["name"] == "tray")
    assert out["overall"] != "pass" and tray["hint_code"] == "selftest.tray.unchecked", tray
    assert out["sent_to_central"]
    with central.state.db() as s:
        sent = json.loads(
            s.scalars(select(SelftestReport).where(SelftestReport.kiosk_id == kid)).one().report
        )
    assert next(c for c in sent["checks"] if c["name"] == "tray")["hint_code"] == "selftest.tray.unchecked"
    rc, st = kiosk(capsys, "--config", cfg, "provision", "status", "--json")
    assert st["tray"]["standing"] == "unchecked" and "tờ A4 trắng" in st["tray"]["advice_vi"]

    # The technician runs the tray check: the white counter fails, and the failure is kept
    rc, out = kiosk(capsys, "--config", cfg, "selftest", "--tray", "--json")
    assert rc == 1 and next(c for c in out["checks"] if c["name"] == "tray")["status"] == "fail"
    rc, out = kiosk(capsys, "--config", cfg, "selftest", "--json")
    tray = next(c for c in out["checks"] if c["name"] == "tray")
    assert rc == 1 and out["overall"] == "fail" and tray["hint_code"] == "selftest.tray.failed"
    assert "dark matte mat" in tray["hint_en"] and "tấm lót" in tray["hint"]
    rc, st = kiosk(capsys, "--config", cfg, "provision", "status", "--json")
    assert st["tray"]["standing"] == "fail" and st["tray"]["checked_on"] and st["tray"]["delta_e"] < 4.5
    capsys.readouterr()
    assert main(["--config", cfg, "provision", "status"]) == 0
    text = capsys.readouterr().out
    assert f"tray: fail, ΔE {st['tray']['delta_e']}, checked {st['tray']['checked_on']}" in text
    assert "→ Lần kiểm tra khay ngày" in text and "→ The tray check of" in text

    # The heartbeat carries it: the fleet view alerts, with what to do
    rc, beat = kiosk(capsys, "--config", cfg, "provision", "heartbeat", "--once", "--json")
    assert rc == 0, beat
    k = fleet_kiosk(central, kid)
    assert k["tray"]["standing"] == "fail" and k["state"] == "online"  # still serving citizens
    alert = next(a for a in k["alerts"] if a["code"] == "tray_failed")
    assert (
        alert["level"] == "alert" and "dark matte mat" in alert["text_en"] and "tấm nền" in alert["text_vi"]
    )

    # In use: citizens' documents stood out poorly (the measurement itself: test_tray_contrast.py)
    record = TrayContrastRecord(data_dir())
    for i in range(63):
        record.add(6.0 + (i % 3) * 0.5)
    kiosk(capsys, "--config", cfg, "provision", "heartbeat", "--once", "--json")
    k = fleet_kiosk(central, kid)
    poor = next(a for a in k["alerts"] if a["code"] == "tray_in_use_poor")
    assert f"Documents on kiosk {kid} stand out poorly from its tray" in poor["text_en"]
    assert "over 63 captures" in poor["text_en"] and "lay a dark mat" in poor["text_en"]
    assert k["tray"]["in_use"]["count"] == 63 and 6.0 <= k["tray"]["in_use"]["median_delta_e"] <= 7.5
    page = session_as(central, "technician").get(central.url + "fleet", timeout=5).text
    assert "stand out poorly from its tray" in page and "nổi kém trên khay" in page
    # the agency's supervisor sees it on the agency page; another agency's does not
    r = session_as(central, "supervisor", agencies=(agency,)).get(
        central.url + f"console/monitoring/{agency}", timeout=5
    )
    assert r.status_code == 200 and f'data-kiosk="{kid}"' in r.text and "nổi kém trên khay" in r.text
    other = session_as(central, "supervisor", name="other agency", agencies=("ZZ-OTHER",)).get(
        central.url + f"console/monitoring/{agency}", timeout=5
    )
    assert other.status_code == 404 and kid not in other.text  # not among that supervisor's agencies
    # the fleet view with the figures is the technicians': a supervisor and a stranger are refused
    assert (
        session_as(central, "supervisor", agencies=(agency,)).get(central.url + "fleet.json").status_code
        == 403
    )
    assert requests.get(central.url + "fleet.json", timeout=5).status_code == 401

    # A dark mat laid, the check run again: the self-test passes the tray with its date
    cfg = camera_config(tmp_path, "dark_grey")
    img, _ = tray_scene(TRAYS["dark_grey"], seed=3)
    cv2.imwrite(str(tmp_path / "white.png"), img)  # the same camera now sees the mat
    cfg = str(tmp_path / "kiosk.toml")
    Path(cfg).write_text(f'[devices]\ncamera = "{tmp_path / "white.png"}"\n', encoding="utf-8")
    rc, out = kiosk(capsys, "--config", cfg, "selftest", "--tray", "--json")
    assert next(c for c in out["checks"] if c["name"] == "tray")["status"] == "pass"
    rc, out = kiosk(capsys, "--config", cfg, "selftest", "--json")
    assert next(c for c in out["checks"] if c["name"] == "tray")["status"] == "pass"
    kiosk(capsys, "--config", cfg, "provision", "heartbeat", "--once", "--json")
    codes = {a["code"] for a in fleet_kiosk(central, kid)["alerts"]}
    assert "tray_failed" not in codes and "tray_in_use_poor" in codes  # use still speaks until it improves


def test_a_simulated_camera_raises_no_tray_alert(central, capsys):
    """The demo profile's simulated camera has no tray: nothing to check, nothing to alert."""
    kid = enroll(capsys, central)["kiosk_id"]
    rc, _ = kiosk(capsys, "provision", "heartbeat", "--once", "--json")  # demo profile: simulated camera
    k = fleet_kiosk(central, kid)
    assert k["tray"]["standing"] == "simulated" and k["alerts"] == []
