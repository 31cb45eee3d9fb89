"""Submissions per second and p95 latency of submit and track, kiosk client → sandbox, loopback.

The sandbox runs in its own process (as a central would), with a fresh data dir; the kiosk
side is the real CentralClient. Each submission carries one 50 KB JPEG-typed attachment.
Run: ``.venv/bin/python bench/central.py [--n 200] [--threads 1,4]``.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.central.client import ApiKeyAuth, CentralClient  # noqa: E402
from kiosk.submission import Applicant, Attachment, Submission  # noqa: E402
from kiosk.tracking import new_tracking_code  # noqa: E402

SERVER = """
import logging, sys
from pathlib import Path
import structlog
# Quiet: nobody reads this process's stdout after the first line, and a full pipe would stall it.
structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
from central.runner import start_local_sandbox
h = start_local_sandbox(Path(sys.argv[1]))
print(h.url, h.api_key, flush=True)
sys.stdin.read()
h.stop()
"""

BLOB = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 200  # ~50 KB
SHA = hashlib.sha256(BLOB).hexdigest()


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[18] if len(xs) >= 20 else max(xs)


def one_kiosk(url: str, key: str, n: int, kiosk: str) -> tuple[list[float], list[float]]:
    submit_ms: list[float] = []
    track_ms: list[float] = []
    with CentralClient(url, auth=ApiKeyAuth(key, kiosk)) as c:
        c.discovery()
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
    return submit_ms, track_ms


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200, help="submissions per run (split across threads)")
    ap.add_argument("--threads", default="1,4", help="comma-separated kiosk counts")
    args = ap.parse_args()
    import logging

    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    with tempfile.TemporaryDirectory() as d:
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVER, d],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        try:
            assert proc.stdout is not None
            url, key = proc.stdout.readline().split()
            one_kiosk(url, key, 10, "warm-up")
            for threads in (int(x) for x in args.threads.split(",")):
                per = max(1, args.n // threads)
                t = time.perf_counter()
                with ThreadPoolExecutor(threads) as ex:
                    names = [f"bench-{threads}-{i}" for i in range(threads)]
                    results = list(ex.map(lambda name, n=per: one_kiosk(url, key, n, name), names))
                wall = time.perf_counter() - t
                submit = [x for r in results for x in r[0]]
                track = [x for r in results for x in r[1]]
                print(
                    f"kiosks={threads} submissions={len(submit)} "
                    f"throughput={len(submit) / wall:.1f} submit+track/s | "
                    f"submit p50={statistics.median(submit):.1f} ms p95={p95(submit):.1f} ms | "
                    f"track p50={statistics.median(track):.1f} ms p95={p95(track):.1f} ms"
                )
        finally:
            if proc.stdin:
                proc.stdin.close()
            proc.wait(15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
