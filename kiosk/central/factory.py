"""A :class:`CentralClient` from the kiosk's configuration (the one place that reads it)."""

from __future__ import annotations

from requests.auth import AuthBase

from kiosk.central.client import ApiKeyAuth, CentralClient
from kiosk.config import KioskConfig
from kiosk.errors import KioskError
from kiosk.paths import data_dir


def client_from_config(
    cfg: KioskConfig, *, base_url: str | None = None, auth: AuthBase | None = None, api_key: str | None = None
) -> CentralClient:
    """Client for ``base_url`` (default ``[central] url``) with the configured timeouts.

    ``auth`` wins (the provisioning area passes its RFC 9421 request signer once the kiosk is
    enrolled); otherwise the API key (``api_key`` or ``[central] api_key``) is used.
    """
    enrolled = enrolled_auth() if auth is None else None
    url = base_url or cfg.central.url or (enrolled[0] if enrolled else None)
    if not url:
        raise KioskError("no [central] url configured", code="central.no_central")
    key = api_key or cfg.central.api_key
    if auth is None and enrolled is not None:
        auth = enrolled[1]  # an enrolled kiosk signs every request; the central refuses its API key
    elif auth is None and key:
        auth = ApiKeyAuth(key, cfg.kiosk.id)
    return CentralClient(
        url,
        auth=auth,
        connect_timeout=cfg.central.connect_timeout_s,
        read_timeout=cfg.central.read_timeout_s,
        call_deadline_s=cfg.central.call_deadline_s,
        max_response_bytes=cfg.central.max_response_bytes,
        ca_bundle=cfg.central.ca_bundle,
    )


def enrolled_auth() -> tuple[str, AuthBase] | None:
    """For an enrolled kiosk: its central's URL and the RFC 9421 request signer; else None."""
    from provisioning.enroll import load_enrollment, request_auth
    from provisioning.keys import load_or_create_kiosk_key

    ddir = data_dir()
    e = load_enrollment(ddir)
    if e is None:
        return None
    return e.central_url, request_auth(load_or_create_kiosk_key(ddir), e)
