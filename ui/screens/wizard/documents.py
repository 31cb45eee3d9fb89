"""Step 5: the documents checklist. For each: photograph it under the camera (live outline,
quality hints in words, auto-capture when steady, or "take it now"), or take it from the chip
ID card already read, or "I will bring the original to the counter" where the rules allow;
thumbnails with "retake"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.logs import get_logger
from kiosk.wizard.journey import DocItem, How, checklist
from ui.screens.base import label
from ui.screens.wizard.base import WizardScreen, button, card, clear_layout
from ui.widgets.camera_preview import CameraPreview
from ui.widgets.placement import PlacementGuide

log = get_logger(__name__)
JPEG_QUALITY = 85


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
        cl = QVBoxLayout(self.cam_page)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(20)
        self.cam_lead = label("body", name="camera_lead")
        # Where the paper goes on this kiosk, beside the words ([guide] camera).
        cam_head = QHBoxLayout()
        cam_head.setSpacing(24)
        cam_head.addWidget(self.cam_lead, 1)
        self.paper_guide = PlacementGuide(
            "paper", self.shell.config.guide, lambda: self.shell.prefs.palette, self.m
        )
        self.paper_guide.setMaximumWidth(360)
        cam_head.addWidget(self.paper_guide, 1)
        cl.addLayout(cam_head)
        # What the camera sees, in words, above the picture: in portrait the picture's lower
        # part (and the hint band painted on it) is below the fold at first.
        self.cam_state = label("lead", name="camera_state")
        cl.addWidget(self.cam_state)
        self.preview = CameraPreview(lang="vi")
        self.preview.setObjectName("camera_preview")
        self.preview.setMinimumHeight(640)
        cl.addWidget(self.preview, 1)
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

    # --- the list ------------------------------------------------------------------------
    def refresh(self) -> None:
        proc = self.procedure()
        if proc is None:
            return
        camera = self._doc is not None
        self.preview.set_language(self.lang)
        self.cam_lead.setText(self.m("wizard.cam.lead"))
        self.paper_guide.retranslate()
        self.privacy.setText(self.m("wizard.privacy.camera"))
        self.capture_btn.setText(self.m("wizard.cam.capture"))
        self.cancel_btn.setText(self.m("wizard.cam.cancel"))
        self.capture_btn.setVisible(camera)
        self.cancel_btn.setVisible(camera)
        if camera:
            item = next((i for i in checklist(proc, self.journey) if i.code == self._doc), None)
            self.title.setText(self.m("wizard.cam.title", v=item.name(self.lang) if item else ""))
            self.next_btn.hide()
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
        cam = self.services.camera
        if not self._cam_connected:
            cam.frameReady.connect(self._on_frame)
            cam.pageCaptured.connect(self._on_page)
            cam.ended.connect(self._on_camera_end)
            self._cam_connected = True
        try:
            from devices.camera.session import DocumentSession  # OpenCV loads with the camera

            cam.start(self.services.camera_source, DocumentSession("page", max_pages=1))
        except Exception as e:  # noqa: BLE001 - no camera: say so; the counter stays possible
            log.error("camera_start_failed", error_type=type(e).__name__)
            self.cam_state.setText(self.m("wizard.cam.failed"))
        self.refresh()

    def _on_frame(self, image: QImage, info: Any) -> None:
        if self._doc is None:
            return
        self.preview.show_frame(image, info)
        self.cam_state.setText(self.preview.hint_text())

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
