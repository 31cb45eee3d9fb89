"""The card side of an eMRTD: an ISO 7816-4 command processor holding the LDS files.

Behaves like a BAC-only passport/ID chip: SELECT of the eMRTD application, then GET
CHALLENGE and MUTUAL AUTHENTICATE; every file access before that answers 6982, a wrong key
6300, a missing file 6A82; after access every command must use secure messaging (a plain one
answers 6987 and ends the session, a bad MAC 6988). READ BINARY serves short and, when
``extended`` is on, extended lengths. The simulated reader of the demo profile and the
virtual card of the tests (``tests/peers/vcard.py``) both run it. It shares only the 3DES
primitives and TLV helpers with the terminal side (both checked on ICAO's worked example).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from devices.card import aa, aes, bac, ca, des, lds, pace, tlv
from devices.card.ec import CURVES, Curve
from devices.card.mrz import MrzKey

SW = {
    "ok": 0x9000,
    "wrong_length": 0x6700,
    "security": 0x6982,
    "sm_missing": 0x6987,
    "sm_bad": 0x6988,
    "not_found": 0x6A82,
    "wrong_p1p2": 0x6B00,
    "ins": 0x6D00,
    "cla": 0x6E00,
    "wrong_key": 0x6300,
    "conditions": 0x6985,
}


def make_atr(extended: bool) -> bytes:
    """ATR with T=1 and card capabilities (compact TLV 73) announcing extended length or not."""
    hist = bytes([0x80, 0x73, 0x00, 0x00, 0x40 if extended else 0x00])
    body = bytes([0x80 | len(hist), 0x80, 0x01]) + hist
    tck = 0
    for b in body:
        tck ^= b
    return b"\x3b" + body + bytes([tck])


@dataclass
class Command:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes
    le: int | None  # None: no Le; 256/65536 for "00"/"0000"
    extended: bool

    @property
    def header(self) -> bytes:
        return bytes([self.cla, self.ins, self.p1, self.p2])


def parse_command(apdu: bytes) -> Command:
    if len(apdu) < 4:
        raise ValueError("APDU shorter than its header")
    cla, ins, p1, p2 = apdu[:4]
    body = apdu[4:]
    if not body:
        return Command(cla, ins, p1, p2, b"", None, False)
    if len(body) == 1:
        return Command(cla, ins, p1, p2, b"", body[0] or 256, False)
    if body[0] == 0 and len(body) >= 3:  # extended
        if len(body) == 3:
            return Command(cla, ins, p1, p2, b"", int.from_bytes(body[1:3], "big") or 65536, True)
        lc = int.from_bytes(body[1:3], "big")
        data = body[3 : 3 + lc]
        rest = body[3 + lc :]
        if len(data) != lc or len(rest) not in (0, 2):
            raise ValueError("bad extended APDU")
        le = (int.from_bytes(rest, "big") or 65536) if rest else None
        return Command(cla, ins, p1, p2, data, le, True)
    lc = body[0]
    data = body[1 : 1 + lc]
    rest = body[1 + lc :]
    if len(data) != lc or len(rest) > 1:
        raise ValueError("bad short APDU")
    return Command(cla, ins, p1, p2, data, (rest[0] or 256) if rest else None, False)


class EmrtdApplet:
    def __init__(
        self,
        files: dict[str, bytes],
        key: MrzKey,
        *,
        extended: bool = True,
        random: Callable[[int], bytes] = os.urandom,
        aa_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None = None,
        pace_parameter_id: int | None = None,
        can: str | None = None,
        allow_bac: bool = True,
        ca_key: ec.EllipticCurvePrivateKey | None = None,
    ):
        self.aa_key = aa_key
        self.ca_key = ca_key
        self._pending_session: tuple[bytes, bytes, str] | None = None
        self.allow_bac = allow_bac
        self.mrz_password = pace.password(key)[0]
        self.can = can
        self.pace_info = (
            pace.PaceInfo(pace.PACE_AES128_OID, 2, pace_parameter_id)
            if pace_parameter_id is not None
            else None
        )
        self.card_access = build_card_access(self.pace_info) if self.pace_info else None
        self.files = {lds.FILES[name][0]: data for name, data in files.items()}
        self.keys = bac.derive_keys(key)
        self.extended = extended
        self.atr = make_atr(extended)
        self.random = random
        self.reset()

    def reset(self) -> None:
        self.app_selected = False
        self.rnd_ic: bytes | None = None
        self.session: tuple[bytes, bytes, str] | None = None  # ks_enc, ks_mac, "3des" | "aes"
        self.ssc = 0
        self.current: int | None = None
        self.pace_state: dict[str, object] = {}
        self.ca_protocol: str | None = None

    # -- the one entry point -------------------------------------------------------------------

    def process(self, apdu: bytes) -> bytes:
        """One command APDU in, response data ‖ SW1 SW2 out."""
        try:
            cmd = parse_command(apdu)
        except ValueError:
            return self._sw("wrong_length")
        if cmd.cla & 0x0C == 0x0C:
            if self.session is None:
                return self._sw("conditions")
            return self._secure(cmd)
        if self.session is not None:  # plain command inside a session: the session ends
            self.session = None
            return self._sw("sm_missing")
        data, sw = self._execute(cmd)
        return data + sw.to_bytes(2, "big")

    @staticmethod
    def _sw(name: str) -> bytes:
        return SW[name].to_bytes(2, "big")

    # -- secure messaging, card side ----------------------------------------------------------

    def _secure(self, cmd: Command) -> bytes:
        assert self.session is not None
        objs: dict[int, tuple[bytes, bytes]] = {}  # tag -> (raw TLV, value)
        try:
            pos = 0
            while pos < len(cmd.data):
                obj = tlv.read(cmd.data, pos)
                objs.setdefault(obj.tag, (cmd.data[pos : obj.end], obj.value))
                pos = obj.end
        except tlv.TlvError:
            objs = {}
        do87, enc = objs.get(0x87, (b"", b""))
        do97, le_val = objs.get(0x97, (b"", b""))
        mac = objs.get(0x8E, (b"", None))[1]
        self.ssc += 1
        ssc = self._ssc_bytes()
        if mac != self._mac(ssc + self._pad(cmd.header) + do87 + do97):
            self.session = None
            return self._sw("sm_bad")
        data = b""
        if do87:
            try:
                data = des.unpad(self._cipher(ssc, enc[1:], decrypt=True))
            except ValueError:
                self.session = None
                return self._sw("sm_bad")
        le = None
        if do97:
            n = int.from_bytes(le_val, "big")
            le = n or (256 if len(le_val) == 1 else 65536)
        inner = Command(cmd.cla & ~0x0C, cmd.ins, cmd.p1, cmd.p2, data, le, cmd.extended)
        if cmd.extended and not self.extended:
            rdata, sw = b"", SW["wrong_length"]
        else:
            rdata, sw = self._execute(inner)
        response = self._wrap(rdata, sw, cmd.extended)
        if self._pending_session is not None:  # chip authentication: new keys from the next command
            self.session, self._pending_session = self._pending_session, None
            self.ssc = 0
        return response

    def _wrap(self, data: bytes, sw: int, extended: bool) -> bytes:
        assert self.session is not None
        self.ssc += 1
        ssc = self._ssc_bytes()
        do87 = tlv.encode(0x87, b"\x01" + self._cipher(ssc, self._pad(data))) if data else b""
        do99 = tlv.encode(0x99, sw.to_bytes(2, "big"))
        body = do87 + do99
        if not extended and len(body) + 10 > 256:  # does not fit a short response
            do87, body = b"", tlv.encode(0x99, SW["wrong_length"].to_bytes(2, "big"))
            sw = SW["wrong_length"]
        mac = self._mac(ssc + body)
        return body + tlv.encode(0x8E, mac) + sw.to_bytes(2, "big")

    # 3DES (BAC) or AES (PACE) for the session's secure messaging
    def _aes(self) -> bool:
        return self.session is not None and self.session[2] == "aes"

    def _ssc_bytes(self) -> bytes:
        return self.ssc.to_bytes(16 if self._aes() else 8, "big")

    def _pad(self, data: bytes) -> bytes:
        return aes.pad(data) if self._aes() else des.pad(data)

    def _mac(self, data: bytes) -> bytes:
        assert self.session is not None
        if self._aes():
            return aes.cmac8(self.session[1], self._pad(data))
        return des.retail_mac(self.session[1], self._pad(data))

    def _cipher(self, ssc: bytes, data: bytes, decrypt: bool = False) -> bytes:
        assert self.session is not None
        key = self.session[0]
        if self._aes():
            iv = aes.encrypt_block(key, ssc)
            return aes.decrypt(key, data, iv) if decrypt else aes.encrypt(key, data, iv)
        return des.decrypt(key, data) if decrypt else des.encrypt(key, data)

    # -- commands --------------------------------------------------------------------------

    def _execute(self, cmd: Command) -> tuple[bytes, int]:
        if cmd.cla & 0xE0 not in (0x00,):  # 0x10 = command chaining (GENERAL AUTHENTICATE)
            return b"", SW["cla"]
        handler = {
            0xA4: self._select,
            0x84: self._challenge,
            0x82: self._mutual_auth,
            0xB0: self._read,
            0x88: self._internal_auth,
            0x22: self._mse_set_at,
            0x86: self._general_authenticate,
        }.get(cmd.ins)
        if handler is None:
            return b"", SW["ins"]
        return handler(cmd)

    def _select(self, cmd: Command) -> tuple[bytes, int]:
        if cmd.p1 == 0x04:
            if cmd.data == lds.AID_MRTD:
                self.app_selected = True
                return b"", SW["ok"]
            return b"", SW["not_found"]
        if cmd.p1 in (0x00, 0x02) and len(cmd.data) == 2:
            fid = int.from_bytes(cmd.data, "big")
            if fid == CARD_ACCESS_FID and self.session is None:
                if self.card_access is None:
                    return b"", SW["not_found"]
                self.current = fid
                return b"", SW["ok"]
            if self.session is None:
                return b"", SW["security"]
            if fid not in self.files:
                return b"", SW["not_found"]
            self.current = fid
            return b"", SW["ok"]
        return b"", SW["wrong_p1p2"]

    def _challenge(self, cmd: Command) -> tuple[bytes, int]:
        if not self.allow_bac:
            return b"", SW["ins"]
        if not self.app_selected:
            return b"", SW["conditions"]
        if cmd.le != 8:
            return b"", SW["wrong_length"]
        self.rnd_ic = self.random(8)
        return self.rnd_ic, SW["ok"]

    def _mutual_auth(self, cmd: Command) -> tuple[bytes, int]:
        rnd_ic, self.rnd_ic = self.rnd_ic, None
        if rnd_ic is None or len(cmd.data) != 40:
            return b"", SW["conditions"]
        e_ifd, m_ifd = cmd.data[:32], cmd.data[32:]
        if des.retail_mac(self.keys.k_mac, des.pad(e_ifd)) != m_ifd:
            return b"", SW["wrong_key"]
        s = des.decrypt(self.keys.k_enc, e_ifd)
        rnd_ifd, echoed, k_ifd = s[:8], s[8:16], s[16:32]
        if echoed != rnd_ic:
            return b"", SW["wrong_key"]
        k_ic = self.random(16)
        e_ic = des.encrypt(self.keys.k_enc, rnd_ic + rnd_ifd + k_ic)
        answer = e_ic + des.retail_mac(self.keys.k_mac, des.pad(e_ic))
        session = bac.keys_from_seed(bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True)))
        self.session = (session.k_enc, session.k_mac, "3des")
        self.ssc = int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big")
        return answer, SW["ok"]

    def _read(self, cmd: Command) -> tuple[bytes, int]:
        if self.session is None and self.current == CARD_ACCESS_FID and self.card_access is not None:
            offset = (cmd.p1 << 8) | cmd.p2
            return self.card_access[offset : offset + (cmd.le or 256)], SW["ok"]
        if self.session is None:
            return b"", SW["security"]
        if cmd.p1 & 0x80:  # short file identifier
            sfi = cmd.p1 & 0x1F
            fid = next((f for f in self.files if f & 0x1F == sfi and f >> 8 == 0x01), None)
            if fid is None:
                return b"", SW["not_found"]
            self.current, offset = fid, cmd.p2
        else:
            offset = (cmd.p1 << 8) | cmd.p2
        if self.current is None:
            return b"", SW["conditions"]
        content = self.files[self.current]
        if offset > len(content):
            return b"", SW["wrong_p1p2"]
        return content[offset : offset + (cmd.le or 256)], SW["ok"]

    def _internal_auth(self, cmd: Command) -> tuple[bytes, int]:
        """Active Authentication: sign the terminal's 8-byte challenge with the DG15 key."""
        if self.session is None:
            return b"", SW["security"]
        if self.aa_key is None:
            return b"", SW["ins"]
        if len(cmd.data) != 8:
            return b"", SW["wrong_length"]
        if isinstance(self.aa_key, rsa.RSAPrivateKey):
            return aa.sign_rsa(self.aa_key, cmd.data), SW["ok"]
        r, s = decode_dss_signature(self.aa_key.sign(cmd.data, ec.ECDSA(hashes.SHA256())))
        size = (self.aa_key.curve.key_size + 7) // 8
        return r.to_bytes(size, "big") + s.to_bytes(size, "big"), SW["ok"]

    # -- PACE, chip side ------------------------------------------------------------------

    def _mse_set_at(self, cmd: Command) -> tuple[bytes, int]:
        if (cmd.p1, cmd.p2) in ((0x41, 0xA6), (0x41, 0xA4)):
            return self._chip_auth_mse(cmd)
        if (cmd.p1, cmd.p2) != (0xC1, 0xA4) or self.pace_info is None:
            return b"", SW["wrong_p1p2"] if self.pace_info else SW["ins"]
        try:
            objs = {o.tag: o.value for o in tlv.iterate(cmd.data)}
        except tlv.TlvError:
            return b"", SW["wrong_length"]
        if objs.get(0x80) != pace.oid_bytes(self.pace_info.oid):
            return b"", 0x6A80
        ref = objs.get(0x83, b"\x00")[0]
        pw = (
            self.mrz_password
            if ref == pace.PASSWORD_MRZ
            else self.can.encode()
            if ref == pace.PASSWORD_CAN and self.can
            else None
        )
        if pw is None:
            return b"", 0x6A88
        self.session = None
        self.pace_state = {"step": 0, "password": pw}
        return b"", SW["ok"]

    # -- chip authentication, chip side ------------------------------------------------------

    def _ca_curve(self) -> Curve:
        assert self.ca_key is not None
        return CURVES[{"secp256r1": 12, "brainpoolP256r1": 13}[self.ca_key.curve.name]]

    def _ca_agree(self, point: bytes, protocol: str) -> None:
        assert self.ca_key is not None
        curve = self._ca_curve()
        shared = curve.mul(self.ca_key.private_numbers().private_value, curve.decode(point))
        assert shared is not None
        sm = ca.session_keys(shared[0].to_bytes(curve.size, "big"), protocol)
        self._pending_session = (sm.ks_enc, sm.ks_mac, sm.algorithm)

    def _chip_auth_mse(self, cmd: Command) -> tuple[bytes, int]:
        if self.session is None:
            return b"", SW["security"]
        if self.ca_key is None:
            return b"", 0x6A80
        try:
            objs = {o.tag: o.value for o in tlv.iterate(cmd.data)}
            if cmd.p2 == 0xA6:  # 3DES: MSE:Set KAT carries our key at once
                self._ca_agree(objs[0x91], "0.4.0.127.0.7.2.2.3.2.1")
                return b"", SW["ok"]
            self.ca_protocol = pace._oid(objs[0x80])
            if self.ca_protocol not in ca.CA_ECDH:
                self.ca_protocol = None
                return b"", 0x6A80
            return b"", SW["ok"]
        except (KeyError, ValueError, AssertionError, tlv.TlvError):
            return b"", 0x6A80

    def _general_authenticate(self, cmd: Command) -> tuple[bytes, int]:
        if self.ca_protocol is not None and self.session is not None:
            protocol, self.ca_protocol = self.ca_protocol, None
            try:
                point = tlv.read(tlv.read(cmd.data).value)
                if point.tag != 0x80:
                    return b"", 0x6A80
                self._ca_agree(point.value, protocol)
            except (ValueError, AssertionError, tlv.TlvError):
                return b"", 0x6A80
            return tlv.encode(0x7C, b""), SW["ok"]
        st = self.pace_state
        if not st or self.pace_info is None:
            return b"", SW["conditions"]
        try:
            outer = tlv.read(cmd.data)
            inner = tlv.read(outer.value) if outer.value else None
        except tlv.TlvError:
            self.pace_state = {}
            return b"", SW["wrong_length"]
        curve = CURVES[self.pace_info.parameter_id or 0]
        step = st["step"]
        try:
            if step == 0:
                s = self.random(16)
                st["s"] = int.from_bytes(s, "big")
                z = aes.encrypt(aes.kdf(st["password"], aes.KDF_PACE), s)  # type: ignore[arg-type]
                st["step"] = 1
                return tlv.encode(0x7C, tlv.encode(0x80, z)), SW["ok"]
            assert inner is not None
            if step == 1 and inner.tag == 0x81:
                d = pace.random_scalar(curve)
                h = curve.mul(d, curve.decode(inner.value))
                st["g"] = curve.add(curve.mul(st["s"], curve.g), h)  # type: ignore[arg-type]
                st["step"] = 2
                return tlv.encode(0x7C, tlv.encode(0x82, curve.encode(curve.mul(d, curve.g)))), SW["ok"]
            if step == 2 and inner.tag == 0x83:
                d = pace.random_scalar(curve)
                own = curve.encode(curve.mul(d, st["g"]))  # type: ignore[arg-type]
                shared = curve.mul(d, curve.decode(inner.value))
                assert shared is not None
                secret = shared[0].to_bytes(curve.size, "big")
                st.update(own=own, peer=inner.value, enc=aes.kdf(secret, 1), mac=aes.kdf(secret, 2), step=3)
                return tlv.encode(0x7C, tlv.encode(0x84, own)), SW["ok"]
            if step == 3 and inner.tag == 0x85:
                oid = self.pace_info.oid
                self.pace_state = {}
                if inner.value != pace.auth_token(st["mac"], oid, st["own"]):  # type: ignore[arg-type]
                    return b"", SW["wrong_key"]
                token = pace.auth_token(st["mac"], oid, st["peer"])  # type: ignore[arg-type]
                self.session = (st["enc"], st["mac"], "aes")  # type: ignore[assignment]
                self.ssc = 0
                return tlv.encode(0x7C, tlv.encode(0x86, token)), SW["ok"]
        except (ValueError, AssertionError):
            self.pace_state = {}
            return b"", 0x6A80
        self.pace_state = {}
        return b"", SW["conditions"]


CARD_ACCESS_FID = 0x011C


def build_card_access(info: pace.PaceInfo) -> bytes:
    """EF.CardAccess with one PACEInfo (SET OF SecurityInfo)."""
    body = tlv.encode(0x06, pace.oid_bytes(info.oid)) + tlv.encode(0x02, bytes([info.version]))
    body += tlv.encode(0x02, bytes([info.parameter_id or 0]))
    return tlv.encode(0x31, tlv.encode(0x30, body))


class AppletTransport:
    """A transport straight into an applet (no reader): for the simulated reader."""

    def __init__(self, applet: EmrtdApplet):
        self.applet = applet
        self.atr = applet.atr

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        r = self.applet.process(apdu)
        return r[:-2], int.from_bytes(r[-2:], "big")
