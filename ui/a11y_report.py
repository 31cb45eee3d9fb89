"""``kiosk a11y-report [--json]``: per screen state, what a citizen who cannot see, cannot
read well or needs large text meets.

For each state (the states ``kiosk screenshots`` renders, in Vietnamese, portrait):

- ``controls``: controls a keypad or screen reader can reach (reading order);
- ``unnamed``: those whose accessible name is empty (what a screen reader would not say);
- ``smallest_target_mm``: the smallest control's shorter side, at ``--dpi`` (default: the
  reference 21.5" 1080×1920 panel, 0.248 mm a pixel);
- ``lowest_contrast``: the lowest WCAG contrast ratio of visible text (text colour against
  the colour actually painted behind it, read from the rendered frame);
- ``speech_coverage``: share of the visible words that speech says (the screen's script plus
  what is said as focus moves over each control);
- ``clipped_at_200``: texts that do not fit their box with text at 200 %.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

MM_PER_PX = 0.248
DEFAULT_DPI = 25.4 / MM_PER_PX
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class StateReport:
    state: str
    script: str
    controls: int
    unnamed: list[str] = field(default_factory=list)
    smallest_target_mm: float = 0.0
    smallest_target: str = ""
    lowest_contrast: float = 0.0
    lowest_contrast_text: str = ""
    speech_coverage: float = 0.0
    clipped_at_200: list[str] = field(default_factory=list)


def _luminance(c: Any) -> float:
    def ch(v: float) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())


def contrast(a: Any, b: Any) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def measure_state(window: Any, app: Any, state: str, dpi: float) -> StateReport:
    from PySide6.QtGui import QAccessible, QColor
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from kiosk.speech import scripts
    from kiosk.speech.normalise import speakable
    from ui.speech.controller import visible_texts
    from ui.speech.keypad import prepare, reading_order

    lang = window.prefs.language
    overlay = window.overlay.card is not None
    key = window.overlay.name if overlay else (window.controller.machine.current or "")
    root = window.overlay.card if overlay else window.current_screen
    if root is not None:
        prepare(root)
    controls = reading_order(window.focus_roots())
    rep = StateReport(state, key, len(controls))

    # Names, as assistive technology gets them.
    for w in controls:
        iface = QAccessible.queryAccessibleInterface(w)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not name.strip():
            rep.unnamed.append(w.objectName() or type(w).__name__)
    # Targets.
    mm = 25.4 / dpi
    smallest = min(controls, key=lambda w: min(w.width(), w.height()), default=None)
    if smallest is not None:
        rep.smallest_target_mm = round(min(smallest.width(), smallest.height()) * mm, 1)
        rep.smallest_target = smallest.objectName() or type(smallest).__name__
    # Contrast, from the rendered frame.
    image = window.grab().toImage()
    lowest = (99.0, "")
    roots = window.focus_roots()
    for lab in [lab for r_ in roots for lab in r_.findChildren(QLabel)]:
        if not lab.isVisible() or not lab.text().strip() or lab.width() < 4 or lab.height() < 4:
            continue
        fg = lab.palette().color(lab.foregroundRole())
        r = lab.rect().translated(lab.mapTo(window, lab.rect().topLeft()))
        counts: Counter[int] = Counter()
        step = max(1, min(r.width(), r.height()) // 12)
        for x in range(max(0, r.left()), min(image.width(), r.right()), step):
            for y in range(max(0, r.top()), min(image.height(), r.bottom()), step):
                counts[image.pixel(x, y)] += 1
        if not counts:
            continue
        bg = QColor.fromRgb(counts.most_common(1)[0][0])
        ratio = contrast(fg, bg)
        if ratio < lowest[0]:
            lowest = (ratio, lab.text()[:40])
    rep.lowest_contrast, rep.lowest_contrast_text = round(lowest[0], 2), lowest[1]
    # Speech coverage: the visible words that speech says.
    visible: list[str] = []
    for r_ in roots:
        visible += [t for t, _p in visible_texts(r_)]
    visible += [b.text() for b in controls if isinstance(b, QAbstractButton) and b.text()]
    spoken = ""
    try:
        spoken = scripts.script(key, lang).text()
    except scripts.UnknownScreenScript:
        pass
    spoken += " " + " ".join(window.speech.describe(w).text for w in controls)
    if key in ("submit_done", "error"):
        spoken += " " + " ".join(speakable(t, lang) for t, _p in visible_texts(root)) if root else ""
    said = set(_words(spoken))
    seen = [w for t in visible for w in _words(speakable(t, lang))]
    rep.speech_coverage = round(sum(w in said for w in seen) / len(seen), 3) if seen else 1.0
    return rep


def clipped(window: Any) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    out = []
    roots = window.focus_roots()
    for lab in [lab for r in roots for lab in r.findChildren(QLabel)]:
        if not lab.isVisible() or not lab.text().strip():
            continue
        cr = lab.contentsRect()
        if lab.wordWrap():
            if lab.heightForWidth(cr.width()) > lab.height() + 2:
                out.append(lab.objectName() or lab.text()[:30])
        elif lab.fontMetrics().horizontalAdvance(lab.text().split("\n")[0]) > cr.width() + 2:
            out.append(lab.objectName() or lab.text()[:30])
    for b in [b for r in roots for b in r.findChildren(QAbstractButton)]:
        if (
            b.isVisible()
            and b.text()
            and b.fontMetrics().horizontalAdvance(b.text().split("\n")[0]) > b.width()
        ):
            out.append(b.objectName() or b.text()[:30])
    return out


def build_report(dpi: float = DEFAULT_DPI, lang: str = "vi") -> list[StateReport]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.config import KioskConfig
    from ui.i18n.translator import ensure_built
    from ui.main_window import MainWindow
    from ui.screenshots import _goto

    ensure_built()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    cfg = KioskConfig()
    cfg = cfg.model_copy(update={"kiosk": cfg.kiosk.model_copy(update={"default_language": lang})})
    window = MainWindow(cfg, kiosk_mode=False, install_safety_net=False)
    window.ticker.stop()
    reports: list[StateReport] = []
    try:
        window.resize(1080, 1920)
        window.show()
        states = [(spec.id, _goto(spec.id)) for spec in window.registry.specs.values() if spec.capture]
        states += [(c.name, c.prepare) for c in window.registry.captures if "contrast" not in c.name]
        for name, prepare in states:
            window.overlay.close_card()
            window.finish()
            prepare(window)
            window.layout().activate()
            app.processEvents()
            rep = measure_state(window, app, name, dpi)
            window.prefs.set_scale(200)
            window.layout().activate()
            app.processEvents()
            rep.clipped_at_200 = clipped(window)
            window.prefs.set_scale(100)
            reports.append(rep)
    finally:
        window.allow_close()
        window.close()
        window.deleteLater()
        app.processEvents()
    return reports


def table(reports: list[StateReport]) -> str:
    head = "| state | script | controls | unnamed | smallest target (mm) | lowest contrast | speech coverage | clipped at 200 % |"
    lines = [head, "|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in reports:
        lines.append(
            f"| {r.state} | {r.script} | {r.controls} | {len(r.unnamed)} | {r.smallest_target_mm} "
            f"| {r.lowest_contrast}:1 | {r.speech_coverage:.0%} | {len(r.clipped_at_200)} |"
        )
    return "\n".join(lines)


def run(args: Any) -> int:
    import json

    from kiosk.logs import configure_logging

    configure_logging()
    reports = build_report(args.dpi, args.lang)
    if args.json:
        print(json.dumps([asdict(r) for r in reports], ensure_ascii=False))
    else:
        print(table(reports))
    return 0
