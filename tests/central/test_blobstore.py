"""The file blob store: content-addressed, verified, private, safe under concurrent writers."""

from __future__ import annotations

import hashlib
import os
import stat
import threading
import time

import pytest

from central.blobstore import BlobError, FileBlobStore, load_or_create_blob_key

KEY = bytes(range(32))


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_put_get_has_round_trip(tmp_path):
    store = FileBlobStore(tmp_path / "blobs", KEY)
    data = b"\xff\xd8\xff\xe0 scan"
    assert not store.has(sha(data)) and store.get(sha(data)) is None
    store.put(sha(data), data)
    assert store.has(sha(data)) and store.get(sha(data)) == data
    store.put(sha(data), data)  # twice: still one file, same bytes
    assert [p.name for p in (tmp_path / "blobs").rglob("*") if p.is_file()] == [sha(data)]


def test_bytes_that_do_not_match_their_name_are_refused(tmp_path):
    store = FileBlobStore(tmp_path / "blobs", KEY)
    with pytest.raises(BlobError, match="do not match"):
        store.put(sha(b"a"), b"b")
    assert not store.has(sha(b"a"))


@pytest.mark.parametrize("name", ["../../etc/passwd", "ABC", "a" * 63, "A" * 64, ""])
def test_names_other_than_a_sha256_are_refused(tmp_path, name):
    store = FileBlobStore(tmp_path / "blobs", KEY)
    with pytest.raises(BlobError):
        store.get(name)
    with pytest.raises(BlobError):
        store.put(name, b"x")


def test_files_0600_in_directories_0700(tmp_path):
    store = FileBlobStore(tmp_path / "blobs", KEY)
    store.put(sha(b"x"), b"x")
    for p in [tmp_path / "blobs", *(tmp_path / "blobs").rglob("*")]:
        assert stat.S_IMODE(p.stat().st_mode) == (0o700 if p.is_dir() else 0o600), p


def test_concurrent_writers_of_one_blob_all_succeed_and_leave_no_temporary(tmp_path):
    data = bytes(range(256)) * 4000  # 1 MB: writes take long enough to overlap
    errors: list[BaseException] = []

    def put() -> None:
        try:
            FileBlobStore(tmp_path / "blobs", KEY).put(sha(data), data)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=put) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    files = [p for p in (tmp_path / "blobs").rglob("*") if p.is_file()]
    assert [p.name for p in files] == [sha(data)]
    assert FileBlobStore(tmp_path / "blobs", KEY).get(sha(data)) == data


def test_files_hold_no_plaintext_and_tampering_is_refused(tmp_path):
    store = FileBlobStore(tmp_path / "blobs", KEY)
    scan, other = b"\xff\xd8 CCCD 001203004567 Nguyen Van A", b"\xff\xd8 another page"
    store.put(sha(scan), scan)
    store.put(sha(other), other)
    path = next(p for p in (tmp_path / "blobs").rglob(sha(scan)))
    assert b"001203004567" not in path.read_bytes()
    # Read with another key: refused, not garbage.
    with pytest.raises(BlobError, match="integrity"):
        FileBlobStore(tmp_path / "blobs", bytes(32)).get(sha(scan))
    # One file swapped for another (both valid ciphertexts): the name is bound in, refused.
    other_path = next(p for p in (tmp_path / "blobs").rglob(sha(other)))
    path.write_bytes(other_path.read_bytes())
    with pytest.raises(BlobError, match="integrity"):
        store.get(sha(scan))


def test_the_key_is_made_once_0600_and_the_same_for_every_starter(tmp_path):
    keys: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: keys.append(load_or_create_blob_key(tmp_path))) for _ in range(6)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(keys) == 6 and len(set(keys)) == 1 and len(keys[0]) == 32
    key_file = tmp_path / "central" / "blob_aes256.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [p.name for p in (tmp_path / "central").iterdir()] == ["blob_aes256.key"]  # no temporary left


def test_sweep_removes_only_old_uncited_blobs(tmp_path, capsys):
    from central.app import create_app
    from central.cli import main

    data = tmp_path / "c"
    app = create_app(data)
    store = app.state.sandbox.blobs
    app.state.sandbox.db.kw["bind"].dispose()
    old_uncited, fresh_uncited = b"\xff\xd8 failed submission", b"\xff\xd8 in flight"
    store.put(sha(old_uncited), old_uncited)
    store.put(sha(fresh_uncited), fresh_uncited)
    path = next((data / "blobs").rglob(sha(old_uncited)))
    two_hours_ago = time.time() - 7200
    os.utime(path, (two_hours_ago, two_hours_ago))
    assert main(["blobs-sweep", "--data", str(data), "--json"]) == 0
    assert '"removed": 1' in capsys.readouterr().out
    assert not store.has(sha(old_uncited)) and store.has(sha(fresh_uncited))


def test_sweep_keeps_cited_blobs_and_renewed_ones(tmp_path):
    from central.blobstore import sweep

    store = FileBlobStore(tmp_path / "blobs", KEY)
    cited, renewed = b"cited scan", b"re-sent scan"
    for b in (cited, renewed):
        store.put(sha(b), b)
    for b in (cited, renewed):
        p = next((tmp_path / "blobs").rglob(sha(b)))
        os.utime(p, (time.time() - 7200, time.time() - 7200))

    def rows() -> set[str]:
        store.put(sha(renewed), renewed)  # a submission citing it arrives while the sweep runs
        return {sha(cited)}

    assert sweep(store, rows, 3600) == []
    assert store.has(sha(cited)) and store.has(sha(renewed))
