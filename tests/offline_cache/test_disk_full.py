"""Disk full: a clear error (offline.disk_full), no corrupt database, nothing confirmed lost,
and work resumes once space is back.

Two ways to run out of space: a real 4 MB tmpfs (needs root and mount rights; skipped
otherwise) and a child process under RLIMIT_FSIZE (files cannot grow past a limit, which
the kernel reports as EFBIG), which runs anywhere.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from offline_cache import DiskFullError, NewAttachment, OfflineCacheError, Store
from tests.conftest import repo_root


def _integrity_ok(data_dir: Path) -> bool:
    con = sqlite3.connect(data_dir / "offline" / "offline.sqlite3")
    try:
        return con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()


def _fill_until_full(store: Store, confirmed: list[str]) -> DiskFullError:
    for i in range(10_000):
        try:
            store.drafts.save_step(f"s{i % 5}", "step", {"i": i, "pad": "x" * 2000})
            eid = store.outbox.enqueue(
                {"i": i}, [NewAttachment(os.urandom(60_000), "image/jpeg", "scan")], procedure_code="1.001"
            )
        except DiskFullError as e:
            return e
        confirmed.append(eid)
    raise AssertionError("the disk never filled up")


@pytest.fixture
def small_tmpfs(tmp_path: Path):
    mnt = tmp_path / "tmpfs"
    mnt.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mnt)], capture_output=True
    )
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_tmpfs_full_then_space_returns(small_tmpfs: Path):
    ballast = small_tmpfs / "ballast"
    ballast.write_bytes(b"\0" * 1_000_000)
    confirmed: list[str] = []
    store = Store.open(small_tmpfs)
    try:
        error = _fill_until_full(store, confirmed)
        assert error.code == "offline.disk_full"
        assert confirmed, "some dossiers fit before the disk filled"
        # Everything confirmed is still there and readable, nothing half-written.
        entries = {e.id: e for e in store.outbox.list(limit=10_000)}
        assert set(entries) == set(confirmed)
        for eid in confirmed:
            assert store.attachments.read(entries[eid].attachments[0])
        ballast.unlink()  # space comes back
        eid = store.outbox.enqueue({"after": True}, [NewAttachment(b"x" * 1000)], procedure_code="1.001")
        store.drafts.save_step("s-after", "step", {"ok": True})
    finally:
        store.close()
    assert _integrity_ok(small_tmpfs)
    with Store.open(small_tmpfs) as store:
        assert len(store.outbox.list(limit=10_000)) == len(confirmed) + 1
        assert store.outbox.get(eid).state.value == "queued"
        assert store.audit.verify().ok


_CHILD = r"""
import json, os, sys
from pathlib import Path
from offline_cache import DiskFullError, NewAttachment, Store
store = Store.open(Path(sys.argv[1]))
for i in range(10_000):
    try:
        store.drafts.save_step(f"s{i % 5}", "step", {"i": i, "pad": "x" * 2000})
        eid = store.outbox.enqueue({"i": i}, [NewAttachment(os.urandom(60_000), "image/jpeg", "scan")],
                                   procedure_code="1.001")
    except DiskFullError as e:
        print(json.dumps({"error": e.code, "detail": e.detail}), flush=True)
        break
    print(json.dumps({"confirmed": eid}), flush=True)
store.close()
"""


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of death
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_file_size_limit_in_a_child_then_resume(isolated_kiosk_env: Path):
    Store.open(isolated_kiosk_env).close()
    db_size = (isolated_kiosk_env / "offline" / "offline.sqlite3").stat().st_size
    r = subprocess.run(
        [sys.executable, "-c", _CHILD, str(isolated_kiosk_env)],
        cwd=repo_root(),
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_file_size(db_size + 400_000),  # the child only sets limits
    )
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.returncode == 0, r.stderr
    confirmed = [x["confirmed"] for x in lines if "confirmed" in x]
    assert lines[-1].get("error") == "offline.disk_full", lines[-1:]
    assert confirmed
    assert _integrity_ok(isolated_kiosk_env)
    with Store.open(isolated_kiosk_env) as store:
        ids = {e.id for e in store.outbox.list(limit=10_000)}
        assert set(confirmed) <= ids
        # At most the one that failed could be missing from "confirmed"; none half-stored.
        assert len(ids - set(confirmed)) == 0
        for e in store.outbox.list(limit=10_000):
            assert store.attachments.read(e.attachments[0])
        store.outbox.enqueue(
            {"after": str(uuid.uuid4())}, [NewAttachment(b"y" * 100)], procedure_code="1.001"
        )
        assert store.audit.verify().ok


def test_disk_full_error_has_words_for_staff():
    from kiosk.messages import text

    assert "đầy" in text(DiskFullError.code, "vi") and "full" in text(DiskFullError.code, "en")
    assert issubclass(DiskFullError, OfflineCacheError)
