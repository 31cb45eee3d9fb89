"""Citizen screens as a citizen sees them: problems found by the layout audit
(ui/screens/layout_audit.py) over every registered screen state, per orientation × language ×
text size, and the lowest text and control contrast measured on grabbed pixels. Below the
fold apart: the states with something to act on under a page's fold or a page scrolling past
its screen's bound, and the worst overshoot in px (tests/ui/screens/fold_debt.py lists them).

    .venv/bin/python bench/screens.py            # the whole matrix (several minutes)
    .venv/bin/python bench/screens.py portrait vi 100
"""

from __future__ import annotations

import os
import re
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OVERSHOOT = re.compile(r"(\d+) px (?:below|over)")


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from kiosk.config import KioskConfig
    from kiosk.logs import configure_logging
    from ui.i18n.translator import ensure_built
    from ui.main_window import MainWindow
    from ui.screens.layout_audit import audit, lowest_contrast
    from ui.screenshots import SIZES, show_state, states

    configure_logging()
    ensure_built()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    cells = [
        (o, lang, s) for o in ("portrait", "landscape") for lang in ("vi", "en") for s in (100, 150, 200)
    ]
    if len(argv) == 3:
        cells = [(argv[0], argv[1], int(argv[2]))]
    print(
        f"{'orientation':<10} {'lang':<4} {'text':>4}  states  problems(screens/bars+cards)  "
        "below-fold(states/worst px)  text≥  control≥  seconds"
    )
    for orientation, lang, scale in cells:
        cfg = KioskConfig()
        cfg = cfg.model_copy(update={"kiosk": cfg.kiosk.model_copy(update={"default_language": lang})})
        w = MainWindow(cfg, kiosk_mode=False, install_safety_net=False)
        w.ticker.stop()
        w.resize(*SIZES[orientation])
        w.show()
        t0 = time.perf_counter()
        n, mine, other = 0, 0, 0
        folded, worst = 0, 0
        text_min, comp_min = 99.0, 99.0
        for _name, prepare in states(w):
            show_state(app, w, prepare, scale=scale)
            n += 1
            problems = audit(w, pixels=scale == 100)
            fold = [p for p in problems if p.kind in ("fold", "scrolls")]
            if fold:
                folded += 1
                worst = max([worst] + [int(m.group(1)) for p in fold if (m := OVERSHOOT.search(p.detail))])
            for p in problems:
                if p.kind in ("fold", "scrolls"):
                    continue
                if any(m in p.widget for m in ("Bar/", "Keyboard/", "TimeoutCard/", "FinishCard/")):
                    other += 1
                else:
                    mine += 1
            if scale == 100:
                t, c = lowest_contrast(w)
                text_min, comp_min = min(text_min, t), min(comp_min, c)
        took = time.perf_counter() - t0
        tm = f"{text_min:5.2f}" if scale == 100 else "    -"
        cm = f"{comp_min:5.2f}" if scale == 100 else "    -"
        print(
            f"{orientation:<10} {lang:<4} {scale:>4}  {n:>6}  {mine:>8}/{other:<19}  "
            f"{folded:>10}/{worst:<16}  {tm}  {cm}     {took:6.1f}"
        )
        w.allow_close()
        w.close()
        w.deleteLater()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
