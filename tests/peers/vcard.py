"""A virtual eMRTD (CCCD) card on vsmartcard's vpcd: the card-reader tests' protocol peer.

vpcd (the pcscd driver) listens on TCP 35963 (reader "Virtual PCD 00 00"); a card is a client
of that port. Each message is a 2-byte big-endian length and a payload; a 1-byte payload is a
control code (0 power off, 1 power on, 2 reset, 4 send the ATR), anything else an APDU to
answer. The card logic is ``devices.card.applet.EmrtdApplet`` (BAC, secure messaging, the LDS
files); this module adds the socket, the faults real cards show (vanishing mid-read) and the
personalisation of a test card with its own test CSCA.

Several test processes may want the one virtual slot: ``VirtualCard`` holds an fcntl lock on
:data:`LOCK_PATH` from ``start()`` to ``stop()``. Use it as a context manager.
"""

from __future__ import annotations

import fcntl
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import IO

from cryptography.hazmat.primitives.asymmetric import ec, rsa

from devices.card.applet import EmrtdApplet
from devices.card.mrz import MrzKey
from devices.card.personalise import Person, Pki, build_files, make_pki
from devices.card.simulated import SAMPLE_PEOPLE, mrz_key

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963
READER = "Virtual PCD 00 00"
LOCK_PATH = "/tmp/kiosk-vpcd.lock"  # noqa: S108 - shared by every test process using the slot
CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4


class SlotBusy(RuntimeError):
    pass


@dataclass
class TestCard:
    """A personalised card: its files, the key that opens it, the PKI that signed it."""

    person: Person
    files: dict[str, bytes]
    key: MrzKey
    pki: Pki
    aa_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None = None
    ca_key: ec.EllipticCurvePrivateKey | None = None

    def options(self) -> dict[str, object]:
        """The VirtualCard options that give the chip its private keys."""
        return {"aa_key": self.aa_key, "ca_key": self.ca_key}


def personalise(
    person: Person | None = None, pki: Pki | None = None, aa: str | None = None, ca: str | None = None
) -> TestCard:
    """A card for ``person`` (default: Nguyễn Văn An) signed by ``pki`` (default: a new test CSCA).

    ``aa``: None (no DG15), "rsa" (RSA-1024, ISO 9796-2) or "ec" (ECDSA P-256, DG14 names the hash).
    ``ca``: None (no chip authentication), "3des" or "aes" (brainpoolP256r1 key in DG14).
    """
    person = person or SAMPLE_PEOPLE[0]
    pki = pki or make_pki("Test")
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None = None
    if aa == "rsa":
        key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    elif aa == "ec":
        key = ec.generate_private_key(ec.SECP256R1())
    ca_key = ec.generate_private_key(ec.BrainpoolP256R1()) if ca else None
    protocol = "0.4.0.127.0.7.2.2.3.2.1" if ca == "3des" else "0.4.0.127.0.7.2.2.3.2.2"
    files = build_files(person, pki, aa_key=key, ca_key=ca_key, ca_protocol=protocol)
    return TestCard(person, files, mrz_key(person), pki, key, ca_key)


