"""Every Vietnamese string a citizen can see keeps the glossary (kiosk/messages/glossary.py)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.messages import catalog
from kiosk.messages.glossary import CITIZEN_CONTEXTS, is_citizen_code, problems

ROOT = Path(__file__).resolve().parents[3]


def _citizen_messages() -> list[tuple[str, str]]:
    return [(code, vi) for code, (vi, _en) in catalog().items() if is_citizen_code(code)]


def _citizen_translations() -> list[tuple[str, str]]:
    out = []
    for ts in sorted((ROOT / "ui" / "i18n" / "vi").glob("*.ts")):
        for ctx in ET.parse(ts).getroot().iter("context"):
            name = ctx.findtext("name") or ""
            if name not in CITIZEN_CONTEXTS:
                continue
            for msg in ctx.iter("message"):
                for t in msg.iter("translation"):
                    texts = [n.text or "" for n in t.iter("numerusform")] or [t.text or ""]
                    out += [(f"{ts.name}:{name}:{msg.findtext('source')!r}", x) for x in texts]
    return out


def _catalog_texts() -> list[tuple[str, str]]:
    out = []

    def walk(node, where: str) -> None:  # type: ignore[no-untyped-def]
        if isinstance(node, dict):
            if isinstance(node.get("vi"), str):
                out.append((where, node["vi"]))
            for k, v in node.items():
                walk(v, f"{where}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]")

    # procedures.json: what citizens read about each procedure (its file-level notes for
    # maintainers are not shown). agencies.json is the demo profile's sample directory,
    # marked "(minh hoạ)" on purpose and "sample": true; shown only in the demo profile
    # (tests/ui/test_sample_contacts.py proves a production kiosk shows none of it).
    data = json.loads((ROOT / "data" / "catalog" / "procedures.json").read_text(encoding="utf-8"))
    for key in ("note", "disclaimer", "vocabulary"):
        data.pop(key, None)
    walk(data, "procedures.json")
    return out


def test_the_citizen_screens_words_are_checked():
    """The citizen screens, bars and cards speak from the catalog (kiosk/messages/screens.py)."""
    codes = [code for code, _vi in _citizen_messages()]
    for code in ("screen.home.title", "screen.session.finish_clear_my_data", "screen.finish.no_continue"):
        assert code in codes


def test_the_rules_find_what_they_forbid_and_leave_good_words_alone():
    assert problems("Mời bạn lấy biên nhận") and problems("Xóa thông tin") and problems("Mang CCCD")
    assert problems("cha hoặc bố") and not problems("Mời ông/bà lấy biên nhận, cha hoặc mẹ")
    assert not problems("kiosk của phường") and problems("ki-ốt của phường")


@pytest.mark.parametrize(
    ("source", "at_least"),
    [(_citizen_messages, 300), (_citizen_translations, 5), (_catalog_texts, 20)],
    ids=["messages", "qt", "catalog"],
)
def test_every_citizen_string_keeps_the_glossary(source, at_least):
    texts = source()
    assert len(texts) >= at_least  # the source was really read
    bad = [f"{where}: {p}" for where, text in texts for p in problems(text)]
    assert not bad, "\n".join(bad)


def test_the_printed_receipt_keeps_the_glossary():
    from dataclasses import replace

    from kiosk.receipt import render_receipt, sample_receipt

    for reason in ("network", "central"):
        r = replace(sample_receipt(), queued_offline=True, queued_reason=reason, kiosk_id="KIOSK-07")
        out = render_receipt(r, "https://example.invalid/t/K7M4QX9T2R", 576, "vi")
        text = " ".join(line.text for line in out.lines)
        assert "CHỜ GỬI" in text
        assert not problems(text), problems(text)
