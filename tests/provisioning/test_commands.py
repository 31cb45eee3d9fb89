"""Remote commands: signed by the central, run once, refused (and reported) otherwise;
the diagnostic bundle carries no personal data."""

from __future__ import annotations

import json
import time

from sqlalchemy import select

from central.central_key import central_signing_key
from central.fleet import issue_command
from central.fleet_models import DiagnosticBundle, KioskCommand
from provisioning import commands as remote
from provisioning.audit import FileAudit
from provisioning.enroll import link_for, load_enrollment
from provisioning.signing import sign_document
from tests.provisioning.helpers import data_dir, enroll, kiosk


def signed_command(central, kid: str, kind: str) -> dict:
    cid = issue_command(central.state, kid, kind, at=time.time())
    with central.state.db() as s:
        return json.loads(s.get(KioskCommand, cid).signed)


def ctx(link, audit, **kw):
    e = load_enrollment(data_dir())
    return remote.CommandContext(
        data_dir=data_dir(), central_public_key=e.central_public_raw, kiosk_id=e.kiosk_id, audit=audit,
        link=link, **kw,
    )  # fmt: skip


def test_replayed_foreign_expired_unknown_and_forged_commands_are_refused(central, capsys, tmp_path):
    kid = enroll(capsys, central)["kiosk_id"]
    audit = FileAudit.under(tmp_path)
    doc = signed_command(central, kid, "out_of_service")
    ck = central_signing_key(central.data_dir)
    now = time.time()
    foreign = sign_document(ck, "kiosk-command", {"command_id": 900, "kiosk_id": "DEMO-K0999", "kind": "out_of_service",
                                                  "args": {}, "issued_at": now, "expires_at": now + 60})  # fmt: skip
    expired = sign_document(ck, "kiosk-command", {"command_id": 901, "kiosk_id": kid, "kind": "out_of_service",
                                                  "args": {}, "issued_at": now - 120, "expires_at": now - 60})  # fmt: skip
    unknown = sign_document(ck, "kiosk-command", {"command_id": 902, "kiosk_id": kid, "kind": "format_disk",
                                                  "args": {}, "issued_at": now, "expires_at": now + 60})  # fmt: skip
    from provisioning.keys import load_or_create_kiosk_key

    forged = sign_document(load_or_create_kiosk_key(tmp_path / "x"), "kiosk-command",
                           {"command_id": 903, "kiosk_id": kid, "kind": "out_of_service", "args": {},
                            "issued_at": now, "expires_at": now + 60})  # fmt: skip
    with link_for(data_dir()) as link:
        first = remote.handle_commands(ctx(link, audit), [doc])
        again = remote.handle_commands(ctx(link, audit), [doc, foreign, expired, unknown, forged])
    assert [o.status for o in first] == ["done"]
    assert [o.status for o in again] == ["refused"] * 5
    whys = [o.detail for o in again]
    assert "already carried out" in whys[0]
    assert "for kiosk 'DEMO-K0999'" in whys[1]
    assert "expired" in whys[2]
    assert "unknown command 'format_disk'" in whys[3]
    assert "signature" in whys[4]
    assert [r["event"] for r in audit.records()].count("command_refused") == 5
    assert remote.service_state(data_dir()).out_of_service


def test_collect_diagnostics_uploads_a_bundle_without_personal_data(central, capsys):
    from kiosk.paths import log_dir

    kid = enroll(capsys, central)["kiosk_id"]
    # A log file that (wrongly) holds personal data: the bundle must not carry it along
    (log_dir() / "kiosk.log").write_text(
        json.dumps({"event": "card_read", "level": "info", "name": "Nguyễn Thị Hồng Nhung",
                    "code": "001203004567", "timestamp": "2026-11-23T10:00:00Z"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    issue_command(central.state, kid, "collect_diagnostics", at=time.time())
    rc, out = kiosk(capsys, "provision", "heartbeat", "--once", "--json")
    assert rc == 0 and [(c["kind"], c["status"]) for c in out["commands"]] == [
        ("collect_diagnostics", "done")
    ]
    with central.state.db() as s:
        bundle = s.scalars(select(DiagnosticBundle)).one().bundle
    data = json.loads(bundle)
    assert data["kiosk_id"] == kid and data["log_events"][0]["event"] == "card_read"
    assert data["crashes"] == []  # this kiosk never crashed
    assert "Nguyễn" not in bundle and "Nhung" not in bundle and "001203004567" not in bundle


def test_diagnostics_carry_a_native_crash_stack(central, capsys):
    from kiosk.paths import log_dir
    from tests.kiosk.test_crash_record import _run

    kid = enroll(capsys, central)["kiosk_id"]
    assert _run(log_dir(), "crash")[0] < 0  # a real SIGSEGV in a run framed like the kiosk's
    issue_command(central.state, kid, "collect_diagnostics", at=time.time())
    rc, _ = kiosk(capsys, "provision", "heartbeat", "--once", "--json")
    assert rc == 0
    with central.state.db() as s:
        [crash] = json.loads(s.scalars(select(DiagnosticBundle)).one().bundle)["crashes"]
    assert crash["what"] == "Segmentation fault" and crash["where"].endswith(" open_the_dossier_screen")


def test_refresh_catalog_fetches_the_centrals_catalog_into_the_offline_cache(central, capsys):
    from offline_cache import Store

    kid = enroll(capsys, central)["kiosk_id"]
    issue_command(central.state, kid, "refresh_catalog", at=time.time())
    rc, out = kiosk(capsys, "provision", "heartbeat", "--once", "--json")
    assert rc == 0
    [outcome] = out["commands"]
    assert outcome["kind"] == "refresh_catalog" and outcome["status"] == "done", outcome
    assert "from central" in outcome["detail"]
    with Store.open(data_dir()) as store:
        snap = store.catalog.get()
    assert snap is not None and snap.data["procedures"]
