"""Open311 GeoReport v2 client with the one-stop-shop extensions.

One bounded session per client (:class:`common.transport.BoundedSession`: https only,
connect and read timeouts, a total deadline and a byte cap on every call, streamed), and all
HTTP through :meth:`CentralClient._call` (the one seam, as in FixMyStreet's Open311.pm).
A call past its deadline or over the cap is not retried: it already took its whole budget.
Retries happen only where they are safe: GETs, and POSTs that carry an ``Idempotency-Key``
to a central that advertises idempotency. Success is only the documented status with a JSON
body of the documented shape: a captive portal's ``200 text/html`` is :class:`CentralOffline`,
never success (ODK Collect's lesson). Kiosk credentials ride on every call through a
``requests.auth.AuthBase`` (an API key today; RFC 9421 signatures plug in the same way).

Not thread-safe by design: give each worker thread its own client.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote, urljoin

import requests
from requests.auth import AuthBase

from common.transport import (
    DeadlineExceeded,
    InsecureUrl,
    Limits,
    Reply,
    ResponseTooLarge,
    open_central,
)
from kiosk import tracking
from kiosk.central.errors import (
    CentralAuthError,
    CentralDeadline,
    CentralError,
    CentralInsecureUrl,
    CentralNotFound,
    CentralOffline,
    CentralRejected,
    CentralServerError,
    CentralTooLarge,
    ExtensionUnavailable,
    IdempotencyConflict,
    Open311Error,
)
from kiosk.central.models import (
    Agency,
    CatalogFetch,
    Discovery,
    Service,
    ServiceDefinition,
    ServiceRequest,
    SubmitResult,
)
from kiosk.central.protocol import DEFAULT_PATHS, EXTENSION
from kiosk.logs import get_logger
from kiosk.submission import Submission

log = get_logger(__name__)


AttachmentReader = Callable[[str], bytes]  # sha256 hex -> the attachment's bytes


class ApiKeyAuth(AuthBase):
    """Kiosk credentials as an API key header (and the kiosk's ID, for the central's logs)."""

    def __init__(self, api_key: str, kiosk_id: str | None = None):
        self.api_key = api_key
        self.kiosk_id = kiosk_id

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        r.headers["X-Api-Key"] = self.api_key
        if self.kiosk_id:
            r.headers["X-Kiosk-Id"] = self.kiosk_id
        return r


@dataclass(frozen=True)
class _Answer:
    status: int
    body: Any
    headers: Mapping[str, str]


class CentralClient:
    """Talks to one central. ``base_url`` is the Open311 endpoint (e.g. ``https://c.example/open311/v2/``).

    ``auth`` signs or labels every request; ``retries`` is how many extra attempts a safe
    call gets (with a short back-off) before the error reaches the caller, who owns the
    long-term retry schedule (the outbox). ``call_deadline_s`` bounds each call as a whole and
    ``max_response_bytes`` each answer; ``ca_bundle`` is the PEM file of the CAs trusted for
    the central's certificate (None: the system's). A URL that is neither https nor http to
    loopback is refused here (:class:`CentralInsecureUrl`), before any call.
    """

    def __init__(
        self,
        base_url: str,
        *,
        auth: AuthBase | None = None,
        connect_timeout: float = 3.0,
        read_timeout: float = 15.0,
        retries: int = 1,
        backoff_s: float = 0.2,
        session: requests.Session | None = None,
        user_agent: str = "onestop-kiosk",
        call_deadline_s: float = 30.0,
        max_response_bytes: int = 16 * 1024 * 1024,
        ca_bundle: str | None = None,
    ):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.limits = Limits(connect_timeout, read_timeout, call_deadline_s, max_response_bytes)
        self.retries = max(0, retries)
        self.backoff_s = backoff_s
        self.http = open_central(
            base_url,
            self.limits,
            CentralInsecureUrl,
            auth=auth,
            ca_bundle=ca_bundle,
            session=session,
            headers={"User-Agent": user_agent, "Accept": "application/json"},
        )
        self.session = self.http.session  # the wrapped requests.Session (auth, headers)
        self._discovery: Discovery | None = None

    # ---- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ---- discovery -------------------------------------------------------------------

    def discovery(self, *, refresh: bool = False) -> Discovery:
        """The central's discovery document. A plain Open311 server without one gets an empty
        Discovery (no extensions), so plain services still work."""
        if self._discovery is not None and not refresh:
            return self._discovery
        answer = self._call("GET", "discovery.json", expect=(200, 404))
        if answer.status == 404:  # a plain Open311 server: standard calls only
            self._discovery = Discovery()
            return self._discovery
        body = answer.body
        if not isinstance(body, Mapping):
            raise CentralOffline("discovery: not a JSON object")
        ext = body.get(EXTENSION) or {}
        att = ext.get("attachments") or {}
        self._discovery = Discovery(
            changeset=str(body.get("changeset") or ""),
            contact=str(body.get("contact") or ""),
            endpoints=tuple(e for e in body.get("endpoints") or () if isinstance(e, Mapping)),
            extensions=frozenset(str(f) for f in ext.get("features") or ()),
            extension_version=int(ext.get("version") or 0),
            extension_paths={
                **DEFAULT_PATHS,
                **{str(k): str(v) for k, v in (ext.get("paths") or {}).items()},
            },
            central_public_key=str(ext.get("central_public_key") or ""),
            max_attachment_bytes=int(att.get("max_bytes") or 0),
            attachment_types=tuple(str(t) for t in att.get("types") or ()),
        )
        return self._discovery

    def _ext_path(self, feature: str, path_key: str, **values: str) -> str:
        d = self.discovery()
        if not d.has(feature):
            raise ExtensionUnavailable(f"the central does not offer '{feature}'")
        template = d.extension_paths.get(path_key, DEFAULT_PATHS[path_key])
        return template.format(**{k: quote(v, safe="") for k, v in values.items()})

    # ---- Open311 GeoReport v2 --------------------------------------------------------

    def services(self) -> list[Service]:
        body = self._call("GET", "services.json", expect=(200,)).body
        return [Service.from_json(s) for s in _list_of_objects(body, "services")]

    def service_definition(self, service_code: str) -> ServiceDefinition:
        body = self._call("GET", f"services/{quote(service_code, safe='')}.json", expect=(200,)).body
        if not isinstance(body, Mapping) or "service_code" not in body:
            raise CentralOffline("service definition: unexpected answer")
        return ServiceDefinition.from_json(body)

    def submit(self, submission: Submission, read_attachment: AttachmentReader | None = None) -> SubmitResult:
        """``POST requests`` for one dossier, attachments included (multipart).

        The submission's tracking code is the ``Idempotency-Key``: sending the same dossier
        again (after a timeout, a crash, a dropped connection) returns the first answer.
        ``read_attachment(sha256)`` supplies each attachment's bytes from the kiosk's store.
        """
        d = self.discovery()
        if submission.needs_completion and d.extension_version == 0:
            # A plain Open311 server would take it as complete (or refuse its gaps).
            raise ExtensionUnavailable("the central does not take hand-overs to the counter")
        fields = self._submission_fields(submission, extended=d.extension_version > 0)
        files: list[tuple[str, tuple[str, bytes, str]]] = []
        if submission.attachments:
            if not d.has("attachments"):
                raise ExtensionUnavailable("the central does not accept attachments")
            if read_attachment is None:
                raise ValueError("submission has attachments but no read_attachment was given")
            for a in submission.attachments:
                files.append(("x_attachment", (a.name, read_attachment(a.sha256), a.mime)))
        headers = {"Idempotency-Key": submission.idempotency_key}
        # Without server-side idempotency a repeated POST could create a second dossier.
        safe = d.has("idempotency")
        answer = self._call(
            "POST",
            "requests.json",
            data=fields,
            files=files or None,
            headers=headers,
            expect=(200, 201),
            safe=safe,
        )
        item = _first_object(answer.body, "requests")
        request_id = item.get("service_request_id")
        token = item.get("token")
        if request_id is None and token is None:
            raise CentralOffline("POST requests: neither service_request_id nor token in the answer")
        result = SubmitResult(
            service_request_id=str(request_id) if request_id is not None else None,
            token=str(token) if token is not None else None,
            service_notice=str(item.get("service_notice") or ""),
            account_id=item.get("account_id"),
            replayed=answer.headers.get("Idempotent-Replayed", "").lower() == "true",
            tracking_code=item.get("x_tracking_code"),
            expected_datetime=_dt(item.get("x_expected_datetime")),
        )
        log.info(
            "central_submitted",
            procedure=submission.procedure_code,
            tracking=submission.tracking_code,
            pending=result.pending,
            replayed=result.replayed,
            attachments=len(files),
        )
        return result

    def post_monitoring_events(self, batch: Mapping[str, Any], idempotency_key: str) -> int:
        """``POST monitoring/v1/events.json``: one batch of anonymous journey events (no personal
        data; see kiosk/monitoring/schema.py). The key makes a resend store nothing twice.
        Returns how many events the central holds from this batch."""
        answer = self._call(
            "POST",
            "monitoring/v1/events.json",
            data=json.dumps(batch, separators=(",", ":")),
            headers={"Idempotency-Key": idempotency_key, "Content-Type": "application/json"},
            expect=(200, 201),
            safe=True,
        )
        body = answer.body
        if not isinstance(body, Mapping) or not isinstance(body.get("accepted"), int):
            raise CentralOffline("POST monitoring events: unexpected answer")
        return int(body["accepted"])

    def request_id_for_token(self, token: str) -> str | None:
        """``GET tokens/{token}``: the request ID once the central has one, else None (ask later)."""
        body = self._call("GET", f"tokens/{quote(token, safe='')}.json", expect=(200,)).body
        for item in _list_of_objects(body, "tokens"):
            if item.get("service_request_id"):
                return str(item["service_request_id"])
        return None

    def get_request(self, service_request_id: str) -> ServiceRequest:
        body = self._call("GET", f"requests/{quote(service_request_id, safe='')}.json", expect=(200,)).body
        items = _list_of_objects(body, "requests")
        if not items:
            raise CentralNotFound(f"request {service_request_id} not found")
        return ServiceRequest.from_json(items[0])

    def find_requests(
        self,
        *,
        service_request_ids: Iterable[str] = (),
        service_code: str | None = None,
        status: str | None = None,
        start_date: datetime | None = None,
        end_date: datetime | None = None,
    ) -> list[ServiceRequest]:
        params: dict[str, str] = {}
        ids = list(service_request_ids)
        if ids:
            params["service_request_id"] = ",".join(ids)
        if service_code:
            params["service_code"] = service_code
        if status:
            params["status"] = status
        if start_date:
            params["start_date"] = start_date.isoformat()
        if end_date:
            params["end_date"] = end_date.isoformat()
        body = self._call("GET", "requests.json", params=params, expect=(200,)).body
        return [ServiceRequest.from_json(r) for r in _list_of_objects(body, "requests")]

    # ---- extensions ------------------------------------------------------------------

    def track(self, tracking_code: str) -> ServiceRequest:
        """Status, history, agency and appointment of a dossier by its receipt's tracking code.

        A mistyped code (bad check symbol) is refused here, without a network call.
        """
        code = tracking.normalize(tracking_code)
        if code is None or not tracking.is_valid(code):
            raise CentralRejected(
                "not a valid tracking code",
                code="central.bad_tracking_code",
                reasons=(Open311Error(400, "tracking code fails its check symbol"),),
            )
        path = self._ext_path("tracking", "track", code=code)
        body = self._call("GET", path, expect=(200,)).body
        if not isinstance(body, Mapping) or "service_request_id" not in body:
            raise CentralOffline("track: unexpected answer")
        return ServiceRequest.from_json(body)

    def procedure(self, service_code: str) -> Mapping[str, Any]:
        """Procedure metadata (CPSV-AP field names) for one service, as the central has it."""
        path = self._ext_path("procedures", "procedure", code=service_code)
        body = self._call("GET", path, expect=(200,)).body
        if not isinstance(body, Mapping):
            raise CentralOffline("procedure: unexpected answer")
        return body

    def fetch_catalog(self, etag: str | None = None) -> CatalogFetch:
        """The whole catalog (procedures, agencies) with a conditional GET on ``etag``.

        ``not_modified`` when the kiosk's cached copy is current; otherwise new JSON and its
        ETag for the offline store to keep.
        """
        path = self._ext_path("catalog", "catalog")
        headers = {"If-None-Match": etag} if etag else None
        answer = self._call("GET", path, headers=headers, expect=(200, 304))
        if answer.status == 304:
            return CatalogFetch(not_modified=True, etag=etag)
        if not isinstance(answer.body, Mapping) or "procedures" not in answer.body:
            raise CentralOffline("catalog: unexpected answer")
        return CatalogFetch(not_modified=False, etag=answer.headers.get("ETag"), data=answer.body)

    def agencies(self) -> list[Agency]:
        body = self._call("GET", self._ext_path("agencies", "agencies"), expect=(200,)).body
        return [Agency.from_json(a) for a in _list_of_objects(body, "agencies")]

    # ---- plumbing --------------------------------------------------------------------

    def _submission_fields(self, s: Submission, *, extended: bool) -> list[tuple[str, str]]:
        fields: list[tuple[str, str]] = [("service_code", s.procedure_code), ("device_id", s.kiosk_id)]
        api_key = getattr(self.session.auth, "api_key", None)
        if api_key:
            fields.append(("api_key", api_key))  # GeoReport v2 puts the key in the POST body
        family, _, given = s.applicant.full_name.strip().partition(" ")
        # Vietnamese names are family name first; Open311 has first/last only.
        fields += [("last_name", family), ("first_name", given or family)]
        if s.applicant.phone:
            fields.append(("phone", s.applicant.phone))
        if s.applicant.email:
            fields.append(("email", s.applicant.email))
        if s.description:
            fields.append(("description", s.description))
        for code, value in s.attributes.items():
            if isinstance(value, tuple):
                fields += [(f"attribute[{code}][]", v) for v in value]
            else:
                fields.append((f"attribute[{code}]", value))
        if extended:
            fields += [
                ("x_tracking_code", s.tracking_code),
                ("x_applicant", json.dumps(s.applicant.to_dict(), ensure_ascii=False, sort_keys=True)),
                ("x_channel", s.channel.value),
                ("x_created_at", s.to_dict()["created_at"]),
                ("x_language", s.language),
                ("x_attachments", json.dumps([a.to_dict() for a in s.attachments], sort_keys=True)),
                ("x_control_changes", json.dumps([c.to_dict() for c in s.control_changes], sort_keys=True)),
            ]
            if s.officer_id:
                fields.append(("x_officer_id", s.officer_id))
            if s.agency_code:
                fields.append(("x_agency_code", s.agency_code))
            if s.needs_completion:
                fields.append(("x_needs_completion", "true"))
        return fields

    def _call(
        self,
        method: str,
        path: str,
        *,
        expect: tuple[int, ...],
        params: Mapping[str, str] | None = None,
        data: Any = None,
        files: Any = None,
        headers: Mapping[str, str] | None = None,
        safe: bool | None = None,
    ) -> _Answer:
        url = urljoin(self.base_url, path)
        attempts = 1 + (self.retries if (method == "GET" if safe is None else safe) else 0)
        last: CentralError | None = None
        for attempt in range(attempts):
            if attempt:
                time.sleep(self.backoff_s * (2 ** (attempt - 1)))
            try:
                r = self.http.request(method, url, params=params, data=data, files=files, headers=headers)
            except DeadlineExceeded as e:
                log.warning("central_deadline", method=method, path=path, deadline_s=self.limits.deadline_s)
                raise CentralDeadline(str(e), deadline_s=f"{self.limits.deadline_s:g}") from None
            except ResponseTooLarge as e:
                log.warning("central_too_large", method=method, path=path, cap=self.limits.max_response_bytes)
                raise CentralTooLarge(str(e)) from None
            except InsecureUrl as e:
                raise CentralInsecureUrl(f"{method} {path}: {e}") from None
            except requests.Timeout as e:
                last = CentralOffline(f"{method} {path}: timed out ({e.__class__.__name__})")
            except requests.RequestException as e:
                last = CentralOffline(f"{method} {path}: {e.__class__.__name__}")
            else:
                try:
                    return self._interpret(r, method, path, expect)
                except (CentralOffline, CentralServerError) as e:
                    last = e
            log.info("central_retryable", method=method, path=path, attempt=attempt + 1, error=last.code)
        assert last is not None
        raise last

    @staticmethod
    def _interpret(r: Reply, method: str, path: str, expect: tuple[int, ...]) -> _Answer:
        where = f"{method} {path}"
        ctype = r.content_type
        if r.status in expect:
            if r.status in (304, 404):  # only when the caller said "absent is an answer"
                return _Answer(r.status, None, r.headers)
            if ctype != "application/json":
                # A captive portal or proxy page: the central never saw the request.
                raise CentralOffline(f"{where}: answered {r.status} {ctype or 'without a type'}, not JSON")
            try:
                return _Answer(r.status, r.json(), r.headers)
            except ValueError as e:  # TooDeep included: a 100 000-deep answer is not the central's
                raise CentralOffline(f"{where}: answered invalid JSON ({e})") from None
        reasons = _open311_errors(r) if ctype == "application/json" else ()
        detail = f"{where}: {r.status}"
        if r.status in (401, 403):
            raise CentralAuthError(detail)
        if r.status == 404 and reasons:
            raise CentralNotFound(detail, reasons=reasons, status=404)
        if r.status == 409 and reasons:
            raise IdempotencyConflict(detail, reasons=reasons, status=409)
        if r.status == 429 or r.status >= 500:
            raise CentralServerError(detail, status=r.status, retry_after_s=_retry_after(r))
        if 400 <= r.status < 500 and reasons:
            raise CentralRejected(detail, reasons=reasons, status=r.status)
        # Anything else (3xx to a login page, 404 without an Open311 body, an undocumented
        # 2xx) means we are not talking to the central.
        raise CentralOffline(f"{detail} (not a documented answer)")


def _retry_after(r: Reply) -> float | None:
    # Only the delta-seconds form; an HTTP-date Retry-After is rare from APIs and ignored.
    value = r.headers.get("Retry-After", "").strip()
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _open311_errors(r: Reply) -> tuple[Open311Error, ...]:
    try:
        body = r.json()
    except ValueError:
        return ()
    if isinstance(body, Mapping):  # some servers wrap the list
        body = body.get("errors") or [body]
    if not isinstance(body, list):
        return ()
    out = []
    for e in body:
        if isinstance(e, Mapping) and "description" in e:
            out.append(Open311Error(code=e.get("code", r.status), description=str(e["description"])))
    return tuple(out)


def _list_of_objects(body: Any, what: str) -> list[Mapping[str, Any]]:
    if isinstance(body, Mapping) and isinstance(body.get(what), list):
        body = body[what]  # the XML-to-JSON wrapped form some servers send
    if not isinstance(body, list) or not all(isinstance(x, Mapping) for x in body):
        raise CentralOffline(f"{what}: expected a JSON list of objects")
    return body


def _first_object(body: Any, what: str) -> Mapping[str, Any]:
    if isinstance(body, Mapping):
        return body
    items = _list_of_objects(body, what)
    if not items:
        raise CentralOffline(f"{what}: empty answer")
    return items[0]


def _dt(value: Any) -> datetime | None:
    from kiosk.central.models import parse_datetime

    return parse_datetime(value)
