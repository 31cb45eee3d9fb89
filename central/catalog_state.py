"""The catalog the sandbox central serves: the packaged data (or ``<data>/catalog.json`` if an
operator dropped an edited copy there), parsed once, with its bytes and ETag for sync. Read
with the central's profile: the demo's made-up agency contacts leave a demo central only."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from typing import Any

from kiosk.catalog import agencies
from kiosk.catalog.model import Catalog, packaged_catalog_json, parse_catalog


def _source(state: Any) -> dict[str, Any]:
    override = state.data_dir / "catalog.json"
    if override.exists():
        return json.loads(override.read_text(encoding="utf-8"))
    return packaged_catalog_json()


def shows_samples(state: Any) -> bool:
    """The demo profile: sample agency contacts are shown (kiosk.catalog.agencies)."""
    security = state.extra.get("security")  # set by create_app; absent: production's answer
    return bool(security is not None and security.demo)


def catalog_bytes(state: Any) -> tuple[bytes, str]:
    """The catalog as served (procedures, facts, agency directory) and its strong ETag."""
    cached = state.extra.get("catalog_bytes")
    if cached is None:
        data = _source(state)
        data["agencies"] = [a.to_json() for a in agencies.listed(samples=shows_samples(state))]
        body = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        cached = (body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        state.extra["catalog_bytes"] = cached
    return cached  # type: ignore[no-any-return]


def sandbox_catalog(state: Any) -> Catalog:
    cat = state.extra.get("catalog")
    if cat is None:
        cat = replace(parse_catalog(_source(state)), samples=shows_samples(state))
        state.extra["catalog"] = cat
    return cat  # type: ignore[no-any-return]


def reload_catalog(state: Any) -> None:
    """Forget the cached catalog (after an operator edits it): the ETag changes with it."""
    state.extra.pop("catalog", None)
    state.extra.pop("catalog_bytes", None)
