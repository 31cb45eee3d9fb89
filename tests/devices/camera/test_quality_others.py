"""Another document beside the one found: "one document at a time" comes first among the reasons."""

from __future__ import annotations

from dataclasses import replace

import cv2

from devices.camera.docscan import DocumentDetector
from devices.camera.quality import assess
from kiosk.messages import catalog, text
from tests.devices.camera.scenes import PAGE, desk, place, sheet
from tests.devices.camera.test_docscan_others import _two_cards


def test_two_cards_ask_for_one_at_a_time_first():
    f = _two_cards()
    d = DocumentDetector(segmenter=None).detect(f)
    assert d is not None and d.others == 1
    q = assess(f, d)
    assert q.reasons[0] == "camera.one_at_a_time" and q.hint == "camera.one_at_a_time"
    assert not q.ok


def test_it_comes_before_the_other_reasons():
    f = place(desk(), sheet(), PAGE)
    d = DocumentDetector().detect(f)
    assert d is not None and d.others == 0
    blurred = cv2.GaussianBlur(f, (0, 0), 4)
    assert assess(blurred, d).reasons[0] == "camera.blur"
    q = assess(blurred, replace(d, others=1))
    assert q.reasons[0] == "camera.one_at_a_time" and "camera.blur" in q.reasons


def test_a_single_page_has_no_such_reason():
    f = place(desk(), sheet(), PAGE)
    assert "camera.one_at_a_time" not in assess(f, DocumentDetector().detect(f)).reasons


def test_the_message_exists_in_both_languages():
    assert "camera.one_at_a_time" in catalog()
    vi, en = text("camera.one_at_a_time", "vi"), text("camera.one_at_a_time", "en")
    assert "một giấy tờ" in vi and "ông/bà" in vi
    assert "One document at a time" in en
