"""HTML of the public page (and its print view) and of the staff view; CSV/JSON bodies.

Pure functions of the figures: the routes compute, these render. Public output always goes
through :func:`central.monitoring.figures.public` first (k-anonymity); the staff view shows
exact counts to the agency head, who is entitled to them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from html import escape as e
from typing import Any
from urllib.parse import urlencode

from central.monitoring import charts
from central.monitoring.figures import STEPS, Figures, public
from central.monitoring.texts import STEP_TEXT, pair, reason_text, t
from kiosk.monitoring.schema import REASONS

CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,"Noto Sans",sans-serif;font-size:18px;line-height:1.5;margin:0 auto;
padding:1rem;max-width:62rem;color:#111;background:#fff}
h1{font-size:1.6rem;margin:.2rem 0} h2{font-size:1.25rem;margin-top:2rem}
a{color:#0b4f94} .muted{color:#555}
nav.links a{display:inline-block;margin:0 1rem .5rem 0;padding:.35rem .7rem;border:1px solid #0b4f94;
border-radius:.4rem;text-decoration:none}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.7rem;margin:1rem 0}
.tile{border:1px solid #ccd;border-radius:.5rem;padding:.6rem .8rem;background:#f6f8fb}
.tile .v{font-size:1.7rem;font-weight:700;display:block} .tile .k{font-size:.95rem;color:#333}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,28rem),1fr));gap:1rem}
svg.chart{width:100%;height:auto;display:block}
.scroll{overflow-x:auto} table{border-collapse:collapse;width:100%;font-size:.95rem}
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left} thead th{background:#eef2f7}
body.wide{max-width:none} td.withheld{color:#666} tr.weakest td, td.weakest{background:#fde7e7;font-weight:700}
ul.reasons{list-style:none;padding:0} ul.reasons li{border-bottom:1px solid #ddd;padding:.5rem 0}
.answer{margin:.3rem 0 0 1rem;padding:.4rem .7rem;border-left:4px solid #1b5e20;background:#f1f8f1}
.note{font-size:.9rem;color:#333;border-top:1px solid #ccc;margin-top:2rem;padding-top:.5rem}
form.answer-form{margin:.3rem 0 0 1rem} textarea{width:100%;font:inherit}
@media print{nav.links,form{display:none} body{max-width:none;font-size:11pt;padding:0}
.scroll{overflow:visible} table{font-size:7.5pt} td,th{white-space:normal;padding:.15rem .25rem}
.charts{grid-template-columns:1fr 1fr} .tile{break-inside:avoid} h2{break-after:avoid}
@page{size:A4;margin:12mm}}
"""


def document(lang: str, title: str, body: str, *, print_view: bool = False, wide: bool = False) -> str:
    cls = ' class="print"' if print_view else ' class="wide"' if wide else ""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{CSS}</style></head><body{cls}>{body}</body></html>"
    )


def _pct(v: float | None, lang: str) -> str:
    return t("withheld", lang) if v is None else f"{v * 100:.0f}%"


def _count(v: int | None, lang: str) -> str:
    return t("withheld", lang) if v is None else f"{v:,}".replace(",", "." if lang == "vi" else ",")


def _dur(v: float | None, lang: str) -> str:
    if v is None:
        return t("withheld", lang)
    if v < 120:
        return t("seconds", lang, n=f"{v:.0f}")
    n = f"{v / 60:.1f}".rstrip("0").rstrip(".")
    return t("minutes", lang, n=n.replace(".", "," if lang == "vi" else "."))


def _cell(name: str, v: Any, lang: str) -> str:
    if name.endswith(("_rate", "_share")) or name == "satisfaction":
        text = _pct(v, lang)
    elif name.endswith("_s"):
        text = _dur(v, lang)
    else:
        text = _count(v, lang)
    cls = ' class="withheld"' if v is None else ""
    return f'<td data-field="{name}"{cls}>{e(text)}</td>'


TABLE_FIELDS = (
    "sessions",
    "started",
    "submitted",
    "completion_rate",
    "submit_median_s",
    "submit_p90_s",
    "assisted_share",
    "help_requests",
    "help_median_wait_s",
    "ratings",
    "satisfaction",
    "dossiers_due",
    "on_time",
    "late",
    "more_documents",
)
TILE_FIELDS = (
    "sessions",
    "completion_rate",
    "submit_median_s",
    "submit_p90_s",
    "assisted_share",
    "help_median_wait_s",
    "satisfaction",
    "on_time_share",
)


