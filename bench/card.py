"""Benchmark: a full chip read (access, EF.COM, DG1, 20 KB DG2, DG13, EF.SOD, passive
authentication) through pcscd + vpcd on the virtual card, extended vs chunked reads.

    .venv/bin/python bench/card.py [--runs N]

Prints time (median and worst of N) and APDU count per mode; the target is <= 0.5 s.
Needs pcscd with the vpcd driver (started here if not running; root).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from devices.card.pcsc import PcscCardReader  # noqa: E402
from devices.card.simulated import (  # noqa: E402
    SAMPLE_PEOPLE,
    mrz_key,
    read_sample,  # noqa: E402
)
from tests.peers.pcscd import ensure_pcscd  # noqa: E402
from tests.peers.vcard import READER, VirtualCard, personalise  # noqa: E402

TARGET_S = 0.5


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    card = personalise()
    sizes = {k: len(v) for k, v in card.files.items()}
    print(f"card files (bytes): {sizes}")
    handle = ensure_pcscd()
    ok = True
    try:
        full = personalise(aa="ec", ca="aes")
        rows = (
            ("BAC extended", "on", None, card),
            ("BAC chunked", "off", None, card),
            ("PACE extended", "on", 13, card),
            ("PACE+CA+AA ext", "on", 13, full),
        )
        for label, mode, pace, c in rows:
            times, apdus = [], set()
            options = c.options()
            with VirtualCard(c.files, c.key, extended=True, pace_parameter_id=pace, **options) as vc:  # type: ignore[arg-type]
                reader = PcscCardReader(READER, [c.pki.csca_cert], extended=mode)
                for _ in range(args.runs):
                    t = time.perf_counter()
                    r = reader.read([c.key])
                    times.append(time.perf_counter() - t)
                    apdus.add(r.figures["apdus"])
                    assert r.verification.level == "verified"
                served = vc.apdus
            med, worst = statistics.median(times), max(times)
            ok &= worst <= TARGET_S
            print(
                f"pcsc/vpcd {label:15} median {med * 1000:6.1f} ms  worst {worst * 1000:6.1f} ms  "
                f"APDUs/read {sorted(apdus)}  (card served {served} in {args.runs} reads)"
            )
        t = time.perf_counter()
        for _ in range(args.runs):
            read_sample(0, [mrz_key(SAMPLE_PEOPLE[0])])
        print(
            f"in-memory simulated read          mean       {(time.perf_counter() - t) / args.runs * 1000:6.1f} ms"
        )
    finally:
        handle.release()
    print(f"target <= {TARGET_S * 1000:.0f} ms: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
