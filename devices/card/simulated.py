"""The demo profile's card reader: Vietnamese sample people on simulated chips.

Each sample card is personalised with the real file formats (``personalise.py``), signed by
a demo CSCA made at start-up, and read through the real protocol code (``emrtd.py`` talking
to ``applet.py`` in memory): BAC, secure messaging, passive authentication. The verification
level is therefore earned, against the demo trust store, and ``source`` says "simulated".
All people here are fictional; ID numbers follow the real layout (province code, century/sex
digit, birth year, serial).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache

from cryptography.hazmat.primitives.asymmetric import ec, rsa

from devices.card.applet import AppletTransport, EmrtdApplet
from devices.card.base import (
    AccessKey,
    CardEvent,
    CardInserted,
    CardRead,
    CardRemoved,
    EventSink,
    ProgressSink,
    ReaderAdded,
    ReadFailed,
    ReadFinished,
)
from devices.card.cccd_qr import expiry_for
from devices.card.emrtd import atr_supports_extended, read_document
from devices.card.errors import CardError, NoCard
from devices.card.mrz import MrzKey
from devices.card.personalise import Person, build_files, demo_pki

log = logging.getLogger(__name__)
READER_NAME = "Simulated CCCD reader"


def _person(pid: str, name: str, birth: date, sex: str, issued: date, **kw: object) -> Person:
    return Person(pid, name, birth, sex, issued, expiry_for(birth, issued), **kw)  # type: ignore[arg-type]


SAMPLE_PEOPLE: tuple[Person, ...] = (
    _person(
        "001088012345", "Nguyễn Văn An", date(1988, 3, 12), "M", date(2021, 5, 10),
        place_of_origin="Xã Phù Đổng, Huyện Gia Lâm, Hà Nội",
        place_of_residence="Số 12 Phố Hàng Bạc, Phường Hoàn Kiếm, Hà Nội",
        identifying_marks="Nốt ruồi C:2cm trên trước đầu lông mày trái",
        father="Nguyễn Văn Bình", mother="Lê Thị Hoa", spouse="Phạm Thị Thu", old_id="012345678", face_seed=1,
    ),
    _person(
        "079195004567", "Trần Thị Bích Ngọc", date(1995, 8, 25), "F", date(2022, 1, 15),
        place_of_origin="Xã Tân Phú, Huyện Đức Hòa, Long An",
        place_of_residence="123 Lê Lợi, Phường Bến Thành, Thành phố Hồ Chí Minh",
        religion="Phật giáo", identifying_marks="Sẹo chấm C:1cm dưới sau cằm",
        father="Trần Văn Hùng", mother="Võ Thị Lan", old_id="272749215", face_seed=2,
    ),
    _person(
        "048062007890", "Lê Hoàng Minh Đức", date(1962, 11, 2), "M", date(2021, 3, 20),
        place_of_origin="Xã Điện Minh, Thị xã Điện Bàn, Quảng Nam",
        place_of_residence="45 Bạch Đằng, Phường Hải Châu, Đà Nẵng",
        religion="Công giáo", identifying_marks="Sẹo C:3cm trên sau mép phải",
        father="Lê Văn Tư", mother="Hoàng Thị Năm", spouse="Nguyễn Thị Mai", face_seed=3,
    ),
    _person(
        "020307001122", "Hoàng Thị Mỷ", date(2007, 6, 1), "F", date(2024, 7, 15),
        ethnicity="Tày", place_of_origin="Xã Hoàng Đồng, Thành phố Lạng Sơn, Lạng Sơn",
        place_of_residence="Thôn Nà Chuông, Xã Hoàng Đồng, Lạng Sơn",
        identifying_marks="Nốt ruồi C:1cm dưới trước cánh mũi phải",
        father="Hoàng Văn Sáng", mother="Nông Thị Hiền", face_seed=4,
    ),
    _person(
        "001200009876", "Phạm Quốc Bảo", date(2000, 2, 29), "M", date(2023, 9, 1),
        place_of_origin="Xã Đông Sơn, Huyện Thủy Nguyên, Hải Phòng",
        place_of_residence="Số 8 Ngõ 34 Phố Trần Quang Diệu, Phường Đống Đa, Hà Nội",
        identifying_marks="Sẹo chấm C:0,5cm trên trước đuôi mắt trái",
        father="Phạm Quốc Hưng", mother="Đỗ Thị Hạnh", old_id="001200009876", face_seed=5,
    ),
)  # fmt: skip


def mrz_key(p: Person) -> MrzKey:
    return MrzKey(p.document_number, p.birth.strftime("%y%m%d"), p.mrz_expiry)


def qr_text(p: Person, with_old_id: bool = True) -> str:
    """What the QR on the front of this person's card says (7 fields, or 6 without old ID)."""
    fields = [p.personal_number] + ([p.old_id] if with_old_id else [])
    fields += [p.full_name, p.birth.strftime("%d%m%Y"), "Nam" if p.sex == "M" else "Nữ"]
    fields += [p.place_of_residence, p.issued.strftime("%d%m%Y")]
    return "|".join(fields)


