"""Technician screenshots for docs/screenshots/: ``python -m ui.technician.screenshots OUT_DIR``.

Renders the technician screen (portrait 1080×1920, Vietnamese and English) for a kiosk really
enrolled at a throw-away sandbox central, after a real self-test: simulated card reader,
printer and scanner, a generated video clip as the document camera (preview with its focus
figure), an outbox holding a dossier three hours old, the tray check run on that camera and
five pages captured from it as the camera step would (the tray line). Offscreen: no display needed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

# BGR: a dark green mat, and a white laminate counter (the tray check fails on it)
TRAYS = {"mat": (70, 90, 80), "white_counter": (241, 242, 240)}


def _clip(path: Path, tray: tuple[int, int, int] = TRAYS["mat"]) -> str:
    import cv2
    import numpy as np

    rng = np.random.default_rng(3)
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 20.0, (640, 400))
    for _ in range(40):
        img = np.full((400, 640, 3), tray, np.uint8)
        cv2.rectangle(img, (120, 40), (520, 360), (235, 235, 235), -1)  # a sheet on the tray
        for y in range(70, 340, 18):
            for x in range(150, 490, 14):
                if rng.random() < 0.55:
                    cv2.rectangle(img, (x, y), (x + 10, y + 8), (40, 40, 40), -1)
        out.write(img)
    out.release()
    return str(path)


def _documents_in_use(data: Path, clip: str) -> None:
    """A few pages captured from the clip through the camera step's session and its tray watch,
    as a citizen's would be: the tray line's "in use" figure is measured, not made up."""
    import cv2

    from devices.camera.capture import Frame
    from devices.camera.session import DocumentSession
    from kiosk.monitoring.tray_contrast import TrayContrastRecord, TrayWatch

    watch = TrayWatch(TrayContrastRecord(data))
    video = cv2.VideoCapture(clip)
    for i in range(5):
        ok, image = video.read()
        if not ok:
            break
        session = DocumentSession("page", max_pages=1, auto=False, on_capture=watch.observe)
        session.process(Frame(image, i, i / 20))
        session.capture_now()
    video.release()
    watch.join()


def render(out: Path, langs: tuple[str, ...] = ("vi", "en"), tray: str = "mat") -> list[Path]:
    """``tray``: what the clip's sheet lies on (:data:`TRAYS`); not the mat: the files are
    ``technician-<tray>-<lang>.png``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.config import parse_config
    from kiosk.demo_central import central_command, start_demo_central
    from kiosk.staff.session import StaffSession
    from ui.i18n.translator import Languages, ensure_built
    from ui.technician.screen import TechnicianScreen
    from ui.technician.services import from_kiosk

    ensure_built()
    _app = QApplication.instance() or QApplication(sys.argv[:1])  # kept alive while rendering
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "kiosk"
        data.mkdir()
        os.environ["KIOSK_DATA_DIR"] = str(data)
        central = start_demo_central(Path(tmp) / "central")
        try:
            from kiosk.provision import audit_sink, fetch_and_apply
            from offline_cache import Store
            from provisioning import enroll

            issued = subprocess.run(
                central_command(
                    "enroll-code", "--agency", "HN-HK", "--json", "--data", str(central.data_dir)
                ),
                text=True,
                check=True,
                capture_output=True,
            )
            code = json.loads(issued.stdout)["code"]
            enroll.enroll(data, central.url, code, audit=audit_sink(data))
            fetch_and_apply(data, None)
            with Store.open(data, clock=lambda: time.time() - 3 * 3600) as store:
                store.outbox.enqueue({"service_code": "1.001"}, procedure_code="1.001")
            clip = _clip(Path(tmp) / "tray.avi", TRAYS[tray])
            cfg = parse_config({"devices": {"camera": clip}})
            _documents_in_use(data, clip)
            tech = StaffSession(
                "KT0031", "Phạm Quốc Huy", "technician", "HN-HK", "c", "central", datetime.now(UTC)
            )
            languages = Languages()
            for lang in langs:
                languages.set(lang)
                screen = TechnicianScreen(from_kiosk(cfg, data), tech, lambda lang=lang: lang)
                screen.resize(1080, 1920)
                screen.show()
                screen.run_checks(("tray",), False, "tray")  # kept: the status line shows it
                screen.wait()
                QCoreApplication.processEvents()
                screen.run_checks((), False, "selftest")
                screen.wait()
                QCoreApplication.processEvents()  # the report's queued signal
                screen.wait()  # the status refreshed after the report
                QCoreApplication.processEvents()
                screen.findChild(object, "tech_camera_preview").setChecked(True)
                if screen.camera is not None:
                    loop = QEventLoop()
                    cam = screen.camera

                    def enough(*_: object, loop: QEventLoop = loop, cam: object = cam) -> None:
                        if getattr(cam, "frames", 0) >= 10:
                            loop.quit()

                    cam.frame.connect(enough)
                    QTimer.singleShot(10000, loop.quit)
                    loop.exec()
                screen.wait()
                QCoreApplication.processEvents()
                path = out / (f"technician-{lang}.png" if tray == "mat" else f"technician-{tray}-{lang}.png")
                screen.grab().save(str(path))
                written.append(path)
                screen.shutdown()
                screen.close()
                screen.deleteLater()
                QCoreApplication.processEvents()
            languages.set("en")
        finally:
            central.stop()
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    for tray in TRAYS:
        for p in render(target, tray=tray):
            print(p)
