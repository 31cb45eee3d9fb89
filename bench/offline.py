"""Offline cache benchmarks: durable wizard-step saves, and draining a big outbox to the sandbox.

    .venv/bin/python bench/offline.py                      # 500 saves; 1,000 dossiers × 2 × 200 KB
    .venv/bin/python bench/offline.py --dossiers 100 --steps 200 --attachment-kb 50

1. Saving one wizard step durably (encrypted draft, SQLite WAL, synchronous=FULL): p50/p95/max
   latency. Target p95 ≤ 20 ms.
2. Syncing N queued dossiers, each with two attachments, to the sandbox central running in
   *another* process on loopback (so the memory figures are the kiosk's alone): total time
   (target ≤ 60 s for 1,000 × 2 × 200 KB) and the kiosk process's RSS sampled every 50 ms
   (peak, and at each quarter of the queue: it must stay flat, not grow with the queue).

Everything lives in a temporary folder removed at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.central.client import ApiKeyAuth, CentralClient  # noqa: E402
from kiosk.logs import configure_logging  # noqa: E402
from kiosk.outbox_sender import OutboxSender, enqueue_submission  # noqa: E402
from offline_cache import Store, SyncEngine  # noqa: E402
from tests.offline_cache.helpers import KIOSK_ID, make_submission  # noqa: E402

_SANDBOX = r"""
import sys
from pathlib import Path
from kiosk.logs import configure_logging
from central.runner import start_local_sandbox
configure_logging("warning", Path(sys.argv[1]) / "logs")
h = start_local_sandbox(Path(sys.argv[1]))
print(h.url, h.api_key, flush=True)
sys.stdin.read()  # until the benchmark closes our stdin
h.stop()
"""


def bench_steps(data_dir: Path, steps: int) -> dict[str, float]:
    store = Store.open(data_dir)
    data = {
        "applicant": {
            "full_name": "Nguyễn Thị Minh Khai",
            "id_number": "001203004567",
            "address": "Số 1 phố Tràng Tiền, phường Hoàn Kiếm, Hà Nội",
        },
        "attributes": {f"field_{i}": "giá trị " * 5 for i in range(30)},
    }
    lat = []
    try:
        for i in range(steps):
            data["step"] = i  # type: ignore[assignment]
            t = time.perf_counter()
            store.drafts.save_step(f"session-{i % 10}", f"step-{i % 8}", data, step_index=i % 8)
            lat.append((time.perf_counter() - t) * 1000)
    finally:
        store.close()
    lat.sort()
    return {
        "p50_ms": statistics.median(lat),
        "p95_ms": lat[int(0.95 * (len(lat) - 1))],
        "max_ms": lat[-1],
    }


class RssSampler:
    def __init__(self, period_s: float = 0.05):
        self.proc = psutil.Process()
        self.period_s = period_s
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler")

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.proc.memory_info().rss)
            self._stop.wait(self.period_s)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


def bench_sync(work: Path, dossiers: int, attachment_kb: int, concurrency: int) -> dict[str, object]:
    kiosk_dir = work / "kiosk"
    store = Store.open(kiosk_dir)
    t = time.perf_counter()
    for i in range(dossiers):
        sub, blobs = make_submission(7, i, attachment_size=attachment_kb * 1024)
        enqueue_submission(store, sub, blobs)
    enqueue_s = time.perf_counter() - t

    sandbox = subprocess.Popen(
        [sys.executable, "-c", _SANDBOX, str(work / "central")],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert sandbox.stdout is not None and sandbox.stdin is not None
    url, api_key = sandbox.stdout.readline().split()
    sender = OutboxSender(
        lambda: CentralClient(url, auth=ApiKeyAuth(api_key, KIOSK_ID), retries=0, read_timeout=30)
    )
    engine = SyncEngine(store, sender, base_delay_s=0.05, max_delay_s=1.0, concurrency=concurrency)
    proc = psutil.Process()
    rss_before = proc.memory_info().rss
    quarters: list[int] = []
    try:
        with RssSampler() as sampler:
            t = time.perf_counter()
            sent = 0
            while store.outbox.status().pending:
                sent += engine.run_once(max_entries=max(1, dossiers // 4))
                quarters.append(proc.memory_info().rss)
            sync_s = time.perf_counter() - t
        status = store.outbox.status()
    finally:
        sender.close()
        store.close()
        sandbox.stdin.close()
        sandbox.wait(30)
    mb = 1024 * 1024
    return {
        "dossiers": dossiers,
        "payload_mb": dossiers * 2 * attachment_kb / 1024,
        "enqueue_s": enqueue_s,
        "sync_s": sync_s,
        "per_dossier_ms": sync_s * 1000 / max(1, dossiers),
        "accepted": status.counts["accepted"],
        "rss_before_mb": rss_before / mb,
        "rss_peak_mb": sampler.peak / mb,
        "rss_quarters_mb": [round(q / mb, 1) for q in quarters],
        "load_avg": os.getloadavg()[0],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--steps", type=int, default=500, help="wizard-step saves to time")
    ap.add_argument("--dossiers", type=int, default=1000, help="dossiers to queue and sync")
    ap.add_argument("--attachment-kb", type=int, default=200, help="size of each of the two attachments")
    ap.add_argument("--concurrency", type=int, default=3, help="sends in flight ([offline] sync_concurrency)")
    ap.add_argument("--skip-sync", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-offline-"))
    os.environ["KIOSK_DATA_DIR"] = str(work / "kiosk")
    configure_logging("warning", work / "logs")  # figures on stdout, not one log line per dossier
    try:
        steps = bench_steps(work / "steps", args.steps)
        print(
            f"durable step save ({args.steps} saves): p50 {steps['p50_ms']:.2f} ms, "
            f"p95 {steps['p95_ms']:.2f} ms, max {steps['max_ms']:.2f} ms (target p95 ≤ 20 ms)"
        )
        if not args.skip_sync:
            r = bench_sync(work, args.dossiers, args.attachment_kb, args.concurrency)
            print(
                f"queue {r['dossiers']} dossiers × 2 × {args.attachment_kb} KB ({r['payload_mb']:.0f} MB): "
                f"enqueue {r['enqueue_s']:.1f} s"
            )
            print(
                f"sync to sandbox on loopback, {args.concurrency} in flight: {r['sync_s']:.1f} s "
                f"({r['per_dossier_ms']:.1f} ms/dossier), "
                f"{r['accepted']} accepted (target ≤ 60 s for 1,000)"
            )
            print(
                f"kiosk process RSS: {r['rss_before_mb']:.0f} MB before sync, peak {r['rss_peak_mb']:.0f} MB; "
                f"after each quarter {r['rss_quarters_mb']} MB"
            )
            print(f"(machine load average at the end: {r['load_avg']:.1f} on {os.cpu_count()} CPUs)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
