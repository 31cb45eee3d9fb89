"""Working days in Viet Nam: Monday to Friday, minus public holidays.

Holidays come from the maintained ``holidays`` package (Labour Code 2019, Art. 112: New
Year, five Tết days, Hùng Kings' day, 30 April, 1 May, two National Day days, with lunar
dates converted and the government's observed and swapped days off for the years it
knows). Saturday-morning opening hours of some one-stop shops do not count as a working
day for deadlines.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache

from kiosk.vntime import VN_TZ

# Received after this local time counts from the next working day (Decree 23/2015, Art. 7 style).
CUT_OFF = time(15, 0)


@cache
def _holidays(year: int) -> frozenset[date]:
    import holidays  # a tenth of a second: paid when a date is first counted, not at start-up

    return frozenset(holidays.country_holidays("VN", years=year).keys())


def is_working_day(d: date) -> bool:
    return d.weekday() < 5 and d not in _holidays(d.year)


def next_working_day(d: date) -> date:
    d += timedelta(days=1)
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def add_working_days(start: date, days: int) -> date:
    """The day ``days`` working days after ``start`` (0: ``start`` itself if it is one)."""
    d = start
    if not is_working_day(d):
        d = next_working_day(d)
    for _ in range(days):
        d = next_working_day(d)
    return d


def appointment_date(received_at: datetime, working_days: int) -> date:
    """When the result is due, counted in Vietnamese local time from the receipt of the dossier.

    Same-day procedures received after the cut-off, or on a day off, are due the next
    working day.
    """
    local = received_at.astimezone(VN_TZ)
    start = local.date()
    if is_working_day(start) and local.time() >= CUT_OFF:
        start = next_working_day(start)
    return add_working_days(start, working_days)
