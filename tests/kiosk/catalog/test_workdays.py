"""Appointment dates in working days: weekends and Vietnamese public holidays skipped."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kiosk.catalog.workdays import add_working_days, appointment_date, is_working_day


def test_weekends_and_tet_are_not_working_days():
    assert not is_working_day(date(2026, 11, 21))  # Saturday
    assert not is_working_day(date(2026, 2, 17))  # Tết Nguyên Đán 2026 (lunar 1/1)
    assert not is_working_day(date(2026, 9, 2))  # National Day
    assert is_working_day(date(2026, 11, 23))


def test_counting_skips_tet():
    # Friday 13 Feb 2026 + 3 working days: Tết holidays 16–20 Feb, weekend 21–22 → Wed 25 Feb.
    assert add_working_days(date(2026, 2, 13), 3) == date(2026, 2, 25)


def test_cut_off_and_days_off_move_same_day_procedures():
    morning = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội, Wednesday
    evening = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # 16:00, after the 15:00 cut-off
    assert appointment_date(morning, 0) == date(2026, 11, 25)
    assert appointment_date(evening, 0) == date(2026, 11, 26)
    saturday = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
    assert appointment_date(saturday, 0) == date(2026, 11, 30)
    assert appointment_date(morning, 7) == date(2026, 12, 4)
