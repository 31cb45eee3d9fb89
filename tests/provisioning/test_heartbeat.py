"""Heartbeat end to end: the kiosk's health on /fleet.json, offline after three silent intervals,
alerts from real devices (the TCP 9100 test printer), and the heartbeat loop's thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import requests

from central.fleet import issue_command
from provisioning.heartbeat import HeartbeatLoop
from tests.peers.people import session_as
from tests.peers.printer_server import PrinterServer
from tests.provisioning.helpers import data_dir, enroll, kiosk


def fleet(central) -> dict:
    r = session_as(central, "technician").get(central.url + "fleet.json", timeout=5)
    assert r.status_code == 200
    return {k["kiosk_id"]: k for k in r.json()["kiosks"]}


def test_heartbeat_shows_on_fleet_json_and_silence_turns_offline(central, capsys):
    kid = enroll(capsys, central)["kiosk_id"]
    assert fleet(central)[kid]["state"] == "never_seen"
    rc, out = kiosk(capsys, "provision", "heartbeat", "--once", "--json")
    assert rc == 0, out
    assert out["latency_ms"] > 0 and abs(out["clock_skew_s"]) < 5
    k = fleet(central)[kid]
    assert k["state"] == "online" and k["alerts"] == []
    assert k["config_version"] == 1 and k["software_version"]
    assert {d["kind"] for d in k["devices"]} == {"card_reader", "printer", "scanner", "camera"}
    rc, st = kiosk(capsys, "provision", "status", "--json")
    assert st["last_heartbeat"]["config_version"] == 1
    # Three intervals (60 s each) of silence: still online just before, offline after
    t0 = time.time()
    central.state.extra["fleet_clock"] = lambda: t0 + 179
    assert fleet(central)[kid]["state"] == "online"
    central.state.extra["fleet_clock"] = lambda: t0 + 181
    k = fleet(central)[kid]
    assert k["state"] == "offline" and [a["code"] for a in k["alerts"]] == ["offline"]


def test_paper_out_reader_missing_and_stuck_outbox_show_as_alerts(central, capsys, tmp_path: Path):
    from offline_cache import Store

    kid = enroll(capsys, central)["kiosk_id"]
    with Store.open(data_dir(), clock=lambda: time.time() - 4 * 3600) as store:
        store.outbox.enqueue({"service_code": "1.001"}, procedure_code="1.001")
    central.state.extra["fleet_outbox_alert_s"] = 3600
    with PrinterServer() as printer:
        printer.state.paper_end = True
        cfg = tmp_path / "kiosk.toml"
        cfg.write_text(
            f'[devices]\nprinter = "{printer.uri}"\ncard_reader = "No Such Reader 9000"\n', encoding="utf-8"
        )
        rc, out = kiosk(capsys, "--config", str(cfg), "provision", "heartbeat", "--once", "--json")
        assert rc == 0, out
        assert printer.status_queries  # the real DLE EOT exchange happened
    assert out["paper"] == "out"
    assert out["outbox"]["size"] == 1 and out["outbox"]["oldest_age_s"] > 4 * 3600 - 60
    k = fleet(central)[kid]
    codes = {a["code"] for a in k["alerts"]}
    assert {"paper_out", "reader_missing", "outbox_stuck"} <= codes
    html = session_as(central, "technician").get(central.url + "fleet", timeout=5).text
    assert "Hết giấy in" in html and "Printer paper out" in html


def test_heartbeat_loop_beats_at_once_on_demand_and_stops():
    beats: list[float] = []
    second = threading.Event()

    def beat() -> None:
        beats.append(time.monotonic())
        if len(beats) == 2:
            second.set()
        if len(beats) == 1:
            raise RuntimeError("first beat fails; the loop goes on")

    errors: list[BaseException] = []
    loop = HeartbeatLoop(beat, lambda: 3600, errors.append)
    loop.start()
    loop.beat_now()
    assert second.wait(5), "beat_now did not wake the loop"
    loop.stop()
    assert not loop._thread.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], RuntimeError)


def test_out_of_service_command_is_honoured_and_reported(central, capsys):
    kid = enroll(capsys, central)["kiosk_id"]
    r = session_as(central, "admin").post(
        central.url + f"fleet/kiosks/{kid}/commands", json={"kind": "out_of_service"}, timeout=5
    )
    assert r.status_code == 200
    rc, out = kiosk(capsys, "provision", "heartbeat", "--once", "--json")
    assert rc == 0
    assert [(c["kind"], c["status"]) for c in out["commands"]] == [("out_of_service", "done")]
    assert out["out_of_service"] is True
    rc, st = kiosk(capsys, "provision", "status", "--json")
    assert st["out_of_service"] is True
    assert fleet(central)[kid]["state"] == "out_of_service"
    # The command is not run twice: it is done, so the next heartbeat brings nothing
    rc, out = kiosk(capsys, "provision", "heartbeat", "--once", "--json")
    assert out["commands"] == [] and out["out_of_service"] is True
    issue_command(central.state, kid, "in_service", at=time.time())
    rc, out = kiosk(capsys, "provision", "heartbeat", "--once", "--json")
    assert [(c["kind"], c["status"]) for c in out["commands"]] == [("in_service", "done")]
    assert out["out_of_service"] is False
    assert fleet(central)[kid]["state"] == "online"
    audit = session_as(central, "technician").get(central.url + "fleet/audit.json", timeout=5)
    events = [e["event"] for e in audit.json()["events"]]
    assert events.count("command_result") == 2


def test_operator_routes_need_a_signed_in_admin_whatever_the_address(central):
    # From loopback, with no session: refused (the address proves nothing).
    r = requests.post(central.url + "fleet/kiosks/X/commands", json={"kind": "in_service"}, timeout=5)
    assert r.status_code == 401
    r = requests.put(central.url + "fleet/kiosks/X/config", json={"config": {}}, timeout=5)
    assert r.status_code == 401
    technician = session_as(central, "technician")
    assert technician.get(central.url + "fleet.json", timeout=5).status_code == 200  # may look
    r = technician.post(central.url + "fleet/kiosks/X/commands", json={"kind": "in_service"}, timeout=5)
    assert r.status_code == 403  # may not act
    r = session_as(central, "admin").post(
        central.url + "fleet/kiosks/X/commands", json={"kind": "in_service"}, timeout=5
    )
    assert r.status_code == 404  # an admin reaches the route (no such kiosk)
