"""The central's outer shell, as pure ASGI middleware: nothing reaches a route before it.

In order, for every HTTP request:

1. **Host allow-list**: a request naming a host this central is not (``Host`` spoofing,
   DNS rebinding) is refused before anything else.
2. **Keys never in a query string**: ``?api_key=…`` (or any credential-looking parameter) is
   refused, since query strings end up in proxy logs and browser history.
3. **Rate limits** per client address on enrollment, sign-in and tracking lookups, counted in
   this process's memory: with ``central serve --workers N`` each worker counts its own, so a
   client gets up to N times the limit (account lockouts are in the database and hold for all).
4. **Body-size limit** per route, counted on the bytes actually streamed (chunked uploads
   included) *before* any parsing: a declared ``Content-Length`` over the limit is refused
   at once, an undeclared one as soon as the count passes it.
5. **Security headers** on every answer: CSP with ``frame-ancestors 'none'``,
   ``X-Frame-Options``, ``nosniff``, ``Referrer-Policy``, and ``Cache-Control: no-store``
   on everything but the public catalogue.

The client address is the socket's peer: ``X-Forwarded-For`` is honoured only when uvicorn is
told which proxy to trust (``central serve --trusted-proxy``), never by default.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from fastapi import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

KIB = 1024
MIB = 1024 * KIB
# Query parameters that carry a credential: refused wherever they appear in a URL.
SECRET_PARAMS = frozenset({"api_key", "apikey", "access_token", "password", "session", "csrf"})
# Loopback names are always this central (a health check, the operator on the machine itself);
# Starlette's test client's "testserver" only in the demo profile.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
DEMO_HOSTS = ("testserver",)
# Public, unchanging-per-version documents that may be cached (everything else: no-store).
CACHEABLE = ("/discovery", "/services", "/catalog.json", "/agencies.json", "/procedures/", "/openapi.json")
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


@dataclass(frozen=True)
class RateRule:
    bucket: str
    methods: tuple[str, ...]
    prefixes: tuple[str, ...]
    limit: int  # requests …
    per_s: float  # … per this many seconds, per client address


@dataclass
class Settings:
    """How the central protects itself; ``profile="demo"`` for the demo and tests only."""

    profile: str = "production"  # "demo" | "production"
    # Host names (without port) this central answers to, besides its loopback names.
    allowed_hosts: tuple[str, ...] = ()
    default_body_limit: int = 256 * KIB
    # (method, path prefix) → limit; the first match wins.
    body_limits: tuple[tuple[str, str, int], ...] = (
        ("POST", "/requests.json", 20 * 10 * MIB + MIB),  # Open311 submit: 20 attachments of 10 MB
        ("POST", "/kiosk/outbox-export", 50 * MIB),
        ("POST", "/kiosk/diagnostics", 2 * MIB),
        ("POST", "/kiosk/enroll", 4 * KIB),
        ("POST", "/signin", 4 * KIB),
    )
    rate_rules: tuple[RateRule, ...] = (
        RateRule("enroll", ("POST",), ("/kiosk/enroll",), 10, 60.0),
        RateRule("signin", ("POST",), ("/signin",), 10, 60.0),
        RateRule("tracking", ("GET", "HEAD"), ("/t/", "/tokens/"), 60, 60.0),
    )
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def demo(self) -> bool:
        return self.profile == "demo"

    def hosts(self) -> frozenset[str]:
        names = {h.lower() for h in self.allowed_hosts} | set(LOOPBACK_HOSTS)
        if self.demo:
            names.update(DEMO_HOSTS)
        return frozenset(names)

    def body_limit(self, method: str, path: str) -> int:
        for m, prefix, limit in self.body_limits:
            if method == m and path.startswith(prefix):
                return limit
        return self.default_body_limit


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` once the streamed body passes the route's limit; an
    HTTPException so that FastAPI's body parsing lets it through as a 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, detail=f"request body too large: at most {_size(limit)} for this address")


def _size(n: int) -> str:
    return f"{n // MIB} MB" if n >= MIB else f"{n // KIB} KB"


class SlidingWindow:
    """Per-(bucket, client) request times; in memory, so per worker (a limit of N per worker)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._hits: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def allow(self, bucket: str, client: str, limit: int, per_s: float) -> float:
        """0 when allowed (and counted), else seconds until the next request would be."""
        now = self._clock()
        with self._lock:
            if len(self._hits) > 100_000:  # bounded memory under a spray of addresses
                self._hits.clear()
            q = self._hits.setdefault((bucket, client), deque())
            while q and now - q[0] >= per_s:
                q.popleft()
            if len(q) >= limit:
                return per_s - (now - q[0])
            q.append(now)
            return 0.0


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _header(scope: Scope, name: bytes) -> str | None:
    for k, v in scope.get("headers", ()):
        if k == name:
            return str(v.decode("latin-1"))
    return None


