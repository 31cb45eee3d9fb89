"""Durable writes: all or nothing, 0600, and processes racing on one file never collide."""

from __future__ import annotations

import multiprocessing
import os
import stat
from pathlib import Path

from common.durable import atomic_write, read_json, write_json


def test_write_is_complete_private_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "deep" / "er" / "state.json"  # folders created 0700
    write_json(target, {"a": "Việt"})
    assert read_json(target) == {"a": "Việt"}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in target.parent.iterdir()) == ["state.json"]


def _writer(path: str, n: int) -> None:
    for i in range(50):
        atomic_write(Path(path), f"{n}:{i}".encode() * 100)


def test_concurrent_writers_never_collide_or_tear(tmp_path: Path):
    target = tmp_path / "key"
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(target), n)) for n in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert all(p.exitcode == 0 for p in procs)
    data = target.read_bytes()
    one = data[: len(data) // 100]
    assert data == one * 100, "a torn write: pieces of two writers in one file"
    assert not list(tmp_path.glob(".*.tmp")), "a temporary file was left behind"


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "f"
    atomic_write(target, b"old")

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    try:
        atomic_write(target, b"new")
    except OSError:
        pass
    assert target.read_bytes() == b"old"
    assert not list(tmp_path.glob(".*.tmp")), "a temporary file was left behind"
