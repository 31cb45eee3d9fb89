import stat
from pathlib import Path

from provisioning.keys import KEY_FILE, load_or_create_kiosk_key, verify


def test_key_is_created_once_with_tight_permissions(tmp_path: Path):
    k1 = load_or_create_kiosk_key(tmp_path)
    k2 = load_or_create_kiosk_key(tmp_path)
    assert k1.public_raw == k2.public_raw
    mode = stat.S_IMODE((tmp_path / "keys" / KEY_FILE).stat().st_mode)
    assert mode == 0o600
    assert k1.fingerprint.startswith("SHA256:")


def test_signature_round_trip(tmp_path: Path):
    k = load_or_create_kiosk_key(tmp_path)
    sig = k.sign(b"receipt")
    assert verify(k.public_raw, sig, b"receipt")
    assert not verify(k.public_raw, sig, b"receipt!")


def test_processes_racing_to_create_the_key_end_up_with_one_key(tmp_path: Path):
    import subprocess
    import sys

    code = "import sys; from pathlib import Path; from provisioning.keys import load_or_create_kiosk_key as k; print(k(Path(sys.argv[1])).fingerprint)"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    prints = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert all(p.returncode == 0 for p in procs)
    assert len(prints) == 1 and prints.pop().startswith("SHA256:")
    assert sorted(f.name for f in (tmp_path / "keys").iterdir()) == ["keystore.json", "kiosk_ed25519.pem"]
