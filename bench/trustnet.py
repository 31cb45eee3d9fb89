"""The kiosk's bounds on calls to the central, measured against a hostile server in its own process.

Prints: how long a call to a server trickling one byte every 0.2 s lasts (headers, then body)
for two deadlines; the time and the kiosk's resident-memory growth when a 300 MB answer comes
(streamed without a length, and declared), with the default 16 MiB cap; optionally the same
answer read the old way (``requests`` ``.content``, ``--baseline``); and the cost of the
signed staff answer (sign on the central, check on the kiosk).

Run: ``.venv/bin/python bench/trustnet.py [--baseline]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat  # noqa: E402

from kiosk.central.client import CentralClient  # noqa: E402
from kiosk.central.errors import CentralDeadline, CentralTooLarge  # noqa: E402
from kiosk.staff.attestation import open_attestation, sign_outcome  # noqa: E402

# A hostile server written for this bench alone (not the tests' fake): raw sockets, own process.
SERVER = r"""
import socket, sys, threading, time
MODE = {}
def serve(conn):
    try:
        req = b""
        while b"\r\n\r\n" not in req:
            chunk = conn.recv(4096)
            if not chunk:
                return
            req += chunk
        path = req.split(b" ")[1].decode()
        if path.startswith("/trickle_headers"):
            for b in b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + b"X: " + b"a" * 10000:
                conn.sendall(bytes([b])); time.sleep(0.2)
        elif path.startswith("/trickle"):
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n")
            for _ in range(10000):
                conn.sendall(b" "); time.sleep(0.2)
        elif path.startswith("/big"):
            size = 300 * 1024 * 1024
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            if path.startswith("/big_declared"):
                head += b"Content-Length: %d\r\n" % size
            conn.sendall(head + b"Connection: close\r\n\r\n")
            chunk = b"0," * 32768
            sent = 0
            while sent < size:
                conn.sendall(chunk); sent += len(chunk)
    except OSError:
        pass
    finally:
        conn.close()
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(16)
print(s.getsockname()[1], flush=True)
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
"""


def rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


class Peak:
    def __enter__(self) -> Peak:
        self.base = self.peak = rss()
        self.stop = threading.Event()
        self.t = threading.Thread(target=self._run, daemon=True)
        self.t.start()
        return self

    def _run(self) -> None:
        while not self.stop.wait(0.002):
            self.peak = max(self.peak, rss())

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.t.join()
        self.peak = max(self.peak, rss())

    @property
    def growth_mib(self) -> float:
        return (self.peak - self.base) / 2**20


def timed(call) -> tuple[float, str]:  # type: ignore[no-untyped-def]
    t0 = time.monotonic()
    try:
        call()
        outcome = "answered (!)"
    except (CentralDeadline, CentralTooLarge) as e:
        outcome = e.code
    except Exception as e:  # noqa: BLE001 - a bench reports whatever happened
        outcome = type(e).__name__
    return time.monotonic() - t0, outcome


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--baseline", action="store_true", help="also read the 300 MB answer with requests .content"
    )
    args = ap.parse_args()
    proc = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        base = f"http://127.0.0.1:{proc.stdout.readline().strip()}"
        print("trickling server (1 byte / 0.2 s), call_deadline_s → time to give up:")
        for deadline in (2.0, 5.0):
            for path in ("trickle", "trickle_headers"):
                c = CentralClient(f"{base}/{path}/", call_deadline_s=deadline, read_timeout=15, retries=0)
                took, outcome = timed(c.services)
                c.close()
                print(f"  {path:16s} deadline {deadline:4.1f} s: {took:6.2f} s  {outcome}")
        print("300 MB answer, max_response_bytes = 16 MiB (default) → time, kiosk RSS growth:")
        for path in ("big", "big_declared"):
            c = CentralClient(f"{base}/{path}/", retries=0)
            with Peak() as p:
                took, outcome = timed(c.services)
            c.close()
            print(f"  {path:16s}: {took:6.2f} s  RSS +{p.growth_mib:6.1f} MiB  {outcome}")
        if args.baseline:
            with Peak() as p:
                t0 = time.monotonic()
                n = len(requests.get(f"{base}/big/services.json", timeout=(3, 15)).content)
                took = time.monotonic() - t0
            print(
                f"  baseline requests .content ({n >> 20} MiB read): {took:6.2f} s  RSS +{p.growth_mib:6.1f} MiB"
            )
    finally:
        proc.kill()
        proc.wait()
    key = Ed25519PrivateKey.generate()
    pub = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    sign_us, check_us = [], []
    for i in range(2000):
        t0 = time.perf_counter()
        tok = sign_outcome(key, nonce=f"n{i}", kiosk_id="K1", credential_id="c", staff_id="s", result="ok")
        t1 = time.perf_counter()
        open_attestation(tok, [pub], nonce=f"n{i}", kiosk_id="K1", now=datetime.now(UTC))
        t2 = time.perf_counter()
        sign_us.append((t1 - t0) * 1e6)
        check_us.append((t2 - t1) * 1e6)
    print(
        f"signed staff answer: sign p50 {statistics.median(sign_us):.0f} µs, "
        f"check p50 {statistics.median(check_us):.0f} µs (n=2000)"
    )


if __name__ == "__main__":
    main()
