"""Step 5: the documents checklist. For each: photograph it under the camera (live outline,
quality hints in words, auto-capture when steady, or "take it now"), or take it from the chip
ID card already read, or "I will bring the original to the counter" where the rules allow;
thumbnails with "retake"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.logs import get_logger
from kiosk.wizard.journey import DocItem, How, checklist
from ui.screens.base import label
from ui.screens.wizard.base import WizardScreen, button, card, clear_layout
from ui.widgets.camera_preview import CameraPreview
from ui.widgets.placement import PlacementGuide

log = get_logger(__name__)
JPEG_QUALITY = 85
WORDS_WIDTH = 340  # px: the camera's words in a column beside its live picture
MIN_PREVIEW = 240  # px: below this the live picture is too small to aim a page by


def jpeg(image: Any) -> bytes:
    import cv2  # loads with the camera, not with the first screen

    ok, buf = cv2.imencode(".jpg", image, [int(cv2.IMWRITE_JPEG_QUALITY), JPEG_QUALITY])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return bytes(buf)


class DocumentsScreen(WizardScreen):
    screen_id = "submit_documents"
    step = "documents"

    def build(self) -> None:
        self.stack = QStackedWidget()
        self.stack.setObjectName("documents_stack")
        self.list_page = QWidget()
        lay = QVBoxLayout(self.list_page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(24)
        self.lead = label("body", name="documents_lead")
        lay.addWidget(self.lead)
        # What the camera takes and why, read once here before the first photo: no extra touch.
        self.privacy = label("body", name="documents_privacy")
        lay.addWidget(self.privacy)
        self.items = QVBoxLayout()
        self.items.setSpacing(24)
        lay.addLayout(self.items)
        self.need = label("body", name="documents_need")
        lay.addWidget(self.need)
        self.stack.addWidget(self.list_page)

        self.cam_page = QWidget()
        # The live picture is what the citizen watches (the outline turns green, then it takes
        # the photo): it must stand whole in view under the title, at every text size (_arrange).
        self._cam_box = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.cam_page)
        self._cam_box.setContentsMargins(0, 0, 0, 0)
        self._cam_box.setSpacing(24)
        self.cam_words = QWidget()
        self.cam_words.setObjectName("camera_words")
        self._words_box = QHBoxLayout(self.cam_words)
        self._words_box.setContentsMargins(0, 0, 0, 0)
        self._words_box.setSpacing(24)
        said = QVBoxLayout()
        said.setSpacing(20)
        self.cam_lead = label("body", name="camera_lead")
        said.addWidget(self.cam_lead)
        # Where the camera is on this kiosk, as on the identify step: beside the picture, not in a
        # caption under it (a caption of seven lines at 150 % text pushed the live picture down).
        self.cam_where = label("muted", name="camera_where")
        said.addWidget(self.cam_where)
        # What the camera sees, in words, beside the picture as well as on it (the hint band on
        # the picture is the first thing a large text size would crowd).
        self.cam_state = label("lead", name="camera_state")
        said.addWidget(self.cam_state)
        said.addStretch(1)
        self._words_box.addLayout(said, 1)
        # Where the paper goes on this kiosk, beside the words ([guide] camera).
        self.paper_guide = PlacementGuide(
            "paper", self.shell.config.guide, lambda: self.shell.prefs.palette, self.m, words_below=False
        )
        self.paper_guide.setMaximumWidth(320)
        self._words_box.addWidget(self.paper_guide, 1, Qt.AlignmentFlag.AlignTop)
        self._cam_box.addWidget(self.cam_words)
        self.preview = CameraPreview(lang="vi")
        self.preview.setObjectName("camera_preview")
        self.preview.setProperty("live_view", True)  # the layout audit's LIVE_VIEW: wholly in view
        self._cam_box.addWidget(self.preview, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        # One pending fit however many resizes a change of layout brings (each moves the words).
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_preview)
        self.cam_words.installEventFilter(self)
        self.shell.prefs.changed.connect(self._arrange)
        self.page.viewport().installEventFilter(self)
        # The camera's buttons are pinned with the step's other actions ("take it now" last).
        self.capture_btn = button("camera_capture", "primary")
        self.capture_btn.clicked.connect(self._capture_now)
        self.cancel_btn = button("camera_cancel")
        self.cancel_btn.clicked.connect(self._close_camera)
        self.actions.insertWidget(0, self.cancel_btn, 1)
        self.actions.insertWidget(1, self.capture_btn, 2)
        self.capture_btn.hide()
        self.cancel_btn.hide()
        self.stack.addWidget(self.cam_page)
        self.content.addWidget(self.stack)
        self._doc: str | None = None  # the document being photographed
        self._cam_connected = False

    # --- where the live picture stands ---------------------------------------------------
    def relayout(self, portrait: bool) -> None:
        super().relayout(portrait)
        self._arrange()

    def _arrange(self, *_: object) -> None:
        """The picture of where the paper goes beside the words in portrait, and in the action
        column above "take it now" in landscape (beside the words there it pushed the live picture
        under the fold)."""
        side = self.frame.area.side
        self._words_box.removeWidget(self.paper_guide)
        side.removeWidget(self.paper_guide)
        if self.portrait:
            self._words_box.addWidget(self.paper_guide, 1, Qt.AlignmentFlag.AlignTop)
        else:
            side.addWidget(self.paper_guide, 0, Qt.AlignmentFlag.AlignHCenter)
        self._show_guide()
        self._fit_soon()

    def _show_guide(self) -> None:
        # In the action column it stands outside the camera's page: shown only while that page is.
        self.paper_guide.setVisible(
            self._doc is not None or self.frame.area.side.indexOf(self.paper_guide) < 0
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # The page's height (orientation) or the words' height (text size, language) changed.
        if event.type() == QEvent.Type.Resize:
            self._fit_soon()
        return False

    def _fit_soon(self) -> None:
        # After the layouts have placed the words: the picture takes the room left under the fold.
        self._fit_timer.start()

    def _fit_preview(self) -> None:
        """The live picture as large as its room allows, never reaching under the fold, and no
        wider than the camera's picture at that height (no dark bands beside it). In portrait the
        words stand above it; in landscape above it or in a column beside it, whichever leaves the
        larger picture (beside, when the title or the text size takes the height)."""
        area, content = self.page, self.page.widget()
        if self.stack.currentWidget() is not self.cam_page or content is None:
            return
        aspect = self.preview.aspect()
        full = self.cam_page.width()
        gap = self._cam_box.spacing()
        top = self.cam_page.mapTo(content, QPoint(0, 0)).y()
        room = area.viewport().height() - top - content.layout().contentsMargins().bottom()
        cue = self.frame.more  # "more below" takes the page's foot when it scrolls: count it in always
        room -= 0 if cue.isVisible() else cue.sizeHint().height()
        below = room - self.cam_words.heightForWidth(full) - gap  # the words above the picture
        above_h = min(below, round(full * aspect))
        beside_h = min(room, round((full - WORDS_WIDTH - gap) * aspect))
        beside = not self.portrait and beside_h > above_h
        D = QBoxLayout.Direction
        if (self._cam_box.direction() == D.LeftToRight) != beside:
            self._cam_box.setDirection(D.LeftToRight if beside else D.TopToBottom)
            self.cam_words.setMinimumWidth(WORDS_WIDTH if beside else 0)
            self.cam_words.setMaximumWidth(WORDS_WIDTH if beside else 16777215)
        h = max(MIN_PREVIEW, beside_h if beside else above_h)
        # Its height fixed, its width only bounded: a fixed width would hold the page wider than
        # its viewport when a scroll bar comes (content cut off at the right edge).
        self.preview.setFixedHeight(h)  # Qt does nothing when the bounds are already these
        self.preview.setMaximumWidth(max(self.preview.minimumWidth(), round(h / aspect)))

    # --- the list ------------------------------------------------------------------------
    def refresh(self) -> None:
        proc = self.procedure()
        if proc is None:
            return
        camera = self._doc is not None
        self.preview.set_language(self.lang)
        self.cam_lead.setText(self.m("wizard.cam.lead"))
        self.paper_guide.retranslate()
        self.cam_where.setText(self.paper_guide.where_text())
        self.privacy.setText(self.m("wizard.privacy.camera"))
        self.capture_btn.setText(self.m("wizard.cam.capture"))
        self.cancel_btn.setText(self.m("wizard.cam.cancel"))
        self.capture_btn.setVisible(camera)
        self.cancel_btn.setVisible(camera)
        self._show_guide()
        if camera:
            item = next((i for i in checklist(proc, self.journey) if i.code == self._doc), None)
            self.title.setText(self.m("wizard.cam.title", v=item.name(self.lang) if item else ""))
            self.next_btn.hide()
            # The key that opened the camera went with the list: focus would pass to the page's
            # foot ("ask staff to finish") and scroll the title away. "Take it now" takes it.
            if not self.cam_page.isAncestorOf(self.focusWidget()) and self.capture_btn.isVisibleTo(self):
                self.capture_btn.setFocus(Qt.FocusReason.OtherFocusReason)
            self.page.verticalScrollBar().setValue(0)
            return
        self.title.setText(self.m("wizard.docs.title"))
        self.lead.setText(self.m("wizard.docs.lead"))
        clear_layout(self.items)
        items = checklist(proc, self.journey)
        # One filled action: "continue" once nothing required is missing, else the camera of
        # the first required document still missing.
        first = next((i.code for i in items if i.required and not i.done and How.CAMERA in i.options), None)
        for item in items:
            self.items.addWidget(self._item(item, primary=item.code == first))
        need = [i.name(self.lang) for i in items if i.required and not i.done]
        self.need.setText(self.m("wizard.docs.need", v="; ".join(need)) if need else "")
        self.need.setVisible(bool(need))
        self.next_btn.setVisible(not need)

    def _item(self, item: DocItem, *, primary: bool = False) -> QWidget:
        box, lay = card(item.code)
        box.setObjectName("Card")
        head = label("lead", item.name(self.lang), name=f"doc_{item.code}_name")
        lay.addWidget(head)
        tag = self.m("wizard.docs.required" if item.required else "wizard.docs.optional")
        state = item.state
        if state.how == How.CAMERA.value and state.pages:
            status = self.m("wizard.docs.pages", n=len(state.pages))
        elif state.how == How.CHIP.value:
            status = self.m("wizard.docs.chip")
        elif state.how == How.COUNTER.value:
            status = self.m("wizard.docs.counter")
        else:
            status = self.m("wizard.docs.missing")
        lay.addWidget(label("body", f"{tag} · {status}", name=f"doc_{item.code}_status"))
        if state.pages:
            thumbs = QHBoxLayout()
            for n, sha in enumerate(state.pages):
                col = QVBoxLayout()
                pic = QLabel()
                pic.setObjectName(f"doc_{item.code}_thumb_{n}")
                img = QImage.fromData(self.journey.blobs.get(sha, b""))
                if not img.isNull():
                    pic.setPixmap(
                        QPixmap.fromImage(img).scaled(
                            220,
                            220,
                            Qt.AspectRatioMode.KeepAspectRatio,
                            Qt.TransformationMode.SmoothTransformation,
                        )
                    )
                col.addWidget(pic)
                retake = button(f"doc_{item.code}_retake_{n}", height=96)
                retake.setText(self.m("wizard.docs.retake"))
                retake.clicked.connect(lambda _=False, c=item.code, i=n: self._retake(c, i))
                col.addWidget(retake)
                thumbs.addLayout(col)
            thumbs.addStretch(1)
            lay.addLayout(thumbs)
        row = QHBoxLayout()
        for how in item.options:
            if how is How.CAMERA:
                b = button(f"doc_{item.code}_camera", "primary" if primary else None)
                b.setText(self.m("wizard.docs.more" if state.pages else "wizard.docs.camera"))
                b.clicked.connect(lambda _=False, c=item.code: self.open_camera(c))
            elif how is How.CHIP:
                if state.how == How.CHIP.value:
                    continue
                b = button(f"doc_{item.code}_chip")
                b.setText(self.m("wizard.docs.use_chip"))
                b.clicked.connect(lambda _=False, c=item.code: self._provide(c, How.CHIP))
            else:
                if state.how == How.COUNTER.value:
                    continue
                b = button(f"doc_{item.code}_counter")
                b.setText(self.m("wizard.docs.use_counter"))
                b.clicked.connect(lambda _=False, c=item.code: self._provide(c, How.COUNTER))
            row.addWidget(b)
        lay.addLayout(row)
        return box

    def _provide(self, code: str, how: How) -> None:
        self.journey.provide(code, how)
        self.save("documents")
        self.refresh()

    def _retake(self, code: str, index: int) -> None:
        self.journey.retake(code, index)
        self.save("documents")
        self.open_camera(code)

    # --- the camera ----------------------------------------------------------------------
    def open_camera(self, code: str) -> None:
        self._doc = code
        self.stack.setCurrentWidget(self.cam_page)
        self.cam_state.setText(self.m("wizard.cam.waiting"))
        self.preview.clear()
        self._fit_soon()
        cam = self.services.camera
        if not self._cam_connected:
            cam.frameReady.connect(self._on_frame)
            cam.pageCaptured.connect(self._on_page)
            cam.ended.connect(self._on_camera_end)
            self._cam_connected = True
        try:
            from devices.camera.session import UNSEEN_HELP_S, DocumentSession  # OpenCV loads with it

            session = DocumentSession(
                "page",
                max_pages=1,
                on_capture=self.services.tray_watch.observe,
                unseen_help_s=0.0 if self.services.pale_tray else UNSEEN_HELP_S,
            )
            cam.start(self.services.camera_source, session)
        except Exception as e:  # noqa: BLE001 - no camera: say so; the counter stays possible
            log.error("camera_start_failed", error_type=type(e).__name__)
            self.cam_state.setText(self.m("wizard.cam.failed"))
        self.refresh()

    def _on_frame(self, image: QImage, info: Any) -> None:
        if self._doc is None:
            return
        aspect = self.preview.aspect()
        self.preview.show_frame(image, info)
        self.cam_state.setText(self.preview.hint_text())
        if self.preview.aspect() != aspect:  # the camera's own proportions, known from its first frame
            self._fit_soon()

    def _on_page(self, page: Any) -> None:
        code = self._doc
        if code is None:
            return
        try:
            data = jpeg(page.image)
        except ValueError:
            self.cam_state.setText(self.m("wizard.cam.failed"))
            return
        self.journey.add_page(code, data)
        self.save("documents")
        log.info("document_page_captured", document=code, auto=bool(getattr(page, "auto", False)))
        self._close_camera()

    def _on_camera_end(self, code: str) -> None:
        if code and self._doc is not None:
            self.cam_state.setText(self.m("wizard.cam.failed"))

    def _capture_now(self) -> None:
        self.services.camera.capture_now()

    def _close_camera(self) -> None:
        self._doc = None
        self.services.stop_camera()
        self.preview.clear()
        self.stack.setCurrentWidget(self.list_page)
        self.refresh()

    def handle_back(self) -> bool:
        """Back while photographing closes the camera (the checklist stays)."""
        if self._doc is not None:
            self._close_camera()
            return True
        return False

    def on_leave(self) -> None:
        if self._doc is not None:
            self._close_camera()

    def on_next(self) -> None:
        self.save("review")
        self.shell.navigate("submit_review")


def register(registry: Any) -> None:
    from ui.screens.registry import ScreenSpec

    registry.add(ScreenSpec("submit_documents", DocumentsScreen, capture=False))
