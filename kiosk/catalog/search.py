"""Procedure search that forgives missing diacritics, raw Telex and run-together words.

"khai sinh", "khaisinh", "Khai Sinh", Telex keystrokes ("ddawng kys keets hoon") and
"dang ky ket hon" all find the right procedures. Each procedure is indexed by its folded
names, keywords and sector (Vietnamese and English); a query is tried as typed (folded),
with Telex undone, and with spaces removed. Ranking: whole-phrase matches in the name beat
keyword matches beat fuzzy matches (rapidfuzz, for typos).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from kiosk.catalog.model import Catalog, Procedure
from kiosk.catalog.text import compact, fold, telex_fold

# Weights per field: a hit in the name counts more than one in keywords or the sector.
_NAME, _KEYWORD, _SECTOR, _DESCRIPTION = 1.0, 0.9, 0.6, 0.5
MIN_SCORE = 60.0
RELATIVE_CUT = 0.75


@dataclass(frozen=True)
class SearchHit:
    procedure: Procedure
    score: float  # 0..100


@cache
def _fields(p: Procedure) -> tuple[tuple[str, float], ...]:
    out = [(fold(p.name.vi), _NAME), (fold(p.name.en), _NAME), (fold(p.identifier.replace("_", " ")), _NAME)]
    out += [(fold(k), _KEYWORD) for k in p.keywords_vi + p.keywords_en]
    out += [(fold(p.sector.vi), _SECTOR), (fold(p.sector.en), _SECTOR)]
    out += [(fold(p.description.vi), _DESCRIPTION), (fold(p.description.en), _DESCRIPTION)]
    return tuple((f, w) for f, w in out if f)


def _similarity(q: str, field: str) -> float:
    if q == field:
        return 100.0
    if f" {q} " in f" {field} ":
        return 97.0
    if compact(q) and compact(q) in compact(field):
        return 95.0
    if len(q) < 3:
        return 0.0
    # token_set_ratio forgives word order and extra words; partial_ratio forgives typos in
    # a query shorter than the field. Short fields only, or a long description matches anything.
    score = fuzz.token_set_ratio(q, field)
    if len(field) <= 60:
        score = max(score, fuzz.partial_ratio(q, field) * 0.95)
    return float(score) * 0.9


def score(query: str, p: Procedure) -> float:
    variants = {v for v in (fold(query), telex_fold(query)) if v}
    best = 0.0
    for v in variants:
        for field, weight in _fields(p):
            best = max(best, _similarity(v, field) * weight)
    return best


def search(
    catalog: Catalog, query: str, limit: int = 10, enabled: list[str] | None = None
) -> list[SearchHit]:
    """Procedures matching ``query``, best first; only ``enabled`` codes when given."""
    if not fold(query):
        return []
    hits = []
    for p in catalog.procedures:
        if enabled is not None and p.identifier not in enabled:
            continue
        s = score(query, p)
        if s >= MIN_SCORE:
            hits.append(SearchHit(p, round(s, 1)))
    hits.sort(key=lambda h: (-h.score, h.procedure.identifier))
    # Keep what is close to the best hit: "đăng ký kết hôn" should not list every "đăng ký".
    cut = hits[0].score * RELATIVE_CUT if hits else 0.0
    return [h for h in hits if h.score >= cut][:limit]
