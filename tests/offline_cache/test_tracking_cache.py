"""Tracking cache: the last known status per code survives a restart, is encrypted, keyed by
a keyed hash (the code is not in the file), replaced by newer answers and purged when old."""

from __future__ import annotations

import sqlite3

from offline_cache import Store
from offline_cache.tracking_cache import TrackingCache

CODE = "K7M4QX9T2R"
NOTE = "Bổ sung giấy chứng nhận kết hôn của cha mẹ"


def test_put_then_get_after_a_restart(isolated_kiosk_env, clock):
    with Store.open(isolated_kiosk_env, clock=clock) as store:
        cache = TrackingCache(store)
        assert cache.get(CODE) is None
        cache.put(CODE, {"x_state": "more_documents_needed", "status_notes": NOTE})
    clock.advance(3600)
    with Store.open(isolated_kiosk_env, clock=clock) as store:
        snap = TrackingCache(store).get(CODE)
        assert snap is not None and snap.code == CODE
        assert snap.data == {"x_state": "more_documents_needed", "status_notes": NOTE}
        assert clock() - snap.fetched_at == 3600


def test_a_newer_answer_replaces_the_older(store, clock):
    cache = TrackingCache(store)
    cache.put(CODE, {"x_state": "received"})
    clock.advance(60)
    cache.put(CODE, {"x_state": "in_processing"})
    snap = cache.get(CODE)
    assert snap is not None and snap.data["x_state"] == "in_processing" and snap.fetched_at == clock()
    assert cache.count() == 1
    assert cache.get("ABCDEFGHJK") is None


def test_neither_the_code_nor_the_note_is_readable_in_the_file(store):
    TrackingCache(store).put(CODE, {"status_notes": NOTE, "x_tracking_code": CODE})
    con = sqlite3.connect(store.db_path)
    rows = con.execute("SELECT key, data FROM tracking_cache").fetchall()
    con.close()
    assert len(rows) == 1
    key, data = rows[0]
    assert CODE not in key and CODE.encode() not in data
    assert NOTE.encode("utf-8") not in data and "kết hôn".encode() not in data


def test_old_answers_are_purged_and_never_shown(store, clock):
    cache = TrackingCache(store, max_age_s=86400)
    cache.put(CODE, {"x_state": "received"})
    clock.advance(86400 + 1)
    assert cache.get(CODE) is None  # too old to show, even before the purge ran
    cache.put("ABCDEFGHJ0", {"x_state": "received"})
    assert cache.count() == 1


def test_an_altered_row_reads_as_unknown(store):
    cache = TrackingCache(store)
    cache.put(CODE, {"x_state": "received"})
    con = sqlite3.connect(store.db_path)
    con.execute("UPDATE tracking_cache SET data = X'00112233445566778899AABBCCDDEEFF00112233445566778899'")
    con.commit()
    con.close()
    assert cache.get(CODE) is None


def test_forget(store):
    cache = TrackingCache(store)
    cache.put(CODE, {"x_state": "received"})
    cache.forget(CODE)
    assert cache.get(CODE) is None and cache.count() == 0
