"""End-of-day figures (kiosk/report.py): built from the real outbox, audit log and print jobs."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

from PIL import Image

from kiosk.cli import main
from kiosk.config import KioskConfig
from kiosk.report import DossierFact, PrintFact, build_day_report, day_report_from_kiosk, local_day_bounds


def test_build_counts_by_procedure_channel_and_outcome():
    r = build_day_report(
        date(2026, 11, 23),
        "K1",
        [
            DossierFact("1.001", "assisted", "accepted"),
            DossierFact("1.001", "self_service", "pending"),
            DossierFact("2.002", "self_service", "rejected"),
        ],
        help_requested=2,
        help_answered=1,
        ratings=[5, 4, 9],
        prints=[PrintFact("receipt", 1, 100.0), PrintFact("receipt", 0, None), PrintFact("test", 0, 50.0)],
    )
    d = r.to_dict()
    assert d["dossiers"]["total"] == 3
    assert d["dossiers"]["by_channel"] == {"self_service": 2, "assisted": 1}
    assert d["dossiers"]["by_outcome"] == {"accepted": 1, "rejected": 1, "pending": 1, "needs_staff": 0}
    assert d["dossiers"]["by_procedure"]["1.001"] == {
        "channel": {"assisted": 1, "self_service": 1},
        "outcome": {"accepted": 1, "pending": 1},
    }
    assert d["ratings"] == {"count": 2, "average": 4.5, "by_score": {"4": 1, "5": 1}}  # 9 is not a score
    assert d["paper"] == {"receipts": 2, "reprints": 1, "length_mm": 230.0, "incomplete": True}
    assert "Hồ sơ: 3" in r.as_text("vi") and "Dossiers: 3" in r.as_text("en")


def test_from_the_kiosk_stores_without_personal_data(isolated_kiosk_env: Path, monkeypatch, capsys):
    from offline_cache.store import Store

    store = Store.open(isolated_kiosk_env)
    try:
        for channel in ("assisted", "self_service"):
            store.outbox.enqueue(
                {"channel": channel, "applicant": {"full_name": "Lê Thị Hoa", "id_number": "001203004567"}},
                procedure_code="1.001",
            )
        store.audit.append("citizen", "help.requested", {"screen": "documents"})
        store.audit.append("staff:CB1", "staff.sign_in", {"help_requests_closed": 1})
        store.audit.append("citizen", "rating.given", {"score": 4})
    finally:
        store.close()
    jobs = isolated_kiosk_env / "printer" / "jobs" / "J1"
    jobs.mkdir(parents=True)
    (jobs / "job.json").write_text(
        json.dumps(
            {
                "job_id": "J1",
                "kind": "receipt",
                "state": "printed",
                "printed_at": datetime.now().astimezone().isoformat(),
                "reprints": 0,
            }
        )
    )
    Image.new("1", (576, 800)).save(jobs / "image.png")
    today = datetime.now().astimezone().date()
    r = day_report_from_kiosk(KioskConfig(), isolated_kiosk_env, today)
    assert r.by_channel == {"self_service": 1, "assisted": 1}
    assert r.by_outcome["pending"] == 2
    assert (r.help_requests, r.help_requests_answered, r.ratings) == (1, 1, 1)
    assert (r.receipts, r.paper_mm) == (1, 800 / 8 + 15)
    # Nothing personal in the figures
    assert "Hoa" not in json.dumps(r.to_dict()) and "004567" not in json.dumps(r.to_dict())
    # Yesterday is empty
    assert day_report_from_kiosk(KioskConfig(), isolated_kiosk_env, today - timedelta(days=1)).dossiers == 0
    # The command prints the same figures
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["report", "day", "--date", today.isoformat(), "--json"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["dossiers"]["total"] == 2 and out["paper"]["receipts"] == 1
    assert main(["report", "day", "--date", "23/11/2026", "--json"]) == 2
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["error"]["code"] == "report.bad_date"


def test_local_day_bounds_span_24_hours():
    start, end = local_day_bounds(date(2026, 11, 23))
    assert end - start == timedelta(days=1)
