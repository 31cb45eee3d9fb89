"""The enrollment record on disk: whether this kiosk is enrolled, to which central, with which key.

Apart from :mod:`provisioning.enroll` (which talks to the central and holds keys) so that
the kiosk's start-up can ask "enrolled?" without importing HTTP and cryptography: the demo
and a not-yet-enrolled kiosk then paint their first screen without paying for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from common.b64 import b64url_decode
from common.durable import read_json


@dataclass(frozen=True)
class Enrollment:
    kiosk_id: str
    agency: str
    central_url: str
    central_public_key: str  # base64url raw Ed25519
    central_key_fingerprint: str
    key_fingerprint: str
    enrolled_at: float
    heartbeat_interval_s: int = 60

    @property
    def central_public_raw(self) -> bytes:
        return b64url_decode(self.central_public_key)


def provisioning_dir(data_dir: Path) -> Path:
    d = data_dir / "provisioning"
    d.mkdir(parents=True, exist_ok=True)
    return d


def enrollment_path(data_dir: Path) -> Path:
    return provisioning_dir(data_dir) / "enrollment.json"


def load_enrollment(data_dir: Path) -> Enrollment | None:
    path = enrollment_path(data_dir)
    if not path.exists():
        return None
    raw = read_json(path)
    return Enrollment(**{k: raw[k] for k in Enrollment.__dataclass_fields__ if k in raw})
