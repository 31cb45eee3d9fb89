"""Sign-in and sign-out pages for people (HTML, Vietnamese first, English second), and the
people audit for administrators.

``GET /signin?lang=vi|en&next=/console`` shows the form; ``POST /signin`` (form: username,
password, next) sets the session cookie (``Secure``, ``HttpOnly``, ``SameSite=Strict``) and
goes on to ``next`` (a path of this central only); wrong credentials show the form again
with a message that does not say which of the two was wrong. ``POST /signout`` ends it.
"""

from __future__ import annotations

import html
from typing import Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from central.access import Access, access, csrf_token, current_person, same_origin
from central.hardening import client_address
from central.people import audit
from central.people.accounts import check_sign_in
from central.people.sessions import ABSOLUTE, COOKIE, end_session, start_session

MODELS_MODULE = "central.people.models"
router = APIRouter(include_in_schema=False)
e = html.escape

T = {
    "title": ("Đăng nhập cán bộ", "Staff sign-in"),
    "username": ("Tên đăng nhập", "Username"),
    "password": ("Mật khẩu", "Password"),
    "submit": ("Đăng nhập", "Sign in"),
    "bad": (
        "Tên đăng nhập hoặc mật khẩu không đúng. Xin nhập lại.",
        "The username or password is not right. Please try again.",
    ),
    "locked": (
        "Tài khoản tạm khóa do nhập sai nhiều lần. Xin thử lại sau {minutes} phút hoặc nhờ quản trị viên mở khóa.",
        "This account is locked after too many wrong attempts. Try again in {minutes} minutes or ask an administrator.",
    ),
    "disabled": (
        "Tài khoản đã bị vô hiệu hóa. Xin liên hệ quản trị viên.",
        "This account is disabled. Please contact an administrator.",
    ),
    "origin": (
        "Yêu cầu không đến từ trang đăng nhập của máy chủ này. Xin mở lại trang đăng nhập.",
        "The request did not come from this central's sign-in page. Please open the sign-in page again.",
    ),
    "other_lang": ("English", "Tiếng Việt"),
    "signed_out": ("Đã đăng xuất.", "You are signed out."),
}


def _t(key: str, lang: str, **kw: Any) -> str:
    vi, en = T[key]
    return (vi if lang == "vi" else en).format(**kw)


def _safe_next(value: str) -> str:
    # Only a path on this central: never "//evil.example" or "https://…" (open redirect).
    if not value.startswith("/") or value.startswith("//") or "\\" in value or len(value) > 500:
        return "/console"
    return value


def signin_page(
    lang: str, next_path: str, message: str = "", status: int = 200, note: str = ""
) -> HTMLResponse:
    other = "en" if lang == "vi" else "vi"
    err = f'<p class="err" id="error" role="alert">{e(message)}</p>' if message else ""
    if note:
        err += f'<p id="note" role="status">{e(note)}</p>'
    body = f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>{e(_t("title", lang))}</title>
