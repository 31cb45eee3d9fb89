"""Who may call a route: every route of the central declares it, and nothing else decides.

A route says its rule with ``openapi_extra=access(Access.OFFICER)`` (or any other level);
the rule is carried in the OpenAPI operation as ``x-access`` so that tests and reviewers read
it from the app itself. Enforcement reads the same declaration (one place decides who is
calling); a route without a declaration is refused (default deny), and a test lists every
route from the app so that a new route without a rule fails.

Enforcement has two halves, both here:

* :class:`AccessGate`, ASGI middleware that runs **before the body is read**: it finds the
  route, refuses undeclared routes, checks a person's session cookie and role (and the
  Origin of a state change), checks a kiosk's API key, or at least that a kiosk request
  carries a signature; and audits every request a person makes, with its outcome.
* :func:`enforce`, an app-wide FastAPI dependency that runs after the body is read: it
  verifies kiosk signatures (they cover the body) and the CSRF token of a person's state
  change (it may be a form field).
"""

from __future__ import annotations

import re
import secrets
from enum import StrEnum
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import HTTPException, Request
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.concurrency import run_in_threadpool
from starlette.routing import Match

from central.hardening import ASGIApp, Message, Receive, Scope, Send, client_address, refuse, wants_html


class Access(StrEnum):
    PUBLIC = "public"  # anyone: the Open311 discovery, public tracking by code, published figures
    KIOSK = "kiosk"  # an enrolled kiosk's RFC 9421 signature (or the demo profile's site key)
    PERSON = "person"  # any signed-in person (sign-out, own account)
    OFFICER = "officer"  # a signed-in officer of the dossier's agency (console)
    SUPERVISOR = "supervisor"  # a signed-in supervisor (unlocks, agency figures)
    TECHNICIAN = "technician"  # a signed-in technician (fleet pages)
    ADMIN = "admin"  # a signed-in administrator (signed configs, fleet commands, accounts)


ACCESS_KEY = "x-access"
PEOPLE_LEVELS = frozenset({Access.PERSON, Access.OFFICER, Access.SUPERVISOR, Access.TECHNICIAN, Access.ADMIN})
# Routes the framework adds itself (not APIRoutes): the published schema is public.
FRAMEWORK_ROUTES: dict[str, Access] = {"/openapi.json": Access.PUBLIC}
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf"


def access(level: Access) -> dict[str, Any]:
    """``openapi_extra`` for a route: ``@router.get(path, openapi_extra=access(Access.PUBLIC))``."""
    return {ACCESS_KEY: level.value}


def declared_level(route: Any) -> Access | None:
    """The rule a route declares, or None (refused: default deny)."""
    if isinstance(route, APIRoute):
        value = (route.openapi_extra or {}).get(ACCESS_KEY)
        return Access(value) if isinstance(value, str) and value in Access._value2member_map_ else None
    return FRAMEWORK_ROUTES.get(getattr(route, "path", ""))


def app_routes(app: Any) -> list[Any]:
    """Every route of the app, flattened (FastAPI keeps included routers as branches)."""
    return [rc.original_route for rc in iter_route_contexts(app.router.routes)]


def find_route(app: Any, scope: Scope) -> Any | None:
    """The route that will answer this request (None: 404/405, the router's own answer)."""
    for rc in iter_route_contexts(app.router.routes):
        match, _child = rc.matches(scope)
        if match == Match.FULL:
            return rc.original_route
    return None


def session_cookie(scope: Scope) -> str:
    from central.people.sessions import COOKIE

    raw = ""
    for k, v in scope.get("headers", ()):
        if k == b"cookie":
            raw += v.decode("latin-1") + ";"
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # noqa: BLE001 - a garbled cookie header is no session, not an error
        return ""
    morsel = jar.get(COOKIE)
    return morsel.value if morsel else ""


def _header(scope: Scope, name: bytes) -> str | None:
    for k, v in scope.get("headers", ()):
        if k == name:
            return str(v.decode("latin-1"))
    return None


def same_origin(scope: Scope) -> bool:
    """A state change must come from a page of this central: Origin (or Referer) names this host."""
    host = (_header(scope, b"host") or "").lower()
    origin = _header(scope, b"origin")
    if origin is not None:
        return origin != "null" and urlsplit(origin).netloc.lower() == host
    referer = _header(scope, b"referer")
    if referer is not None:
        return urlsplit(referer).netloc.lower() == host
    # No Origin nor Referer: not a browser's cross-site post (browsers send Origin on those);
    # Fetch metadata, when present, must agree. The CSRF token is still required.
    return (_header(scope, b"sec-fetch-site") or "same-origin") in ("same-origin", "none")


KEYID = re.compile(r'keyid="([^"]{1,64})"')


def _active_kiosk(state: Any, kiosk_id: str) -> bool:
    from central.fleet_models import FleetKiosk

    with state.db() as s:
        k = s.get(FleetKiosk, kiosk_id)
        return k is not None and k.status == "active"


