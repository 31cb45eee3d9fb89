"""``kiosk outbox …`` and ``kiosk audit verify`` on a real store in the test's data dir."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kiosk.cli import main
from offline_cache import NeedsStaff, NewAttachment, Store


@pytest.fixture
def entry_id(isolated_kiosk_env: Path) -> str:
    with Store.open(isolated_kiosk_env) as store:
        eid = store.outbox.enqueue(
            {"applicant": {"full_name": "Phạm Văn C", "id_number": "001203004567"}},
            [NewAttachment(b"jpeg-bytes", "image/jpeg", "id-front")],
            procedure_code="1.001",
            tracking_code="K7M4QX9T2R",
        )
        store.outbox.claim_due()
        store.outbox.record_result(eid, NeedsStaff("central.auth"))
    return eid


def _json(capsys, argv: list[str]) -> tuple[int, object]:
    rc = main([*argv, "--json"])
    return rc, json.loads(capsys.readouterr().out)


def test_list_and_show_have_no_personal_data(entry_id: str, capsys):
    rc, listed = _json(capsys, ["outbox", "list"])
    assert rc == 0 and listed[0]["id"] == entry_id and listed[0]["state"] == "needs-staff"  # type: ignore[index]
    rc, shown = _json(capsys, ["outbox", "show", entry_id[:8]])
    assert rc == 0 and shown["last_error"] == "central.auth"  # type: ignore[index]
    main(["outbox", "list"])
    main(["outbox", "show", entry_id])
    out = capsys.readouterr().out
    assert "Phạm" not in out and "001203004567" not in out and "needs-staff" in out


def test_retry_then_status(entry_id: str, capsys):
    rc, entry = _json(capsys, ["outbox", "retry", entry_id])
    assert rc == 0 and entry["state"] == "queued"  # type: ignore[index]
    rc, status = _json(capsys, ["outbox", "status"])
    assert status["pending"] == 1  # type: ignore[index]


def test_export_writes_the_dossier(entry_id: str, capsys, tmp_path: Path):
    rc, out = _json(capsys, ["outbox", "export", entry_id, "--out", str(tmp_path / "usb")])
    assert rc == 0
    doc = json.loads((Path(out["path"]) / "dossier.json").read_text())  # type: ignore[index]
    assert doc["submission"]["applicant"]["full_name"] == "Phạm Văn C"


def test_unknown_id_is_a_clear_error_not_a_traceback(entry_id: str, capsys):
    rc, out = _json(capsys, ["outbox", "show", "does-not-exist"])
    assert rc == 1 and out["error"]["code"] == "offline.not_found"  # type: ignore[index]


def test_purge_dry_run(entry_id: str, capsys):
    rc, report = _json(capsys, ["outbox", "purge", "--dry-run"])
    assert rc == 0 and report["dry_run"] is True and report["entries"] == []  # type: ignore[index]


def test_audit_verify_detects_tampering(entry_id: str, capsys, isolated_kiosk_env: Path):
    main(["outbox", "retry", entry_id])  # writes an audit entry
    capsys.readouterr()
    rc, ok = _json(capsys, ["audit", "verify"])
    assert rc == 0 and ok["ok"] is True  # type: ignore[index]
    con = sqlite3.connect(isolated_kiosk_env / "offline" / "offline.sqlite3")
    con.execute("DROP TRIGGER audit_log_no_update")  # as someone editing the file would
    con.execute("UPDATE audit_log SET action='outbox.nothing'")
    con.commit()
    con.close()
    rc, bad = _json(capsys, ["audit", "verify", "--lang", "en"])
    assert rc == 1 and bad["ok"] is False and "changed" in bad["problem"]  # type: ignore[index]
