"""End-of-day figures for a supervisor: dossiers by procedure, channel and outcome, help
requests, ratings and receipt paper used. No personal data: counts and codes only.

:func:`build_day_report` is pure (plain facts in, a :class:`DayReport` out);
:func:`day_report_from_kiosk` gathers the facts of one local day on this kiosk from

- the offline outbox: every dossier queued that day, its procedure and state; the channel is
  read from the stored submission's ``channel`` field (nothing else of it is kept);
- the hash-chained audit log: ``help.requested`` (a citizen's "Ask for staff help"),
  ``staff.sign_in`` with ``help_requests_closed``, ``rating.given`` with ``score`` 1–5;
- the print jobs folder: receipts printed that day, reprints, and paper length estimated
  from each job's raster height (203 dpi, 8 dots per mm) while the image is still kept.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from kiosk.config import KioskConfig
from kiosk.logs import get_logger
from kiosk.messages import text

log = get_logger(__name__)

OUTCOMES = ("accepted", "rejected", "pending", "needs_staff")
CHANNELS = ("self_service", "assisted")
DOTS_PER_MM = 8.0  # 203 dpi thermal heads
FEED_MM = 15.0  # blank feed before the cut, per receipt (measured on 80 mm printers)


@dataclass(frozen=True)
class DossierFact:
    procedure_code: str
    channel: str  # self_service | assisted
    outcome: str  # accepted | rejected | pending | needs_staff


@dataclass(frozen=True)
class PrintFact:
    kind: str  # receipt | slip | test
    reprints: int
    length_mm: float | None  # None when the image is gone


@dataclass(frozen=True)
class DayReport:
    day: date
    kiosk_id: str
    dossiers: int
    by_procedure: Mapping[str, Mapping[str, Mapping[str, int]]]  # code -> {"channel": {…}, "outcome": {…}}
    by_channel: Mapping[str, int]
    by_outcome: Mapping[str, int]
    help_requests: int
    help_requests_answered: int
    ratings: int
    rating_average: float | None
    rating_counts: Mapping[int, int]
    receipts: int
    reprints: int
    paper_mm: float
    paper_estimated: bool  # some printed lengths were unknown and are not counted
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "kiosk_id": self.kiosk_id,
            "dossiers": {
                "total": self.dossiers,
                "by_channel": dict(self.by_channel),
                "by_outcome": dict(self.by_outcome),
                "by_procedure": {
                    k: {kk: dict(vv) for kk, vv in v.items()} for k, v in self.by_procedure.items()
                },
            },
            "help_requests": {"raised": self.help_requests, "answered": self.help_requests_answered},
            "ratings": {
                "count": self.ratings,
                "average": self.rating_average,
                "by_score": {str(k): v for k, v in sorted(self.rating_counts.items())},
            },
            "paper": {
                "receipts": self.receipts,
                "reprints": self.reprints,
                "length_mm": round(self.paper_mm, 1),
                "incomplete": self.paper_estimated,
            },
            "generated_at": self.generated_at.isoformat(),
        }

    def as_text(self, lang: str = "vi") -> str:
        vi = lang == "vi"
        lines = [
            (f"Báo cáo cuối ngày {self.day.isoformat()} — máy {self.kiosk_id}")
            if vi
            else (f"End-of-day report {self.day.isoformat()} — kiosk {self.kiosk_id}"),
            (f"Hồ sơ: {self.dossiers}" if vi else f"Dossiers: {self.dossiers}"),
        ]
        for ch in CHANNELS:
            lines.append(f"  {channel_words(ch, lang)}: {self.by_channel.get(ch, 0)}")
        for oc in OUTCOMES:
            lines.append(f"  {outcome_words(oc, lang)}: {self.by_outcome.get(oc, 0)}")
        for code, parts in sorted(self.by_procedure.items()):
            total = sum(parts["outcome"].values())
            lines.append(f"  {code}: {total}")
        avg = f"{self.rating_average:.1f}" if self.rating_average is not None else "—"
        lines += [
            (
                f"Yêu cầu hỗ trợ: {self.help_requests} (đã có cán bộ: {self.help_requests_answered})"
                if vi
                else f"Help requests: {self.help_requests} (answered: {self.help_requests_answered})"
            ),
            (
                f"Đánh giá: {self.ratings}, trung bình {avg}/5"
                if vi
                else f"Ratings: {self.ratings}, average {avg}/5"
            ),
            (
                f"Giấy in: {self.receipts} biên nhận, {self.reprints} bản in lại, khoảng {self.paper_mm / 1000:.2f} m"
                if vi
                else f"Paper: {self.receipts} receipts, {self.reprints} reprints, about {self.paper_mm / 1000:.2f} m"
            ),
        ]
        if self.dossiers == 0 and self.help_requests == 0 and self.ratings == 0 and self.receipts == 0:
            lines.append(text("staff.report_no_data", lang))
        return "\n".join(lines)


def channel_words(channel: str, lang: str) -> str:
    words = {"self_service": ("Tự phục vụ", "Self-service"), "assisted": ("Có cán bộ hỗ trợ", "Assisted")}
    pair = words.get(channel, (channel, channel))
    return pair[0] if lang == "vi" else pair[1]


def outcome_words(outcome: str, lang: str) -> str:
    words = {
        "accepted": ("Đã tiếp nhận", "Accepted"),
        "rejected": ("Bị từ chối", "Rejected"),
        "pending": ("Đang chờ gửi", "Waiting to be sent"),
        "needs_staff": ("Cần cán bộ xử lý", "Needs staff"),
    }
    pair = words.get(outcome, (outcome, outcome))
    return pair[0] if lang == "vi" else pair[1]


def build_day_report(
    day: date,
    kiosk_id: str,
    dossiers: Iterable[DossierFact],
    *,
    help_requested: int = 0,
    help_answered: int = 0,
    ratings: Iterable[int] = (),
    prints: Iterable[PrintFact] = (),
) -> DayReport:
    by_channel: Counter[str] = Counter()
    by_outcome: Counter[str] = Counter()
    per_proc: dict[str, dict[str, Counter[str]]] = {}
    n = 0
    for d in dossiers:
        n += 1
        by_channel[d.channel] += 1
        by_outcome[d.outcome] += 1
        slot = per_proc.setdefault(d.procedure_code, {"channel": Counter(), "outcome": Counter()})
        slot["channel"][d.channel] += 1
        slot["outcome"][d.outcome] += 1
    scores = [s for s in ratings if 1 <= s <= 5]
    rating_counts = Counter(scores)
    receipts = reprints = 0
    paper = 0.0
    unknown = False
    for p in prints:
        if p.kind == "test":
            continue
        receipts += 1
        reprints += p.reprints
        if p.length_mm is None:
            unknown = True
        else:
            paper += (p.length_mm + FEED_MM) * (1 + p.reprints)
    return DayReport(
        day=day,
        kiosk_id=kiosk_id,
        dossiers=n,
        by_procedure={k: {kk: dict(vv) for kk, vv in v.items()} for k, v in sorted(per_proc.items())},
        by_channel={c: by_channel.get(c, 0) for c in (*CHANNELS, *sorted(set(by_channel) - set(CHANNELS)))},
        by_outcome={o: by_outcome.get(o, 0) for o in (*OUTCOMES, *sorted(set(by_outcome) - set(OUTCOMES)))},
        help_requests=help_requested,
        help_requests_answered=help_answered,
        ratings=len(scores),
        rating_average=round(sum(scores) / len(scores), 2) if scores else None,
        rating_counts=dict(rating_counts),
        receipts=receipts,
        reprints=reprints,
        paper_mm=paper,
        paper_estimated=unknown,
    )


# ---------------------------------------------------------------- gathering on the kiosk


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """UTC start and end of ``day`` in the kiosk's local time zone."""
    start = datetime.combine(day, time.min).astimezone()
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def _outcome(state: str) -> str:
    return {"accepted": "accepted", "rejected": "rejected", "needs-staff": "needs_staff"}.get(
        state, "pending"
    )


