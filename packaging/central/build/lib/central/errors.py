"""Every error the sandbox answers, in GeoReport v2's shape: ``[{"code": …, "description": …}]``.

Validation failures name the field and what to send instead; unexpected failures say only
that something went wrong and give a reference (details go to the log, never to the client).
"""

from __future__ import annotations

import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kiosk.logs import get_logger

log = get_logger(__name__)


class Open311Problem(Exception):
    """Raise from a route to answer ``status`` with one or more Open311 error entries."""

    def __init__(self, status: int, *descriptions: str, headers: dict[str, str] | None = None):
        super().__init__("; ".join(descriptions))
        self.status = status
        self.descriptions = descriptions or ("error",)
        self.headers = headers


def error_response(status: int, *descriptions: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        [{"code": status, "description": d} for d in descriptions], status_code=status, headers=headers
    )


def _field(loc: tuple) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form")]
    return ".".join(parts) or "request"


def install(app: FastAPI) -> None:
    @app.exception_handler(Open311Problem)
    async def _problem(request: Request, exc: Open311Problem) -> JSONResponse:
        # Descriptions name fields and rules, never the values sent: safe to log.
        log.info("sandbox_refused", path=request.url.path, status=exc.status, reasons=list(exc.descriptions))
        return error_response(exc.status, *exc.descriptions, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else "request refused"
        return error_response(exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        descriptions = [f"{_field(tuple(e.get('loc', ())))}: {e.get('msg', 'invalid')}" for e in exc.errors()]
        return error_response(400, *(descriptions or ["invalid request"]))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        ref = uuid.uuid4().hex[:8].upper()
        log.error(
            "sandbox_unexpected", ref=ref, path=request.url.path, error=exc.__class__.__name__, exc_info=exc
        )
        return error_response(500, f"internal error, reference {ref}")