def _table(rows: Sequence[Mapping[str, Any]], lang: str, first: str, table_id: str) -> str:
    head = "".join(f"<th scope='col'>{e(t(f, lang))}</th>" for f in TABLE_FIELDS)
    body = "".join(
        f'<tr data-period="{e(r["period"])}" data-group="{e(r["group"])}"><th scope="row">'
        f"{e(r['group'] or r['period'])}</th>" + "".join(_cell(f, r[f], lang) for f in TABLE_FIELDS) + "</tr>"
        for r in rows
    )
    return (
        f'<div class="scroll"><table id="{table_id}"><thead><tr><th scope="col">{e(first)}</th>{head}</tr>'
        f"</thead><tbody>{body}</tbody></table></div>"
    )


def public_page(
    *,
    lang: str,
    agency_code: str,
    agency_name: str,
    start: date,
    end: date,
    period: str,
    total: Figures,
    rows: Sequence[Figures],
    answers: Mapping[str, Sequence[tuple[str, str]]],
    query: Mapping[str, str],
    print_view: bool = False,
) -> str:
    """``answers``: reason → [(month, answer text in ``lang``)] for the range."""
    pub_total = public(total.as_dict())
    pub_rows = [public(r.as_dict()) for r in rows]
    other = "en" if lang == "vi" else "vi"
    base = f"/monitoring/{e(agency_code)}"
    q = {k: v for k, v in query.items() if k != "lang"}
    links = (
        ""
        if print_view
        else (
            '<nav class="links">'
            f'<a id="lang-switch" href="{base}?{e(urlencode({**q, "lang": other}))}">{t("other_lang", lang)}</a>'
            f'<a id="print-link" href="{base}/print?{e(urlencode({**q, "lang": lang}))}">{t("print", lang)}</a>'
            f'<a id="csv-link" href="{base}/figures.csv?{e(urlencode(q))}">{t("csv", lang)}</a>'
            f'<a id="json-link" href="{base}/figures.json?{e(urlencode(q))}">{t("json", lang)}</a>'
            "</nav>"
        )
    )
    last = end - timedelta(days=1)
    fmt = "%d/%m/%Y"
    tiles = "".join(
        f'<div class="tile" data-field="{f}"><span class="v">'
        + e(
            _pct(pub_total[f], lang)
            if f.endswith(("_rate", "_share")) or f == "satisfaction"
            else _dur(pub_total[f], lang)
            if f.endswith("_s")
            else _count(pub_total[f], lang)
        )
        + f'</span><span class="k">{e(t(f, lang))}</span></div>'
        for f in TILE_FIELDS
    )
    labels = [short_label(r["period"]) for r in pub_rows]
    steps = [st for st in STEPS if st in pub_total["abandoned_by_step"]]
    weakest = total.weakest_step
    if weakest is None or pub_total["abandoned_by_step"].get(weakest) is None:
        weakest = None  # marking a withheld count as the largest would say something about it

    def rate_per_period(name: str, field: str) -> str:
        values = [r[field] for r in pub_rows]
        return charts.bars(
            f"chart-{name}",
            t(f"chart_{name}", lang),
            labels,
            values,
            percent=True,
            withheld=t("withheld", lang),
        )

    chart_html = "".join(
        (
            rate_per_period("completion", "completion_rate"),
            rate_per_period("satisfaction", "satisfaction"),
            charts.bars(
                "chart-steps",
                t("chart_steps", lang),
                [pair(STEP_TEXT, st, lang) for st in steps],
                [pub_total["abandoned_by_step"][st] for st in steps],
                horizontal=True,
                highlight=pair(STEP_TEXT, weakest, lang) if weakest in steps else None,
                withheld=t("withheld", lang),
            ),
            charts.stacked(
                "chart-dossiers",
                t("chart_dossiers", lang),
                labels,
                [
                    (t("on_time", lang), [r["on_time"] for r in pub_rows], charts.GOOD),
                    (t("late", lang), [r["late"] for r in pub_rows], charts.BAD),
                ],
                withheld=t("withheld", lang),
            ),
        )
    )
    reasons = "".join(
        _reason_item(r, pub_total["reasons"].get(r, 0), answers.get(r, ()), lang) for r in REASONS
    )
    body = f"""<header><p class="muted">{e(t("title", lang))}</p><h1 id="agency">{e(agency_name)}</h1>
<p id="range">{e(t("range", lang, start=start.strftime(fmt), end=last.strftime(fmt)))}
· {e(t("by_period", lang, period=t(period, lang)))}</p>{links}</header>
<section class="tiles" id="tiles">{tiles}</section>
<section class="charts">{chart_html}</section>
<h2>{e(t("reasons", lang))}</h2><ul class="reasons" id="reasons">{reasons}</ul>
<h2>{e(t("by_period", lang, period=t(period, lang)))}</h2>
{_table([*pub_rows, {**pub_total, "period": t("total", lang)}], lang, t("period", lang), "figures")}
<p class="note" id="note">{e(t("note", lang))}<br>{e(t("definitions", lang))}</p>"""
    title = f"{t('title', lang)} — {agency_name}"
    return document(lang, title, body, print_view=print_view)


