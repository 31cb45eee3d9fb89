"""The TPM key store's cost and what its PIN lockout buys, against Debian's swtpm.

Run: ``.venv/bin/python bench/tpm.py [--runs N] [--max-tries N] [--recovery-s S]``.

Prints: first start with sealed keys; each later key load (TPM connect + SRK + unseal); the
same with file keys; saving an offline verifier (seal under a PIN-derived authValue); one
offline PIN check (argon2id at the production cost + TPM unseal), right and wrong; how many
wrong PINs the TPM took before it locked (measured), and the worst case to try every 4- and
6-digit PIN at the TPM's recovery rate (arithmetic from the measured limits).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from kiosk.staff.errors import StaffAuthError  # noqa: E402
from kiosk.staff.pins import hash_pin, pin_matches  # noqa: E402
from kiosk.staff.store import CachedVerifier, StaffStore  # noqa: E402
from kiosk.staff.verifier import OfflineVerifier, decode_verifier, encode_verifier  # noqa: E402
from offline_cache.crypto import load_or_create_key  # noqa: E402
from provisioning.keys import load_or_create_kiosk_key  # noqa: E402
from provisioning.secrets import SecuritySettings, ensure_backend  # noqa: E402
from provisioning.tpm import Tpm  # noqa: E402
from tests.peers.swtpm import start_swtpm  # noqa: E402


def ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:.1f} ms, max {max(samples) * 1000:.1f} ms (n={len(samples)})"


def timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def offline_check(store: StaffStore, pin: str) -> bool:
    cached = store.verifier("CB001")
    assert cached is not None
    return pin_matches(decode_verifier(cached.token, store.central_keys()).pin_hash, pin)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--max-tries", type=int, default=10)
    ap.add_argument("--recovery-s", type=int, default=600)
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-tpm-"))
    tpm = start_swtpm(root / "swtpm")
    try:
        settings = SecuritySettings("tpm", tpm.tcti, args.max_tries, args.recovery_s)
        data = root / "kiosk"
        t0 = time.perf_counter()
        ensure_backend(data, settings)
        load_or_create_kiosk_key(data)
        load_or_create_key(data)
        print(
            f"first start, TPM (choose backend, set lockout, create + seal 2 keys): {(time.perf_counter() - t0) * 1000:.1f} ms"
        )
        print(f"kiosk key load, TPM:          {ms(timed(lambda: load_or_create_kiosk_key(data), args.runs))}")
        print(f"offline-store key load, TPM:  {ms(timed(lambda: load_or_create_key(data), args.runs))}")
        demo = root / "demo"
        ensure_backend(demo, SecuritySettings("file"))
        load_or_create_kiosk_key(demo)
        print(f"kiosk key load, file:         {ms(timed(lambda: load_or_create_kiosk_key(demo), args.runs))}")

        # An offline verifier as the central issues it, at the production argon2id cost
        central = Ed25519PrivateKey.generate()
        now = datetime.now(UTC)
        token = encode_verifier(
            OfflineVerifier("CB001", "C1", hash_pin("2468"), now, now + timedelta(days=7)), central
        )
        store = StaffStore.open(data)
        store.pin_central_key(central.public_key().public_bytes_raw(), now)
        saves = timed(
            lambda: store.save_verifier(CachedVerifier("CB001", "C1", token, now, now + timedelta(days=7))),
            max(3, args.runs // 4),
        )
        print(f"save offline verifier (verify + seal under the PIN): {ms(saves)}")
        right = timed(lambda: offline_check(store, "2468"), 3)
        print(f"offline PIN check, right PIN (argon2id 64 MiB t=3 + TPM unseal): {ms(right)}")
        wrong: list[float] = []
        taken = 0
        while True:
            t0 = time.perf_counter()
            try:
                ok = offline_check(store, f"{1000 + taken:04d}")
            except StaffAuthError as e:
                assert e.reason == "locked"
                break
            wrong.append(time.perf_counter() - t0)
            assert not ok
            taken += 1
        print(f"offline PIN check, wrong PIN: {ms(wrong)}")
        with Tpm(tpm.tcti) as t:
            state = t.lockout_state()
        print(
            f"wrong PINs the TPM took before locking: {taken} (TPM says failures={state['failures']}, max={state['max_tries']})"
        )
        try:
            offline_check(store, "2468")
            print("right PIN during lockout: ACCEPTED (unexpected)")
        except StaffAuthError as e:
            print(f"right PIN during lockout: refused ({e.reason})")
        per_day = 86400 / state["recovery_s"]
        for digits in (4, 6):
            days = (10**digits - state["max_tries"]) / per_day
            print(
                f"worst case, every {digits}-digit PIN through this TPM: {days:,.0f} days "
                f"({per_day:.0f} tries/day after the first {state['max_tries']})"
            )
        store.close()
    finally:
        tpm.stop()


if __name__ == "__main__":
    main()
