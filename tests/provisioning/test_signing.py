"""RFC 9421 request signatures and signed documents, without a network."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import requests

from provisioning.keys import load_or_create_kiosk_key
from provisioning.signing import (
    DocumentRejected,
    KioskRequestSigner,
    RequestRejected,
    open_document,
    sign_document,
    verify_request,
)


@pytest.fixture
def key(tmp_path: Path):
    return load_or_create_kiosk_key(tmp_path / "k")


def signed(key, body=b'{"a":1}', url="http://central.test/kiosk/heartbeat", clock=None):
    r = requests.Request("POST", url, data=body, headers={"Content-Type": "application/json"}).prepare()
    return KioskRequestSigner(key, "K1", clock=clock)(r)


class Nonces:
    def __init__(self):
        self.seen: set[tuple[str, str]] = set()

    def __call__(self, kid: str, nonce: str, _exp: int) -> bool:
        if (kid, nonce) in self.seen:
            return False
        self.seen.add((kid, nonce))
        return True


def verify(key, r, body=None, url=None, nonces=None, known=True):
    return verify_request(
        r.method,
        url or r.url,
        r.headers,
        r.body if body is None else body,
        lambda kid: key.public_raw if known and kid == "K1" else None,
        nonces or Nonces(),
    )


def test_signature_covers_method_uri_authority_and_body_digest(key):
    r = signed(key)
    got = verify(key, r)
    assert got.key_id == "K1" and len(got.nonce) >= 20
    si = r.headers["Signature-Input"]
    for component in ('"@method"', '"@target-uri"', '"@authority"', '"content-digest"'):
        assert component in si
    assert 'alg="ed25519"' in si and "expires=" in si and 'tag="onestop-kiosk"' in si


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"body": b'{"a":2}'}, "bad_signature"),
        ({"url": "http://central.test/kiosk/heartbeat?x=1"}, "bad_signature"),
        ({"url": "http://evil.test/kiosk/heartbeat"}, "bad_signature"),
        ({"known": False}, "unknown_key"),
    ],
)
def test_tampered_or_unknown_requests_are_refused(key, change, reason):
    with pytest.raises(RequestRejected) as e:
        verify(key, signed(key), **change)
    assert e.value.reason == reason
    assert e.value.message  # says why in words


def test_unsigned_request_is_refused(key):
    r = requests.Request("GET", "http://central.test/kiosk/config").prepare()
    with pytest.raises(RequestRejected) as e:
        verify(key, r)
    assert e.value.reason == "unsigned"


def test_replay_is_refused(key):
    r = signed(key)
    nonces = Nonces()
    verify(key, r, nonces=nonces)
    with pytest.raises(RequestRejected) as e:
        verify(key, r, nonces=nonces)
    assert e.value.reason == "replayed"


def test_old_signature_is_refused_as_stale(key):
    ten_min_ago = lambda: dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)  # noqa: E731
    with pytest.raises(RequestRejected) as e:
        verify(key, signed(key, clock=ten_min_ago))
    assert e.value.reason == "stale"


def test_another_keys_signature_is_refused(key, tmp_path):
    other = load_or_create_kiosk_key(tmp_path / "other")
    r = signed(other)  # signs as "K1" with the wrong key
    with pytest.raises(RequestRejected) as e:
        verify(key, r)
    assert e.value.reason == "bad_signature"


def test_document_round_trip_and_tampering(key, tmp_path):
    doc = sign_document(key, "kiosk-config", {"kiosk_id": "K1", "version": 2, "config": {"x": "Đ"}})
    assert open_document(doc, key.public_raw, "kiosk-config")["config"] == {"x": "Đ"}
    with pytest.raises(DocumentRejected) as e:
        open_document(doc, key.public_raw, "kiosk-command")
    assert e.value.reason == "wrong_kind"
    tampered = dict(doc, payload=doc["payload"][:-4] + "AAAA")
    with pytest.raises(DocumentRejected) as e:
        open_document(tampered, key.public_raw, "kiosk-config")
    assert e.value.reason == "bad_signature"
    other = load_or_create_kiosk_key(tmp_path / "o")
    with pytest.raises(DocumentRejected) as e:
        open_document(doc, other.public_raw, "kiosk-config")
    assert e.value.reason == "bad_signature"
    with pytest.raises(DocumentRejected) as e:
        open_document({"kind": "kiosk-config", "payload": doc["payload"]}, key.public_raw, "kiosk-config")
    assert e.value.reason == "unsigned"
