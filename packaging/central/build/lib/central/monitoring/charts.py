"""Charts as inline SVG, drawn on the server with matplotlib's SVG backend.

Why matplotlib: the best-kept plotting library in Python (NumFOCUS, releases several times a
year), and its SVG backend needs no browser, no script and no font on the server when text is
kept as text (``svg.fonttype = "none"``): the phone draws the words with its own fonts, so
Vietnamese diacritics render, a screen reader reads the labels, and the chart scales to the
screen (we drop the fixed size and keep the viewBox). pygal was the other candidate: lighter,
but slower to get releases and its charts lean on a script for their labels.

Only ``matplotlib.figure.Figure`` is used (never pyplot): no global state, safe in the
server's worker threads. Output is deterministic (fixed id salt, no date metadata).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from html import escape
from typing import Any

import matplotlib
from matplotlib.figure import Figure

PRIMARY = "#0b5cad"
GOOD = "#1b5e20"
BAD = "#a11d1d"
MUTED = "#8a8a8a"
RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "kiosk-monitoring",
    "font.family": "sans-serif",
    "font.sans-serif": ["Noto Sans", "DejaVu Sans", "Arial"],
    "font.size": 14,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 15,
    "axes.titleweight": "bold",
}


def _svg(fig: Figure, title: str, chart_id: str) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    # Scale to the column: keep the viewBox, drop the fixed width/height.
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    head = (
        f'<svg role="img" aria-labelledby="{chart_id}-t" id="{chart_id}" class="chart" '
        f'preserveAspectRatio="xMidYMid meet"'
    )
    svg = svg.replace("<svg", head, 1)
    close = svg.index(">", svg.index("<svg")) + 1
    return svg[:close] + f'<title id="{chart_id}-t">{escape(title)}</title>' + svg[close:]


def bars(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    percent: bool = False,
    horizontal: bool = False,
    highlight: str | None = None,
    withheld: str = "<5",
) -> str:
    """One series; a None value is drawn as no bar with ``withheld`` written in its place."""
    with matplotlib.rc_context(RC):  # type: ignore[arg-type]
        n = max(1, len(labels))
        fig = Figure(figsize=(5.2, max(2.6, 0.75 * n + 0.8)) if horizontal else (5.2, 3.4))
        ax = fig.add_subplot()
        ax.set_title(title, loc="left")
        shown = [0.0 if v is None else (v * 100 if percent else v) for v in values]
        colours = [BAD if lab == highlight else PRIMARY for lab in labels]
        pos = list(range(len(labels)))
        if horizontal:
            # Labels above their bars, not beside: long step names would shrink a phone-wide chart.
            ax.barh(pos, shown, color=colours, height=0.5)
            for p, lab in zip(pos, labels, strict=True):
                ax.text(0, p - 0.32, lab, va="bottom", ha="left", fontsize=14)
            ax.set_yticks([])
            ax.set_ylim(len(labels) - 0.5, -0.9)
            ax.spines["bottom"].set_visible(False)
            ax.spines["left"].set_visible(False)
            ax.set_xticks([])
        else:
            ax.bar(pos, shown, color=colours)
            ax.set_xticks(pos, labels, rotation=0 if n <= 6 else 45, ha="center" if n <= 6 else "right")
            ax.spines["left"].set_visible(False)
            ax.set_yticks([])
        top = max(shown + [1.0])
        for p, v, raw in zip(pos, shown, values, strict=True):
            text = withheld if raw is None else (f"{v:.0f}%" if percent else f"{v:g}")
            if horizontal:
                ax.text(v + top * 0.01, p, " " + text, va="center", color=MUTED if raw is None else "#222")
            else:
                ax.text(
                    p, v + top * 0.01, text, ha="center", va="bottom", color=MUTED if raw is None else "#222"
                )
        if horizontal:
            ax.set_xlim(0, top * 1.18)
        else:
            ax.set_ylim(0, top * 1.18)
        return _svg(fig, title, chart_id)


def stacked(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None], str]],
    *,
    withheld: str = "<5",
) -> str:
    """Stacked bars (e.g. on time / late); a None part is left out and marked ``withheld``."""
    with matplotlib.rc_context(RC):  # type: ignore[arg-type]
        fig = Figure(figsize=(5.2, 3.6))
        ax = fig.add_subplot()
        ax.set_title(title, loc="left")
        pos = list(range(len(labels)))
        bottom = [0.0] * len(labels)
        for name, values, colour in series:
            heights = [0.0 if v is None else float(v) for v in values]
            ax.bar(pos, heights, bottom=bottom, color=colour, label=name)
            for p, h, b, raw in zip(pos, heights, bottom, values, strict=True):
                if raw is None:
                    ax.text(p, b, withheld, ha="center", va="bottom", color=MUTED, fontsize=10)
                elif h:
                    ax.text(p, b + h / 2, f"{h:g}", ha="center", va="center", color="white", fontsize=11)
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        n = len(labels)
        ax.set_xticks(pos, labels, rotation=0 if n <= 6 else 45, ha="center" if n <= 6 else "right")
        ax.spines["left"].set_visible(False)
        ax.set_yticks([])
        ax.legend(
            loc="upper left", bbox_to_anchor=(0, -0.12 if n <= 6 else -0.3), ncol=len(series), frameon=False
        )
        return _svg(fig, title, chart_id)
