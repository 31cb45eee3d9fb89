"""Signatures between the kiosk and the central.

Two kinds:

* **Requests** (kiosk → central): RFC 9421 HTTP Message Signatures with Ed25519, made by the
  maintained ``http-message-signatures`` library. :class:`KioskRequestSigner` is a
  ``requests.auth.AuthBase``, so the central client takes it as its ``auth``. Each
  signature covers the method, the full target URI, the authority and a Content-Digest
  (RFC 9530) of the body, and carries ``created``, ``expires``, a random ``nonce`` and the
  kiosk ID as ``keyid``. :func:`verify_request` is the central's side: it rejects unsigned,
  wrongly signed, stale and replayed requests, each with a reason in plain words.

  Why RFC 9421 rather than mutual TLS: the kiosks sit behind agency proxies and TLS-
  terminating load balancers that we do not control, where a client certificate does not
  reach the application; a message signature travels with the request through all of
  them, binds the body (mTLS authenticates only the channel), and needs no private CA,
  no certificate renewal and no TLS configuration on each kiosk. Replays are stopped by
  the signed nonce and a short validity window.

* **Documents** (central → kiosk): configurations and remote commands are signed JSON
  envelopes (:func:`sign_document` / :func:`open_document`) so a kiosk can verify them
  offline, e.g. a configuration file a technician carries on a USB stick.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import requests
from cryptography.exceptions import InvalidSignature as CryptoInvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from http_message_signatures import (
    HTTPMessageSignaturesException,
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    InvalidSignature,
    algorithms,
)

from common.b64 import b64url_decode, b64url_encode
from provisioning.keys import KioskKey

SIGNATURE_TAG = "onestop-kiosk"
SIGNATURE_LABEL = "kiosk"
COVERED = ("@method", "@target-uri", "@authority")
REQUIRED = ('"@method"', '"@target-uri"', '"@authority"', '"content-digest"')
# How long a signature is valid, and how far the two clocks may disagree.
VALIDITY = dt.timedelta(seconds=120)
MAX_SKEW = dt.timedelta(seconds=120)


def public_fingerprint(public_raw: bytes) -> str:
    """Same format as :attr:`KioskKey.fingerprint`, from a raw public key."""
    digest = hashlib.sha256(public_raw).digest()[:16]
    return "SHA256:" + base64.b32encode(digest).decode().rstrip("=")


class _Resolver(HTTPSignatureKeyResolver):
    def __init__(
        self,
        private: Ed25519PrivateKey | None = None,
        public: Callable[[str], bytes | None] | None = None,
    ):
        self._private = private
        self._public = public

    def resolve_private_key(self, key_id: str) -> Ed25519PrivateKey:
        if self._private is None:
            raise KeyError(key_id)
        return self._private

    def resolve_public_key(self, key_id: str) -> Ed25519PublicKey | None:
        raw = self._public(key_id) if self._public else None
        return Ed25519PublicKey.from_public_bytes(raw) if raw else None


def _body_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    raise ValueError("streamed request bodies cannot be signed; pass bytes")


class KioskRequestSigner(requests.auth.AuthBase):
    """``requests`` auth signing every request with the kiosk's key (RFC 9421, Ed25519).

    ``key_id`` is the kiosk ID the central gave at enrollment (before enrollment, the
    enrollment call uses ``enroll:<fingerprint>``).
    """

    def __init__(self, key: KioskKey, key_id: str, *, clock: Callable[[], dt.datetime] | None = None):
        self.key = key
        self.key_id = key_id
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._signer = HTTPMessageSigner(
            signature_algorithm=algorithms.ED25519, key_resolver=_Resolver(private=key.private)
        )

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        body = _body_bytes(r.body)
        for name in ("Content-Digest", "Signature", "Signature-Input"):
            r.headers.pop(name, None)
        now = self._clock()
        self._signer.sign(
            r,
            key_id=self.key_id,
            created=now,
            expires=now + VALIDITY,
            nonce=secrets.token_urlsafe(18),
            label=SIGNATURE_LABEL,
            tag=SIGNATURE_TAG,
            covered_component_ids=COVERED,
            body=body,
        )
        return r


@dataclass(frozen=True)
class SignedRequestMessage:
    """What the verifier reads: a request as the server received it."""

    method: str
    url: str
    headers: Mapping[str, str]


@dataclass(frozen=True)
class VerifiedRequest:
    key_id: str
    nonce: str
    created: int


class RequestRejected(Exception):
    """A request whose signature the central does not accept. ``reason`` is a stable code."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


class _Verifier(HTTPMessageVerifier):
    max_clock_skew = MAX_SKEW


