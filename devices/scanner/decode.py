"""QR codes in camera frames and image files: two decoders, a preprocessing pipeline, raw bytes out.

Measured on the generated set (bench/qr.py, 1080p frames of receipts and CCCD fronts, 160
positives): zxing-cpp alone decoded 139 at 6.5 ms/frame; pyzbar (binary mode) at full
resolution 108 at 56 ms, at half resolution 67 at 14 ms; every pyzbar variant together
(thresholded, CLAHE, normalised, full and half) 124, and only one code zxing-cpp had missed.
So zxing-cpp makes the first pass and pyzbar is a retry decoder: on the crop where
zxing-cpp found a code it could not read, and in the ``thorough`` profile used for still
images. Cheap full-frame retries that measured useful: half resolution (1.5 ms) and a 3×3
median (3 ms) against noise-blurred modules. Without zxing-cpp installed, pyzbar does all.

Payloads come back as raw bytes; text is their UTF-8 decoding (both decoders are asked for
bytes: pyzbar through ZBAR_CFG_BINARY, zxing-cpp through ``Barcode.bytes``), so Vietnamese
names in CCCD codes without an ECI marker come out right. A payload that is not UTF-8 is
kept as bytes with ``utf8=False``; routing rejects it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np

log = logging.getLogger(__name__)

try:  # optional second decoder (a hard dependency of the kiosk, optional for the code)
    import zxingcpp

    _QR = zxingcpp.BarcodeFormat.QRCode
except ImportError:  # pragma: no cover - exercised when the wheel is absent
    zxingcpp = None

Profile = Literal["live", "thorough"]
MAX_SIDE = 4096  # larger images are scaled down first: a hostile 30000×30000 PNG must not stall us


@dataclass(frozen=True)
class DecodedQr:
    data: bytes = field(repr=False)  # may be a CCCD payload: personal data, never log it
    points: tuple[tuple[int, int], ...]  # outline in the input image's pixels
    decoder: str  # "zxing" | "zbar", and the pass: "zxing:full", "zbar:crop-up2" …

    @property
    def utf8(self) -> bool:
        try:
            self.data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True

    @property
    def text(self) -> str:
        """The payload as text (UTF-8; undecodable bytes shown as U+FFFD)."""
        return self.data.decode("utf-8", errors="replace")


def to_gray(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        gray = image
    elif image.shape[2] == 4:
        gray = cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    else:
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if gray.dtype != np.uint8:
        lo, hi = float(gray.min()), float(gray.max())
        gray = ((gray.astype(np.float64) - lo) * (255.0 / max(hi - lo, 1e-9))).astype(np.uint8)
    return gray


def _scaled(gray: np.ndarray, f: float) -> np.ndarray:
    interp = cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC
    return cv2.resize(gray, None, fx=f, fy=f, interpolation=interp)


def _sharpen(gray: np.ndarray, sigma: float = 2.0, amount: float = 1.0) -> np.ndarray:
    return cv2.addWeighted(gray, 1 + amount, cv2.GaussianBlur(gray, (0, 0), sigma), -amount, 0)


class QrDecoder:
    """Finds every QR code in an image. Stateless between calls; safe to use from one thread."""

    def __init__(self, profile: Profile = "live", use_zxing: bool = True):
        self.profile = profile
        self.use_zxing = use_zxing and zxingcpp is not None

    # -- decoders on one greyscale image; points scaled back by 1/f ------------------------
    def _zxing(self, gray: np.ndarray, f: float, tag: str, **kw: object) -> list[DecodedQr]:
        out = []
        for b in zxingcpp.read_barcodes(gray, formats=_QR, try_rotate=False, **kw):
            p = b.position
            pts = (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
            out.append(DecodedQr(bytes(b.bytes), tuple((round(q.x / f), round(q.y / f)) for q in pts), tag))
        return out

    def _zbar(self, gray: np.ndarray, f: float, tag: str) -> list[DecodedQr]:
        from devices.scanner.zbar import scan_qr  # loads libzbar: only when a retry needs it

        return [
            DecodedQr(s.data, tuple((round(x / f), round(y / f)) for x, y in s.points), tag)
            for s in scan_qr(gray)
        ]

    def _zxing_candidates(self, gray: np.ndarray) -> list[np.ndarray]:
        """Where zxing-cpp located a code but could not read it (checksum errors)."""
        boxes = []
        for b in zxingcpp.read_barcodes(gray, formats=_QR, try_rotate=False, return_errors=True):
            if b.valid:
                continue
            p = b.position
            pts = np.array([[q.x, q.y] for q in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)])
            boxes.append(pts)
        return boxes

    def _crop_retry(self, gray: np.ndarray, box: np.ndarray) -> list[DecodedQr]:
        x0, y0 = box.min(axis=0)
        x1, y1 = box.max(axis=0)
        m = int(0.25 * max(x1 - x0, y1 - y0)) + 8
        x0, y0 = max(0, int(x0) - m), max(0, int(y0) - m)
        crop = gray[y0 : int(y1) + m, x0 : int(x1) + m]
        if crop.size == 0 or crop.size > 1_500_000:
            return []
        up = _scaled(crop, 2.0)
        for img, tag in ((up, "crop-up2"), (_sharpen(up, 3.0, 1.0), "crop-up2-sharp")):
            found = self._zxing(img, 2.0, f"zxing:{tag}") if self.use_zxing else []
            found = found or self._zbar(img, 2.0, f"zbar:{tag}")
            if found:
                return [
                    DecodedQr(d.data, tuple((x + x0, y + y0) for x, y in d.points), d.decoder) for d in found
                ]
        return []

    # -- the pipeline -----------------------------------------------------------------------
    def decode(self, image: np.ndarray) -> list[DecodedQr]:
        gray = to_gray(image)
        if gray.size == 0:
            return []
        base = 1.0
        if max(gray.shape) > MAX_SIDE:
            base = MAX_SIDE / max(gray.shape)
            gray = _scaled(gray, base)
        found = self._passes(gray)
        if base != 1.0:
            found = [
                DecodedQr(d.data, tuple((round(x / base), round(y / base)) for x, y in d.points), d.decoder)
                for d in found
            ]
        return _unique(found)

    def _passes(self, gray: np.ndarray) -> list[DecodedQr]:
        h, w = gray.shape
        if self.use_zxing:
            found = self._zxing(gray, 1.0, "zxing:full")
            if found:
                return found
            boxes = self._zxing_candidates(gray) if self.profile == "thorough" else []
            for box in boxes:
                found += self._crop_retry(gray, box)
            if found:
                return found
            if max(h, w) > 1000:
                found = self._zxing(_scaled(gray, 0.5), 0.5, "zxing:half")
                if found:
                    return found
            found = self._zxing(cv2.medianBlur(gray, 3), 1.0, "zxing:median")
            if found or self.profile == "live":
                return found
            if not boxes and min(h, w) >= 64:
                boxes = [b * 2.0 for b in self._zxing_candidates(_scaled(gray, 0.5))]
            if not boxes:
                # nothing here even looks like a code (zxing-cpp located no finder patterns it
                # could not read): one upscaled, sharpened pass for a small blurred code, and
                # not the rest, which never found a code in such an image on the generated
                # set and were most of a batch's time (bench/qr.py --stills)
                if max(h, w) * 1.5 > 2 * MAX_SIDE:
                    return []
                return self._zxing(_sharpen(_scaled(gray, 1.5)), 1.5, "zxing:up1.5-sharp")
            # the slow retries, only around what looked like a code (a crop, not 2× the frame)
            pts = np.concatenate(boxes)
            x0, y0 = pts.min(axis=0)
            x1, y1 = pts.max(axis=0)
            m = 0.5 * max(x1 - x0, y1 - y0) + 16
            x0, y0 = max(0, int(x0 - m)), max(0, int(y0 - m))
            x1, y1 = min(w, int(x1 + m) + 1), min(h, int(y1 + m) + 1)
            crop = gray[y0:y1, x0:x1]
            if crop.size == 0:
                return []
            found = self._slow(crop)
            return [DecodedQr(d.data, tuple((x + x0, y + y0) for x, y in d.points), d.decoder) for d in found]
        return self._slow(gray)

    def _slow(self, gray: np.ndarray) -> list[DecodedQr]:
        """Upscaled zxing-cpp (thorough), then pyzbar on several renderings."""
        h, w = gray.shape
        if self.use_zxing:
            for f in (1.5, 2.0):
                if max(h, w) * f <= 2 * MAX_SIDE:
                    found = self._zxing(_sharpen(_scaled(gray, f)), f, f"zxing:up{f}-sharp")
                    if found:
                        return found
        # pyzbar: the only decoder without zxing-cpp, the last resort with it (thorough)
        f = min(1.0, 1000 / max(h, w))
        small = _scaled(gray, f) if f < 1 else gray
        attempts: list[tuple[np.ndarray, float, str]] = [(small, f, "zbar:small")]
        if f < 1 or self.profile == "thorough":
            attempts.append((gray, 1.0, "zbar:full"))
        thr = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 51, 5)
        attempts.append((thr, 1.0, "zbar:threshold"))
        if self.profile == "thorough":
            clahe = cv2.createCLAHE(2.0, (8, 8)).apply(gray)
            attempts += [(clahe, 1.0, "zbar:clahe"), (_sharpen(gray), 1.0, "zbar:sharp")]
        for img, f2, tag in attempts:
            found = self._zbar(img, f2, tag)
            if found:
                return found
        return []


def _unique(found: list[DecodedQr]) -> list[DecodedQr]:
    seen: set[bytes] = set()
    out = []
    for d in found:
        if d.data not in seen:
            seen.add(d.data)
            out.append(d)
    return out


MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40 MP photo is plenty; a decompression bomb is refused before decoding


def read_image_file(path: str) -> np.ndarray:
    """A BGR image from a file, refusing what is not an image or would not fit in memory.

    Raises ``DeviceError`` with ``scanner.image_unreadable`` or ``scanner.image_too_large``.
    """
    import os

    from PIL import Image

    from devices.errors import DeviceError

    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise DeviceError(f"{size} bytes", code="scanner.image_too_large")
        with Image.open(path) as im:  # reads the header only
            w, h = im.size
        if w * h > MAX_PIXELS:
            raise DeviceError(f"{w}×{h} pixels", code="scanner.image_too_large")
        data = np.fromfile(path, dtype=np.uint8)
    except DeviceError:
        raise
    except Image.DecompressionBombError:
        raise DeviceError("decompression bomb", code="scanner.image_too_large") from None
    except (OSError, ValueError) as e:
        raise DeviceError(e.__class__.__name__, code="scanner.image_unreadable") from None
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is None:
        raise DeviceError("not an image OpenCV can read", code="scanner.image_unreadable")
    return image


def decode_file(path: str, profile: Profile = "thorough") -> list[DecodedQr]:
    """Decode a still image file (errors as :func:`read_image_file`)."""
    return QrDecoder(profile).decode(read_image_file(path))
