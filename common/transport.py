"""Every HTTP call from the kiosk to its central: https only, a total deadline, a byte cap.

``requests`` bounds each socket operation (connect, one read), not a call: a server that
trickles one byte a second keeps a call alive for ever, and ``Response.content`` reads
whatever size is sent. :class:`BoundedSession` adds the two missing bounds:

* **a deadline per call**, headers and body included: a watchdog timer shuts the call's
  socket down when the deadline passes, which wakes the blocked read at once, and the call
  fails with :class:`DeadlineExceeded`. (Shrinking the socket timeout instead cannot cover TLS
  reads or header lines, and a thread cannot be interrupted otherwise.)
* **a byte cap on every answer**, streamed: a declared ``Content-Length`` over the cap is
  refused before reading; otherwise the body is read in chunks and counted, and the call fails
  with :class:`ResponseTooLarge` once the count passes the cap, so memory stays bounded by the
  cap. The kiosk asks for ``Accept-Encoding: identity`` and refuses an encoded answer, so the
  count is the size in memory (no decompression bomb).

URLs are checked with :func:`check_central_url`: ``https`` to the central, plain ``http``
only to a loopback address (the demo profile's sandbox, the tests). Redirects are never
followed (a redirect is not the central's answer, and could lead to plain http).

In ``common`` so that the provisioning link, the Open311 client and the staff client share
it (it imports only ``requests``, ``urllib3`` and ``common``).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from common.limits import MAX_DEPTH, loads_json
from common.urls import InsecureUrl, check_central_url

__all__ = ["InsecureUrl", "check_central_url"]  # re-exported: callers catch them from here

CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """The bounds of one call. ``deadline_s`` covers everything from connect to the last byte."""

    connect_timeout_s: float = 3.0
    read_timeout_s: float = 15.0
    deadline_s: float = 30.0
    max_response_bytes: int = 8 * 1024 * 1024


class TransportError(Exception):
    """A call that did not produce an answer within its bounds (``kind`` says which bound)."""

    kind = "transport"


class DeadlineExceeded(TransportError):
    kind = "deadline"


class ResponseTooLarge(TransportError):
    kind = "too_large"


# ---- the watchdog ---------------------------------------------------------------------------

_current = threading.local()


class _Watch:
    """Sockets of the call in progress on this thread; shut down when the deadline passes."""

    def __init__(self, deadline_s: float):
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(deadline_s, self._expire)
        self._timer.daemon = True
        self._timer.name = "central-call-deadline"

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.cancel()
        if self._timer.is_alive():
            self._timer.join()

    def add(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._socks.append(sock)
            if self.expired:
                _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for s in self._socks:
                _shutdown(s)


def _shutdown(sock: socket.socket) -> None:
    # socket.socket.shutdown, not SSLSocket.shutdown: the latter drops the TLS object under a
    # reader blocked in another thread; the plain shutdown just wakes that reader with EOF.
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


def _watch(sock: Any) -> None:
    w: _Watch | None = getattr(_current, "watch", None)
    if w is not None and isinstance(sock, socket.socket):
        w.add(sock)


class _WatchedHTTPConnection(HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _watch(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        _watch(self.sock)  # a kept-alive connection: connect() is not called again
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watch(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        _watch(self.sock)
        super().request(*args, **kwargs)


class _WatchedPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS = {"http": _WatchedPool, "https": _WatchedHTTPSPool}


class _WatchedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _WATCHED_POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        # Through a proxy (HTTPS_PROXY in the environment) the deadline must hold just the same.
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = _WATCHED_POOLS
        return manager


# ---- the session ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    status: int
    reason: str
    headers: Mapping[str, str]
    content: bytes
    elapsed_s: float

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    def json(self, limit: int = MAX_DEPTH) -> Any:
        """The body as JSON; ``ValueError`` (``TooDeep`` included) when it is not."""
        return loads_json(self.content, "the central's answer", limit)


class BoundedSession:
    """A ``requests.Session`` whose every call is bounded by :class:`Limits`.

    ``ca_bundle``: a PEM file of the CAs that may sign the central's certificate (from the
    configuration); None = the system's trust store. Not thread-safe (one per thread), like
    the session it wraps.
    """

    def __init__(
        self,
        limits: Limits = Limits(),
        *,
        auth: Any = None,
        ca_bundle: str | None = None,
        headers: Mapping[str, str] | None = None,
        session: requests.Session | None = None,
    ):
        self.limits = limits
        self.session = session or requests.Session()
        adapter = _WatchedAdapter(max_retries=0)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.session.auth = auth
        self.ca_bundle = ca_bundle
        self.session.headers["Accept-Encoding"] = "identity"
        self.session.headers.update(headers or {})

    @property
    def auth(self) -> Any:
        return self.session.auth

    @auth.setter
    def auth(self, value: Any) -> None:
        self.session.auth = value

    @property
    def headers(self) -> Any:
        return self.session.headers

    def close(self) -> None:
        self.session.close()

    def request(self, method: str, url: str, *, limits: Limits | None = None, **kwargs: Any) -> Reply:
        """One call: the whole answer read, or :class:`DeadlineExceeded`, :class:`ResponseTooLarge`,
        :class:`InsecureUrl` or a ``requests.RequestException``."""
        lim = limits or self.limits
        check_central_url(url)
        t0 = time.monotonic()
        watch = _Watch(lim.deadline_s)
        _current.watch = watch
        watch.start()
        r: requests.Response | None = None
        try:
            r = self.session.request(
                method,
                url,
                timeout=(min(lim.connect_timeout_s, lim.deadline_s), min(lim.read_timeout_s, lim.deadline_s)),
                stream=True,
                allow_redirects=False,
                # Per call, not on the session: requests lets REQUESTS_CA_BUNDLE override a
                # session's bundle, and the configured one must win.
                verify=self.ca_bundle or True,
                **kwargs,
            )
            body = self._read(r, lim, method, url)
        except (requests.RequestException, OSError) as e:
            if watch.expired:
                raise DeadlineExceeded(
                    f"{method} {_where(url)}: no complete answer within {lim.deadline_s:g} s"
                ) from None
            raise e
        finally:
            _current.watch = None
            watch.stop()
            if r is not None:
                r.close()
        if watch.expired:  # the last byte came in just as the timer fired
            raise DeadlineExceeded(f"{method} {_where(url)}: no complete answer within {lim.deadline_s:g} s")
        return Reply(r.status_code, r.reason or "", r.headers, body, time.monotonic() - t0)

    @staticmethod
    def _read(r: requests.Response, lim: Limits, method: str, url: str) -> bytes:
        where = f"{method} {_where(url)}"
        encoding = r.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):
            raise ResponseTooLarge(
                f"{where}: answered with {encoding} encoding, which the kiosk did not ask for"
            )
        declared = r.headers.get("Content-Length", "").strip()
        if declared.isdigit() and int(declared) > lim.max_response_bytes:
            raise ResponseTooLarge(
                f"{where}: answer of {int(declared)} bytes is over the {lim.max_response_bytes}-byte cap"
            )
        chunks: list[bytes] = []
        got = 0
        for chunk in r.iter_content(CHUNK):
            got += len(chunk)
            if got > lim.max_response_bytes:
                raise ResponseTooLarge(f"{where}: answer is over the {lim.max_response_bytes}-byte cap")
            chunks.append(chunk)
        return b"".join(chunks)


def open_central(
    base_url: str, limits: Limits, insecure: Callable[[str], Exception], **session: Any
) -> BoundedSession:
    """A :class:`BoundedSession` for the central at ``base_url``, once its URL is allowed (https,
    or http to this machine); a refused URL is raised as ``insecure(reason)``, the caller's own
    error, before any call. ``session``: :class:`BoundedSession`'s keyword arguments."""
    try:
        check_central_url(base_url)
    except InsecureUrl as e:  # a configuration mistake, said plainly (the config check catches it too)
        raise insecure(f"central URL {base_url!r} {e}") from None
    return BoundedSession(limits, **session)


def _where(url: str) -> str:
    # Path only: a query string may carry a tracking code or an ID.
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}{p.path}"
