"""How much of the window's height the citizen's content gets, per orientation × language ×
text size: the screen stack's height over the window's, with the header and the bottom bars
(session: back · help · finish; access: language, text size, contrast, speech) beside it.
Measured on the home screen in a session (every bar shown), as `kiosk screenshots` sizes it.

    .venv/bin/python bench/content_share.py
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from kiosk.config import KioskConfig
    from kiosk.logs import configure_logging
    from ui.i18n.translator import ensure_built
    from ui.main_window import MainWindow
    from ui.screenshots import SIZES, show_state

    configure_logging()
    ensure_built()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"{'orientation':<11} {'lang':<4} {'text':>4}  {'header':>6} {'bottom':>6} {'content':>7}  share")
    for orientation in ("landscape", "portrait"):
        for lang in ("vi", "en"):
            for scale in (100, 150, 200):
                cfg = KioskConfig()
                cfg = cfg.model_copy(
                    update={"kiosk": cfg.kiosk.model_copy(update={"default_language": lang})}
                )
                w = MainWindow(cfg, kiosk_mode=False, install_safety_net=False)
                w.ticker.stop()
                w.resize(*SIZES[orientation])
                w.show()
                show_state(app, w, lambda win: win.navigate("home"), scale=scale)
                high = w.height()
                bottom = high - w.top_bar.height() - w.stack.height()
                print(
                    f"{orientation:<11} {lang:<4} {scale:>4}  {w.top_bar.height():>6} {bottom:>6}"
                    f" {w.stack.height():>7}  {w.stack.height() / high:5.1%}"
                )
                w.allow_close()
                w.close()
                w.deleteLater()
                app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