def short_label(period: str) -> str:
    """Axis labels that fit a phone: "W45", "11/2026", "03/11"."""
    if "-W" in period:
        return "W" + period.split("-W")[1]
    parts = period.split("-")
    if len(parts) == 2:
        return f"{parts[1]}/{parts[0]}"
    if len(parts) == 3:
        return f"{parts[2]}/{parts[1]}"
    return period


def _reason_item(reason: str, n: int | None, answers: Sequence[tuple[str, str]], lang: str) -> str:
    said = "".join(
        f'<div class="answer" data-month="{e(month)}"><b>{e(t("answer", lang))} ({e(month)}):</b> {e(text)}</div>'
        for month, text in answers
    )
    return (
        f'<li data-reason="{reason}"><b>{e(reason_text(reason, lang))}</b>: '
        f'<span class="n">{e(_count(n, lang))}</span>{said}</li>'
    )


def csv_body(rows: Sequence[Mapping[str, Any]]) -> str:
    """Open data, one row per period (and group), withheld values empty; steps and reasons flattened."""
    fields = (
        [k for k in rows[0] if k not in ("abandoned_by_step", "reasons", "faces")]
        if rows
        else ["period", "group"]
    )
    extra = [f"abandoned_at_{st}" for st in STEPS] + [f"reason_{r}" for r in REASONS]
    extra += [f"face_{n}" for n in range(1, 6)]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(fields + extra)
    for r in rows:
        flat = [r[f] for f in fields]
        flat += [r["abandoned_by_step"].get(st, 0) for st in STEPS]
        flat += [r["reasons"].get(x, 0) for x in REASONS]
        flat += [r["faces"].get(str(n), 0) for n in range(1, 6)]
        w.writerow(["" if v is None else v for v in flat])
    return buf.getvalue()


def json_body(meta: Mapping[str, Any], total: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]) -> str:
    return json.dumps({**meta, "total": total, "rows": list(rows)}, ensure_ascii=False, indent=1)


def _tray_section(trays: Sequence[tuple[str, str, str, str]]) -> str:
    if not trays:
        return ""
    items = "".join(
        f'<li class="tray {e(level)}" data-kiosk="{e(kiosk)}">{e(vi)}<br><small>{e(en)}</small></li>'
        for kiosk, level, vi, en in trays
    )
    return (
        f"<h2>{e(t('trays', 'vi'))} / {e(t('trays', 'en'))}</h2>"
        f'<p class="muted">{e(t("trays_why", "vi"))}<br>{e(t("trays_why", "en"))}</p>'
        f'<ul id="trays">{items}</ul>'
    )


