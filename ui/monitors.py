"""Live network and central indicators.

Network: is any non-loopback interface up with an address (psutil, a few µs, GUI thread).
Central: an HTTP GET of ``<central>/discovery.json`` (small, public; the services list can be
large) through QNetworkAccessManager, which is asynchronous, so nothing blocks and no thread
is needed. Only a 2xx answer counts as "connected". Until a central URL is known (the
demo sandbox is still starting) the central indicator says "connecting".
"""

from __future__ import annotations

import socket

import psutil
from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest

from ui.status import StatusModel

PROBE_PATH = "/discovery.json"


def network_up() -> bool:
    stats = psutil.net_if_stats()
    for name, addrs in psutil.net_if_addrs().items():
        st = stats.get(name)
        if not st or not st.isup or name == "lo" or name.startswith("lo"):
            continue
        if any(a.family in (socket.AF_INET, socket.AF_INET6) for a in addrs):
            return True
    return False


class Monitors(QObject):
    def __init__(self, status: StatusModel, *, interval_ms: int = 5000, timeout_ms: int = 3000, parent=None):
        super().__init__(parent)
        self.status = status
        self.central_url: str | None = None
        self._timeout_ms = timeout_ms
        self._nam = QNetworkAccessManager(self)
        self._reply: QNetworkReply | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        status.set("central", "connecting")

    def start(self) -> None:
        self.check()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._reply is not None:
            self._reply.abort()

    def set_central(self, url: str | None, state_if_none: str = "connecting") -> None:
        self.central_url = url.rstrip("/") if url else None
        if url is None:
            self.status.set("central", state_if_none)
        self.check()

    def check(self) -> None:
        self.status.set("network", "ok" if network_up() else "down")
        if self.central_url and self._reply is None:
            req = QNetworkRequest(QUrl(self.central_url + PROBE_PATH))
            req.setTransferTimeout(self._timeout_ms)
            self._reply = self._nam.get(req)
            self._reply.finished.connect(self._central_answered)

    def _central_answered(self) -> None:
        reply, self._reply = self._reply, None
        if reply is None:
            return
        code = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        ok = (
            reply.error() == QNetworkReply.NetworkError.NoError
            and code is not None
            and 200 <= int(code) < 300
        )
        self.status.set(
            "central", "ok" if ok else "down", "" if ok else f"http={code} err={reply.error().name}"
        )
        reply.deleteLater()