<style>body{{font-family:system-ui,"Noto Sans",sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem}}
label{{display:block;margin:.8rem 0 .2rem}} input{{font-size:1.1rem;width:100%;padding:.4rem}}
button{{margin-top:1rem;font-size:1.1rem;padding:.5rem 1.5rem}} .err{{background:#fde;padding:.5rem;border:1px solid #c00}}</style>
</head><body><h1>{e(_t("title", lang))}</h1>
<p><a id="lang" href="/signin?lang={other}&amp;next={e(next_path)}">{e(_t("other_lang", lang))}</a></p>{err}
<form method="post" action="/signin?lang={lang}" id="signin">
<input type="hidden" name="next" value="{e(next_path)}">
<label for="username">{e(_t("username", lang))}</label>
<input id="username" name="username" autocomplete="username" required maxlength="64" autofocus>
<label for="password">{e(_t("password", lang))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
<button id="submit" type="submit">{e(_t("submit", lang))}</button>
</form></body></html>"""
    return HTMLResponse(body, status_code=status)


@router.get("/signin", response_class=HTMLResponse, openapi_extra=access(Access.PUBLIC))
def signin_form(
    lang: str = Query("vi", pattern="^(vi|en)$"),
    next: str = Query("/console", max_length=500),
    signed_out: int = Query(0, ge=0, le=1),
) -> HTMLResponse:
    return signin_page(lang, _safe_next(next), note=_t("signed_out", lang) if signed_out else "")


@router.post("/signin", response_model=None, openapi_extra=access(Access.PUBLIC))
async def signin(
    request: Request,
    lang: str = Query("vi", pattern="^(vi|en)$"),
    username: str = Form(..., max_length=64),
    password: str = Form(..., max_length=256),
    next: str = Form("/console", max_length=500),
) -> Response:
    state = request.app.state.sandbox
    client = client_address(request.scope)
    next_path = _safe_next(next)
    if not same_origin(request.scope):
        # Login CSRF: a foreign page must not sign a browser in to someone else's account.
        return signin_page(lang, next_path, _t("origin", lang), 403)
    result = await run_in_threadpool(check_sign_in, state.db, username.strip().lower(), password)
    if result.person is None:
        await run_in_threadpool(
            audit.record,
            state.db,
            username=username.strip().lower()[:64],
            action="signin",
            client=client,
            outcome=f"refused:{result.reason}",
        )
        if result.reason == "locked" and result.locked_until is not None:
            from datetime import UTC, datetime

            left = (result.locked_until - datetime.now(UTC).replace(tzinfo=None)).total_seconds()
            return signin_page(lang, next_path, _t("locked", lang, minutes=max(1, int(left // 60) + 1)), 423)
        if result.reason == "disabled":
            return signin_page(lang, next_path, _t("disabled", lang), 403)
        return signin_page(lang, next_path, _t("bad", lang), 401)
    token, _csrf = await run_in_threadpool(start_session, state.db, result.person.username, client)
    await run_in_threadpool(
        audit.record, state.db, username=result.person.username, action="signin", client=client, outcome="ok"
    )
    if next_path.startswith("/console") and not result.person.may("officer"):
        next_path = "/fleet"  # a technician has no dossiers to see
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(ABSOLUTE.total_seconds()),
        path="/",
        secure=True,
        httponly=True,
        samesite="strict",
    )
    return response


@router.post("/signout", response_model=None, openapi_extra=access(Access.PERSON))
def signout(request: Request) -> Response:
    signed = request.scope["state"]["person"]
    end_session(request.app.state.sandbox.db, signed.token_sha256)
    response = RedirectResponse("/signin?signed_out=1", status_code=303)
    response.delete_cookie(COOKIE, path="/", secure=True, httponly=True, samesite="strict")
    return response


@router.get("/people/me.json", openapi_extra=access(Access.PERSON))
def me(request: Request) -> dict[str, Any]:
    """Who is signed in, and the CSRF token programs send back as ``X-CSRF-Token``."""
    person = current_person(request)
    return {
        "username": person.username,
        "name": person.name,
        "role": person.role,
        "agencies": list(person.agencies),
        "csrf": csrf_token(request),
    }


@router.get("/people/audit.json", openapi_extra=access(Access.ADMIN))
def people_audit(
    request: Request,
    limit: int = Query(200, ge=1, le=1000),
    username: str | None = Query(None, max_length=64),
) -> dict[str, Any]:
    return {"events": audit.recent(request.app.state.sandbox.db, limit, username)}


def signout_form(request: Request) -> str:
    """The sign-out button every staff page carries (with the session's CSRF token)."""
    return (
        '<form method="post" action="/signout" class="inline" id="signout">'
        f'<input type="hidden" name="csrf" value="{e(csrf_token(request))}">'
        "<button>Đăng xuất / Sign out</button></form>"
    )
