"""The demo profile's reader: real protocol in memory, events from its own thread."""

import threading

from devices.card import cccd_qr
from devices.card.base import CardInserted, CardRemoved, ReaderAdded, ReadFailed, ReadFinished
from devices.card.factory import open_card_reader
from devices.card.mrz import MrzKey
from devices.card.passive import VERIFIED
from devices.card.simulated import SAMPLE_PEOPLE, SimulatedCardReader, mrz_key, qr_text
from devices.settings import DeviceSettings


def test_every_sample_person_opens_with_the_keys_from_their_qr():
    reader = SimulatedCardReader()
    for i, p in enumerate(SAMPLE_PEOPLE):
        reader.inserted = i
        r = reader.read(cccd_qr.bac_keys(cccd_qr.parse(qr_text(p, with_old_id=i % 2 == 0))))
        assert r.full_name == p.full_name and r.verification.level == VERIFIED
        assert r.verification.source == "simulated" and r.expiry_date == p.expiry


def test_events_arrive_in_order_from_the_reader_thread():
    events, cond = [], threading.Condition()

    def sink(e):
        with cond:
            events.append((e, threading.current_thread().name))
            cond.notify_all()

    reader = open_card_reader(DeviceSettings(card_reader="sim:1"))
    reader.start(sink)
    try:
        reader.request_read([mrz_key(SAMPLE_PEOPLE[1])])
        reader.request_read([MrzKey("000000000", "000101", "000101")])
        reader.remove()
        with cond:
            assert cond.wait_for(lambda: any(isinstance(e, CardRemoved) for e, _ in events), 10)
    finally:
        reader.stop()
    kinds = [type(e) for e, _ in events if not type(e).__name__.startswith("ReadProgress")]
    assert kinds == [ReaderAdded, CardInserted, ReadFinished, ReadFailed, CardRemoved]
    assert {name for _, name in events} == {"card-reader-sim"}
