"""DLE EOT answers → status, with the byte values of the ESC/POS reference."""

from __future__ import annotations

from devices.printer import status as st


def test_ready_printer_answers_fixed_bits_only():
    s = st.decode(0x12, 0x12, 0x12, 0x12)
    assert s.condition == "ready" and s.can_print and s.online


def test_out_of_paper_as_the_reference_shows_it():
    # DLE EOT 1 offline (0x1A), 2 printing stopped by paper end (0x32), 4 both sensor pairs (0x7E)
    s = st.decode(0x1A, 0x32, 0x12, 0x7E)
    assert s.paper_end and s.paper_near_end and not s.online
    assert s.condition == "paper_end" and not s.can_print and s.code == "printer.paper_end"


def test_near_end_still_prints_but_warns():
    s = st.decode(0x12, 0x12, 0x12, 0x1E)
    assert s.paper_near_end and not s.paper_end
    assert s.condition == "near_end" and s.can_print


def test_cover_open_wins_over_paper_end():
    s = st.decode(0x1A, 0x16 | 0x20, 0x12, 0x7E)
    assert s.cover_open and s.condition == "cover_open"


def test_autocutter_error():
    s = st.decode(0x3A, 0x52, 0x1A, 0x12)
    assert s.error and s.condition == "error" and "autocutter" in s.detail


def test_plain_offline():
    assert st.decode(0x1A, 0x12, 0x12, 0x12).condition == "offline"


def test_a_byte_breaking_the_fixed_bits_is_not_a_status():
    s = st.decode(0x12, 0x12, 0x12, 0xFF)
    assert not s.can_print and "not a status answer" in s.detail


def test_no_answer_to_first_query_means_offline():
    sent = []
    s = st.read_status(sent.append, lambda: None)
    assert sent == [b"\x10\x04\x01"]
    assert s.condition == "offline" and "no answer" in s.detail


def test_read_status_asks_1_to_4_in_order():
    sent: list[bytes] = []
    answers = iter([0x12, 0x12, 0x12, 0x1E])
    s = st.read_status(sent.append, lambda: next(answers))
    assert sent == [b"\x10\x04\x01", b"\x10\x04\x02", b"\x10\x04\x03", b"\x10\x04\x04"]
    assert s.condition == "near_end" and s.raw == (0x12, 0x12, 0x12, 0x1E)
