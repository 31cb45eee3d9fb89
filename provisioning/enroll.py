"""Bringing a kiosk into the central's fleet.

The kiosk makes (once) its own Ed25519 key pair (:mod:`provisioning.keys`); the private key
never leaves it. With a one-time code from the central (typed, or scanned as
``KENROLL1:<code>@<central URL>``) it sends ``POST <central>/kiosk/enroll`` carrying its
public key, the request signed with that key (RFC 9421, ``keyid="enroll:<fingerprint>"``),
which proves it holds the private key. The central binds the key to a new kiosk ID and an
agency and returns its own public key; the kiosk keeps all of it in
``<data>/provisioning/enrollment.json``. From then on every request is signed with
``keyid=<kiosk ID>`` (:func:`request_auth`), and the central's key pinned here is the only one
the kiosk trusts for everything the central signs (configurations, commands, staff cards and
staff verification answers).

Enrollment is the one moment of trust on first contact. To close it, the technician gives the
central key's fingerprint as the central shows it (``--central-key``, or ``#<fingerprint>``
after the URL in the KENROLL1 QR): any other key is refused. Without it the key is pinned as
received, and the audit log and the command's output say so, with the fingerprint to compare.
The central URL must be https (plain http only to this machine: the demo and the tests).
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from common.b64 import b64url_decode, b64url_encode
from common.durable import write_json
from common.transport import Limits
from common.urls import InsecureUrl, check_central_url
from provisioning.audit import AuditSink

# The record's home is provisioning.enrollment (light, read at start-up); re-exported here for
# the callers that also enroll or sign.
from provisioning.enrollment import Enrollment as Enrollment
from provisioning.enrollment import enrollment_path as enrollment_path
from provisioning.enrollment import load_enrollment as load_enrollment
from provisioning.enrollment import provisioning_dir as provisioning_dir
from provisioning.errors import ProvisioningError
from provisioning.keys import KioskKey, load_or_create_kiosk_key
from provisioning.link import CentralLink, CentralRefusal
from provisioning.signing import KioskRequestSigner, public_fingerprint

QR_PREFIX = "KENROLL1:"
_CODE_RE = re.compile(r"^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$")


def require_enrollment(data_dir: Path) -> Enrollment:
    e = load_enrollment(data_dir)
    if e is None:
        raise ProvisioningError("no enrollment.json under the data dir", code="provisioning.not_enrolled")
    return e


def parse_enroll_qr(text: str) -> tuple[str, str]:
    """``KENROLL1:<code>@<central URL>[#<central key fingerprint>]`` → (code, central URL)."""
    code, url, _fingerprint = parse_enroll_qr_pinned(text)
    return code, url


def parse_enroll_qr_pinned(text: str) -> tuple[str, str, str | None]:
    """(code, central URL, central key fingerprint or None) from a KENROLL1 QR."""
    t = text.strip()
    if not t.startswith(QR_PREFIX) or "@" not in t:
        raise ProvisioningError("not a KENROLL1 QR code", code="provisioning.bad_enroll_qr")
    code, url = t[len(QR_PREFIX) :].split("@", 1)
    url, _, fingerprint = url.partition("#")
    if not _CODE_RE.match(code) or not url.startswith(("http://", "https://")):
        raise ProvisioningError("KENROLL1 QR has a malformed code or URL", code="provisioning.bad_enroll_qr")
    try:
        check_central_url(url)
    except InsecureUrl as e:
        raise ProvisioningError(
            f"KENROLL1 QR: the central URL {e}", code="provisioning.insecure_url"
        ) from None
    return code, url, fingerprint.strip() or None


def request_auth(key: KioskKey, enrollment: Enrollment) -> KioskRequestSigner:
    """The ``requests`` auth for every call after enrollment (give it to ``CentralClient``)."""
    return KioskRequestSigner(key, enrollment.kiosk_id)


def link_for(
    data_dir: Path,
    central_url: str | None = None,
    timeout: tuple[float, float] = (3.0, 15.0),
    *,
    ca_bundle: str | None = None,
    limits: Limits | None = None,
) -> CentralLink:
    """A signed link to the central for the enrolled kiosk (``central_url`` overrides the stored one)."""
    e = require_enrollment(data_dir)
    key = load_or_create_kiosk_key(data_dir)
    if key.fingerprint != e.key_fingerprint:
        raise ProvisioningError(
            "the kiosk key on disk is not the one enrolled; reset and enroll again",
            code="provisioning.key_mismatch",
        )
    return CentralLink(
        central_url or e.central_url, request_auth(key, e), timeout=timeout, ca_bundle=ca_bundle
    )


def enroll(
    data_dir: Path,
    central_url: str,
    code: str,
    *,
    audit: AuditSink,
    software_version: str = "",
    timeout: tuple[float, float] = (3.0, 15.0),
    central_key_fingerprint: str | None = None,
    ca_bundle: str | None = None,
) -> Enrollment:
    """Enroll this kiosk with a one-time code. Refuses if it is already enrolled.

    ``central_key_fingerprint``: the central key's fingerprint as the central shows it; a
    central answering with any other key is refused. None: pinned at first contact (audited)."""
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
    with CentralLink(central_url, signer, timeout=timeout, ca_bundle=ca_bundle) as link:
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
        expected = (central_key_fingerprint or "").strip().lower()
        if expected and public_fingerprint(central_raw).lower() != expected:
            audit(
                "enroll_refused",
                {
                    "central": central_url,
                    "why": "central key fingerprint differs from the one given",
                    "central_key_fingerprint": public_fingerprint(central_raw),
                },
            )
            raise ProvisioningError(
                f"the central answered with key {public_fingerprint(central_raw)}, not {expected}: "
                "not the central you meant (or a man in the middle); nothing was saved",
                code="provisioning.central_key_mismatch",
            )
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
            # "given": checked against the fingerprint the technician gave; "first_contact":
            # trusted as received (compare it with the central's console).
            "central_key_pinned": "given" if central_key_fingerprint else "first_contact",
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
