"""``kiosk screenshots OUT_DIR``: every main screen in vi and en, portrait and landscape, as PNG.

Screens registered with ``capture=True`` are rendered as they first appear; extra states
(the timeout warning, the error screen, large text, high contrast) are :class:`Capture`
entries that areas add with ``registry.add_capture``. Rendering is offscreen, so it runs
on a machine without a display; it uses the demo configuration, never a kiosk's own.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}


def render_all(args) -> int:  # type: ignore[no-untyped-def]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.config import KioskConfig
    from kiosk.logs import configure_logging
    from ui.i18n.translator import ensure_built

    configure_logging()  # to the log file: stdout lists the PNGs written, nothing else
    ensure_built()
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    written = render(app, KioskConfig(), out, langs=("vi", "en"), orientations=tuple(SIZES))
    if getattr(args, "palette", False):
        for p in written:
            to_palette(p)
    for p in written:
        print(p)
    return 0


def render(app, cfg, out: Path, *, langs, orientations, only: set[str] | None = None) -> list[Path]:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    written: list[Path] = []
    for orientation in orientations:
        for lang in langs:
            c = cfg.model_copy(update={"kiosk": cfg.kiosk.model_copy(update={"default_language": lang})})
            window = MainWindow(c, kiosk_mode=False, install_safety_net=False)
            # Frozen in time: a tick between two shots would close the timeout warning.
            window.ticker.stop()
            try:
                window.resize(*SIZES[orientation])
                window.show()
                # What a kiosk shows a moment after start-up: network found, central being reached.
                window.status.set("network", "ok")
                window.status.set("central", "connecting")
                for name, prepare in states(window):
                    if only and name not in only:
                        continue
                    show_state(app, window, prepare)
                    path = out / f"{name}-{lang}-{orientation}.png"
                    window.grab().save(str(path))
                    written.append(path)
            finally:
                window.allow_close()
                window.close()
                window.deleteLater()
    return written


def states(window) -> list[tuple[str, object]]:  # type: ignore[no-untyped-def]
    """Every registered screen state: each captured screen as it first appears, then the extra states."""
    shots = [(spec.id, _goto(spec.id)) for spec in window.registry.specs.values() if spec.capture]
    shots += [(cap.name, cap.prepare) for cap in window.registry.captures]
    return shots


def show_state(app, window, prepare, *, scale: int | None = None) -> None:  # type: ignore[no-untyped-def]
    """Put ``window`` in a state from a clean session, optionally at a text ``scale``."""
    # Display choices back to the defaults while the screens that follow them are still whole,
    # then a clean session.
    window.overlay.close_card()
    window.prefs.reset()
    window.finish()
    prepare(window)
    if scale is not None:
        window.prefs.set_scale(scale)
    for _ in range(3):
        window.layout().activate()
        app.processEvents()


def to_palette(path: Path) -> None:
    """Re-save as a 256-colour PNG: flat colours and anti-aliased text survive it unchanged
    to the eye, at well under half the bytes (screenshots live in git)."""
    from PIL import Image

    with Image.open(path) as im:
        small = im.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def _goto(screen_id: str):  # type: ignore[no-untyped-def]
    def prepare(window) -> None:  # type: ignore[no-untyped-def]
        if screen_id != "attract":
            window.navigate(screen_id)

    return prepare
