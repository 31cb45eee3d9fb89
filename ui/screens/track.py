"""Where is my file? Scan the receipt's QR (scanner or camera scanner) or type its code; see
where the file is, in plain words.

The code's last symbol is a check symbol (kiosk.tracking): a typo is caught on the kiosk, at
once, and said plainly, before anyone looks for it. The answer comes from the central
(:func:`kiosk.tracking_view.lookup`, on a worker thread) and is remembered in the offline
store; when the central cannot be reached the last known status is shown, marked clearly
with its age. A receipt printed by this kiosk has its QR signature checked with this kiosk's
key; a receipt from another kiosk cannot be checked here (its status comes from the central
by code either way).

A receipt scanned at the attract or home screen opens its status here directly:
:func:`attach_receipt_scans` (called once by ``ui/app.py``).
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk import tracking
from kiosk.logs import get_logger
from kiosk.scan_routing import ScanKind, ScanRoute
from kiosk.tracking_view import Lookup, build_view, check_code, lookup
from ui.runner import run_in_background
from ui.screens.base import Screen, ScreenFrame, WrapButton, label
from ui.screens.journeys_common import ButtonGrid, KeyboardDock, let_labels_wrap
from ui.screens.registry import ScreenRegistry, ScreenSpec
from ui.widgets.icons import IconLabel
from ui.wipe import mark_session_data

log = get_logger(__name__)


def _card(name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(32, 24, 32, 24)
    lay.setSpacing(14)
    return frame, lay


class TrackScreen(Screen):
    screen_id = "track"

    def __init__(self, shell, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(shell, parent)
        self._last: Lookup | None = None
        self._altered = False
        self._busy = False
        self._scanner: Any = None
        self._camera: Any = None
        self._camera_said = ""
        self._said: tuple[str, dict[str, Any]] | None = (
            None  # the message shown, to say again in another language
        )
        self._outer = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        # The page with its pinned action area ("Look up" stays in view above the keyboard).
        self.frame = ScreenFrame()
        self.page = self.frame.page
        self._outer.addWidget(self.frame, 1)
        body = self.page.body

        head = QHBoxLayout()
        head.setSpacing(24)
        head.addWidget(IconLabel("track", 96), 0, Qt.AlignmentFlag.AlignTop)
        self.title = label("title", name="track_title")
        head.addWidget(self.title, 1)
        body.addLayout(head)

        # --- the code: scanned or typed --------------------------------------------------
        self.entry = QWidget()
        self.entry.setObjectName("track_entry")
        el = QVBoxLayout(self.entry)
        el.setContentsMargins(0, 0, 0, 0)
        el.setSpacing(18)
        self.scan_hint = label("lead", name="track_scan_hint")
        self.code_label = label("body", name="track_code_label")
        el.addWidget(self.scan_hint)
        el.addWidget(self.code_label)
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setObjectName("track_code")
        self.code.setMaxLength(14)
        self.code.returnPressed.connect(self.check)
        self.check_btn = WrapButton()
        self.check_btn.setObjectName("track_check")
        self.check_btn.setProperty("role", "primary")
        self.check_btn.clicked.connect(self.check)
        row.addWidget(self.code, 1)
        self.frame.actions.addWidget(self.check_btn)
        el.addLayout(row)
        # No scanner at hand, or the receipt is crumpled: the document camera reads QR codes too.
        self.camera_btn = WrapButton()
        self.camera_btn.setObjectName("track_camera")
        self.camera_btn.clicked.connect(self.toggle_camera)
        el.addWidget(self.camera_btn, 0, Qt.AlignmentFlag.AlignLeft)
        from ui.widgets.camera_preview import CameraPreview

        self.preview = CameraPreview()
        self.preview.setObjectName("track_preview")
        self.preview.setMinimumHeight(420)
        self.preview.hide()
        el.addWidget(self.preview)
        body.addWidget(self.entry)
        self.message = label(
            "lead", name="track_result", live=True
        )  # the foundation's name for the answer line
        self.message.hide()
        body.addWidget(self.message)

        # --- the answer ------------------------------------------------------------------
        self.result = QWidget()
        self.result.setObjectName("track_answer")
        rl = QVBoxLayout(self.result)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(24)
        self.stale_card, sl = _card("NoticeCard")
        self.stale = label("lead", name="track_stale")
        self.stale.setStyleSheet("font-weight: bold;")
        sl.addWidget(self.stale)
        rl.addWidget(self.stale_card)
        self.altered = label("body", name="track_altered")
        rl.addWidget(self.altered)
        self.headline = label("title", name="track_headline")
        rl.addWidget(self.headline)

        self.todo_card, tl = _card("Card")
        self.todo_title = label("lead", name="track_todo_title")
        self.todo_title.setStyleSheet("font-weight: bold;")
        self.must_do = label("lead", name="track_must_do")
        # The officer's own words, the one thing to read: large, and growing with the text size.
        self.note = label("title", name="track_note")
        self.must_do_after = label("lead", name="track_must_do_after")
        for w in (self.todo_title, self.must_do, self.note, self.must_do_after):
            tl.addWidget(w)
        rl.addWidget(self.todo_card)

        self.facts_card, fl = _card("Card")
        fl.setSpacing(6)
        self.fact_names: dict[str, Any] = {}
        self.facts: dict[str, Any] = {}
        # One fact under the other (not a grid): wrapped text at 200 % keeps its height.
        for i, key in enumerate(("appointment", "agency", "officer", "procedure", "code", "contacts")):
            name = label("muted", name=f"track_{key}_label")
            name.setStyleSheet("font-weight: bold;")
            value = label(
                "lead" if key in ("appointment", "agency", "officer") else "body", name=f"track_{key}"
            )
            if i:
                fl.addSpacing(14)
            fl.addWidget(name)
            fl.addWidget(value)
            self.fact_names[key], self.facts[key] = name, value
        rl.addWidget(self.facts_card)

        self.timeline_card, ml = _card("Card")
        self.timeline_title = label("lead", name="track_timeline_title")
        self.timeline_title.setStyleSheet("font-weight: bold;")
        ml.addWidget(self.timeline_title)
        self.timeline = label("body", name="track_timeline")
        ml.addWidget(self.timeline)
        rl.addWidget(self.timeline_card)
        body.addWidget(self.result)
        self.result.hide()

        for w in (
            self.message,
            self.stale,
            self.altered,
            self.headline,
            self.must_do,
            self.note,
            self.must_do_after,
            self.timeline,
            *self.facts.values(),
        ):
            mark_session_data(w)

        # --- ways on -----------------------------------------------------------------------
        self.buttons = ButtonGrid("track_buttons")
        self.again_btn = WrapButton()
        self.again_btn.setObjectName("track_again")
        self.again_btn.clicked.connect(self.start_over)
        self.home_btn = WrapButton()
        self.home_btn.setObjectName("track_home")
        self.home_btn.clicked.connect(lambda: self.shell.navigate("home"))
        for b in (self.again_btn, self.home_btn):
            self.buttons.add(b)
        self.buttons.set_shown(self.again_btn, False)
        body.addSpacing(8)
        body.addWidget(self.buttons)

        self.dock = KeyboardDock(self._outer, self.code, self.buttons)
        self.keyboard = self.dock.keyboard
        self.keyboard.done.connect(self.check)
        # Scanning is the easy way: the keyboard comes when the citizen touches the field.
        let_labels_wrap(self.page)
        self.retranslate()

    # --- layout --------------------------------------------------------------------------
    def relayout(self, portrait: bool) -> None:
        self.dock.relayout(portrait)

    # --- entering, leaving, scans ----------------------------------------------------------
    def on_enter(self) -> None:
        self.code.setFocus()
        try:
            scanner = self.shell.services.scanner
            scanner.scanned.connect(self.on_scan)
            scanner.rejected.connect(self.on_bad_scan)
            self._scanner = scanner
        except Exception as e:  # noqa: BLE001 - no scanner: typing the code still works
            log.warning("track_scanner_unavailable", error_type=type(e).__name__)

    def on_leave(self) -> None:
        self.stop_camera()
        scanner, self._scanner = self._scanner, None
        if scanner is not None:
            for sig, slot in ((scanner.scanned, self.on_scan), (scanner.rejected, self.on_bad_scan)):
                try:
                    sig.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass

    def on_scan(self, route: ScanRoute) -> None:
        if route.kind != ScanKind.RECEIPT or not route.tracking_code:
            self._say(self.m("screen.track.this_is_not_a"))
            return
        self.open_route(route)

    def on_bad_scan(self, route: ScanRoute) -> None:
        if route.reason == "scanner.bad_check_digit":
            self._say_msg("track.bad_code")
        else:
            self._say_msg(route.reason or "scanner.unreadable")

    def open_route(self, route: ScanRoute) -> None:
        """A receipt scanned here or at the home screen: check its signature, look it up."""
        self._altered = self._signature_altered(route)
        code = route.tracking_code or ""
        self.code.setText(tracking.display(code))
        self._look_up(code)

    def _signature_altered(self, route: ScanRoute) -> bool:
        """True only when this kiosk printed the receipt and its signature does not match."""
        parsed = route.parsed
        if parsed is None or getattr(parsed, "kiosk_id", None) != self.shell.config.kiosk.id:
            return False
        try:
            from kiosk.receipt import verify_receipt_qr

            verify_receipt_qr(route.text, self.shell.services.key.public_raw)
        except Exception as e:  # noqa: BLE001 - forged, or the key is unreadable: say only what we know
            code = getattr(e, "code", "")
            log.warning("track_receipt_not_verified", reason=code or type(e).__name__)
            return code == "receipt.qr_forged"
        return False

    # --- the camera ------------------------------------------------------------------------
    def toggle_camera(self) -> None:
        if self._camera is not None:
            self.stop_camera()
            return
        try:
            services = self.shell.services
            cam = services.camera
            cam.frameReady.connect(self.preview.show_frame)
            cam.qrScanned.connect(self._on_camera_qr)
            cam.ended.connect(self._on_camera_end)
            self._camera = cam
            self._camera_said = ""
            cam.start(services.camera_source, None, read_qr=True)
        except Exception as e:  # noqa: BLE001 - no camera: the scanner and typing still work
            log.warning("track_camera_unavailable", error_type=type(e).__name__)
            self.stop_camera()
            self._say(self.m("screen.track.the_camera_cannot_be"))
            return
        self.preview.set_language(self.shell.prefs.language)
        self.preview.show()
        self._say(self.m("screen.track.hold_the_receipt_in"))
        self.camera_btn.setText(self.m("screen.track.stop_the_camera"))

    def stop_camera(self) -> None:
        cam, self._camera = self._camera, None
        if cam is not None:
            for sig, slot in (
                (cam.frameReady, self.preview.show_frame),
                (cam.qrScanned, self._on_camera_qr),
                (cam.ended, self._on_camera_end),
            ):
                try:
                    sig.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
            try:
                cam.close()
            except Exception as e:  # noqa: BLE001 - stopping must not take the screen down
                log.warning("track_camera_stop_failed", error_type=type(e).__name__)
        self.preview.clear()
        self.preview.hide()
        self.camera_btn.setText(self.m("screen.track.show_the_receipt_to"))

    def _on_camera_qr(self, route: ScanRoute) -> None:
        if route.kind == ScanKind.RECEIPT and route.tracking_code:
            self.stop_camera()
            self.open_route(route)
        elif route.reason and route.reason != self._camera_said:
            self._camera_said = route.reason  # each reason once: no flicker while the code is held
            if route.accepted:
                self.on_scan(route)  # a code, but not a receipt's
            else:
                self.on_bad_scan(route)

    def _on_camera_end(self, code: str) -> None:
        if self._camera is None:
            return
        self.stop_camera()
        if code:
            self._say(self.m("screen.track.the_camera_cannot_be"))

    # --- typing --------------------------------------------------------------------------
    def check(self) -> None:
        code, problem = check_code(self.code.text())
        if code is None:
            typed = len("".join(ch for ch in self.code.text() if ch not in " -_."))
            self._say_msg(problem or "track.bad_code", n=typed)
            return
        self._altered = False
        self.code.setText(tracking.display(code))
        self._look_up(code)

    def _say(self, text: str) -> None:
        self._said = None
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _say_msg(self, code: str, **values: Any) -> None:
        """A domain message, said again in the new language if the citizen switches."""
        self._say(self.shell.message(code, **values))
        self._said = (code, values)

    # --- the lookup ------------------------------------------------------------------------
    def _look_up(self, code: str) -> None:
        if self._busy:
            return
        self._busy = True
        self.check_btn.setEnabled(False)
        self._say(self.m("screen.track.looking_for_your_file"))
        services = self.shell.services

        def work() -> Lookup:
            from offline_cache.tracking_cache import TrackingCache

            try:
                cache: Any = TrackingCache(services.store)
            except Exception as e:  # noqa: BLE001 - no store: online answers only
                log.error("track_cache_unavailable", error_type=type(e).__name__)
                cache = None
            return lookup(code, services.client, cache, time.time)

        run_in_background(self, work, self._looked_up)

    def _looked_up(self, result: Lookup | None, error: BaseException | None) -> None:
        self._busy = False
        self.check_btn.setEnabled(True)
        if error is not None or result is None:
            log.error("track_lookup_failed", error_type=type(error).__name__)
            self._say_msg("track.unavailable")
            return
        self._last = result
        self._show(result)

    def _queued_here(self, code: str) -> bool:
        return self.shell.services.outbox_state(code) in ("queued", "sending")

    def _show(self, r: Lookup) -> None:
        if r.kind == "bad_code":
            self._say_msg("track.bad_code")
            return
        if r.kind in ("not_found", "unavailable") and self._queued_here(r.code):
            self._say_msg("track.queued_here")  # a slip whose dossier still waits in this kiosk's outbox
            return
        if r.kind == "not_found":
            self._say_msg("track.not_found", tracking=tracking.display(r.code))
            return
        if r.kind == "unavailable" or r.request is None:
            self._say_msg("track.unavailable")
            return
        lang = self.shell.prefs.language
        name = None
        try:
            proc = self.shell.services.catalog().get(r.request.service_code)
            name = proc.name(lang) if proc else None
        except Exception as e:  # noqa: BLE001 - the central's own name is shown instead
            log.warning("track_catalog_unavailable", error_type=type(e).__name__)
        v = build_view(
            r.request,
            lang,
            procedure_name=name,
            stale_fetched_at=r.fetched_at if r.kind == "stale" else None,
            now=time.time(),
        )
        self._say("")
        self.stale_card.setVisible(v.stale)
        self.stale.setText(v.stale_text)
        self.altered.setVisible(self._altered)
        self.altered.setText(self.shell.message("track.receipt_altered") if self._altered else "")
        self.headline.setText(v.headline)
        lines = list(v.must_do)
        first = lines.pop(0) if lines else ""
        # The officer's words stand out; where to bring them comes after.
        before = [first] + ([lines.pop(0)] if v.quoted_note and lines and lines[0].startswith("(") else [])
        self.must_do.setText("\n".join(x for x in before if x))
        self.note.setText(v.quoted_note)
        self.note.setVisible(bool(v.quoted_note))
        self.must_do_after.setText("\n".join(lines))
        self.must_do_after.setVisible(bool(lines))
        f = self.facts
        f["appointment"].setText(v.appointment)
        f["agency"].setText(v.agency or "—")
        f["officer"].setText(v.officer)
        f["procedure"].setText(v.procedure)
        f["code"].setText(v.code + (f"\n{v.dossier_code}" if v.dossier_code else ""))
        f["contacts"].setText("\n".join(v.contacts) or "—")
        f["contacts"].setVisible(True)
        steps = []
        for s in v.steps:
            mark = "▶" if s.current else "✓"
            line = f"{mark}  {s.when}  —  {s.title}"
            if s.officer:
                line += f"\n      {s.officer}"
            if s.note:
                line += f"\n      \u201c{s.note}\u201d"
            steps.append(line)
        self.timeline.setText("\n\n".join(steps) or "—")
        self.stop_camera()
        self.entry.hide()
        self.keyboard.hide()
        self.result.show()
        self.buttons.set_shown(self.again_btn, True)
        self.page.verticalScrollBar().setValue(0)

    def start_over(self) -> None:
        self._last = None
        self._altered = False
        self.result.hide()
        self.buttons.set_shown(self.again_btn, False)
        self.entry.show()
        self.code.clear()
        self._say("")
        self.code.setFocus()

    # --- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.m("screen.track.title"))
        self.scan_hint.setText(self.m("screen.track.hold_the_qr_code"))
        self.code_label.setText(self.m("screen.track.or_touch_the_white"))
        self.check_btn.setText(self.m("screen.track.look_up"))
        self.camera_btn.setText(
            self.m("screen.track.stop_the_camera")
            if self._camera is not None
            else self.m("screen.track.show_the_receipt_to")
        )
        self.again_btn.setText(self.m("screen.track.look_up_another_code"))
        self.home_btn.setText(self.m("screen.common.back_to_choices"))
        self.todo_title.setText(self.m("screen.track.what_you_must_do"))
        self.timeline_title.setText(self.m("screen.track.what_has_happened_to"))
        names = {
            "appointment": self.m("screen.track.result_due_on"),
            "agency": self.m("screen.track.handled_by"),
            "officer": self.m("screen.track.officer_in_charge"),
            "procedure": self.m("screen.track.procedure"),
            "code": self.m("screen.track.code"),
            "contacts": self.m("screen.track.contacts"),
        }
        for key, text in names.items():
            self.fact_names[key].setText(text)
        if self._last is not None and self.result.isVisible():
            self._show(self._last)
        said = self._said
        if said is not None:
            self._say_msg(said[0], **said[1])

    def wipe(self) -> None:
        self.stop_camera()
        self._last = None
        self._altered = False
        super().wipe()


def attach_receipt_scans(window: Any) -> None:
    """A receipt scanned at the attract or home screen opens its status at once."""

    def scanned(route: ScanRoute) -> None:
        if route.kind != ScanKind.RECEIPT or window.controller.machine.current not in ("attract", "home"):
            return
        window.navigate("track")
        page = window.page("track")
        page.open_route(route)

    try:
        window.services.scanner.scanned.connect(scanned)
    except Exception as e:  # noqa: BLE001 - no scanner: the track screen still takes typed codes
        log.warning("track_scan_hook_unavailable", error_type=type(e).__name__)


def _sample_request(samples: bool) -> Any:
    """A sample answer for screenshots: a birth registration waiting for one more document
    (``samples``: the window's profile shows the demo's sample contacts)."""
    from datetime import UTC, datetime, timedelta

    from kiosk.catalog import agencies, workdays
    from kiosk.catalog.model import load_catalog
    from kiosk.central.models import Agency, ServiceRequest, StatusEvent

    a = agencies.agency("UB07210", samples=samples)
    assert a is not None
    agency = Agency.from_json(a.to_json())
    t0 = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1, hours=3)
    note = "Bổ sung bản sao Giấy chứng nhận kết hôn của cha mẹ"
    body = "K7M4QX9T2"
    return ServiceRequest(
        service_request_id="1",
        status="open",
        service_code="birth_registration",
        service_name="Đăng ký khai sinh",
        status_notes=note,
        agency_responsible=a.name.vi,
        state="more_documents_needed",
        tracking_code=body + tracking.check_symbol(body),
        dossier_code="UB07210-261122-0004",
        officer="Trần Thị Bình",
        # The catalog's promise for this procedure, as the receipt printed it (issue #17).
        appointment_date=workdays.appointment_date(
            t0, load_catalog().require("birth_registration").working_days
        ),
        agency=agency,
        history=(
            StatusEvent("received", t0, "", "", a.code),
            StatusEvent("in_processing", t0 + timedelta(hours=2), "", "Trần Thị Bình", a.code),
            StatusEvent("more_documents_needed", t0 + timedelta(hours=20), note, "Trần Thị Bình", a.code),
        ),
    )


def _capture(kind: str) -> Any:
    def prepare(window: Any) -> None:
        window.navigate("home")
        window.navigate("track")
        screen = window.current_screen
        req = _sample_request(window.services.catalog().samples)
        if kind == "typo":
            screen.code.setText("K7M4Q-X9T2" + ("A" if req.tracking_code[-1] != "A" else "B"))
            screen.check()
            return
        fetched = time.time() - (3 * 3600 if kind == "stale" else 0)
        screen._looked_up(Lookup(kind, req.tracking_code, req, fetched), None)

    return prepare


def register(registry: ScreenRegistry) -> None:
    from ui.screens.registry import Capture

    registry.add(ScreenSpec("track", TrackScreen))
    registry.add_capture(Capture("track-result", _capture("found")))
    registry.add_capture(Capture("track-offline", _capture("stale")))
    # "track-checked": a code typed with a wrong character, caught by its check symbol.
    registry.add_capture(Capture("track-checked", _capture("typo")))