def _headers_items(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    items = headers.items() if isinstance(headers, Mapping) else headers
    return [(str(k), str(v)) for k, v in items]


class _Headers(dict[str, str]):
    pass


def verify_request(
    method: str,
    url: str,
    headers: Mapping[str, str] | Iterable[tuple[str, str]],
    body: bytes,
    public_key_for: Callable[[str], bytes | None],
    remember_nonce: Callable[[str, str, int], bool],
    *,
    expected_key_id: str | None = None,
) -> VerifiedRequest:
    """Check an RFC 9421 signature on a received request; raise :class:`RequestRejected`.

    ``public_key_for(key_id)`` returns the raw Ed25519 public key of an enrolled kiosk (or
    ``None``). ``remember_nonce(key_id, nonce, expires_epoch)`` records a nonce and returns
    ``False`` if it was already seen: that is a replay.
    """
    items = _headers_items(headers)
    names = {k.lower() for k, _ in items}
    if "signature" not in names or "signature-input" not in names:
        raise RequestRejected("unsigned", "request is not signed (no Signature / Signature-Input headers)")
    hdrs = _Headers()
    for k, v in items:
        hdrs[k] = v if k not in hdrs else hdrs[k] + ", " + v
    message = SignedRequestMessage(method=method.upper(), url=url, headers=hdrs)
    verifier = _Verifier(
        signature_algorithm=algorithms.ED25519, key_resolver=_Resolver(public=public_key_for)
    )
    try:
        results = verifier.verify(
            message,
            max_age=VALIDITY + MAX_SKEW,
            expect_tag=SIGNATURE_TAG,
            require_components=REQUIRED,
            body=body,
        )
    except (InvalidSignature, HTTPMessageSignaturesException) as e:
        text = str(e)
        if "resolve verification key" in text:
            raise RequestRejected("unknown_key", "the signing key is not an enrolled kiosk's key") from None
        if "age exceeds" in text or "in the past" in text or "in the future" in text:
            raise RequestRejected(
                "stale", f"signature is outside its validity window (check the kiosk's clock): {text}"
            ) from None
        why = text or "the signature does not match this request (tampered, or signed with another key)"
        raise RequestRejected("bad_signature", f"signature does not verify: {why}") from None
    if len(results) != 1:
        raise RequestRejected("bad_signature", "expected exactly one kiosk signature")
    params = results[0].parameters
    key_id = str(params.get("keyid", ""))
    nonce = results[0].nonce
    if expected_key_id is not None and key_id != expected_key_id:
        raise RequestRejected("unknown_key", "signed with a different key than expected")
    if not nonce or "expires" not in params:
        raise RequestRejected(
            "bad_signature", "signature has no nonce or no expiry; replays cannot be ruled out"
        )
    if not remember_nonce(key_id, str(nonce), int(params["expires"])):
        raise RequestRejected("replayed", "this signed request was already used once (replay refused)")
    return VerifiedRequest(key_id=key_id, nonce=str(nonce), created=int(params["created"]))


# ---------------------------------------------------------------- signed documents

DOC_FORMAT = "onestop-signed/1"


class DocumentRejected(Exception):
    """A signed document that must not be used; ``reason`` is a stable code, ``str()`` plain words."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _signed_bytes(kind: str, payload: bytes) -> bytes:
    return DOC_FORMAT.encode() + b"\n" + kind.encode() + b"\n" + payload


def sign_document(key: KioskKey, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """An envelope ``{"format", "kind", "payload", "signature", "signer"}`` signed by ``key``."""
    body = canonical_json(payload)
    return {
        "format": DOC_FORMAT,
        "kind": kind,
        "payload": b64url_encode(body),
        "signature": b64url_encode(key.sign(_signed_bytes(kind, body))),
        "signer": key.fingerprint,
    }


def open_document(doc: Any, signer_public_raw: bytes, kind: str) -> dict[str, Any]:
    """Verify an envelope from :func:`sign_document` and return its payload."""
    if not isinstance(doc, dict) or doc.get("format") != DOC_FORMAT:
        raise DocumentRejected("unsigned", "not a signed document (missing or unknown format)")
    if doc.get("kind") != kind:
        raise DocumentRejected("wrong_kind", f"this is a {doc.get('kind')!r} document, not a {kind!r}")
    sig, payload = doc.get("signature"), doc.get("payload")
    if not isinstance(sig, str) or not sig or not isinstance(payload, str):
        raise DocumentRejected("unsigned", "the document carries no signature")
    try:
        body = b64url_decode(payload)
        Ed25519PublicKey.from_public_bytes(signer_public_raw).verify(
            b64url_decode(sig), _signed_bytes(kind, body)
        )
    except (CryptoInvalidSignature, ValueError):
        raise DocumentRejected(
            "bad_signature",
            "the signature does not match the central's key (tampered or signed by someone else)",
        ) from None
    try:
        data = json.loads(body)
    except ValueError:
        raise DocumentRejected("malformed", "signed payload is not JSON") from None
    if not isinstance(data, dict):
        raise DocumentRejected("malformed", "signed payload is not an object")
    return data
