"""The technician screen, shown after a technician signs in (staff role ``technician``).

Enrollment state; the live device list (probed every few seconds off the GUI thread); run the
self-test and read its report (each check pass / warn / fail with its figures and what to do,
in the current language); print a test page; read a card's ATR; check the network and the
central; camera preview with the focus figure. Everything runs through
:class:`ui.technician.services.TechnicianServices` (the same code as ``kiosk selftest``), off the
GUI thread through :class:`ui.runner.BackgroundCall`, results back by queued signals.

Only a technician gets the controls; anyone else sees why not, and the attempt is audited.
Nothing here shows or stores a citizen's data.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.runner import BackgroundCall
from ui.technician.camera import CameraPreview
from ui.technician.services import TechnicianServices

DEVICE_REFRESH_MS = 5000
_COLOURS = {
    "pass": "#d7f5dd",
    "ok": "#d7f5dd",
    "warn": "#fff1c7",
    "fail": "#fde0e0",
    "absent": "#fde0e0",
}
STYLE = """
#TechnicianScreen { background: #f6f7f9; }
#TechnicianScreen QLabel { font-size: 25px; }
#TechnicianScreen QLabel#tech_title { font-size: 40px; font-weight: 700; color: #0b3d91; }
#TechnicianScreen QGroupBox { font-size: 28px; font-weight: 600; border: 1px solid #c9ced6;
    border-radius: 10px; margin-top: 22px; padding: 14px; background: #ffffff; }
#TechnicianScreen QGroupBox::title { subcontrol-origin: margin; left: 16px; padding: 0 6px; }
#TechnicianScreen QPushButton { font-size: 26px; min-height: 84px; padding: 6px 14px;
    border-radius: 10px; background: #e8edf5; border: 1px solid #b8c2d3; }
#TechnicianScreen QPushButton[role="primary"] { background: #0b3d91; color: white; }
#TechnicianScreen QPushButton:disabled { color: #8a8f98; }
#TechnicianScreen QTableWidget { font-size: 21px; background: #ffffff; }
#TechnicianScreen QHeaderView::section { font-size: 22px; font-weight: 600; padding: 6px; }
#TechnicianScreen QLabel#tech_overall { font-size: 30px; font-weight: 700; }
"""


def _table(name: str, columns: int, fit: tuple[int, ...] = ()) -> QTableWidget:
    """A read-only table; columns in ``fit`` take their contents' width, the others share the rest."""
    t = QTableWidget(0, columns)
    t.setObjectName(name)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    t.setWordWrap(True)
    t.verticalHeader().setVisible(False)
    header = t.horizontalHeader()
    for c in range(columns):
        mode = QHeaderView.ResizeMode.ResizeToContents if c in fit else QHeaderView.ResizeMode.Stretch
        header.setSectionResizeMode(c, mode)
    return t


def _button(name: str, primary: bool = False) -> QPushButton:
    b = QPushButton()
    b.setObjectName(name)
    if primary:
        b.setProperty("role", "primary")
    return b


