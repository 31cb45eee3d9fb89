"""Benchmark: what the central's access checks and hardening cost, and what they save.

    .venv/bin/python bench/central_access.py [--requests N]

Against the real central (uvicorn on loopback, demo profile, SQLite) it prints:

* sign-in: one argon2id password check (median of 15) and a whole ``POST /signin`` (of 5);
* per-request latency (median and p95 of N, keep-alive) of a public route, a kiosk route with
  an API key (checked before the body, off the event loop) and a signed-in person's route
  (session looked up in the database);
* memory: the server process's resident size before and after a 400 MB chunked POST to
  ``/kiosk/enroll`` (cut at its 4 KB limit) and a 400 MB declared ``Content-Length``.
"""

from __future__ import annotations

import argparse
import select
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402

from central.people.accounts import add_person, check_sign_in  # noqa: E402
from central.runner import start_local_sandbox  # noqa: E402
from tests.peers.people import PASSWORD, sign_in  # noqa: E402

MIB = 1024 * 1024


def rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def timed(fn, n: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return statistics.median(times) * 1000, times[int(0.95 * (len(times) - 1))] * 1000


def chunked_400mb(port: int) -> tuple[int, int]:
    head = (
        f"POST /kiosk/enroll HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\n"
        "Content-Type: application/json\r\n\r\n"
    )
    frame = f"{MIB:x}\r\n".encode() + b"x" * MIB + b"\r\n"
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(head.encode())
        while sent < 400 * MIB and not select.select([s], [], [], 0)[0]:
            try:
                s.sendall(frame)
            except OSError:
                break
            sent += MIB
        try:
            status = int(s.recv(4096).split()[1])
        except (OSError, IndexError, ValueError):
            status = 0
    return status, sent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=300)
    n = ap.parse_args().requests
    with tempfile.TemporaryDirectory() as tmp:
        from kiosk.logs import configure_logging

        configure_logging("warning", Path(tmp) / "logs")  # the figures, not the central's log lines
        central = start_local_sandbox(Path(tmp) / "central")
        try:
            db = central.state.db
            add_person(db, "bench", name="Bench", role="admin", agencies=["*"], password=PASSWORD)
            check, _ = timed(lambda: check_sign_in(db, "bench", PASSWORD), 15)
            sessions: list[requests.Session] = []  # sign-in is rate limited (10 a minute per client)
            signin, _ = timed(lambda: sessions.append(sign_in(central, "bench")), 5)
            print(
                f"sign-in: argon2id check {check:.1f} ms (median), whole POST /signin + /people/me.json {signin:.1f} ms"
            )

            person = sessions[-1]
            public = requests.Session()
            kiosk = requests.Session()
            kiosk.headers["X-Api-Key"] = central.api_key
            base = central.url
            rows = [
                ("public   GET /discovery.json", lambda: public.get(base + "discovery.json", timeout=10)),
                (
                    "kiosk    GET /requests/1.json (API key)",
                    lambda: kiosk.get(base + "requests/1.json", timeout=10),
                ),
                (
                    "person   GET /people/me.json (session)",
                    lambda: person.get(base + "people/me.json", timeout=10),
                ),
            ]
            for label, call in rows:
                call()  # warm
                med, p95 = timed(call, n)
                print(f"{label:42} median {med:6.2f} ms   p95 {p95:6.2f} ms   (n={n})")

            before = rss()
            status, sent = chunked_400mb(central.port)
            after = rss()
            print(
                f"400 MB chunked POST /kiosk/enroll: answered {status} after {sent // MIB} MiB sent; "
                f"server RSS {before / MIB:.0f} -> {after / MIB:.0f} MiB"
            )
            with socket.create_connection(("127.0.0.1", central.port), timeout=10) as s:
                s.sendall(
                    f"POST /kiosk/enroll HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {400 * MIB}\r\n\r\n".encode()
                )
                t = time.perf_counter()
                status_line = s.recv(4096).split(b"\r\n", 1)[0].decode()
                print(
                    f"400 MB declared Content-Length: '{status_line}' in {(time.perf_counter() - t) * 1000:.1f} ms"
                )
        finally:
            central.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