class AccessGate:
    """Refuse what the route's declaration does not allow, before the body is read."""

    def __init__(self, app: ASGIApp, fastapi_app: Any) -> None:
        self.app = app
        self.fastapi_app = fastapi_app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = find_route(self.fastapi_app, scope)
        if route is None:
            await self.app(scope, receive, send)
            return
        level = declared_level(route)
        if level is None:
            await refuse(scope, send, 403, "this address declares no access rule, so nobody may call it")
            return
        if level == Access.PUBLIC:
            await self.app(scope, receive, send)
            return
        if level == Access.KIOSK:
            if not await self._kiosk(scope, send):
                return
            await self.app(scope, receive, send)
            return
        await self._person(scope, receive, send, level, route)

    async def _kiosk(self, scope: Scope, send: Send) -> bool:
        from central.kiosk_auth import api_key_identity

        sig_input = _header(scope, b"signature-input")
        if sig_input is not None or _header(scope, b"signature") is not None:
            # Verified with the body by `enforce` (the signature covers its digest); but a key
            # that is no enrolled kiosk's is refused now, before a byte of the body is read.
            found = KEYID.search(sig_input or "")
            state = self.fastapi_app.state.sandbox
            if found is None or not await run_in_threadpool(_active_kiosk, state, found.group(1)):
                await refuse(
                    scope,
                    send,
                    401,
                    "signature.unknown_key: the signing key is not an enrolled kiosk's key",
                    {"WWW-Authenticate": 'Signature realm="kiosk"'},
                )
                return False
            return True
        key = _header(scope, b"x-api-key")
        if not key:
            await refuse(
                scope,
                send,
                401,
                # The reason first, "<reason>: <plain words>", as the signature check answers.
                "signature.unsigned: kiosk credentials missing: an enrolled kiosk signs its requests "
                "(RFC 9421); the demo profile also accepts its site key in the X-Api-Key header",
                {"WWW-Authenticate": 'Signature realm="kiosk"'},
            )
            return False
        state = self.fastapi_app.state.sandbox
        claimed = (_header(scope, b"x-kiosk-id") or "").strip()[:64]
        try:
            who = await run_in_threadpool(api_key_identity, state, key, claimed)
        except HTTPException as e:
            await refuse(scope, send, e.status_code, str(e.detail))
            return False
        scope.setdefault("state", {})["kiosk"] = who
        return True

    async def _person(self, scope: Scope, receive: Receive, send: Send, level: Access, route: Any) -> None:
        from central.people import audit
        from central.people.sessions import session_for

        state = self.fastapi_app.state.sandbox
        client = client_address(scope)
        method = scope.get("method", "GET")
        signed = await run_in_threadpool(session_for, state.db, session_cookie(scope))
        if signed is None:
            if method in ("GET", "HEAD") and wants_html(scope):
                target = scope.get("path", "/")
                if scope.get("query_string"):
                    target += "?" + scope["query_string"].decode("latin-1")
                location = "/signin?next=" + quote(target, safe="")
                await send(
                    {
                        "type": "http.response.start",
                        "status": 303,
                        "headers": [(b"location", location.encode()), (b"content-length", b"0")],
                    }
                )
                await send({"type": "http.response.body", "body": b""})
                return
            await refuse(scope, send, 401, "sign in first: this page is for staff of the central (/signin)")
            return
        action = f"{method} {getattr(route, 'path', '')}"
        target = scope.get("path", "")
        who = signed.person.username

        async def audited(outcome: str) -> None:
            await run_in_threadpool(
                audit.record,
                state.db,
                username=who,
                action=action,
                target=target,
                client=client,
                outcome=outcome,
            )

        if not signed.person.may(level):
            await audited("403 role")
            await refuse(
                scope, send, 403, f"your role ({signed.person.role}) may not do this: it needs {level.value}"
            )
            return
        if method in UNSAFE and not same_origin(scope):
            await audited("403 origin")
            await refuse(scope, send, 403, "cross-origin request refused: use the central's own pages")
            return
        scope.setdefault("state", {})["person"] = signed
        status = 500

        async def watching_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        finally:
            # Every request of a signed-in person, with how it ended: who, what, when, from where.
            await audited(str(status))


async def enforce(request: Request) -> None:
    """App-wide dependency, after the body is read: kiosk signatures and CSRF tokens."""
    route = request.scope.get("route")
    level = declared_level(route) if route is not None else None
    if level == Access.KIOSK:
        from central.kiosk_auth import kiosk_identity

        await kiosk_identity(request)
    elif level in PEOPLE_LEVELS and request.method in UNSAFE:
        signed = request.scope.get("state", {}).get("person")
        if signed is None:  # the gate sets it; without the gate nobody passes
            raise HTTPException(401, detail="sign in first")
        sent = request.headers.get(CSRF_HEADER)
        if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            value = (await request.form()).get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
        if not sent or not secrets.compare_digest(sent, signed.csrf):
            raise HTTPException(
                403,
                detail="csrf: the page is out of date or the request did not come from it; reload the page",
            )


def current_person(request: Request) -> Any:
    """The signed-in person (``central.people.accounts.Person``) of a people route."""
    signed = request.scope.get("state", {}).get("person")
    if signed is None:
        raise HTTPException(401, detail="sign in first")
    return signed.person


def csrf_token(request: Request) -> str:
    signed = request.scope.get("state", {}).get("person")
    return str(signed.csrf) if signed is not None else ""
