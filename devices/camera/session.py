"""One document being photographed: detection, quality, auto-capture, pages, JPEG + PDF out.

A screen (or ``kiosk devices scan-document``) feeds every camera frame to
:meth:`DocumentSession.process` on the capture thread and shows the returned
:class:`FrameResult` (outline, hint, steadiness). A page is captured automatically once the
outline has stayed put (IoU with the last frames ≥ ``stable_iou``) with good quality for
``hold_s`` seconds; the next auto-capture waits until the sheet has moved away or changed,
so a multi-page document is fed page after page. :meth:`capture_now` is the manual button
(it keeps the detected page even when a quality hint is showing, or the whole frame when no
outline is found), :meth:`retake` drops a page. An ID card asks for its front then its back.
:meth:`save` writes ``<name>-<n>.jpg`` per page and ``<name>.pdf`` with all of them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import cv2
import numpy as np
from PIL import Image

from devices.camera.capture import Frame
from devices.camera.docscan import DPI, Detection, DocumentDetector, quad_iou, read_zone, warp
from devices.camera.orientation import upright
from devices.camera.quality import Quality, assess

State = Literal["searching", "adjust", "steady", "captured", "move_on", "done"]
Kind = Literal["page", "card", "receipt"]


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    image: np.ndarray = field(repr=False)  # flattened BGR
    side: str | None = None  # "front" / "back" for ID cards
    auto: bool = True  # captured automatically (False: the button)


@dataclass(frozen=True)
class FrameResult:
    index: int
    t: float
    detection: Detection | None
    quality: Quality
    state: State
    progress: float  # 0..1, how far through the steady hold
    hint: str | None  # message code to show (quality reason, or a prompt)
    page: Page | None = None  # set on the frame a page was captured
    pages: int = 0  # pages captured so far


@dataclass(frozen=True)
class SavedDocument:
    pages: tuple[Path, ...]
    pdf: Path


class AutoCapture:
    """Fires once the outline is steady and the quality good for ``hold_s`` seconds."""

    def __init__(self, hold_s: float = 0.8, stable_iou: float = 0.96, rearm_iou: float = 0.85):
        self.hold_s = hold_s
        self.stable_iou = stable_iou
        self.rearm_iou = rearm_iou
        self._since: float | None = None
        self._last: np.ndarray | None = None
        self._captured: np.ndarray | None = None  # outline of the last capture, until it moves

    def reset(self) -> None:
        self._since = None
        self._last = None
        self._captured = None

    def update(self, det: Detection | None, quality: Quality, t: float) -> tuple[State, float, bool]:
        if self._captured is not None:
            if det is None or quad_iou(det.corners, self._captured) < self.rearm_iou:
                self._captured = None  # the sheet moved or was taken away: ready for the next
            else:
                return "move_on", 1.0, False
        if det is None:
            self._since, self._last = None, None
            return "searching", 0.0, False
        steady = self._last is not None and quad_iou(det.corners, self._last) >= self.stable_iou
        self._last = det.corners
        if not quality.ok:
            self._since = None
            return "adjust", 0.0, False
        if not steady or self._since is None:
            self._since = t
            return "steady", 0.0, False
        progress = min(1.0, (t - self._since) / self.hold_s) if self.hold_s > 0 else 1.0
        if progress >= 1.0:
            self._captured = det.corners
            self._since = None
            return "captured", 1.0, True
        return "steady", progress, False


# After this long with no document found, the words stop saying "place the document" and
# point to the manual button: the paper may well be there (white paper on a pale tray is the
# detector's weakest case, bench/docscan.py), and words that say otherwise are not true.
UNSEEN_HELP_S = 6.0


class DocumentSession:
    """Pages of one document. ``process`` runs on the capture thread; the rest is thread-safe."""

    def __init__(
        self,
        kind: Kind | None = "page",
        max_pages: int | None = None,
        auto: bool = True,
        detector: DocumentDetector | None = None,
        autocapture: AutoCapture | None = None,
        on_capture: Callable[[np.ndarray, np.ndarray | None], None] | None = None,
        unseen_help_s: float = UNSEEN_HELP_S,
    ):
        self.kind = kind
        self.sides: tuple[str, ...] = ("front", "back") if kind == "card" else ()
        self.max_pages = len(self.sides) if self.sides else max_pages
        self.auto = auto
        self.detector = detector or DocumentDetector()
        self.autocapture = autocapture or AutoCapture()
        # told of every page taken: the frame and the outline found (None: taken without one)
        self.on_capture = on_capture
        # 0 on a tray known to be pale: the detector will often not see white paper on it
        self.unseen_help_s = unseen_help_s
        self._lock = threading.Lock()
        self._pages: list[Page] = []
        self._retake_at: int | None = None
        self._last: tuple[Frame, Detection | None] | None = None
        self._unseen_since: float | None = None  # frame time since which no document was found

    # -- state --------------------------------------------------------------------------------
    @property
    def pages(self) -> list[Page]:
        with self._lock:
            return list(self._pages)

    @property
    def done(self) -> bool:
        with self._lock:
            return (
                self._retake_at is None and self.max_pages is not None and len(self._pages) >= self.max_pages
            )

    def prompt(self) -> str | None:
        """What to ask for next: the ID card's front or back, else nothing special."""
        with self._lock:
            slot = self._retake_at if self._retake_at is not None else len(self._pages)
        if self.sides and slot < len(self.sides):
            return f"camera.id_{self.sides[slot]}"
        return None

    # -- frames -------------------------------------------------------------------------------
    def process(self, frame: Frame) -> FrameResult:
        det = self.detector.detect(frame.image)
        quality = assess(frame.image, det)
        self._last = (frame, det)
        if self.done:
            return FrameResult(frame.index, frame.t, det, quality, "done", 1.0, None, pages=len(self.pages))
        state, progress, fire = self.autocapture.update(det, quality, frame.t)
        page = None
        if fire and self.auto and det is not None:
            page = self._add(frame.image, det, auto=True)
        hint = quality.hint if state in ("searching", "adjust") else None
        if state == "searching" and self.prompt():
            hint = self.prompt()
        if det is not None or self._unseen_since is None:
            self._unseen_since = None if det is not None else frame.t
        elif state == "searching" and frame.t - self._unseen_since >= self.unseen_help_s:
            hint = "camera.not_found_press"
        if state == "move_on":
            hint = self.prompt() or "camera.captured"
        return FrameResult(frame.index, frame.t, det, quality, state, progress, hint, page, len(self.pages))

    def capture_now(self) -> Page | None:
        """The manual button: the last frame's document (or the whole frame if none was found)."""
        last = self._last
        if last is None or self.done:
            return None
        frame, det = last
        page = self._add(frame.image, det, auto=False)
        if det is not None:
            self.autocapture._captured = det.corners  # do not capture the same sheet again at once
        return page

    def retake(self, number: int) -> None:
        """Drop page ``number`` (1-based); the next capture takes its place."""
        with self._lock:
            if not 1 <= number <= len(self._pages):
                raise IndexError(f"no page {number}")
            del self._pages[number - 1]
            self._pages = [Page(i + 1, p.image, p.side, p.auto) for i, p in enumerate(self._pages)]
            self._retake_at = number - 1
        self.autocapture.reset()

    def _add(self, image: np.ndarray, det: Detection | None, auto: bool) -> Page:
        if self.on_capture is not None:
            self.on_capture(image, None if det is None else np.asarray(det.corners, np.float32))
        if det is not None:
            det = read_zone(det, image)  # a data page alone, a card's back: their zone says which way up
        if det is not None and det.mrz:
            # the machine-readable zone is the page's bottom: the corners come in reading order,
            # surer than the print's look (bench/docseg/mrz_table.py measures both)
            kind = "passport" if det.mrz == "TD3" else self.kind
            flat = warp(image, det.corners, kind=kind, ordered=True)
        else:
            flat = warp(image, det.corners, kind=self.kind) if det is not None else image.copy()
            flat, _ = upright(flat)  # a sheet laid on its side or upside down is stored upright
        with self._lock:
            slot = self._retake_at if self._retake_at is not None else len(self._pages)
            side = self.sides[slot] if slot < len(self.sides) else None
            page = Page(slot + 1, flat, side, auto)
            self._pages.insert(slot, page)
            self._pages = [Page(i + 1, p.image, p.side, p.auto) for i, p in enumerate(self._pages)]
            self._retake_at = None
            return self._pages[slot]

    # -- output -------------------------------------------------------------------------------
    def save(
        self, out_dir: str | os.PathLike[str], name: str = "document", quality: int = 90
    ) -> SavedDocument:
        pages = self.pages
        if not pages:
            raise ValueError("no pages captured")
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for p in pages:
            suffix = f"-{p.side}" if p.side else ""
            path = out / f"{name}-{p.number}{suffix}.jpg"
            ok, buf = cv2.imencode(".jpg", p.image, [cv2.IMWRITE_JPEG_QUALITY, quality])
            if not ok:
                raise OSError("JPEG encoding failed")
            path.write_bytes(buf.tobytes())
            paths.append(path)
        pdf = out / f"{name}.pdf"
        write_pdf([p.image for p in pages], pdf)
        return SavedDocument(tuple(paths), pdf)


def write_pdf(images: list[np.ndarray], path: Path, dpi: int = DPI) -> None:
    """All pages in one PDF, each at its physical size for ``dpi``."""
    pil = [Image.fromarray(cv2.cvtColor(im, cv2.COLOR_BGR2RGB)) for im in images]
    pil[0].save(path, "PDF", save_all=True, append_images=pil[1:], resolution=float(dpi), quality=85)
