"""The card reader seen from Qt: driver events re-emitted as signals on the GUI thread.

The reader (``devices.card``) runs its own thread; this QObject lives on the GUI thread and
its signals, emitted from the reader's thread, reach slots there queued. Screens never call
the driver directly and never block:

    ctl = CardController(open_card_reader(settings))
    ctl.cardInserted.connect(screen.on_card)           # (reader, atr hex)
    ctl.progress.connect(screen.on_progress)           # (step, done, total)
    ctl.readFinished.connect(screen.on_read)           # devices.card.base.CardRead
    ctl.readFailed.connect(screen.on_failed)           # (code, way_on, detail): text via kiosk.messages
    ctl.start()
    ctl.read_with_qr(qr_text)                          # or read_with_mrz(...), read_with_keys([...])
    ...
    ctl.close()                                        # stops the reader's thread
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from devices.card import cccd_qr
from devices.card.base import (
    AccessKey,
    CardEvent,
    CardInserted,
    CardReader,
    CardRemoved,
    MonitorFailed,
    ReaderAdded,
    ReaderRemoved,
    ReadFailed,
    ReadFinished,
    ReadProgress,
)
from devices.card.errors import CardError
from devices.card.face import face_png
from devices.card.lds import FaceImage
from devices.card.mrz import parse_td1
from ui.devices.base import DeviceController


class CardController(DeviceController):
    readerAdded = Signal(str)
    readerRemoved = Signal(str)
    cardInserted = Signal(str, str)  # reader, ATR (hex)
    cardRemoved = Signal(str)
    progress = Signal(str, int, int)  # step ("access", "DG2", "verify" …), bytes done, bytes total
    readFinished = Signal(object)  # CardRead
    readFailed = Signal(str, str, str)  # message code, way on, technical detail

    def __init__(self, reader: CardReader, parent: QObject | None = None):
        super().__init__(parent)
        self.reader = reader
        self._started = False

    def start(self) -> None:
        if not self._started:
            self._started = True
            self.reader.start(self._on_event)

    def close(self) -> None:
        if self._started:
            self.reader.stop()
            self._started = False

    # -- asking for a read (returns at once; the outcome comes as signals) ----------------------

    def read_with_keys(self, keys: Sequence[AccessKey]) -> None:
        self.reader.request_read(list(keys))

    def read_with_qr(self, text: str) -> None:
        """Keys derived from the card's front QR (several candidates, tried in turn)."""
        try:
            keys = cccd_qr.bac_keys(cccd_qr.parse(text))
        except CardError as e:
            self.readFailed.emit(e.code, e.way_on, e.detail)
            return
        except (ValueError, OverflowError):  # a date outside the calendar: the person types the MRZ
            self.readFailed.emit("card.bad_qr_date", "type_mrz", "QR dates out of range")
            return
        self.read_with_keys(keys)

    def read_with_mrz(self, text: str) -> None:
        try:
            key = parse_td1(text).key()
        except CardError as e:
            self.readFailed.emit(e.code, e.way_on, e.detail)
            return
        self.read_with_keys([key])

    @staticmethod
    def face_image(face: FaceImage, max_height: int | None = None) -> QImage:
        """The portrait as a QImage (JPEG 2000 decoded by Pillow, as Qt may lack the plugin)."""
        return QImage.fromData(face_png(face, max_height))

    # -- called on the reader's thread: only emit ------------------------------------------

    def _on_event(self, e: CardEvent) -> None:
        if isinstance(e, ReadProgress):
            self.progress.emit(e.step, e.done, e.total)
        elif isinstance(e, ReadFinished):
            self.readFinished.emit(e.result)
        elif isinstance(e, ReadFailed):
            self.readFailed.emit(e.code, e.way_on, e.detail)
        elif isinstance(e, CardInserted):
            self.cardInserted.emit(e.reader, e.atr)
        elif isinstance(e, CardRemoved):
            self.cardRemoved.emit(e.reader)
        elif isinstance(e, ReaderAdded):
            self.readerAdded.emit(e.reader)
        elif isinstance(e, ReaderRemoved):
            self.readerRemoved.emit(e.reader)
        elif isinstance(e, MonitorFailed):
            self.failed.emit(e.code, e.detail)
