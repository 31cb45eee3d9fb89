"""The kiosk's one voice: how citizens are addressed and one term per concept.

Every Vietnamese string a citizen can see (the domain messages of the citizen areas, the Qt
translations of the citizen screens, the procedure catalog, the receipt) follows these
rules; tests/kiosk/messages/test_glossary.py checks every one of them. Staff and technician
texts are not covered (they address officers, in their own trade's words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Message-code areas a citizen sees (the first part of the code, or a whole code).
CITIZEN_AREAS = (
    "common",
    "card",
    "camera",
    "scanner",
    "printer",
    "receipt",
    "wizard",
    "resume",
    "screen",
    "find",
    "help",
    "track",
    "jurisdiction",
    "offline",
    "staff.in_control_citizen",
)
# Qt translation contexts (class names) a citizen sees. Citizen screens, bars and cards take
# their words from this catalog (kiosk/messages/screens.py); only the staff banner shown over
# a citizen's screen is still in Qt Linguist (ui/i18n/vi/staff.ts).
CITIZEN_CONTEXTS = ("ControlBanner",)


@dataclass(frozen=True)
class Rule:
    pattern: str  # a regular expression, matched case-insensitively on whole words
    use: str  # the word the kiosk uses instead
    why: str

    def finds(self, text: str) -> list[str]:
        return [m.group(0) for m in re.finditer(rf"(?<!\w){self.pattern}(?!\w)", text, re.IGNORECASE)]


RULES = (
    Rule("bạn", "ông/bà", "the kiosk addresses every citizen as ông/bà, as the counter staff do"),
    Rule("xóa", "xoá", "one spelling (the old-style tone mark, as on the session bar)"),
    Rule("CCCD", "thẻ căn cước", "the card's name since the 2024 Identification Law; say it in words"),
    Rule("căn cước công dân", "thẻ căn cước", "the card's name since the 2024 Identification Law"),
    Rule("bố", "cha", "civil-status papers say cha/mẹ"),
    Rule("ki-ốt", "kiosk", "one spelling of the machine's name"),
    Rule(
        "(?<!kết )nối",
        "kết nối",
        "one phrase for being connected: 'chưa kết nối được với …', as on every other screen",
    ),
    Rule("nhân viên", "cán bộ", "the counter's officers are cán bộ everywhere"),
    Rule("minh hoạ|minh họa", "(nothing)", "internal marks of sample data never reach a citizen"),
    Rule("demo", "(nothing)", "no demo or test words on citizen screens"),
    Rule("thử nghiệm", "(nothing)", "no demo or test controls on citizen screens"),
)


# Shown only in the demo profile (simulated devices, no configuration), never to a citizen
# at a configured kiosk: ui/screens/wizard/identify.py checks ``config.is_demo``.
DEMO_ONLY_CODES = ("wizard.id.demo_scan",)


def problems(text: str) -> list[str]:
    """What in ``text`` breaks a rule, as "word → use (why)"."""
    return [f"{hit!r} → {r.use} ({r.why})" for r in RULES for hit in r.finds(text)]


def is_citizen_code(code: str) -> bool:
    if code in DEMO_ONLY_CODES:
        return False
    return any(code == a or code.startswith(a + ".") for a in CITIZEN_AREAS)
