"""The sandbox's FastAPI application, assembled from one router module per area.

Each module listed in ROUTER_MODULES defines ``router: fastapi.APIRouter`` and may define
``MODELS_MODULE`` naming its SQLAlchemy models module. Route handlers reach shared state
through ``request.app.state.sandbox`` (:class:`SandboxState`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session, sessionmaker

from central.blobstore import BlobStore
from central.settings import CentralSettings

# Areas, in order. Add your module here (one line) and define `router` in it.
ROUTER_MODULES: tuple[str, ...] = (
    "central.open311",
    "central.tracking_page",
    "central.console",
    "central.handover",
    "central.staff",
    "central.enrollment",
    "central.fleet",
    "central.monitoring.routes",
    "central.people.routes",
)
# Modules that only define tables (imported before migrations compare or run).
MODEL_MODULES: tuple[str, ...] = (
    "central.models",
    "central.handover_models",
    "central.staff_models",
    "central.fleet_models",
    "central.monitoring.models",
    "central.people.models",
    "central.trust_approval",
)


@dataclass
class SandboxState:
    data_dir: Path
    db: sessionmaker[Session]
    agency_code: str = "DEMO"
    # Fault switches for tests (latency, error rate, drop after commit); owned by the Open311 area.
    faults: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    # Attachment bytes by SHA-256 (central.blobstore); None only for commands that touch no attachment.
    blobs: BlobStore | None = None
    settings: CentralSettings | None = None


def import_models() -> None:
    for name in MODEL_MODULES:
        importlib.import_module(name)


def create_app(
    where: Path | CentralSettings,
    agency_code: str | None = None,
    *,
    upgrade_schema: bool = True,
    security: Any = None,
) -> FastAPI:
    """The central's app on the data dir (SQLite in it) or on full settings (any database URL).

    ``upgrade_schema=False`` (worker processes): the database must already be at the newest
    revision; whoever started the workers migrated it once, before they started.
    ``security``: :class:`central.hardening.Settings`; by default built from the central's own
    settings (profile, host names), so every worker process enforces the same rules.
    """
    from central.access import enforce
    from central.blobstore import open_blob_store
    from central.db import open_database

    settings = where if isinstance(where, CentralSettings) else CentralSettings(data_dir=Path(where))
    if agency_code is not None:
        settings = replace(settings, agency_code=agency_code)
    blobs = open_blob_store(settings.blobs, settings.data_dir)
    # No /docs or /redoc: they load scripts from a CDN, which the CSP forbids; /openapi.json stays.
    app = FastAPI(
        title="Kiosk central (sandbox)",
        version="1.0",
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(enforce)],
    )
    app.state.sandbox = SandboxState(
        data_dir=settings.data_dir,
        db=open_database(settings, upgrade_schema=upgrade_schema, blobs=blobs),
        agency_code=settings.agency_code,
        blobs=blobs,
        settings=settings,
    )
    for name in ROUTER_MODULES:
        app.include_router(importlib.import_module(name).router)
    guard = security if security is not None else settings.security()
    app.state.sandbox.extra["security"] = guard
    _install_open311_edges(app)
    _install_security(app, guard)
    return app


def app_from_env() -> FastAPI:
    """Uvicorn's app factory for worker processes (``central.app:app_from_env``): settings from
    ``CENTRAL_*`` (see :mod:`central.settings`, profile and host names included), schema
    already migrated by the parent."""
    return create_app(CentralSettings.from_env(), upgrade_schema=False)


def _install_security(app: FastAPI, settings: Any) -> None:
    # Added last = runs first: hardening (host, sizes, rates, headers), then who is calling.
    from central.access import AccessGate
    from central.hardening import Hardening

    app.add_middleware(AccessGate, fastapi_app=app)
    app.add_middleware(Hardening, settings=settings)


def _install_open311_edges(app: FastAPI) -> None:
    # Open311 error shape for every route, the fault switches, and the site API key.
    from central import errors, faults, kiosk_auth

    state: SandboxState = app.state.sandbox
    errors.install(app)
    app.add_middleware(faults.FaultMiddleware, store=state.faults)
    # The shared site key exists only in the demo profile (production kiosks enroll and sign).
    demo = state.extra["security"].demo
    state.extra["site_api_key"] = kiosk_auth.ensure_site_key(state.data_dir, state.db) if demo else ""
    # Create the central's signing key now, once: concurrent first requests must not race to.
    from central.central_key import central_signing_key

    state.extra["central_public_key"] = central_signing_key(state.data_dir).public_raw
