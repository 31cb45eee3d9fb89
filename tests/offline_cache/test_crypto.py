"""First-start key creation: concurrent first starts agree on one key (unique temporary names)."""

from __future__ import annotations

import stat
import subprocess
import sys
import threading
from pathlib import Path

from offline_cache.crypto import KEY_BYTES, KEY_FILE, load_or_create_key

ROUNDS, THREADS, PROCESSES = 5, 32, 8


def _race_threads(data: Path) -> tuple[list[bytes], list[BaseException]]:
    barrier = threading.Barrier(THREADS)
    keys: list[bytes] = []
    errors: list[BaseException] = []

    def start() -> None:
        barrier.wait(timeout=10)
        try:
            keys.append(load_or_create_key(data))
        except BaseException as e:  # noqa: BLE001 - counted and reported by the test
            errors.append(e)

    threads = [threading.Thread(target=start) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return keys, errors


def test_concurrent_first_starts_in_threads_all_get_the_same_key(tmp_path: Path):
    for n in range(ROUNDS):
        data = tmp_path / f"kiosk-{n}"
        keys, errors = _race_threads(data)
        assert errors == [] and len(keys) == THREADS and len(set(keys)) == 1
        assert len(keys[0]) == KEY_BYTES
        files = sorted(p.name for p in (data / "keys").iterdir())
        assert files == [KEY_FILE]  # no temporary file left behind
        assert stat.S_IMODE((data / "keys" / KEY_FILE).stat().st_mode) == 0o600


def test_concurrent_first_starts_in_processes_all_get_the_same_key(tmp_path: Path):
    code = (
        "import sys; from pathlib import Path; from offline_cache.crypto import load_or_create_key as k; "
        "print(k(Path(sys.argv[1])).hex())"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
        for _ in range(PROCESSES)
    ]
    outs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert len(set(outs)) == 1 and len(bytes.fromhex(outs[0])) == KEY_BYTES