#: Sample cards 1 and 3 also offer PACE (brainpoolP256r1), with these CANs printed on the front.
SAMPLE_CANS: dict[int, str] = {1: "482913", 3: "705316"}


@cache
def aa_key(index: int) -> rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey:
    """Each sample chip's Active Authentication key: RSA-1024 or ECDSA P-256, alternately."""
    if index % 2:
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505 - ICAO-era AA key size; a demo chip


@cache
def ca_key(index: int) -> ec.EllipticCurvePrivateKey:
    """Each sample chip's Chip Authentication key (brainpoolP256r1, as DG14 announces)."""
    return ec.generate_private_key(ec.BrainpoolP256R1())


def _ca_protocol(index: int) -> str:
    # AES chip authentication on the PACE cards, 3DES on the BAC-only ones
    return "0.4.0.127.0.7.2.2.3.2.2" if index in SAMPLE_CANS else "0.4.0.127.0.7.2.2.3.2.1"


@cache
def card_files(index: int) -> dict[str, bytes]:
    return build_files(
        SAMPLE_PEOPLE[index],
        demo_pki(),
        aa_key=aa_key(index),
        ca_key=ca_key(index),
        ca_protocol=_ca_protocol(index),
    )


def make_applet(index: int, extended: bool = True) -> EmrtdApplet:
    return EmrtdApplet(
        card_files(index), mrz_key(SAMPLE_PEOPLE[index]), extended=extended, aa_key=aa_key(index),
        pace_parameter_id=13 if index in SAMPLE_CANS else None, can=SAMPLE_CANS.get(index), ca_key=ca_key(index),
    )  # fmt: skip


def read_sample(index: int, keys: Sequence[AccessKey], progress: ProgressSink | None = None) -> CardRead:
    t = AppletTransport(make_applet(index))
    result = read_document(
        t, keys, csca_store=[demo_pki().csca_cert], extended=atr_supports_extended(t.atr), progress=progress
    )
    return replace(result, verification=replace(result.verification, source="simulated"))


class SimulatedCardReader:
    """``base.CardReader`` over the sample cards. ``insert(i)`` / ``remove()`` drive the demo."""

    name = READER_NAME

    def __init__(self, inserted: int | None = 0):
        self.inserted = inserted
        self._jobs: queue.Queue[tuple[str, object]] = queue.Queue()
        self._thread: threading.Thread | None = None

    def read(self, keys: Sequence[AccessKey], progress: ProgressSink | None = None) -> CardRead:
        if self.inserted is None:
            raise NoCard("no simulated card inserted")
        return read_sample(self.inserted, keys, progress)

    def start(self, sink: EventSink) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, args=(sink,), name="card-reader-sim", daemon=False)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        if self._thread is not None:
            self._jobs.put(("stop", None))
            self._thread.join(timeout)
            self._thread = None

    def request_read(self, keys: Sequence[AccessKey]) -> None:
        self._jobs.put(("read", list(keys)))

    def insert(self, index: int) -> None:
        self._jobs.put(("insert", index))

    def remove(self) -> None:
        self._jobs.put(("remove", None))

    def _run(self, sink: EventSink) -> None:
        def emit(e: CardEvent) -> None:
            sink(e)

        emit(ReaderAdded(READER_NAME))
        if self.inserted is not None:
            emit(CardInserted(READER_NAME, make_applet(self.inserted).atr.hex().upper()))
        while True:
            what, arg = self._jobs.get()
            if what == "stop":
                return
            if what == "insert":
                assert isinstance(arg, int)
                self.inserted = arg % len(SAMPLE_PEOPLE)
                emit(CardInserted(READER_NAME, make_applet(self.inserted).atr.hex().upper()))
            elif what == "remove":
                if self.inserted is not None:
                    self.inserted = None
                    emit(CardRemoved(READER_NAME))
            elif what == "read":
                try:
                    result = self.read(arg, emit)  # type: ignore[arg-type]
                except CardError as e:
                    emit(ReadFailed(e.code, e.way_on, e.detail))
                else:
                    emit(ReadFinished(result))
