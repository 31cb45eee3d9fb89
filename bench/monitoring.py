"""Monitoring: ingesting 100,000 events, and serving an agency's page over a year of data.

1. Ingest: the sandbox central in its own process (as a central would run); kiosks post
   one batch per session (~10 events, as kiosk/monitoring batches them) through the real
   CentralClient, 4 kiosks in parallel, each batch with its Idempotency-Key. Prints events/s
   and batch latency (median, p95).
2. A year: the same central's database is filled directly with a year of one busy agency
   (3 kiosks, ~40 sessions a day each, their help events, ~20,000 dossiers with status
   history), then its public page is fetched over HTTP: first (figures and charts computed),
   then again (served from the page cache until new data arrives), plus the JSON export
   by kiosk for the whole year.
Run: ``.venv/bin/python bench/monitoring.py [--events 100000] [--threads 4]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402

from kiosk.central.client import ApiKeyAuth, CentralClient  # noqa: E402

SERVER = """
import logging, sys
from pathlib import Path
import structlog
structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
from central.runner import start_local_sandbox
h = start_local_sandbox(Path(sys.argv[1]))
print(h.url, h.api_key, flush=True)
sys.stdin.read()
h.stop()
"""
STEPS = ("submit", "submit_where", "submit_identify", "submit_form", "submit_documents", "submit_review")
PROCS = ("certified_copy", "birth_registration", "temporary_residence_registration", "marriage_registration")


def session_batch(rng: random.Random, day: date) -> dict:
    sid = f"{rng.getrandbits(128):032x}"
    d = day.isoformat()
    evs: list[dict] = [{"kind": "screen", "screen": "home", "duration_s": 5 * rng.randint(1, 6)}]
    n = rng.randint(3, len(STEPS))
    for st in STEPS[:n]:
        evs.append({"kind": "screen", "screen": st, "duration_s": 5 * rng.randint(1, 24)})
    proc = rng.choice(PROCS)
    done = n == len(STEPS)
    if done:
        evs.append({"kind": "submitted", "procedure": proc, "duration_s": 5 * rng.randint(20, 120)})
        evs.append({"kind": "rating", "face": rng.randint(1, 5), "reasons": ["fast"], "procedure": proc})
    evs.append({"kind": "session", "outcome": "submitted" if done else "abandoned",
                "screen": None if done else STEPS[n - 1], "duration_s": 600, "procedure": proc,
                "language": "vi", "text_size": 100, "speech": "off", "assisted": rng.random() < 0.1})  # fmt: skip
    out = []
    for i, e in enumerate(evs):
        out.append({k: v for k, v in {"session": sid, "seq": i, "day": d, **e}.items() if v is not None})
    return {"schema": 1, "events": out}


def ingest(url: str, key: str, total: int, threads: int) -> None:
    rng = random.Random(7)  # noqa: S311
    batches = []
    n = 0
    while n < total:
        b = session_batch(rng, date(2026, 11, 1) + timedelta(days=rng.randint(0, 29)))
        batches.append(b)
        n += len(b["events"])
    share = [batches[i::threads] for i in range(threads)]
    lat: list[float] = []

    def kiosk(i: int) -> list[float]:
        ms = []
        with CentralClient(url, auth=ApiKeyAuth(key, f"bench-kiosk-{i}"), retries=0) as c:
            for j, b in enumerate(share[i]):
                t = time.perf_counter()
                c.post_monitoring_events(b, f"bench-{i}-{j}")
                ms.append((time.perf_counter() - t) * 1000)
        return ms

    t0 = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        for ms in pool.map(kiosk, range(threads)):
            lat += ms
    dt = time.perf_counter() - t0
    print(f"ingest: {n} events in {len(batches)} session batches, {threads} kiosks in parallel")
    print(f"  {dt:.1f} s  →  {n / dt:,.0f} events/s, {len(batches) / dt:,.0f} batches/s")
    print(
        f"  batch latency median {statistics.median(lat):.1f} ms, p95 {statistics.quantiles(lat, n=20)[18]:.1f} ms"
    )


def fill_year(data_dir: Path, agency: str) -> tuple[int, int, int]:
    """A year of one agency, written straight into the tables (the page reads only these)."""
    from sqlalchemy import create_engine, insert

    from central.models import DossierRow, StatusEventRow
    from central.monitoring.models import MonEvent, MonSession

    rng = random.Random(11)  # noqa: S311
    engine = create_engine(f"sqlite:///{data_dir / 'central.sqlite3'}")
    sessions, helps, dossiers, events = [], [], [], []
    start = date(2025, 12, 1)
    for d in range(365):
        day = start + timedelta(days=d)
        for k in range(3):
            for _ in range(rng.randint(30, 50)):
                sid = f"{rng.getrandbits(128):032x}"
                outcome = rng.choices(("submitted", "abandoned", "timeout", "finished"), (60, 15, 5, 20))[0]
                face = rng.choice((None, 1, 2, 3, 4, 5, 5, 4))
                asked = rng.random() < 0.15
                sessions.append({
                    "session": sid, "kiosk_id": f"{agency}-K{k}", "agency": agency, "day": day,
                    "procedure": rng.choice(PROCS), "outcome": outcome,
                    "last_step": rng.choice(STEPS) if outcome in ("abandoned", "timeout") else None,
                    "duration_s": 600, "submit_s": 5 * rng.randint(30, 150) if outcome == "submitted" else None,
                    "assisted": asked, "language": "vi", "text_size": 100, "speech": "off", "back_steps": 0,
                    "help_requests": int(asked), "errors": 0, "faults": 0, "face": face,
                    "reasons": "fast" if face else None,
                })  # fmt: skip
                if asked:
                    helps.append({"kiosk_id": f"{agency}-K{k}", "agency": agency, "session": sid, "seq": 3,
                                  "kind": "help", "day": day, "wait_s": 5 * rng.randint(3, 60)})  # fmt: skip
        for _ in range(rng.randint(40, 70)):
            at = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=2)
            appt = day + timedelta(days=rng.randint(3, 15))
            dossiers.append({"tracking_code": f"Y{len(dossiers):09d}", "service_code": rng.choice(PROCS),
                             "agency_code": agency, "kiosk_id": f"{agency}-K{rng.randint(0, 2)}",
                             "state": "ready_for_pickup", "requested_at": at, "updated_at": at,
                             "appointment_date": appt})  # fmt: skip
    with engine.begin() as c:
        c.execute(insert(MonSession), sessions)
        c.execute(insert(MonEvent), helps)
        c.execute(insert(DossierRow), dossiers)
        ids = [
            r[0]
            for r in c.exec_driver_sql(
                "SELECT id, appointment_date FROM o311_dossiers WHERE agency_code = ?", (agency,)
            )
        ]
        for i in ids:
            t0 = datetime(2025, 12, 1, 2, tzinfo=UTC) + timedelta(days=rng.randint(0, 364))
            events.append(
                {
                    "dossier_id": i,
                    "state": "received",
                    "at": t0,
                    "note": "",
                    "officer": "",
                    "agency_code": agency,
                }
            )
            if rng.random() < 0.2:
                events.append({"dossier_id": i, "state": "more_documents_needed", "at": t0 + timedelta(days=1),
                               "note": "", "officer": "", "agency_code": agency})  # fmt: skip
            events.append({"dossier_id": i, "state": "ready_for_pickup", "at": t0 + timedelta(days=rng.randint(2, 18)),
                           "note": "", "officer": "", "agency_code": agency})  # fmt: skip
        c.execute(insert(StatusEventRow), events)
    engine.dispose()
    return len(sessions), len(helps), len(dossiers)


def timed_get(url: str, n: int = 1) -> tuple[float, int]:
    ms = []
    size = 0
    for _ in range(n):
        t = time.perf_counter()
        r = requests.get(url, timeout=120)
        ms.append((time.perf_counter() - t) * 1000)
        r.raise_for_status()
        size = len(r.content)
    return statistics.median(ms), size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--threads", type=int, default=4)
    args = ap.parse_args()
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "central"
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(data)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, cwd=root,
        )  # fmt: skip
        try:
            assert proc.stdout is not None
            url, key = proc.stdout.readline().split()
            ingest(url, key, args.events, args.threads)
            agency = "UB07210"
            t = time.perf_counter()
            s, h, d = fill_year(data, agency)
            print(
                f"a year of {agency}: {s:,} sessions, {h:,} help events, {d:,} dossiers (filled in {time.perf_counter() - t:.1f} s)"
            )
            page = f"{url}monitoring/{agency}?from=2025-12-01&to=2026-11-30"
            first, size = timed_get(page)
            print(
                f"  public page, 12 months, first request (figures + 4 charts): {first:.0f} ms, {size / 1024:.0f} KiB"
            )
            cached, _ = timed_get(page, 20)
            print(f"  public page again (page cache), median of 20: {cached:.1f} ms")
            week, _ = timed_get(f"{url}monitoring/{agency}?period=week&from=2026-09-07&to=2026-11-29")
            print(f"  public page, 12 weeks, first request: {week:.0f} ms")
            js, size = timed_get(
                f"{url}monitoring/{agency}/figures.json?by=kiosk&from=2025-12-01&to=2026-11-30"
            )
            print(f"  figures.json by kiosk for the year: {js:.0f} ms, {size / 1024:.0f} KiB")
        finally:
            if proc.stdin:
                proc.stdin.close()
            proc.wait(30)


if __name__ == "__main__":
    main()
