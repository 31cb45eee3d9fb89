"""Fee, processing time, documents and the receiving agency read the same on "find a
procedure", every wizard step that names them, the done screen and the printed receipt, for
EVERY procedure in data/catalog/procedures.json (issue #17: "fees, processing time and
required documents differ between find, the wizard and the tracking example").

The expected words come from the catalog JSON read here directly (not through the kiosk's
own wording module), so a screen that words a fee its own way fails.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QLabel

from kiosk import tracking
from kiosk.catalog.workdays import appointment_date
from kiosk.jurisdiction import Place
from kiosk.receipt import render_receipt
from kiosk.vntime import fmt_date
from kiosk.wizard.dossier import build_receipt, competent_agency
from kiosk.wizard.state import Journey, Person
from ui.screens.find import PROCEDURE_KEY
from ui.screens.wizard.base import JOURNEY_KEY
from ui.screens.wizard.review import RECEIPT_KEY

pytestmark = pytest.mark.qt

CATALOG = json.loads((Path(__file__).parents[2] / "data/catalog/procedures.json").read_text(encoding="utf-8"))
PROCEDURES = CATALOG["procedures"]
LANGS = ("vi", "en")


def _fee_words(p: dict, lang: str) -> str:
    cost = p["hasCost"]
    return (cost.get("description") or {}).get(lang) or ""


def _labels(w, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QLabel

    # The review rebuilds its parts on entry: the previous procedure's labels go first.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return [x.text() for x in w.current_screen.findChildren(QLabel, name)]


def _find_detail(w, code: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    w.navigate("home")
    w.session.data[PROCEDURE_KEY] = code
    w.navigate("procedure")
    s = w.current_screen
    return {k: s.values[k].text() for k in ("fee", "time", "documents", "where")}


def _journey(w, code: str) -> Journey:  # type: ignore[no-untyped-def]
    p = next(x for x in PROCEDURES if x["identifier"] == code)
    j = Journey()
    j.choose(code)
    for fact in p["hasCompetentAuthority"].get("facts", ()):
        j.answer(fact, Place(here=True))  # applied where the kiosk stands: this site's agency
    j.identify(Person("001099012345", "Nguyễn Văn Thử", "1950-01-01", "M"))
    w.session.data[JOURNEY_KEY] = j
    return j


def test_every_procedure_reads_the_same_on_find_wizard_done_and_receipt(make_window, qtbot):
    w = make_window()
    cat = w.services.catalog()
    site = w.config.kiosk.agency_code
    problems: list[str] = []
    for lang in LANGS:
        w.prefs.set_language(lang)
        # Step 1's tiles: each tile's fee line is the catalog's words.
        w.navigate("home")
        w.navigate("submit")
        tiles = {
            b.objectName(): b.text() for b in w.current_screen.findChildren(type(w.current_screen.next_btn))
        }
        for p in PROCEDURES:
            code = p["identifier"]
            fee = _fee_words(p, lang)
            time_words = (p["processingTime"].get("description") or {}).get(lang) or ""
            doc_names = [d["name"][lang] for d in p.get("hasInput", ())]
            proc = cat.require(code)
            where = f"{code}/{lang}"

            tile = next((t for n, t in tiles.items() if n.endswith("_" + code)), None)
            if tile is None or fee not in tile:
                problems.append(f"{where}: choose tile {tile!r} does not show the fee {fee!r}")

            shown = _find_detail(w, code)
            if shown["fee"] != fee:
                problems.append(f"{where}: find fee {shown['fee']!r} != catalog {fee!r}")
            if shown["time"] != time_words:
                problems.append(f"{where}: find time {shown['time']!r} != catalog {time_words!r}")
            for name in doc_names:
                if name not in shown["documents"]:
                    problems.append(f"{where}: find documents lack {name!r}")

            j = _journey(w, code)
            agency = competent_agency(cat, j, site)
            assert agency is not None, f"{where}: no agency at the demo site"
            if agency.name(lang) not in shown["where"]:
                problems.append(f"{where}: find names {shown['where']!r}, the wizard {agency.name(lang)!r}")

            w.navigate("submit_documents")
            step_docs = [
                w.current_screen.findChild(QLabel, f"doc_{d['identifier']}_name")
                for d in p.get("hasInput", ())
            ]
            for d, lab in zip(p.get("hasInput", ()), step_docs, strict=True):
                if lab is None or lab.text() != d["name"][lang]:
                    problems.append(
                        f"{where}: documents step shows {lab and lab.text()!r} for {d['name'][lang]!r}"
                    )

            w.navigate("submit_review")
            review = " ".join(_labels(w, "review_procedure_line"))
            if agency.name(lang) not in review:
                problems.append(f"{where}: review names {review!r}, not {agency.name(lang)!r}")

            received = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
            sub = SimpleNamespace(
                tracking_code="K7M4QX9T2" + tracking.check_symbol("K7M4QX9T2"),
                applicant=j.applicant.applicant() if j.applicant else None,
                created_at=received,
                kiosk_id="k",
            )
            receipt = build_receipt(proc, j, sub, agency, lang=lang, queued_offline=False)  # type: ignore[arg-type]
            printed = " ".join(t.text for t in render_receipt(receipt, "https://x.test/t/K", 576, lang).lines)
            printed_flat = re.sub(r"\s+", " ", printed)
            if re.sub(r"\s+", " ", fee) not in printed_flat:
                problems.append(f"{where}: the receipt does not print the fee {fee!r}")
            if receipt.agency_name != agency.name(lang):
                problems.append(f"{where}: receipt agency {receipt.agency_name!r}")
            due = appointment_date(received, int(p["processingTime"].get("working_days") or 0))
            if receipt.appointment != due:
                problems.append(f"{where}: receipt appointment {receipt.appointment} != {due}")

            w.session.data[RECEIPT_KEY] = receipt
            j.submitted_at = received.isoformat()
            w.navigate("submit_done")
            line = w.current_screen.next_line.text()
            if agency.name(lang) not in line or fmt_date(due, lang) not in line:
                problems.append(f"{where}: done says {line!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("p", PROCEDURES, ids=lambda p: p["identifier"])
def test_working_days_agree_with_the_words_of_the_processing_time(p):
    """The appointment date counts ``working_days``; the words shown say the same number (or
    "same day" for 0), so the date on the receipt keeps the promise read on the screen."""
    days = int(p["processingTime"].get("working_days") or 0)
    words = p["processingTime"]["description"]["vi"].lower()
    first = words.split(";")[0].split("(")[0]
    m = re.search(r"(\d+)\s*ngày làm việc", first)
    if days == 0:
        assert m is None and "trong ngày" in first, words
    else:
        assert m is not None and int(m.group(1)) == days, words
