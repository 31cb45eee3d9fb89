"""Which central URLs the kiosk may talk to: https, or plain http to this machine only.

A man in the middle on plain http reads and rewrites everything, signatures on the answers
notwithstanding (request bodies carry PINs), so the central is an ``https://`` address. The
demo profile's sandbox and the tests run on loopback, where plain http cannot be intercepted
off the machine.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


class InsecureUrl(ValueError):
    """A central URL that is not https (or http to loopback). ``str()`` says why."""


_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_central_url(url: str) -> str:
    """``url`` unchanged when the kiosk may talk to it, else :class:`InsecureUrl` saying why."""
    if not isinstance(url, str) or not url.strip():
        raise InsecureUrl("is empty; give the central's https:// address")
    if any(c.isspace() or ord(c) < 0x20 for c in url):
        raise InsecureUrl("contains spaces or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError on a malformed port
    except ValueError as e:
        raise InsecureUrl(f"is not a valid URL ({e})") from None
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if scheme not in ("https", "http"):
        raise InsecureUrl(f"uses '{scheme or 'no'}' scheme; the central must be an https:// address")
    if not host:
        raise InsecureUrl("has no host name")
    if parts.username or parts.password:
        raise InsecureUrl("carries a user name or password; use the kiosk's credentials instead")
    if scheme == "http" and not is_loopback_host(host):
        raise InsecureUrl(
            "uses plain http to a host that is not this machine; the central must be https:// "
            "(plain http is allowed only for 127.0.0.1/localhost: the demo and the tests)"
        )
    del port
    return url
