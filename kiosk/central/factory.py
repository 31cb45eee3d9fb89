"""A :class:`CentralClient` from the kiosk's configuration (the one place that reads it)."""

from __future__ import annotations

from requests.auth import AuthBase

from kiosk.central.client import ApiKeyAuth, CentralClient
from kiosk.config import KioskConfig
from kiosk.errors import KioskError


def client_from_config(
    cfg: KioskConfig, *, base_url: str | None = None, auth: AuthBase | None = None, api_key: str | None = None
) -> CentralClient:
    """Client for ``base_url`` (default ``[central] url``) with the configured timeouts.

    ``auth`` wins (the provisioning area passes its RFC 9421 request signer once the kiosk is
    enrolled); otherwise the API key (``api_key`` or ``[central] api_key``) is used.
    """
    url = base_url or cfg.central.url
    if not url:
        raise KioskError("no [central] url configured", code="central.no_central")
    key = api_key or cfg.central.api_key
    if auth is None and key:
        auth = ApiKeyAuth(key, cfg.kiosk.id)
    return CentralClient(
        url,
        auth=auth,
        connect_timeout=cfg.central.connect_timeout_s,
        read_timeout=cfg.central.read_timeout_s,
    )
