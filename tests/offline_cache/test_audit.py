"""Audit log: hash-chained, keyed; verify() finds a changed, deleted, cut-off or forged entry."""

from __future__ import annotations

import sqlite3

import pytest

from offline_cache import PersonalDataError, Store


def _fill(store: Store, n: int = 5) -> None:
    for i in range(n):
        store.audit.append(f"staff:{i:04d}", "staff.sign_in", {"method": "qr", "i": i})


def _sql(store: Store, statement: str) -> None:
    """Tamper as someone with the file would: drop the append-only triggers, then edit."""
    con = sqlite3.connect(store.db_path)
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    con.execute(statement)
    con.commit()
    con.close()


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET actor='x'", "DELETE FROM audit_log"])
def test_the_database_refuses_to_change_history(store: Store, statement: str):
    _fill(store, 2)
    con = sqlite3.connect(store.db_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute(statement)
    con.close()
    assert store.audit.verify().ok and store.audit.verify().entries == 2


def test_intact_log_verifies(store: Store):
    _fill(store)
    result = store.audit.verify()
    assert result.ok and result.entries == 5
    assert [e.seq for e in store.audit.entries()] == [1, 2, 3, 4, 5]


def test_empty_log_verifies(store: Store):
    assert store.audit.verify().ok


def test_changed_entry_is_found(store: Store):
    _fill(store)
    _sql(store, "UPDATE audit_log SET actor='staff:9999' WHERE seq=3")
    result = store.audit.verify()
    assert not result.ok and result.seq == 3 and "changed" in (result.problem or "")


def test_deleted_entry_is_found(store: Store):
    _fill(store)
    _sql(store, "DELETE FROM audit_log WHERE seq=2")
    result = store.audit.verify()
    assert not result.ok and result.seq == 2 and "missing" in (result.problem or "")


def test_cut_off_tail_is_found(store: Store):
    _fill(store)
    _sql(store, "DELETE FROM audit_log WHERE seq>=4")
    result = store.audit.verify()
    assert not result.ok and "removed from the end" in (result.problem or "")


def test_rewritten_chain_without_the_key_is_found(store: Store):
    """Recomputing plain SHA-256 links is not enough: the chain is keyed."""
    import hashlib

    _fill(store, 2)
    con = sqlite3.connect(store.db_path)
    con.execute("DROP TRIGGER audit_log_no_update")
    row = con.execute("SELECT seq, prev_hash FROM audit_log WHERE seq=2").fetchone()
    forged = hashlib.sha256(b"forged" + row[1].encode()).hexdigest()
    con.execute("UPDATE audit_log SET action='staff.sign_out', hash=? WHERE seq=2", (forged,))
    con.commit()
    con.close()
    assert not store.audit.verify().ok


@pytest.mark.parametrize(
    "details",
    [
        {"full_name": "Lê Thị B"},
        {"note": "cccd 001203004567"},
        {"nested": {"phone": "x"}},
        {"x": ["0912345678"]},
    ],
)
def test_personal_data_is_refused(store: Store, details):
    with pytest.raises(PersonalDataError):
        store.audit.append("staff:1", "x", details)
    assert store.audit.entries() == []


def test_ids_that_are_not_numbers_are_accepted(store: Store):
    entry = store.audit.append(
        "kiosk", "outbox.retry", {"entry": "3f2a123456789b0c", "tracking": "K7M4Q-X9T2R"}
    )
    assert entry.details["entry"] == "3f2a123456789b0c"