def figures_text(check: dict[str, Any]) -> str:
    """The figures a technician reads first, per check (technical units, no personal data)."""
    f = check.get("figures") or {}
    name = check.get("name")
    parts: list[str] = []
    if name == "camera" and "fps" in f:
        parts = [f"{f['fps']} fps", f"focus {f.get('focus')}", f"brightness {f.get('brightness')}"]
    elif name == "tray" and f.get("found_by"):
        parts = [f"ΔE {f['delta_e']}", f"step {f['step']}", f"noise {f['noise']}", f"glare {f['glare']:.1%}"]
    elif name == "central" and "latency_ms" in f:
        parts = [f"{f['latency_ms']} ms", f"skew {f['clock_skew_s']} s", f"signed: {f.get('signed_request')}"]
    elif name == "card_reader":
        if "atr" in f:
            parts = [f"ATR {f['atr']}", f"SELECT {f.get('select_sw')}"]
        if "readers" in f:
            parts.append(f"{len(f['readers'])} reader(s)")
    elif name == "printer":
        parts = [str(f.get("condition", ""))]
        if "test_page_s" in f:
            parts.append(f"test page {f['test_page_s']} s")
    elif name == "disk" and "free_bytes" in f:
        parts = [f"{f['free_bytes'] / 2**30:.1f} GB free", f"{f.get('free_pct')} %"]
    elif name == "outbox" and "size" in f:
        age = f.get("oldest_age_s")
        parts = [f"{f['size']} waiting"] + ([f"oldest {int(age // 60)} min"] if age else [])
    elif name == "key_store" and "backend" in f:
        parts = [str(f["backend"]).upper()] + (
            [f"PIN {f['pin_failures']}/{f['pin_max_tries']}"] if "pin_failures" in f else []
        )
    elif name == "crashes" and "at" in f:
        parts = [str(f["signal"]), str(f["where"])]
    elif name == "scanner":
        parts = [str(f.get("driver", ""))] + (
            [f"scan {f['scanned_chars']} chars"] if "scanned_chars" in f else []
        )
    return " · ".join(p for p in parts if p) or check.get("summary", "")


