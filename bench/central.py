"""The central under load: SQLite (1 worker) side by side with PostgreSQL (1 and 4 workers),
1, 4 and 16 simulated kiosks, each kiosk its own process running the real CentralClient.

For each (database, workers) the real ``central serve`` is started as its own process tree
(PostgreSQL: a real server from Debian's binaries with its default durability, fsync on, the
same helper the tests use); for each kiosk count the kiosk processes start, wait on one
barrier, then each submits its share (one 50 KB JPEG-typed attachment per dossier, an
Idempotency-Key each) and tracks it. Printed: submissions/s over the wall time, p50/p95 of
submit and of track, and the central's peak memory (RSS of the server process and its
workers, sampled every 100 ms; the PostgreSQL server's own memory is not counted).

Run: ``.venv/bin/python bench/central.py [--n 160] [--kiosks 1,4,16] [--configs sqlite:1,postgresql:1,postgresql:4]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BLOB = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 200  # ~50 KB
SHA = hashlib.sha256(BLOB).hexdigest()
READY = "central ready: "


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[18] if len(xs) >= 20 else max(xs)


def kiosk_process(url: str, key: str, n: int, kiosk: str, barrier, out) -> None:  # type: ignore[no-untyped-def]
    import logging

    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    from kiosk.central.client import ApiKeyAuth, CentralClient
    from kiosk.submission import Applicant, Attachment, Submission
    from kiosk.tracking import new_tracking_code

    submit_ms: list[float] = []
    track_ms: list[float] = []
    with CentralClient(url, auth=ApiKeyAuth(key, kiosk), read_timeout=60) as c:
        c.discovery()
        barrier.wait()
        for _ in range(n):
            sub = Submission(
                procedure_code="certified_copy",
                tracking_code=new_tracking_code(),
                kiosk_id=kiosk,
                applicant=Applicant("001203004567", "Nguyễn Văn Bench"),
                attributes={"document_title": "Bằng", "pages": "2", "copies": "1"},
                attachments=(Attachment(SHA, "scan.jpg", "image/jpeg", len(BLOB)),),
            )
            t = time.perf_counter()
            c.submit(sub, lambda _h: BLOB)
            submit_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            c.track(sub.tracking_code)
            track_ms.append((time.perf_counter() - t) * 1000)
    out.put((submit_ms, track_ms, time.perf_counter()))


class Central:
    """``central serve`` as its own process tree; the peak RSS of that tree is sampled."""

    def __init__(self, data: Path, db_url: str, workers: int) -> None:
        import psutil

        argv = [sys.executable, "-m", "central", "serve", "--port", "0", "--data", str(data)]
        argv += ["--workers", str(workers)] + (["--db", db_url] if db_url else [])
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            argv, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env
        )
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            if line.startswith(READY):
                info = json.loads(line[len(READY) :])
                break
        else:
            raise RuntimeError("central serve ended before it was ready")
        self.url, self.key = info["url"], info["api_key"]
        # Keep draining stderr so a full pipe never stalls the server.
        self._drain = threading.Thread(target=lambda: [None for _ in self.proc.stderr or ()], daemon=True)
        self._drain.start()
        self._ps = psutil.Process(self.proc.pid)
        self.peak = 0
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def rss(self) -> int:
        total = 0
        for p in [self._ps, *self._ps.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except Exception:  # noqa: BLE001 - a worker may exit between listing and reading
                pass
        return total

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, self.rss())

    def measure(self) -> None:
        self.peak = self.rss()
        self._stop.clear()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def measured(self) -> int:
        self._stop.set()
        self._sampler.join()
        return self.peak

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def run(central: Central, kiosks: int, n: int, tag: str) -> dict[str, float]:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(kiosks + 1)
    out = ctx.Queue()
    per = max(1, n // kiosks)
    procs = [
        ctx.Process(target=kiosk_process, args=(central.url, central.key, per, f"{tag}-k{i}", barrier, out))
        for i in range(kiosks)
    ]
    for p in procs:
        p.start()
    barrier.wait(timeout=120)  # every kiosk process started and discovered the central
    central.measure()
    t0 = time.perf_counter()
    results = []
    for _ in procs:
        try:
            results.append(out.get(timeout=600))
        except queue.Empty:
            raise RuntimeError("a kiosk process did not finish") from None
    wall = max(r[2] for r in results) - t0
    peak = central.measured()
    for p in procs:
        p.join(30)
    submit = [x for r in results for x in r[0]]
    track = [x for r in results for x in r[1]]
    return {
        "submissions": len(submit),
        "per_s": len(submit) / wall,
        "submit_p50": statistics.median(submit),
        "submit_p95": p95(submit),
        "track_p50": statistics.median(track),
        "track_p95": p95(track),
        "rss_mb": peak / 2**20,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=160, help="submissions per run (split across kiosks)")
    ap.add_argument("--kiosks", default="1,4,16", help="comma-separated kiosk (process) counts")
    ap.add_argument(
        "--configs", default="sqlite:1,postgresql:1,postgresql:4", help="database:workers, comma-separated"
    )
    args = ap.parse_args()
    kiosk_counts = [int(x) for x in args.kiosks.split(",")]
    configs = [(c.split(":")[0], int(c.split(":")[1])) for c in args.configs.split(",")]
    cpus = os.cpu_count()
    print(f"central bench: {args.n} submissions per run (50 KB attachment each), {cpus} CPUs, loopback")
    header = (
        f"{'database':10} {'workers':>7} {'kiosks':>6} {'subm/s':>7} {'submit p50':>10} {'p95':>7} "
        f"{'track p50':>9} {'p95':>7} {'server RSS':>10}"
    )
    print(header)
    pg = None
    try:
        for database, workers in configs:
            with tempfile.TemporaryDirectory() as d:
                db_url = ""
                if database == "postgresql":
                    if pg is None:
                        from tests.peers.postgres import PostgresServer

                        pg = PostgresServer(durable=True).start()
                    db_url = pg.url(pg.create_database())
                central = Central(Path(d) / "central", db_url, workers)
                try:
                    run(central, 2, 10, "warm")  # first requests import and connect
                    for k in kiosk_counts:
                        r = run(central, k, args.n, f"{database}{workers}-{k}")
                        print(
                            f"{database:10} {workers:>7} {k:>6} {r['per_s']:>7.1f} "
                            f"{r['submit_p50']:>8.1f}ms {r['submit_p95']:>5.1f}ms "
                            f"{r['track_p50']:>7.1f}ms {r['track_p95']:>5.1f}ms {r['rss_mb']:>8.0f}MB",
                            flush=True,
                        )
                finally:
                    central.stop()
    finally:
        if pg is not None:
            pg.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
