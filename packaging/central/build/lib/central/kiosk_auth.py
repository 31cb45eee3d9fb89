"""Who is calling: the one FastAPI dependency that turns a request's credentials into a kiosk.

An enrolled kiosk signs every request (RFC 9421); before enrollment, an API key in the
``X-Api-Key`` header (never the query string, never the body): a key bound to one kiosk, or
the shared site key, which only the demo profile accepts.

API keys are stored as SHA-256 hashes; the sandbox's site key (plain text) is kept in
``<data>/sandbox_api_key`` (0600) so the demo profile and tests can read it.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from central.models import ApiKeyRow

KEY_FILE = "sandbox_api_key"
DEFAULT_KIOSK_ID = "demo-kiosk-01"


@dataclass(frozen=True)
class KioskIdentity:
    kiosk_id: str
    method: str  # "api_key" or "signature" (an enrolled kiosk, RFC 9421)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def ensure_site_key(data_dir: Path, db: sessionmaker[Session]) -> str:
    """The sandbox's site API key: created on first start, the same after restarts."""
    path = data_dir / KEY_FILE
    if path.exists():
        key = path.read_text().strip()
    else:
        key = secrets.token_urlsafe(24)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(key + "\n")
    with db() as s, s.begin():
        if s.scalar(select(ApiKeyRow).where(ApiKeyRow.key_sha256 == _hash(key))) is None:
            s.add(ApiKeyRow(key_sha256=_hash(key), kiosk_id=None, label="site", created_at=datetime.now(UTC)))
    return key


def add_kiosk_key(db: sessionmaker[Session], kiosk_id: str, label: str = "") -> str:
    """A key bound to one kiosk (it cannot claim another kiosk's ID)."""
    key = secrets.token_urlsafe(24)
    with db() as s, s.begin():
        s.add(ApiKeyRow(key_sha256=_hash(key), kiosk_id=kiosk_id, label=label, created_at=datetime.now(UTC)))
    return key


def _is_enrolled(state, kiosk_id: str) -> bool:  # type: ignore[no-untyped-def]
    if not kiosk_id:
        return False
    from central.fleet_models import FleetKiosk

    with state.db() as s:
        return s.get(FleetKiosk, kiosk_id) is not None


def _unauthorized() -> HTTPException:
    return HTTPException(status_code=401, detail="missing or unknown kiosk credentials (X-Api-Key)")


def _demo(state) -> bool:  # type: ignore[no-untyped-def]
    settings = state.extra.get("security")
    return bool(settings is not None and settings.demo)


def api_key_identity(state, key: str, claimed: str) -> KioskIdentity:  # type: ignore[no-untyped-def]
    """The kiosk an API key speaks for, or HTTPException. Blocking (database): call off the loop.

    The site key (bound to no kiosk) speaks only in the demo profile; a key bound to one kiosk
    speaks for that kiosk only, and only until it enrolls (then it signs, nothing else).
    """
    digest = _hash(key)
    with state.db() as s:
        # Looking up the key's hash (not the key) leaks nothing a timing attack could use.
        row = s.scalar(select(ApiKeyRow).where(ApiKeyRow.key_sha256 == digest))
    if row is None:
        raise _unauthorized()
    if row.kiosk_id is None and not _demo(state):
        raise HTTPException(
            status_code=401,
            detail="the shared site key is accepted only in the demo profile: enroll this kiosk and sign its requests",
        )
    if _is_enrolled(state, row.kiosk_id or claimed):
        raise HTTPException(
            status_code=401, detail="this kiosk is enrolled: its requests must be signed (RFC 9421)"
        )
    if row.kiosk_id is not None:
        if claimed and claimed != row.kiosk_id:
            raise HTTPException(status_code=403, detail="this key belongs to another kiosk")
        return KioskIdentity(row.kiosk_id, "api_key")
    return KioskIdentity(claimed or DEFAULT_KIOSK_ID, "api_key")


async def kiosk_identity(request: Request) -> KioskIdentity:
    """FastAPI dependency: the calling kiosk, or 401 in Open311's error shape.

    Checked once per request (the access gate may already have checked an API key before the
    body was read); keys are taken from the ``X-Api-Key`` header only, never the URL or body.
    """
    cached = request.scope.get("state", {}).get("kiosk")
    if isinstance(cached, KioskIdentity):
        return cached
    if "signature-input" in request.headers or "signature" in request.headers:
        # Enrolled kiosks sign every request (RFC 9421, Ed25519): a bad, stale or replayed
        # signature is refused with its reason, never retried as an API key.
        from central.enrollment import signed_kiosk

        kiosk = await signed_kiosk(request)
        who = KioskIdentity(kiosk.id, "signature")
    else:
        key = request.headers.get("X-Api-Key")
        if not key:
            raise _unauthorized()
        claimed = (request.headers.get("X-Kiosk-Id") or "").strip()[:64]
        # Off the event loop: a busy database must not stall every other request.
        who = await run_in_threadpool(api_key_identity, request.app.state.sandbox, key, claimed)
    request.scope.setdefault("state", {})["kiosk"] = who
    return who
