"""Bringing a kiosk into the central's fleet.

The kiosk makes (once) its own Ed25519 key pair (:mod:`provisioning.keys`); the private key
never leaves it. With a one-time code from the central (typed, or scanned as
``KENROLL1:<code>@<central URL>``) it sends ``POST <central>/kiosk/enroll`` carrying its
public key, the request signed with that key (RFC 9421, ``keyid="enroll:<fingerprint>"``),
which proves it holds the private key. The central binds the key to a new kiosk ID and an
agency and returns its own public key; the kiosk keeps all of it in
``<data>/provisioning/enrollment.json``. From then on every request is signed with
``keyid=<kiosk ID>`` (:func:`request_auth`).
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from common.b64 import b64url_decode, b64url_encode
from common.durable import read_json, write_json
from provisioning.audit import AuditSink
from provisioning.errors import ProvisioningError
from provisioning.keys import KioskKey, load_or_create_kiosk_key
from provisioning.link import CentralLink, CentralRefusal
from provisioning.signing import KioskRequestSigner, public_fingerprint

QR_PREFIX = "KENROLL1:"
_CODE_RE = re.compile(r"^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$")


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


def require_enrollment(data_dir: Path) -> Enrollment:
    e = load_enrollment(data_dir)
    if e is None:
        raise ProvisioningError("no enrollment.json under the data dir", code="provisioning.not_enrolled")
    return e


def parse_enroll_qr(text: str) -> tuple[str, str]:
    """``KENROLL1:<code>@<central URL>`` → (code, central URL)."""
    t = text.strip()
    if not t.startswith(QR_PREFIX) or "@" not in t:
        raise ProvisioningError("not a KENROLL1 QR code", code="provisioning.bad_enroll_qr")
    code, url = t[len(QR_PREFIX) :].split("@", 1)
    if not _CODE_RE.match(code) or not url.startswith(("http://", "https://")):
        raise ProvisioningError("KENROLL1 QR has a malformed code or URL", code="provisioning.bad_enroll_qr")
    return code, url


def request_auth(key: KioskKey, enrollment: Enrollment) -> KioskRequestSigner:
    """The ``requests`` auth for every call after enrollment (give it to ``CentralClient``)."""
    return KioskRequestSigner(key, enrollment.kiosk_id)


def link_for(
    data_dir: Path, central_url: str | None = None, timeout: tuple[float, float] = (3.0, 15.0)
) -> CentralLink:
    """A signed link to the central for the enrolled kiosk (``central_url`` overrides the stored one)."""
    e = require_enrollment(data_dir)
    key = load_or_create_kiosk_key(data_dir)
    if key.fingerprint != e.key_fingerprint:
        raise ProvisioningError(
            "the kiosk key on disk is not the one enrolled; reset and enroll again",
            code="provisioning.key_mismatch",
        )
    return CentralLink(central_url or e.central_url, request_auth(key, e), timeout=timeout)


def enroll(
    data_dir: Path,
    central_url: str,
    code: str,
    *,
    audit: AuditSink,
    software_version: str = "",
    timeout: tuple[float, float] = (3.0, 15.0),
) -> Enrollment:
    """Enroll this kiosk with a one-time code. Refuses if it is already enrolled."""
    if load_enrollment(data_dir) is not None:
        raise ProvisioningError(
            "this kiosk is already enrolled; `kiosk provision reset` first",
            code="provisioning.already_enrolled",
        )
    code = code.strip()
    if not _CODE_RE.match(code):
        raise ProvisioningError("an enrollment code is 8 letters and digits", code="provisioning.bad_code")
    key = load_or_create_kiosk_key(data_dir)
    signer = KioskRequestSigner(key, f"enroll:{key.fingerprint}")
    body = {"code": code, "public_key": b64url_encode(key.public_raw), "software_version": software_version}
    with CentralLink(central_url, signer, timeout=timeout) as link:
        try:
            answer = link.call("POST", "kiosk/enroll", json_body=body, expect=(200,))
        except CentralRefusal as e:
            audit(
                "enroll_refused",
                {"central": central_url, "status": e.status, "reason": e.reason, "why": e.message},
            )
            code_map = {
                "code_used": "provisioning.code_used",
                "code_expired": "provisioning.code_expired",
                "code_unknown": "provisioning.code_unknown",
                "key_known": "provisioning.already_enrolled",
            }
            raise ProvisioningError(e.message or str(e), code=code_map.get(e.reason, e.code)) from None
    a = answer.body
    try:
        central_raw = b64url_decode(str(a["central_public_key"]))
        if len(central_raw) != 32 or public_fingerprint(central_raw) != a["central_key_fingerprint"]:
            raise ValueError("central key and fingerprint disagree")
        if a["key_fingerprint"] != key.fingerprint:
            raise ValueError("the central bound a different key")
        enrollment = Enrollment(
            kiosk_id=str(a["kiosk_id"]),
            agency=str(a["agency"]),
            central_url=central_url,
            central_public_key=b64url_encode(central_raw),
            central_key_fingerprint=str(a["central_key_fingerprint"]),
            key_fingerprint=key.fingerprint,
            enrolled_at=float(a.get("enrolled_at") or time.time()),
            heartbeat_interval_s=int(a.get("heartbeat_interval_s") or 60),
        )
    except (KeyError, TypeError, ValueError) as e:
        audit("enroll_refused", {"central": central_url, "why": f"bad answer: {e}"})
        raise ProvisioningError(
            f"enrollment answer not usable: {e}", code="provisioning.central_unexpected"
        ) from None
    write_json(enrollment_path(data_dir), asdict(enrollment))
    audit(
        "enrolled",
        {
            "kiosk_id": enrollment.kiosk_id,
            "agency": enrollment.agency,
            "central": central_url,
            "key_fingerprint": key.fingerprint,
            "central_key_fingerprint": enrollment.central_key_fingerprint,
        },
    )
    return enrollment


def status(data_dir: Path) -> dict[str, Any]:
    """What ``kiosk provision status`` shows (no secrets)."""
    e = load_enrollment(data_dir)
    key_path = data_dir / "keys"
    out: dict[str, Any] = {"enrolled": e is not None}
    if e is not None:
        out.update(
            kiosk_id=e.kiosk_id,
            agency=e.agency,
            central_url=e.central_url,
            key_fingerprint=e.key_fingerprint,
            central_key_fingerprint=e.central_key_fingerprint,
            enrolled_at=e.enrolled_at,
            heartbeat_interval_s=e.heartbeat_interval_s,
        )
    else:
        out.update(kiosk_id=None, key_fingerprint=None)
        if key_path.exists() and any(key_path.iterdir()):
            out["key_fingerprint"] = load_or_create_kiosk_key(data_dir).fingerprint
    return out
