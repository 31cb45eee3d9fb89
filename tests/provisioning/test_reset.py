"""Decommissioning: the outbox is handed to the central, the central records it and revokes the
key, and afterwards no personal string from earlier sessions remains under the data dir."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from offline_cache import NewAttachment, Store
from provisioning.enroll import load_enrollment
from provisioning.keys import load_or_create_kiosk_key
from provisioning.signing import KioskRequestSigner
from tests.peers.people import session_as
from tests.provisioning.helpers import data_dir, enroll, kiosk

NAME = "Nguyễn Thị Hồng Nhung"
CCCD = "001203004567"
ADDRESS = "Số 12 ngõ 34 phố Hàng Bạc, Hoàn Kiếm, Hà Nội"
PERSONAL = [NAME, CCCD, ADDRESS, "Hồng Nhung", "Hàng Bạc"]


@pytest.fixture(autouse=True)
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of the test's own: a reset also wipes the legacy log dir under it."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    return home


@pytest.fixture(autouse=True)
def restore_logging():
    yield
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
            h.close()


def encodings(s: str) -> list[bytes]:
    return [s.encode("utf-8"), s.encode("utf-16-le"), json.dumps(s).encode()]


def files_containing(root: Path, needles: list[str]) -> list[tuple[str, str]]:
    found = []
    for p in root.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            for n in needles:
                if any(e in data for e in encodings(n)):
                    found.append((str(p.relative_to(root)), n))
    return found


def earlier_sessions(ddir: Path) -> None:
    """What a day of service leaves behind: drafts, a queued dossier with a scan, a staff export,
    staff sign-in state, printer jobs, logs."""
    from kiosk.logs import configure_logging, get_logger
    from kiosk.staff.store import StaffStore

    person = {"full_name": NAME, "id_number": CCCD, "address": ADDRESS}
    with Store.open(ddir) as store:
        store.drafts.save_step("session-1", "applicant", person, procedure_code="1.001")
        store.drafts.save_step("session-2", "applicant", {**person, "phone": "0912345678"})
        entry = store.outbox.enqueue(
            {"service_code": "1.001", "applicant": person},
            [NewAttachment(f"scan of {NAME} {CCCD}".encode(), "text/plain", "id-front")],
            procedure_code="1.001",
        )
        store.outbox.export(entry, ddir / "exports")  # staff carried one by hand: in clear
    staff = StaffStore.open(ddir)
    staff.seen("CB001", "cred-1", "technician", "DEMO", datetime(2030, 1, 1, tzinfo=UTC), datetime.now(UTC))
    staff.close()
    jobs = ddir / "printer" / "jobs" / "job-1"
    jobs.mkdir(parents=True)
    (jobs / "receipt.json").write_text(json.dumps({"applicant": NAME, "id": CCCD}, ensure_ascii=False))
    configure_logging(directory=ddir / "logs")
    get_logger("test").info("card_read", note=f"reader saw {CCCD}")


def test_reset_hands_over_the_outbox_tells_the_central_and_leaves_no_personal_string(central, capsys):
    kid = enroll(capsys, central)["kiosk_id"]
    ddir = data_dir()
    earlier_sessions(ddir)
    assert files_containing(ddir, [NAME, CCCD])  # sanity: the export is in clear before the reset
    e = load_enrollment(ddir)
    old_signer = KioskRequestSigner(load_or_create_kiosk_key(ddir), e.kiosk_id)

    rc, out = kiosk(capsys, "provision", "reset", "--json")  # not confirmed
    assert rc == 2 and out["error"]["code"] == "provisioning.reset_not_confirmed"
    assert (ddir / "keys").exists()

    rc, out = kiosk(
        capsys, "provision", "reset", "--confirm", kid, "--reason", "moved to another commune", "--json"
    )
    assert rc == 0, out
    assert out["outbox_entries"] == 1 and out["outbox_handed_over"] and out["central_notified"]
    assert out["files_wiped"] > 10

    # Nothing personal anywhere under the data dir; only the marker is left, and no key
    assert files_containing(ddir, PERSONAL) == []
    left = sorted(str(p.relative_to(ddir)) for p in ddir.rglob("*"))
    assert left == ["decommissioned.json"]
    assert json.loads((ddir / "decommissioned.json").read_text())["kiosk_id"] == kid

    # The central has the dossier (it is the rightful keeper) and an audit record
    exports = list((central.data_dir / "fleet_exports").glob(f"{kid}-*.json"))
    assert len(exports) == 1 and NAME in exports[0].read_text(encoding="utf-8")
    technician = session_as(central, "technician")
    events = technician.get(central.url + "fleet/audit.json", timeout=5).json()["events"]
    dec = [ev for ev in events if ev["event"] == "kiosk_decommissioned"]
    assert dec and dec[0]["kiosk_id"] == kid and dec[0]["detail"]["outbox_exported"] == 1
    assert dec[0]["detail"]["reason"] == "moved to another commune"
    # and the old key no longer opens anything
    r = requests.get(central.url + "kiosk/ping", auth=old_signer, timeout=5)
    assert r.status_code == 401
    fleet = {k["kiosk_id"]: k for k in technician.get(central.url + "fleet.json", timeout=5).json()["kiosks"]}
    assert fleet[kid]["state"] == "decommissioned"


def test_reset_is_refused_while_the_outbox_cannot_be_handed_over(central, capsys):
    kid = enroll(capsys, central)["kiosk_id"]
    ddir = data_dir()
    earlier_sessions(ddir)
    before = sorted(p for p in ddir.rglob("*") if p.is_file())
    rc, out = kiosk(
        capsys, "provision", "reset", "--confirm", kid, "--central", "http://127.0.0.1:9/", "--json"
    )
    assert rc != 0 and out["error"]["code"] == "provisioning.reset_outbox_pending"
    assert "1 dossiers" in out["error"]["message"]
    # Nothing wiped
    assert (ddir / "keys" / "kiosk_ed25519.pem").exists() and (ddir / "offline").exists()
    assert len(sorted(p for p in ddir.rglob("*") if p.is_file())) >= len(before) - 1
    # --offline does not help when dossiers would be lost
    rc, out = kiosk(
        capsys,
        "provision",
        "reset",
        "--confirm",
        kid,
        "--central",
        "http://127.0.0.1:9/",
        "--offline",
        "--json",
    )
    assert rc != 0 and out["error"]["code"] == "provisioning.reset_outbox_pending"


def test_reset_also_wipes_logs_an_earlier_version_left_in_the_user_log_dir(central, capsys, own_home: Path):
    from provisioning.reset import legacy_log_dirs

    kid = enroll(capsys, central)["kiosk_id"]
    legacy = legacy_log_dirs()[0]
    assert str(legacy).startswith(str(own_home))
    legacy.mkdir(parents=True)
    (legacy / "kiosk.log").write_text(f'{{"event": "card_read", "note": "{CCCD}"}}\n', encoding="utf-8")
    rc, out = kiosk(capsys, "provision", "reset", "--confirm", kid, "--json")
    assert rc == 0, out
    assert not legacy.exists()
    assert files_containing(own_home, PERSONAL) == []
