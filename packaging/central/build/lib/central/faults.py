"""Fault switches, for tests and demos of bad networks: latency, an error rate, and dropping
the connection after the request was committed (what creates duplicates in naive clients).

Switches live in ``app.state.sandbox.faults``; tests running the sandbox in-process set them
through :class:`Faults` (``handle.faults.set(...)``). There is deliberately no HTTP route to
flip them. Keys:

- ``latency_ms`` (int): added before every answer.
- ``error_rate`` (0..1): share of API requests answered 503 *before* anything is done.
- ``drop_after_commit`` (int): the next N ``POST`` requests are committed, then the
  connection is cut halfway through the answer.
- ``answer_with_token`` (bool): ``POST requests`` answers a GeoReport v2 token, not an ID.
- ``token_pending_reads`` (int): how many ``GET tokens/{t}`` calls answer "no ID yet".
"""

from __future__ import annotations

import asyncio
import random
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central.errors import error_response

KNOWN = {
    "latency_ms": int,
    "error_rate": float,
    "drop_after_commit": int,
    "answer_with_token": bool,
    "token_pending_reads": int,
}
# Paths never affected (the console and the spec).
_EXEMPT = ("/openapi.json", "/docs", "/console")


class Faults:
    """Typed access to the switch dict shared with the app."""

    def __init__(self, store: dict[str, Any]):
        self._store = store

    def set(self, **values: Any) -> None:
        for k, v in values.items():
            if k not in KNOWN:
                raise KeyError(f"unknown fault switch {k!r}; known: {sorted(KNOWN)}")
            self._store[k] = KNOWN[k](v)

    def clear(self) -> None:
        self._store.clear()

    def get(self, key: str, default: Any = None) -> Any:
        return self._store.get(key, default)

    def take_drop(self) -> bool:
        """Consume one "drop after commit" if one is armed."""
        n = int(self._store.get("drop_after_commit", 0))
        if n > 0:
            self._store["drop_after_commit"] = n - 1
            return True
        return False

    def as_dict(self) -> dict[str, Any]:
        return dict(self._store)


class FaultMiddleware:
    def __init__(self, app: ASGIApp, store: dict[str, Any]):
        self.app = app
        self.faults = Faults(store)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(_EXEMPT):
            await self.app(scope, receive, send)
            return
        latency = self.faults.get("latency_ms", 0)
        if latency:
            await asyncio.sleep(latency / 1000)
        rate = float(self.faults.get("error_rate", 0.0))
        if rate and random.random() < rate:  # noqa: S311 - a test switch, not security
            await error_response(
                503, "temporarily unavailable (sandbox fault switch)", headers={"Retry-After": "1"}
            )(scope, receive, send)
            return
        scope.setdefault("state", {})
        drop = scope["method"] == "POST" and self.faults.take_drop()
        if not drop:
            await self.app(scope, receive, send)
            return

        cut = False

        async def half_send(message: Message) -> None:
            nonlocal cut
            if cut:
                return
            if message["type"] == "http.response.body":
                body = message.get("body", b"")
                await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
                cut = True
                return
            await send(message)

        # Headers (with the full Content-Length) and half the body go out; the response is
        # never completed, so uvicorn closes the connection and the client sees a truncated
        # answer. (Raising instead works too, but costs seconds of traceback rendering.)
        await self.app(scope, receive, half_send)
