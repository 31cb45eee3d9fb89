"""Reading an eMRTD over any transport: select the application, BAC, read the files, verify.

Works on a ``Transport`` (PC/SC in ``pcsc.py``), so it knows nothing of readers or threads.
Reads use extended length (one READ BINARY for the rest of a file) when the card says it
supports it, else chunks of 0xDF bytes: with secure messaging a short response must fit
256 bytes, and 0xDF plaintext bytes is the largest that does (DO87 + DO99 + DO8E).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from cryptography import x509

from devices.card import aa, bac, ca, lds, pace, tlv
from devices.card.apdu import SW_OK, CountingTransport, Transport, build
from devices.card.base import AccessKey, CardRead, ProgressSink, ReadProgress, Verification
from devices.card.dg13 import Dg13, parse_dg13
from devices.card.errors import (
    AccessUnsupported,
    CardError,
    CardStatus,
    CorruptFile,
    FileMissing,
    NotEmrtd,
    SecureMessagingError,
    WrongKey,
)
from devices.card.mrz import MrzKey, yymmdd_to_date
from devices.card.passive import FAILED, verify
from devices.card.sm import SecureMessaging

log = logging.getLogger(__name__)

SHORT_CHUNK = 0xDF
EXTENDED_CHUNK = 0x7F00  # plaintext per extended READ BINARY (offsets stay below 0x8000)
SW_EOF = 0x6282  # end of file reached before Le bytes: the data is still good
SW_WRONG_LENGTH = 0x6700
SW_NOT_FOUND = 0x6A82
SW_SECURITY = 0x6982
FILE_ORDER = ("DG1", "DG2", "DG13", "DG11", "DG12", "DG14", "DG15")


def atr_supports_extended(atr: bytes) -> bool:
    """ISO 7816-4 §8.1.1.2.7: card capabilities (compact TLV tag 7, third byte bit 7)."""
    if len(atr) < 2:
        return False
    t0 = atr[1]
    pos, y, k = 2, t0 >> 4, t0 & 0x0F
    while y:  # skip interface bytes TA..TD of every level
        td = None
        for bit in range(4):
            if y & (1 << bit):
                if bit == 3:
                    td = atr[pos] if pos < len(atr) else 0
                pos += 1
        y = (td >> 4) if td is not None else 0
    hist = atr[pos : pos + k]
    if not hist or hist[0] != 0x80:
        return False
    i = 1
    while i < len(hist):
        tag, length = hist[i] >> 4, hist[i] & 0x0F
        value = hist[i + 1 : i + 1 + length]
        if tag == 7 and len(value) >= 3:
            return bool(value[2] & 0x40)
        i += 1 + length
    return False


class Session:
    """An authenticated channel to the eMRTD application."""

    def __init__(self, transport: Transport, sm: SecureMessaging, extended: bool, access: str = "BAC"):
        self.access = access
        self.transport = transport
        self.sm = sm
        self.extended = extended

    def command(
        self, ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = None
    ) -> tuple[bytes, int]:
        apdu = self.sm.protect(0x00, ins, p1, p2, data, le)
        rdata, sw = self.transport.transmit(apdu)
        return self.sm.unprotect(rdata, sw)

    def select(self, name: str) -> None:
        fid = lds.FILES[name][0]
        _, sw = self.command(0xA4, 0x02, 0x0C, fid.to_bytes(2, "big"))
        if sw == SW_NOT_FOUND:
            raise FileMissing(f"{name} not on the card")
        if sw != SW_OK:
            raise CardStatus(sw, f"SELECT {name}")

    def read_binary(self, offset: int, length: int) -> bytes:
        data, sw = self.command(0xB0, (offset >> 8) & 0x7F, offset & 0xFF, le=length)
        if sw not in (SW_OK, SW_EOF):
            raise CardStatus(sw, f"READ BINARY at {offset}")
        return data

    def read_file(self, name: str, progress: ProgressSink | None = None) -> bytes:
        self.select(name)
        head = self.read_binary(0, 8)
        try:
            _tag, length, start = tlv.read_header(head)
        except tlv.TlvError:
            raise CorruptFile(f"{name}: unreadable header") from None
        total = start + length
        if total > 0x7FFF + SHORT_CHUNK:
            raise CorruptFile(f"{name}: {total} bytes is beyond what READ BINARY (B0) can address")
        buf = bytearray(head[:total])
        while len(buf) < total:
            want = total - len(buf)
            if self.extended:
                chunk = min(want, EXTENDED_CHUNK)
                try:
                    part = self.read_binary(len(buf), chunk)
                except CardStatus as e:
                    if e.sw != SW_WRONG_LENGTH:
                        raise
                    log.info("extended_read_refused falling_back=chunked")
                    self.extended = False
                    continue
            else:
                part = self.read_binary(len(buf), min(want, SHORT_CHUNK))
            if not part:
                raise CorruptFile(f"{name}: file ends after {len(buf)} of {total} bytes")
            buf += part
            if progress:
                progress(ReadProgress(name, len(buf), total))
        return bytes(buf[:total])


def select_application(transport: Transport) -> None:
    _, sw = transport.transmit(build(0x00, 0xA4, 0x04, 0x0C, lds.AID_MRTD))
    if sw != SW_OK:
        raise NotEmrtd(f"SELECT eMRTD application answered {sw:04X}")


def read_card_access(transport: Transport) -> list[pace.PaceInfo]:
    """EF.CardAccess (in the master file, readable without access); [] when there is none."""
    _, sw = transport.transmit(build(0x00, 0xA4, 0x02, 0x0C, b"\x01\x1c"))
    if sw != SW_OK:
        return []
    data, sw = transport.transmit(build(0x00, 0xB0, 0x00, 0x00, le=256))
    if sw not in (SW_OK, SW_EOF) or not data:
        return []
    return pace.parse_card_access(data)


def _try_pace(
    transport: Transport, keys: Sequence[AccessKey], infos: list[pace.PaceInfo]
) -> tuple[SecureMessaging | None, int]:
    """PACE with each key in turn; (session or None, keys tried)."""
    info = next((i for i in infos if i.supported), None)
    if info is None:
        log.info("pace_not_supported variants=%d", len(infos))
        return None, 0
    tried = 0
    for key in keys:
        tried += 1
        try:
            sm = pace.authenticate(transport, key, info)
        except WrongKey:
            continue
        except CardStatus as e:
            log.info("pace_refused sw=%04X", e.sw)
            return None, tried
        _, sw = sm.unprotect(*transport.transmit(sm.protect(0x00, 0xA4, 0x04, 0x0C, lds.AID_MRTD)))
        if sw != SW_OK:
            raise NotEmrtd(f"SELECT eMRTD application answered {sw:04X} after PACE")
        return sm, tried
    return None, tried


def open_session(transport: Transport, keys: Sequence[AccessKey], extended: bool) -> tuple[Session, int]:
    """PACE where the chip offers it, else (or when PACE refuses every key) BAC; (session, keys tried).

    Many chips accept one protocol and not the other, so a PACE failure falls back to BAC
    with the MRZ keys; a CAN works with PACE only.
    """
    mrz_keys = [k for k in keys if isinstance(k, MrzKey)]
    if not keys:
        raise WrongKey("no access key")
    infos = read_card_access(transport)
    pace_tried = 0
    if infos:
        sm, pace_tried = _try_pace(transport, keys, infos)
        if sm is not None:
            return Session(transport, sm, extended, "PACE"), pace_tried
    if not mrz_keys:
        if infos:
            raise WrongKey(f"PACE refused {pace_tried} key(s)")
        raise AccessUnsupported("this chip has no PACE, and a CAN cannot open it with BAC; use the MRZ")
    last: WrongKey | None = None
    try:
        select_application(transport)
        for tried, key in enumerate(mrz_keys, 1):
            try:
                sm = bac.authenticate(transport, key)
            except WrongKey as e:
                last = e
                continue
            return Session(transport, sm, extended, "BAC"), pace_tried + tried
    except (CardStatus, NotEmrtd) as e:
        if pace_tried:  # a PACE-only chip: its refusal is the answer
            raise WrongKey(f"PACE refused {pace_tried} key(s); no BAC ({e.detail})") from None
        raise
    assert last is not None
    raise WrongKey(f"{len(mrz_keys)} key(s) refused: {last.detail}")


def read_document(
    transport: Transport,
    keys: Sequence[AccessKey],
    *,
    csca_store: list[x509.Certificate] | None = None,
    extended: bool = False,
    progress: ProgressSink | None = None,
) -> CardRead:
    """Everything the kiosk wants from the chip, passive authentication included."""
    started = time.perf_counter()
    counter = CountingTransport(transport)
    if progress:
        progress(ReadProgress("access", 0, 0))
    session, tried = open_session(counter, keys, extended)
    raw: dict[str, bytes] = {"COM": session.read_file("COM", progress)}
    com = lds.parse_com(raw["COM"])
    chip_auth = ca.NOT_SUPPORTED
    if "DG14" in com.data_groups:
        raw["DG14"] = session.read_file("DG14", progress)
        chip_auth = _chip_authenticate(session, raw["DG14"], progress)
    for name in FILE_ORDER:
        if name in raw:
            continue
        if name in com.data_groups or name == "DG1":
            try:
                raw[name] = session.read_file(name, progress)
            except FileMissing:
                if name in ("DG1", "DG2"):
                    raise
                log.info("listed_file_missing file=%s", name)
            except (SecureMessagingError, CardStatus) as e:
                broken_sm = isinstance(e, SecureMessagingError) or e.sw in (0x6987, 0x6988)
                if chip_auth == ca.PASSED and name == "DG1" and broken_sm:  # first command on the new keys
                    raise CardError(
                        f"the chip could not continue after chip authentication ({e.detail})",
                        code="card.chip_auth_failed",
                    ) from None
                raise
    raw["SOD"] = session.read_file("SOD", progress)
    if progress:
        progress(ReadProgress("verify", 0, 0))
    active = aa.NOT_SUPPORTED
    active_detail = ""
    if "DG15" in raw:
        if progress:
            progress(ReadProgress("active_authentication", 0, 0))
        try:
            active, active_detail = aa.authenticate(session.command, raw["DG15"], raw.get("DG14"))
        except CorruptFile as e:
            active, active_detail = aa.FAILED, e.detail
    groups = {int(name[2:]): data for name, data in raw.items() if name.startswith("DG")}
    pa = verify(raw["SOD"], groups, csca_store or [])
    td1 = lds.parse_dg1(raw["DG1"])
    face = lds.parse_dg2(raw["DG2"]) if "DG2" in raw else None
    dg13: Dg13 | None = None
    if "DG13" in raw:
        try:
            dg13 = parse_dg13(raw["DG13"])
        except CorruptFile as e:
            log.warning("dg13_unparsed reason=%s", e.detail)
    level, detail = pa.level, pa.detail
    if chip_auth == "failed":
        level, detail = FAILED, "; ".join(d for d in (detail, "the chip refused chip authentication") if d)
    if active == aa.FAILED:  # genuine data on a chip that cannot prove it is the original
        level, detail = FAILED, "; ".join(d for d in (detail, f"active authentication: {active_detail}") if d)
    verification = Verification(
        level=level,
        source="chip",
        access=session.access,
        detail=detail,
        active_authentication=active,
        chip_authentication=chip_auth,
        signer=pa.signer,
        checked_groups=pa.checked_groups,
        mismatched_groups=pa.mismatched_groups,
    )
    personal = (dg13.personal_number if dg13 else None) or _personal_from_mrz(td1.optional_data_1)
    full_name = (dg13.full_name if dg13 else None) or f"{td1.surname} {td1.given_names}".strip()
    birth = (dg13.birth if dg13 else None) or yymmdd_to_date(td1.birth, future=False)
    expiry = dg13.expires if dg13 and dg13.expires else yymmdd_to_date(td1.expiry, future=True)
    figures = {
        "apdus": counter.count,
        "seconds": round(time.perf_counter() - started, 4),
        "read_mode": "extended" if session.extended else "chunked",
        "keys_tried": tried,
        "bytes": sum(len(v) for v in raw.values()),
    }
    log.info("card_read level=%s apdus=%d seconds=%.3f", pa.level, counter.count, figures["seconds"])
    if pa.level == FAILED:
        log.warning("passive_authentication_failed detail=%s", pa.detail)
    return CardRead(
        document_number=td1.document_number,
        personal_number=personal,
        full_name=full_name,
        surname=td1.surname,
        given_names=td1.given_names,
        birth_date=birth,
        expiry_date=expiry,
        sex=td1.sex if td1.sex in ("M", "F") else "X",
        nationality=td1.nationality,
        issuing_state=td1.issuing_state,
        face=face,
        dg13=dg13,
        verification=verification,
        files=tuple(raw),
        figures=figures,
    )


def _chip_authenticate(session: Session, dg14: bytes, progress: ProgressSink | None) -> str:
    """Chip Authentication when DG14 offers a variant we speak; the session moves to its keys."""
    try:
        chip = ca.chip_key_from_dg14(dg14)
    except CorruptFile as e:
        log.warning("dg14_unreadable reason=%s", e.detail)
        return ca.NOT_SUPPORTED
    if chip is None:
        return ca.NOT_SUPPORTED
    if progress:
        progress(ReadProgress("chip_authentication", 0, 0))
    try:
        session.sm = ca.authenticate(session.command, chip)
    except CardStatus as e:
        log.warning("chip_authentication_refused sw=%04X", e.sw)
        return "failed"
    return ca.PASSED


def _personal_from_mrz(optional: str) -> str:
    digits = optional.replace("<", "")
    return digits[:12] if len(digits) >= 12 and digits[:12].isdigit() else ""


__all__ = ["read_document", "open_session", "Session", "atr_supports_extended", "CardError"]
