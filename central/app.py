"""The sandbox's FastAPI application, assembled from one router module per area.

Each module listed in ROUTER_MODULES defines ``router: fastapi.APIRouter`` and may define
``MODELS_MODULE`` naming its SQLAlchemy models module. Route handlers reach shared state
through ``request.app.state.sandbox`` (:class:`SandboxState`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session, sessionmaker

# Areas, in order. Add your module here (one line) and define `router` in it.
ROUTER_MODULES: tuple[str, ...] = (
    "central.open311",
    "central.tracking_page",
    "central.console",
    "central.staff",
    "central.enrollment",
    "central.fleet",
    "central.people.routes",
)
# Modules that only define tables (imported before create_all).
MODEL_MODULES: tuple[str, ...] = (
    "central.models",
    "central.staff_models",
    "central.fleet_models",
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


def import_models() -> None:
    for name in MODEL_MODULES:
        importlib.import_module(name)


def create_app(data_dir: Path, agency_code: str = "DEMO", *, security: Any = None) -> FastAPI:
    """``security``: :class:`central.hardening.Settings`; by default the production profile,
    with the host names and profile of the central's own settings when it has them."""
    from central.access import enforce
    from central.db import open_database
    from central.hardening import Settings

    # No /docs or /redoc: they load scripts from a CDN, which the CSP forbids; /openapi.json stays.
    app = FastAPI(
        title="Kiosk central (sandbox)",
        version="1.0",
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(enforce)],
    )
    app.state.sandbox = SandboxState(data_dir=data_dir, db=open_database(data_dir), agency_code=agency_code)
    for name in ROUTER_MODULES:
        app.include_router(importlib.import_module(name).router)
    own = getattr(app.state.sandbox, "settings", None)  # the storage half's CentralSettings
    settings = (
        security
        if security is not None
        else Settings(
            profile=str(getattr(own, "profile", "production")),
            allowed_hosts=tuple(getattr(own, "allowed_hosts", ()) or ()),
        )
    )
    app.state.sandbox.extra["security"] = settings
    _install_open311_edges(app)
    _install_security(app, settings)
    return app


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