def host_name(host_header: str) -> str:
    h = host_header.strip().lower()
    if h.startswith("["):  # [::1]:8311
        return h.split("]", 1)[0] + "]"
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


def wants_html(scope: Scope) -> bool:
    return "text/html" in (_header(scope, b"accept") or "")


async def refuse(
    scope: Scope, send: Send, status: int, description: str, headers: dict[str, str] | None = None
) -> None:
    """A refusal before any route ran: Open311's JSON error shape, or a short HTML page for a browser."""
    if wants_html(scope):
        from html import escape

        body = (
            '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>'
            f"{status}</title></head><body><h1>Không thực hiện được / Request refused ({status})</h1>"
            f'<p id="error">{escape(description)}</p></body></html>'
        ).encode()
        ctype = b"text/html; charset=utf-8"
    else:
        body = json.dumps([{"code": status, "description": description}], ensure_ascii=False).encode()
        ctype = b"application/json"
    raw = [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def _security_headers(path: str) -> list[tuple[bytes, bytes]]:
    out = [
        (b"content-security-policy", CSP.encode()),
        (b"x-frame-options", b"DENY"),
        (b"x-content-type-options", b"nosniff"),
        # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form
        # posts, and the Origin check could not tell our own pages from a foreign one.
        (b"referrer-policy", b"same-origin"),
        (b"cross-origin-opener-policy", b"same-origin"),
    ]
    if not path.startswith(CACHEABLE):
        out.append((b"cache-control", b"no-store"))
    return out


class Hardening:
    """The outer middleware (see the module docstring); registered last so it runs first."""

    def __init__(self, app: ASGIApp, settings: Settings, limiter: SlidingWindow | None = None) -> None:
        self.app = app
        self.settings = settings
        self.limiter = limiter or SlidingWindow()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        method: str = scope.get("method", "GET")
        extra = _security_headers(path)

        async def send_hardened(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in extra if k not in names
                ]
            await send(message)

        host = host_name(_header(scope, b"host") or "")
        if host not in self.settings.hosts():
            await refuse(
                scope,
                send_hardened,
                400,
                "unknown Host: this central does not answer to that name (add it with --allowed-host)",
            )
            return
        query = scope.get("query_string", b"").decode("latin-1")
        named = {k.lower() for k, _ in parse_qsl(query, keep_blank_values=True)}
        if named & SECRET_PARAMS:
            await refuse(
                scope,
                send_hardened,
                400,
                f"credentials in the address ({', '.join(sorted(named & SECRET_PARAMS))}) are refused: "
                "send the key in the X-Api-Key header or sign the request",
            )
            return
        for rule in self.settings.rate_rules:
            if method in rule.methods and path.startswith(rule.prefixes):
                wait = self.limiter.allow(rule.bucket, client_address(scope), rule.limit, rule.per_s)
                if wait:
                    await refuse(
                        scope,
                        send_hardened,
                        429,
                        f"too many requests ({rule.bucket}): try again in {int(wait) + 1} s",
                        {"Retry-After": str(int(wait) + 1)},
                    )
                    return
        limit = self.settings.body_limit(method, path)
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.strip().isdigit() or int(declared) > limit):
            await refuse(scope, send_hardened, 413, BodyTooLarge(limit).detail)
            return
        seen = 0

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send_hardened(message)

        try:
            await self.app(scope, counted_receive, tracking_send)
        except BodyTooLarge as e:
            # Raised where nobody turned it into an answer (e.g. a middleware reading the body).
            if not started:
                await refuse(scope, send_hardened, 413, str(e.detail))