class TechnicianScreen(QWidget):
    closed = Signal()

    def __init__(
        self,
        services: TechnicianServices,
        staff: Any,  # kiosk.staff.session.StaffSession
        lang: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TechnicianScreen")
        self.services = services
        self.staff = staff
        self.lang = lang
        self.allowed = getattr(staff, "role", "") == "technician"
        self.report: dict[str, Any] | None = None
        self.last_devices: list[Any] = []
        self.status_data: dict[str, Any] = {}
        self.focus: float | None = None
        self.brightness: float | None = None
        self._pending_action = ""

        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 24)
        lay.setSpacing(14)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("tech_title")
        head.addWidget(self.title, 1)
        self.close_b = _button("tech_close", True)
        self.close_b.setMinimumWidth(220)
        self.close_b.clicked.connect(self.close_screen)
        head.addWidget(self.close_b)
        lay.addLayout(head)
        self.who = QLabel()
        self.who.setObjectName("tech_who")
        lay.addWidget(self.who)
        self.refusal = QLabel()
        self.refusal.setObjectName("tech_refusal")
        self.refusal.setWordWrap(True)
        lay.addWidget(self.refusal)

        # Enrollment
        self.enroll_box = QGroupBox()
        grid = QGridLayout(self.enroll_box)
        self.enroll_keys: dict[str, QLabel] = {}
        self.enroll_values: dict[str, QLabel] = {}
        # (key, row, column, column span of the value): two pairs a row, long values alone.
        places = [
            ("kiosk_id", 0, 0, 1), ("agency", 0, 2, 1), ("key", 1, 0, 3),
            ("config", 2, 0, 1), ("service", 2, 2, 1), ("heartbeat", 3, 0, 3), ("tray", 4, 0, 3),
        ]  # fmt: skip
        for key, row, col, span in places:
            k = QLabel()
            v = QLabel()
            v.setObjectName(f"tech_enroll_{key}")
            v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            v.setWordWrap(True)
            k.setStyleSheet("color: #4a4f57;")
            grid.addWidget(k, row, col)
            grid.addWidget(v, row, col + 1, 1, span)
            self.enroll_keys[key] = k
            self.enroll_values[key] = v
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(28)
        lay.addWidget(self.enroll_box)

        # Devices
        self.devices_box = QGroupBox()
        dl = QVBoxLayout(self.devices_box)
        self.devices_table = _table("tech_devices_table", 4, fit=(0, 2))
        self.devices_table.setMinimumHeight(236)
        dl.addWidget(self.devices_table)
        lay.addWidget(self.devices_box)

        # Actions
        actions = QGridLayout()
        actions.setSpacing(12)
        self.selftest_b = _button("tech_run_selftest", True)
        self.testpage_b = _button("tech_print_test_page")
        self.atr_b = _button("tech_read_atr")
        self.central_b = _button("tech_check_central")
        self.camera_b = _button("tech_camera_preview")
        self.camera_b.setCheckable(True)
        self.tray_b = _button("tech_check_tray")  # a blank A4 sheet on the tray: is the tray dark enough?
        for i, b in enumerate(
            (self.selftest_b, self.testpage_b, self.atr_b, self.central_b, self.camera_b, self.tray_b)
        ):
            actions.addWidget(b, i // 3, i % 3)
        lay.addLayout(actions)
        self.selftest_b.clicked.connect(lambda: self.run_checks((), False, "selftest"))
        self.testpage_b.clicked.connect(lambda: self.run_checks(("printer",), True, "test_page"))
        self.atr_b.clicked.connect(lambda: self.run_checks(("card_reader",), False, "atr"))
        self.central_b.clicked.connect(lambda: self.run_checks(("central",), False, "central"))
        self.camera_b.toggled.connect(self.toggle_camera)
        self.tray_b.clicked.connect(lambda: self.run_checks(("tray",), False, "tray"))

        # Report
        self.report_box = QGroupBox()
        rl = QVBoxLayout(self.report_box)
        self.overall = QLabel()
        self.overall.setObjectName("tech_overall")
        rl.addWidget(self.overall)
        self.report_table = _table("tech_report_table", 4, fit=(0, 1))
        self.report_table.setMinimumHeight(480)
        rl.addWidget(self.report_table)
        lay.addWidget(self.report_box, 1)

        # Camera preview
        self.camera_box = QGroupBox()
        cl = QHBoxLayout(self.camera_box)
        self.preview = QLabel()
        self.preview.setObjectName("tech_camera_image")
        self.preview.setFixedSize(400, 250)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #222; color: #ddd;")
        cl.addWidget(self.preview)
        self.focus_label = QLabel()
        self.focus_label.setObjectName("tech_camera_focus")
        self.focus_label.setWordWrap(True)
        cl.addWidget(self.focus_label, 1)
        self.camera_box.setVisible(False)
        lay.addWidget(self.camera_box)

        self.device_call = BackgroundCall(self)
        self.device_call.succeeded.connect(self._devices_done)
        self.device_call.failed.connect(lambda e: self._devices_done([]))
        self.status_call = BackgroundCall(self)
        self.status_call.succeeded.connect(self._status_done)
        self.status_call.failed.connect(lambda e: self._status_done({"error": str(e)}))
        self.check_call = BackgroundCall(self)
        self.check_call.succeeded.connect(self._checks_done)
        self.check_call.failed.connect(self._checks_failed)
        self.timer = QTimer(self)
        self.timer.setInterval(DEVICE_REFRESH_MS)
        self.timer.timeout.connect(self.refresh_devices)
        self.camera: CameraPreview | None = None

        self.setStyleSheet(STYLE)
        for w in (self.enroll_box, self.devices_box, self.report_box, self.camera_box):
            w.setVisible(self.allowed and w is not self.camera_box)
        for b in (self.selftest_b, self.testpage_b, self.atr_b, self.central_b, self.camera_b, self.tray_b):
            b.setVisible(self.allowed)
        if not self.allowed:
            self.services.audit(
                "technician_screen_refused",
                {"staff_id": getattr(staff, "staff_id", "?"), "role": getattr(staff, "role", "?")},
            )
        self.retranslate()
        if self.allowed:
            self.services.audit("technician_screen_opened", {"staff_id": staff.staff_id})
            self.refresh_status()
            self.refresh_devices()

    # ------------------------------------------------------------------ texts

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def check_name(self, name: str) -> str:
        return {
            "card_reader": self.tr("Card reader"),
            "printer": self.tr("Printer"),
            "camera": self.tr("Camera"),
            "scanner": self.tr("QR scanner"),
            "central": self.tr("Network and central"),
            "disk": self.tr("Storage"),
            "outbox": self.tr("Outbox"),
            "key_store": self.tr("Key store"),
            "speech": self.tr("Voice guidance"),
            "crashes": self.tr("Crashes"),
            "tray": self.tr("Tray contrast"),
            "tray_in_use": self.tr("Tray in use"),
        }.get(name, name)

    def result_word(self, status: str) -> str:
        return {
            "pass": self.tr("Pass"),
            "warn": self.tr("Warning"),
            "fail": self.tr("Fail"),
            "ok": self.tr("OK"),
            "absent": self.tr("Missing"),
        }.get(status, status)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Technician: kiosk maintenance"))
        self.close_b.setText(self.tr("Close"))
        self.who.setText(
            self.tr("Signed in: %1 (%2), technician")
            .replace("%1", getattr(self.staff, "name", ""))
            .replace("%2", getattr(self.staff, "staff_id", ""))
        )
        self.refusal.setVisible(not self.allowed)
        self.refusal.setText(
            ""
            if self.allowed
            else self.tr("Only a technician may open this screen. Your sign-in does not have that role.")
        )
        self.enroll_box.setTitle(self.tr("Enrollment"))
        for key, text in {
            "kiosk_id": self.tr("Kiosk ID"),
            "agency": self.tr("Agency"),
            "key": self.tr("Key fingerprint"),
            "config": self.tr("Configuration"),
            "heartbeat": self.tr("Last heartbeat"),
            "service": self.tr("Service"),
            "tray": self.tr("Document tray"),
        }.items():
            self.enroll_keys[key].setText(text)
        self.devices_box.setTitle(self.tr("Devices (live)"))
        self.devices_table.setHorizontalHeaderLabels(
            [self.tr("Device"), self.tr("Name"), self.tr("State"), self.tr("Detail")]
        )
        self.report_box.setTitle(self.tr("Self-test report"))
        self.report_table.setHorizontalHeaderLabels(
            [self.tr("Check"), self.tr("Result"), self.tr("Figures"), self.tr("What to do")]
        )
        self.selftest_b.setText(self.tr("Run self-test"))
        self.testpage_b.setText(self.tr("Print a test page"))
        self.atr_b.setText(self.tr("Read a card (ATR)"))
        self.central_b.setText(self.tr("Check network and central"))
        self.tray_b.setText(self.tr("Tray check (blank A4 sheet)"))
        self.camera_b.setText(
            self.tr("Stop camera preview") if self.camera_b.isChecked() else self.tr("Camera preview")
        )
        self.camera_box.setTitle(self.tr("Camera"))
        self._show_status()
        self._show_devices()
        self._show_report()
        self._show_focus()

    # ------------------------------------------------------------------ enrollment

    def refresh_status(self) -> None:
        self.status_call.start(self.services.status, name="tech-status")

    def _status_done(self, data: dict[str, Any]) -> None:
        self.status_data = data or {}
        self._show_status()

    def _show_status(self) -> None:
        d = self.status_data
        v = self.enroll_values
        if not d:
            for lab in v.values():
                lab.setText("…")
            return
        if not d.get("enrolled"):
            v["kiosk_id"].setText(self.tr("Not enrolled: use `kiosk provision enroll` with a code"))
        else:
            v["kiosk_id"].setText(str(d.get("kiosk_id")))
        v["agency"].setText(str(d.get("agency") or "—"))
        v["key"].setText(str(d.get("key_fingerprint") or "—"))
        if d.get("config_version"):
            source = str(d.get("config_source") or "?")
            if source == "central":
                source = self.tr("the central")
            elif source.startswith("file:"):
                source = self.tr("file %1").replace("%1", source[5:])
            v["config"].setText(
                self.tr("version %1 (from %2)").replace("%1", str(d["config_version"])).replace("%2", source)
            )
        else:
            v["config"].setText(self.tr("local file / demo"))
        hb = d.get("last_heartbeat")
        if hb:
            ago = max(0, int(time.time() - float(hb.get("sent_at", 0))))
            v["heartbeat"].setText(
                self.tr("%1 s ago, %2 ms").replace("%1", str(ago)).replace("%2", str(hb.get("latency_ms")))
            )
        else:
            v["heartbeat"].setText(self.tr("none yet"))
        v["service"].setText(self.tr("Out of service") if d.get("out_of_service") else self.tr("In service"))
        self._show_tray(d.get("tray"))

    def _show_tray(self, tray: dict[str, Any] | None) -> None:
        """The kept tray check and what use has shown since: a kiosk on a pale tray fails
        citizen after citizen at the camera step, so the verdict stays in view."""
        label = self.enroll_values["tray"]
        if not tray:
            label.setText("—")
            return
        standing = tray.get("standing")
        words = {
            "unchecked": self.tr("never checked"),
            "other_camera": self.tr("checked with another camera"),
            "simulated": self.tr("simulated camera: no tray"),
        }
        head = words.get(standing) or self.result_word(str(standing))
        if tray.get("checked_on") and standing in ("pass", "warn", "fail", "other_camera"):
            head = (
                self.tr("%1, ΔE %2, checked on %3")
                .replace("%1", head)
                .replace("%2", str(tray.get("delta_e")))
                .replace("%3", str(tray["checked_on"]))
            )
        use = tray.get("in_use") or {}
        if use.get("median_delta_e") is not None:
            head += "; " + self.tr("in use: median ΔE %1 over %2 captures").replace(
                "%1", str(use["median_delta_e"])
            ).replace("%2", str(use.get("count", 0)))
        advice = tray.get("advice_vi") if self.lang() == "vi" else tray.get("advice_en")
        label.setText(head + (f"\n→ {advice}" if advice else ""))
        worst = "fail" if standing == "fail" or use.get("standing") == "pale" else "pass"
        if worst == "pass" and (
            standing in ("warn", "unchecked", "other_camera") or use.get("standing") == "low"
        ):
            worst = "warn"
        label.setStyleSheet(f"background: {_COLOURS[worst]}; padding: 6px; border-radius: 6px;")

    # ------------------------------------------------------------------ devices

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        if self.allowed:
            self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self.timer.stop()
        self.stop_camera()
        super().hideEvent(event)

    def refresh_devices(self) -> None:
        if not self.device_call.busy:
            self.device_call.start(self.services.devices, name="tech-devices")

    def _devices_done(self, devices: list[Any]) -> None:
        self.last_devices = list(devices or [])
        self._show_devices()

    def _show_devices(self) -> None:
        t = self.devices_table
        t.setRowCount(len(self.last_devices))
        for r, d in enumerate(self.last_devices):
            cells = [self.check_name(d.kind), d.name, self.result_word(d.state), d.detail]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(str(text))
                if c == 2:
                    item.setBackground(QColor(_COLOURS.get(d.state, "#ffffff")))
                t.setItem(r, c, item)
        t.resizeRowsToContents()

    # ------------------------------------------------------------------ self-test and single checks

    def run_checks(self, only: tuple[str, ...], print_test_page: bool, action: str) -> bool:
        if not self.allowed or self.check_call.busy:
            return False
        self._pending_action = action
        for b in (self.selftest_b, self.testpage_b, self.atr_b, self.central_b, self.tray_b):
            b.setEnabled(False)
        self.overall.setText(self.tr("Testing…"))
        self.services.audit("technician_action", {"action": action, "staff_id": self.staff.staff_id})
        self.check_call.start(lambda: self.services.selftest(only, print_test_page), name="tech-selftest")
        return True

    def _checks_done(self, report: dict[str, Any]) -> None:
        if self._pending_action == "selftest" or self.report is None:
            self.report = report
        else:  # a single check replaces its own row in the last report
            fresh = {c["name"]: c for c in report.get("checks", [])}
            checks = [fresh.pop(c["name"], c) for c in self.report.get("checks", [])] + list(fresh.values())
            worst = max((c["status"] for c in checks), key=["pass", "warn", "fail"].index, default="pass")
            self.report = {**self.report, "checks": checks, "overall": worst}
        self._enable_actions()
        self._show_report()
        self.refresh_status()

    def _checks_failed(self, error: BaseException) -> None:
        self._enable_actions()
        self.overall.setText(self.tr("The test could not run: %1").replace("%1", str(error)))

    def _enable_actions(self) -> None:
        for b in (self.selftest_b, self.testpage_b, self.atr_b, self.central_b, self.tray_b):
            b.setEnabled(True)

    def _show_report(self) -> None:
        r = self.report
        t = self.report_table
        if r is None:
            self.overall.setText(self.tr("No self-test run yet."))
            t.setRowCount(0)
            return
        overall = r.get("overall", "pass")
        self.overall.setText(self.tr("Overall: %1").replace("%1", self.result_word(overall)))
        self.overall.setStyleSheet(f"background: {_COLOURS.get(overall, '#fff')}; padding: 8px;")
        checks = r.get("checks", [])
        t.setRowCount(len(checks))
        vi = self.lang() == "vi"
        for row, c in enumerate(checks):
            hint = (c.get("hint") if vi else c.get("hint_en")) or ""
            cells = [self.check_name(c["name"]), self.result_word(c["status"]), figures_text(c), hint]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setBackground(QColor(_COLOURS.get(c["status"], "#ffffff")))
                t.setItem(row, col, item)
        t.resizeRowsToContents()

    # ------------------------------------------------------------------ camera

    def toggle_camera(self, on: bool) -> None:
        if on:
            self.start_camera()
        else:
            self.stop_camera()
        self.retranslate()

    def start_camera(self) -> None:
        if not self.allowed or (self.camera is not None and self.camera.running):
            return
        spec = self.services.camera_source()
        self.camera_box.setVisible(True)
        if spec.startswith("sim"):
            self.preview.setText(self.tr("Simulated camera: no image"))
            return
        self.camera = CameraPreview(spec, width=self.preview.width(), parent=self)
        self.camera.frame.connect(self._frame)
        self.camera.ended.connect(self._camera_ended)
        try:
            self.camera.start()
        except Exception as e:  # noqa: BLE001 - the driver's words go on screen
            self.preview.setText(self.tr("The camera does not open: %1").replace("%1", str(e)))
            self.camera = None

    def stop_camera(self) -> None:
        if self.camera is not None:
            self.camera.close()
            self.camera = None
        if self.camera_b.isChecked():
            self.camera_b.blockSignals(True)
            self.camera_b.setChecked(False)
            self.camera_b.blockSignals(False)
        self.camera_box.setVisible(False)

    def _frame(self, image: QImage, focus: float, brightness: float) -> None:
        if self.camera is None:
            return
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio)
        )
        self.focus, self.brightness = focus, brightness
        self._show_focus()

    def _camera_ended(self, error: str) -> None:
        if error:
            self.preview.setText(error)

    def _show_focus(self) -> None:
        if self.focus is None or self.brightness is None:
            self.focus_label.setText(self.tr("Focus: —"))
            return
        from provisioning.selftest import DARK_BELOW, FOCUS_MIN

        verdict = (
            self.tr("sharp") if self.focus >= FOCUS_MIN else self.tr("blurred: clean the lens, adjust focus")
        )
        light = self.tr("too dark") if self.brightness < DARK_BELOW else self.tr("light OK")
        self.focus_label.setText(
            self.tr("Focus: %1 (%2)\nBrightness: %3 (%4)")
            .replace("%1", f"{self.focus:.0f}")
            .replace("%2", verdict)
            .replace("%3", f"{self.brightness:.0f}")
            .replace("%4", light)
        )

    # ------------------------------------------------------------------ life cycle

    def close_screen(self) -> None:
        self.shutdown()
        self.closed.emit()

    def wait(self, timeout: float = 30.0) -> None:
        """Join the background calls (tests, and before closing)."""
        for call in (self.device_call, self.status_call, self.check_call):
            call.wait(timeout)

    def shutdown(self) -> None:
        self.timer.stop()
        self.stop_camera()
        self.wait()