class VirtualCard:
    def __init__(
        self,
        files: dict[str, bytes],
        key: MrzKey,
        *,
        extended: bool = True,
        aa_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None = None,
        pace_parameter_id: int | None = None,
        can: str | None = None,
        allow_bac: bool = True,
        ca_key: ec.EllipticCurvePrivateKey | None = None,
        vanish_after_reads: int | None = None,
        silent_after_reads: int | None = None,
        port: int = VPCD_PORT,
        lock_timeout: float = 60.0,
    ):
        self.applet = EmrtdApplet(
            files, key, extended=extended, aa_key=aa_key, pace_parameter_id=pace_parameter_id, can=can,
            allow_bac=allow_bac, ca_key=ca_key,
        )  # fmt: skip
        self.vanish_after_reads = vanish_after_reads
        self.silent_after_reads = silent_after_reads
        self.went_silent = threading.Event()
        self._removed = threading.Event()
        self.port = port
        self.lock_timeout = lock_timeout
        self.apdus = 0
        self.reads = 0
        self.vanished = threading.Event()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock_file: IO | None = None

    # -- life cycle ------------------------------------------------------------------------

    def __enter__(self) -> VirtualCard:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, wait: bool = True) -> None:
        """Take the slot, insert the card and (by default) wait until pcscd reports it present."""
        self._acquire_slot()
        try:
            self.insert()
            if wait and not wait_card_state(READER, True):
                raise RuntimeError("pcscd did not see the virtual card within 10 s")
        except Exception:
            self.remove()
            self._release_slot()
            raise

    def stop(self) -> None:
        """Remove the card, wait until pcscd has noticed, and free the slot for the next user."""
        self.remove()
        wait_card_state(READER, False)
        self._release_slot()

    def insert(self) -> None:
        """Connect to vpcd: pcscd sees a card in the reader."""
        if self._thread is not None:
            return
        self.applet.reset()
        self.vanished.clear()
        self._removed.clear()
        sock = socket.create_connection((VPCD_HOST, self.port), timeout=5)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(None)
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, args=(sock,), name="vcard", daemon=True)
        self._thread.start()

    def remove(self) -> None:
        """Take the card away (close the socket)."""
        self._removed.set()
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    # -- the slot lock ----------------------------------------------------------------------

    def _acquire_slot(self) -> None:
        f = open(LOCK_PATH, "a+")  # noqa: SIM115 - held until stop()
        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    f.close()
                    raise SlotBusy(f"the vpcd slot stayed busy for {self.lock_timeout:.0f} s") from None
                time.sleep(0.05)  # polling another process's lock: no event to wait on
        self._lock_file = f

    def _release_slot(self) -> None:
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    # -- the vpcd protocol -------------------------------------------------------------------

    @staticmethod
    def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
        buf = bytearray()
        while len(buf) < n:
            try:
                chunk = sock.recv(n - len(buf))
            except OSError:
                return None
            if not chunk:
                return None
            buf += chunk
        if hasattr(socket, "TCP_QUICKACK"):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            except OSError:
                pass
        return bytes(buf)

    def _send(self, sock: socket.socket, payload: bytes) -> None:
        sock.sendall(struct.pack(">H", len(payload)) + payload)

    def _serve(self, sock: socket.socket) -> None:
        while True:
            head = self._recv_exact(sock, 2)
            if head is None:
                return
            msg = self._recv_exact(sock, struct.unpack(">H", head)[0])
            if msg is None:
                return
            try:
                if len(msg) == 1:
                    if msg[0] == CTRL_ATR:
                        self._send(sock, self.applet.atr)
                    elif msg[0] in (CTRL_OFF, CTRL_ON, CTRL_RESET):
                        self.applet.reset()
                    continue
                self.apdus += 1
                if msg[1] == 0xB0:
                    self.reads += 1
                    if self.vanish_after_reads is not None and self.reads > self.vanish_after_reads:
                        self.vanished.set()
                        try:
                            sock.shutdown(socket.SHUT_RDWR)
                        except OSError:
                            pass
                        return  # the card left the field without answering
                    if self.silent_after_reads is not None and self.reads > self.silent_after_reads:
                        self.went_silent.set()
                        self._removed.wait()  # in the field but mute, until taken away
                        return
                self._send(sock, self.applet.process(msg))
            except OSError:
                return


@contextmanager
def card_in_reader(card: TestCard | None = None, **options: object) -> Iterator[tuple[VirtualCard, TestCard]]:
    """pcscd running (started if need be) and ``card`` (default: a fresh ``personalise()``) in
    "Virtual PCD 00 00" for the duration; ``options`` go to ``VirtualCard`` (extended, aa_key,
    pace_parameter_id, can, vanish_after_reads …). For other areas' tests (self-test, journeys)::

        with card_in_reader() as (vc, card):
            result = PcscCardReader(READER, [card.pki.csca_cert]).read([card.key])
    """
    from tests.peers.pcscd import ensure_pcscd

    handle = ensure_pcscd()
    try:
        card = card or personalise()
        with VirtualCard(card.files, card.key, **options) as vc:  # type: ignore[arg-type]
            yield vc, card
    finally:
        handle.release()


def wait_card_state(reader: str, present: bool, timeout: float = 10.0) -> bool:
    """Wait until pcscd reports the card in ``reader`` as present (or absent)."""
    from smartcard import scard as sc

    rc, ctx = sc.SCardEstablishContext(sc.SCARD_SCOPE_USER)
    if rc != sc.SCARD_S_SUCCESS:
        return False
    try:
        deadline = time.monotonic() + timeout
        state = sc.SCARD_STATE_UNAWARE
        while True:
            rc, states = sc.SCardGetStatusChange(ctx, 100, [(reader, state)])
            if rc == sc.SCARD_S_SUCCESS:
                state = states[0][1] & ~sc.SCARD_STATE_CHANGED
                is_present = bool(state & sc.SCARD_STATE_PRESENT) and not state & sc.SCARD_STATE_MUTE
                if is_present == present:
                    return True
            if time.monotonic() >= deadline:
                return False
    finally:
        sc.SCardReleaseContext(ctx)


__all__ = ["VirtualCard", "TestCard", "personalise", "card_in_reader", "wait_card_state", "READER", "date"]
