"""Staff screenshots for docs/screenshots/: ``python -m ui.staff.screenshots OUT_DIR``.

Renders, in Vietnamese and English (portrait 1080×1920), the sign-in overlay (PIN step), the
"who is in control" banner, the staff menu, the outbox, device status and the end-of-day
report — on a throw-away data dir filled through the real stores (an outbox with a few
dossiers, ratings and help requests in the audit log), with a card issued by a throw-away
sandbox central. Offscreen: no display needed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

SHOTS = ("signin", "banner", "menu", "outbox", "devices", "report")


def _fill_stores(data: Path) -> None:
    from offline_cache.store import Store

    store = Store.open(data)
    try:
        for i, (proc, channel) in enumerate(
            [("1.001193", "assisted"), ("1.001193", "self_service"), ("2.000889", "self_service")]
        ):
            store.outbox.enqueue(
                {"channel": channel}, procedure_code=proc, tracking_code=f"K7M4QX9T{i}{'RMV'[i]}"
            )
        for score in (5, 4, 5):
            store.audit.append("citizen", "rating.given", {"score": score})
        store.audit.append("citizen", "help.requested", {"screen": "documents"})
    finally:
        store.close()


def render(out: Path, langs: tuple[str, ...] = ("vi", "en")) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.config import KioskConfig
    from kiosk.demo_central import central_command
    from kiosk.staff.session import StaffSession
    from ui.i18n.translator import ensure_built
    from ui.main_window import MainWindow
    from ui.staff.attach import attach_staff

    ensure_built()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KIOSK_DATA_DIR"] = str(Path(tmp) / "kiosk")
        central = Path(tmp) / "central"
        # The central's own program (the kiosk side never imports it): an account and its card.
        data = ["--data", str(central)]
        subprocess.run(
            central_command("staff", "add", "CB0142", "--name", "Nguyễn Thị Lan", "--role", "officer", *data),
            input="2468\n",
            text=True,
            check=True,
            capture_output=True,
        )
        card = subprocess.run(
            central_command("staff", "card", "CB0142", "--json", *data),
            text=True,
            check=True,
            capture_output=True,
        )
        credential = json.loads(card.stdout)["credential"]
        _fill_stores(Path(tmp) / "kiosk")
        for lang in langs:
            cfg = KioskConfig()
            cfg = cfg.model_copy(update={"kiosk": cfg.kiosk.model_copy(update={"default_language": lang})})
            window = MainWindow(cfg, kiosk_mode=False, install_safety_net=False)
            mode = attach_staff(window)
            try:
                window.resize(1080, 1920)
                window.show()
                window.status.set("network", "ok")
                window.status.set("central", "ok")
                officer = StaffSession(
                    "CB0142", "Nguyễn Thị Lan", "officer", "DEMO", "c", "central", datetime.now(UTC)
                )
                supervisor = StaffSession(
                    "GS0007", "Trần Văn Bình", "supervisor", "DEMO", "c", "central", datetime.now(UTC)
                )
                for shot in SHOTS:
                    window.finish()
                    window.navigate("home")
                    if shot == "signin":
                        card = mode.open_sign_in()
                        card.offer_scan(credential)
                        for d in "2468":
                            card.pad.press(d)
                    else:
                        mode._signed_in(supervisor if shot == "report" else officer)
                        if shot != "banner":
                            menu = mode.open_menu()
                            assert menu is not None
                            page = {
                                "menu": "help",
                                "outbox": "outbox",
                                "devices": "devices",
                                "report": "report",
                            }
                            menu.show_page(page[shot])
                            menu.wait()
                    window.layout().activate()
                    app.processEvents()
                    path = out / f"staff-{shot}-{lang}.png"
                    window.grab().save(str(path))
                    written.append(path)
                window.finish()
            finally:
                mode.shutdown()
                window.allow_close()
                window.close()
                window.deleteLater()
        app.processEvents()
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    for p in render(target):
        print(p)
