"""The central's configuration: where its data lives and how it is served.

One frozen dataclass, built from command-line options (``central serve --db URL --workers N``)
or from the environment (``CENTRAL_*``, which is how several worker processes started by one
``central serve`` all receive the same settings). Nothing here opens a file or a connection.

- ``db_url``: a SQLAlchemy URL. SQLite (the default, ``<data>/central.sqlite3``) for the demo
  and a single office; ``postgresql+psycopg://…`` for deployments and several workers.
- ``data_dir``: keys (central signing key, the demo's site key), exports; 0700.
- ``blob_dir``: the content-addressed attachment store (default ``<data>/blobs``).
- ``allowed_hosts``: the Host header allow-list (enforced by the hardening middleware).
- ``workers``: uvicorn worker processes (1 = in-process).
- ``profile``: ``production`` (the default: no site key, real host names only) or ``demo``
  (the demo and the tests: the shared site key, Starlette's test host); see
  :mod:`central.hardening`.
- ``trusted_proxies``: addresses of the reverse proxy whose ``X-Forwarded-For``/``-Proto`` are
  believed; empty (the default) = forwarded headers are ignored, whoever sends them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_DATA = "CENTRAL_DATA_DIR"
ENV_DB = "CENTRAL_DB_URL"
ENV_BLOBS = "CENTRAL_BLOB_DIR"
ENV_AGENCY = "CENTRAL_AGENCY"
ENV_HOSTS = "CENTRAL_ALLOWED_HOSTS"
ENV_WORKERS = "CENTRAL_WORKERS"
ENV_PROXIES = "CENTRAL_TRUSTED_PROXIES"
ENV_PROFILE = "CENTRAL_PROFILE"

DEFAULT_AGENCY = "DEMO"
PROFILES: tuple[str, ...] = ("production", "demo")
LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]")
MAX_WORKERS = 64


class SettingsError(ValueError):
    """A setting that cannot work; the message names the setting and what to do."""


@dataclass(frozen=True)
class CentralSettings:
    data_dir: Path
    db_url: str = ""  # empty: SQLite in data_dir
    blob_dir: Path | None = None  # None: data_dir / "blobs"
    agency_code: str = DEFAULT_AGENCY
    allowed_hosts: tuple[str, ...] = field(default=LOOPBACK_HOSTS)
    workers: int = 1
    trusted_proxies: tuple[str, ...] = ()
    profile: str = "production"

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise SettingsError(f"profile must be one of {', '.join(PROFILES)} (got {self.profile!r})")
        if not 1 <= self.workers <= MAX_WORKERS:
            raise SettingsError(f"workers must be between 1 and {MAX_WORKERS} (got {self.workers})")
        url = self.database_url
        if not url.startswith(("sqlite", "postgresql")):
            raise SettingsError(
                f"database URL {redact_url(url)!r} is not supported: use sqlite:///FILE or "
                "postgresql+psycopg://USER@HOST/DB"
            )
        if self.workers > 1 and self.is_sqlite:
            # Several processes on one SQLite file do work, but serialise every write on the
            # file lock; a deployment that wants workers wants PostgreSQL.
            raise SettingsError("several workers need PostgreSQL: pass --db postgresql+psycopg://…")

    @property
    def database_url(self) -> str:
        return self.db_url or f"sqlite:///{self.data_dir / 'central.sqlite3'}"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def blobs(self) -> Path:
        return self.blob_dir or self.data_dir / "blobs"

    def to_env(self) -> dict[str, str]:
        """The same settings as ``CENTRAL_*`` variables, for worker processes."""
        return {
            ENV_DATA: str(self.data_dir),
            ENV_DB: self.db_url,
            ENV_BLOBS: str(self.blob_dir or ""),
            ENV_AGENCY: self.agency_code,
            ENV_HOSTS: ",".join(self.allowed_hosts),
            ENV_WORKERS: str(self.workers),
            ENV_PROXIES: ",".join(self.trusted_proxies),
            ENV_PROFILE: self.profile,
        }

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> CentralSettings:
        env = os.environ if env is None else env
        data = env.get(ENV_DATA, "")
        if not data:
            raise SettingsError(f"{ENV_DATA} is not set: the central needs a data directory")
        workers = env.get(ENV_WORKERS, "1")
        if not workers.isdigit():
            raise SettingsError(f"{ENV_WORKERS} must be a whole number (got {workers!r})")
        hosts = tuple(h.strip() for h in env.get(ENV_HOSTS, "").split(",") if h.strip())
        return cls(
            data_dir=Path(data),
            db_url=env.get(ENV_DB, ""),
            blob_dir=Path(env[ENV_BLOBS]) if env.get(ENV_BLOBS) else None,
            agency_code=env.get(ENV_AGENCY) or DEFAULT_AGENCY,
            allowed_hosts=hosts or LOOPBACK_HOSTS,
            workers=int(workers),
            trusted_proxies=tuple(p.strip() for p in env.get(ENV_PROXIES, "").split(",") if p.strip()),
            profile=env.get(ENV_PROFILE) or "production",
        )

    def security(self) -> Any:
        """The hardening/access settings (:class:`central.hardening.Settings`) these imply."""
        from central.hardening import Settings

        return Settings(profile=self.profile, allowed_hosts=self.allowed_hosts)

    def uvicorn_proxy_options(self) -> dict[str, object]:
        """Uvicorn trusts X-Forwarded-* from 127.0.0.1 unless told otherwise: say it explicitly."""
        if not self.trusted_proxies:
            return {"proxy_headers": False}
        return {"proxy_headers": True, "forwarded_allow_ips": list(self.trusted_proxies)}


def redact_url(url: str) -> str:
    """A database URL fit for a log line or an error message (no password)."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as its scheme only
        return url.split(":", 1)[0] + ":…"