def staff_page(
    *,
    agency_code: str,
    agency_name: str,
    start: date,
    end: date,
    by_kiosk: Sequence[Figures],
    by_procedure: Sequence[Figures],
    total: Figures,
    answers: Mapping[str, Sequence[tuple[str, str]]],
    month: str,
    names: Mapping[str, str] | None = None,
    notice: str = "",
    error: str = "",
    csrf: str = "",
    trays: Sequence[tuple[str, str, str, str]] = (),
) -> str:
    """The agency head's view (exact counts; Vietnamese, with English under each heading).

    ``trays``: (kiosk, level, Vietnamese, English) for each kiosk whose document tray needs
    attention (``central.fleet_tray``)."""

    def pct(v: float | None) -> str:
        return "—" if v is None else _pct(v, "vi")

    def dur(v: float | None) -> str:
        return "—" if v is None else _dur(v, "vi")

    def section(title_key: str, rows: Sequence[Figures], table_id: str) -> str:
        head = "".join(f"<th>{e(pair(STEP_TEXT, st, 'vi'))}</th>" for st in STEPS)
        body = ""
        for r in rows:
            d = r.as_dict()
            weak = r.weakest_step
            cells = "".join(
                f'<td data-step="{st}"'
                + (' class="weakest"' if st == weak else "")
                + f">{d['abandoned_by_step'].get(st, 0)}</td>"
                for st in STEPS
            )
            body += (
                f'<tr data-group="{e(r.group)}"><th scope="row">{e((names or {}).get(r.group, r.group))}</th>'
                f"<td>{d['sessions']}</td><td>{pct(d['completion_rate'])}</td>"
                f"<td>{dur(d['submit_median_s'])}</td><td>{pct(d['satisfaction'])}</td>"
                f"<td>{d['help_requests']}</td>{cells}"
                f'<td class="weak-name">{e(pair(STEP_TEXT, weak, "vi")) if weak else "—"}</td></tr>'
            )
        return (
            f"<h2>{e(t(title_key, 'vi'))} / {e(t(title_key, 'en'))}</h2>"
            f'<div class="scroll"><table id="{table_id}"><thead><tr><th>{e(t(title_key, "vi"))}</th>'
            f"<th>{e(t('sessions', 'vi'))}</th><th>{e(t('completion_rate', 'vi'))}</th>"
            f"<th>{e(t('submit_median_s', 'vi'))}</th><th>{e(t('satisfaction', 'vi'))}</th>"
            f"<th>{e(t('help_requests', 'vi'))}</th>{head}<th>{e(t('weakest', 'vi'))}</th></tr></thead>"
            f"<tbody>{body}</tbody></table></div>"
        )

    d = total.as_dict()
    forms = "".join(
        f'<li data-reason="{r}"><b>{e(reason_text(r, "vi"))}</b>: {d["reasons"].get(r, 0)}'
        + "".join(f'<div class="answer">{e(m)}: {e(x)}</div>' for m, x in answers.get(r, ()))
        + f'<form class="answer-form" method="post" action="/console/monitoring/{e(agency_code)}/answers">'
        f'<input type="hidden" name="reason" value="{r}"><input type="hidden" name="csrf" value="{e(csrf)}">'
        f'<label>{e(t("month_label", "vi"))} <input name="month" value="{e(month)}" size="8"></label>'
        f'<label>{e(t("answer_vi", "vi"))}<textarea name="text_vi" rows="2" maxlength="1000"></textarea></label>'
        f'<label>{e(t("answer_en", "vi"))}<textarea name="text_en" rows="2" maxlength="1000"></textarea></label>'
        f'<button type="submit">{e(t("publish", "vi"))}</button></form></li>'
        for r in REASONS
    )
    fmt = "%d/%m/%Y"
    flash = f'<p class="answer" id="notice">{e(notice)}</p>' if notice else ""
    if error:
        flash += f'<p class="answer" id="error" style="border-color:#a11d1d">{e(error)}</p>'
    body = f"""<h1>{e(t("staff_title", "vi"))}</h1><p class="muted">{e(t("staff_title", "en"))}</p>
<p><b id="agency">{e(agency_name)}</b> ·
{e(t("range", "vi", start=start.strftime(fmt), end=(end - timedelta(days=1)).strftime(fmt)))}
· <a href="/monitoring/{e(agency_code)}">{e(t("title", "vi"))} (công khai / public)</a></p>{flash}
{_tray_section(trays)}{section("kiosk", by_kiosk, "by-kiosk")}{section("procedure", by_procedure, "by-procedure")}
<h2>{e(t("reasons", "vi"))} / {e(t("reasons", "en"))}</h2><ul class="reasons">{forms}</ul>"""
    return document("vi", t("staff_title", "vi"), body, wide=True)