def dossier_facts(store: Any, start: datetime, end: datetime) -> list[DossierFact]:
    """From the offline outbox (``offline_cache.store.Store``)."""
    facts = []
    offset = 0
    while True:
        batch = store.outbox.list(limit=500, offset=offset)
        if not batch:
            break
        offset += len(batch)
        for e in batch:
            if not (start <= e.created_at < end):
                continue
            try:
                channel = str(store.outbox.submission(e.id).get("channel") or "self_service")
            except Exception as exc:  # noqa: BLE001 - a damaged entry is counted, not fatal
                log.warning("report_submission_unreadable", entry=e.id, error_type=type(exc).__name__)
                channel = "unknown"
            facts.append(DossierFact(e.procedure_code, channel, _outcome(str(e.state))))
    return facts


def audit_facts(store: Any, start: datetime, end: datetime) -> tuple[int, int, list[int]]:
    """(help requests raised, answered by a staff sign-in, rating scores) from the audit log."""
    raised = answered = 0
    scores: list[int] = []
    since = 0
    while True:
        batch = store.audit.entries(since_seq=since, limit=1000)
        if not batch:
            break
        since = batch[-1].seq
        for e in batch:
            if not (start <= e.at < end):
                continue
            if e.action == "help.requested":
                raised += 1
            elif e.action == "staff.sign_in":
                answered += int(e.details.get("help_requests_closed") or 0)
            elif e.action == "rating.given":
                score = e.details.get("score")
                if isinstance(score, int):
                    scores.append(score)
    return raised, answered, scores


def print_facts(jobs_folder: Path, start: datetime, end: datetime) -> list[PrintFact]:
    """From the print jobs folder (``devices.printer.jobs_dir``): ``job.json`` and ``image.png``."""
    facts: list[PrintFact] = []
    if not jobs_folder.exists():
        return facts
    from PIL import Image

    for d in sorted(jobs_folder.iterdir()):
        meta = d / "job.json"
        if not meta.exists():
            continue
        try:
            job = json.loads(meta.read_text(encoding="utf-8"))
            printed = job.get("printed_at")
            if not printed:
                continue
            at = datetime.fromisoformat(printed)
            if not (start <= at < end):
                continue
            length = None
            if (d / "image.png").exists():
                with Image.open(d / "image.png") as img:
                    length = img.height / DOTS_PER_MM
            facts.append(PrintFact(str(job.get("kind") or "receipt"), int(job.get("reprints") or 0), length))
        except (OSError, ValueError, TypeError) as exc:
            log.warning("report_print_job_unreadable", job=d.name, error_type=type(exc).__name__)
    return facts


def day_report_from_kiosk(cfg: KioskConfig, data_dir: Path, day: date) -> DayReport:
    from devices.printer import jobs_dir
    from offline_cache.store import Store

    start, end = local_day_bounds(day)
    store = Store.open(data_dir)
    try:
        dossiers = dossier_facts(store, start, end)
        raised, answered, scores = audit_facts(store, start, end)
    finally:
        store.close()
    prints = print_facts(jobs_dir(data_dir), start, end)
    return build_day_report(
        day,
        cfg.kiosk.id,
        dossiers,
        help_requested=raised,
        help_answered=answered,
        ratings=scores,
        prints=prints,
    )
