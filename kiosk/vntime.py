"""Vietnam time and how dates and times are written, for every screen, receipt and page.

Vietnam has one time zone (UTC+7, no daylight saving): the kiosk shows, prints and computes
appointments in it whatever the machine's own zone is set to, and so does the central. One
way to write a date (with its weekday) and a time, in Vietnamese and English.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_VI_DAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
_EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def now() -> datetime:
    return datetime.now(VN_TZ)


def fmt_date(d: date, lang: str) -> str:
    """``Thứ Tư, 25/11/2026`` / ``Wed 25 Nov 2026``."""
    if lang == "vi":
        return f"{_VI_DAYS[d.weekday()]}, {d.day:02d}/{d.month:02d}/{d.year}"
    return f"{_EN_DAYS[d.weekday()]} {d.day} {_EN_MONTHS[d.month - 1]} {d.year}"


def fmt_time(t: datetime, lang: str) -> str:
    """``10:45 ngày 25/11/2026`` / ``10:45, 25 Nov 2026``, in Vietnam time (non-breaking spaces:
    a receipt line never breaks inside it)."""
    t = t.astimezone(VN_TZ)
    if lang == "vi":
        return f"{t:%H:%M}\u00a0ngày\u00a0{t.day:02d}/{t.month:02d}/{t.year}"
    return f"{t:%H:%M},\u00a0{t.day}\u00a0{_EN_MONTHS[t.month - 1]}\u00a0{t.year}"
