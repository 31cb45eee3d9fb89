"""``kiosk devices decode-qr | find-document | scan-document``: the scanner and camera code paths.

Formats (other tools depend on them):

- ``decode-qr --json FILE...``: one line per file, ``{"file": "<as given>", "codes": ["<text>", ...]}``;
- ``find-document --json FILE...``: one line per file, ``{"file": ..., "corners": [[x, y] ×4] | null}``,
  corners top-left, top-right, bottom-right, bottom-left of the document as seen upright (as it
  reads where ``"mrz"`` names the ICAO 9303 format of a machine-readable zone found, "" none);
- ``scan-document --camera SOURCE --out DIR``: captures pages with quality checks and writes
  ``page-<n>.jpg`` and ``document.pdf``.

A file that cannot be read gets ``"error": {"code", "message"}`` next to an empty result,
and the exit status is 1; the other files are still processed.
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from devices.errors import DeviceError
from kiosk.cli import Cli
from kiosk.commands._output import emit, fail
from kiosk.messages import text as message

if TYPE_CHECKING:
    import numpy as np

    from devices.camera.docscan import Detection


def register(cli: Cli) -> None:
    g = cli.group("devices")
    p = g.add_parser("decode-qr", help="decode every QR code in image files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.add_argument("--fast", action="store_true", help="the live camera pipeline only (no slow retries)")
    p.set_defaults(func=decode_qr_cmd)

    p = g.add_parser("find-document", help="find a document's four corners in image files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=find_document_cmd)

    p = g.add_parser("scan-document", help="capture document pages from a camera with quality checks")
    p.add_argument(
        "--camera",
        required=True,
        metavar="SOURCE",
        help="'sim', a device index, a video file or image folder/glob",
    )
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument(
        "--kind", choices=["page", "card", "receipt"], help="what is being scanned (card: front and back)"
    )
    p.add_argument("--pages", type=int, default=None, help="stop after this many pages")
    p.add_argument("--timeout", type=float, default=120.0, help="give up after this many seconds")
    p.add_argument("--fps", type=float, default=None, help="playback rate for image sequences")
    p.add_argument(
        "--fast", action="store_true", help="process a file as fast as possible (not at its frame rate)"
    )
    p.add_argument("--name", default="document", help="file name stem of the outputs")
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", choices=["vi", "en"], default="en")
    p.set_defaults(func=scan_document_cmd)


def _read_image(path: str):  # type: ignore[no-untyped-def]
    from devices.scanner.decode import read_image_file

    return read_image_file(path)


def _error(e: DeviceError, lang: str = "en") -> dict[str, str]:
    return {"code": e.code, "message": message(e.code, lang)}


def decode_qr_cmd(args: argparse.Namespace) -> int:
    from devices.scanner.decode import QrDecoder

    decoder = QrDecoder("live" if args.fast else "thorough")
    status = 0
    for f in args.files:
        row: dict[str, object] = {"file": f, "codes": []}
        try:
            row["codes"] = [d.text for d in decoder.decode(_read_image(f))]
        except DeviceError as e:
            row["error"] = _error(e)
            status = 1
        emit(row, args.json, human=_human_codes)
    return status


def _human_codes(row: dict) -> str:  # type: ignore[type-arg]
    if "error" in row:
        return f"{row['file']}: {row['error']['message']}"
    codes = row["codes"]
    return f"{row['file']}: " + (" | ".join(codes) if codes else "no QR code")


def _zone_read(image: np.ndarray, det: Detection) -> bool:
    """The found zone read from the page flattened as a capture stores it, every check digit right."""
    from devices.camera.docscan import warp
    from devices.camera.docscan.mrz_read import read_zone_text

    page = warp(image, det.corners, kind="passport" if det.mrz == "TD3" else "card", ordered=True)
    return read_zone_text(page, det.mrz) is not None


def find_document_cmd(args: argparse.Namespace) -> int:
    from devices.camera.docscan import DocumentDetector, read_zone

    detector = DocumentDetector()
    status = 0
    for f in args.files:
        row: dict[str, object] = {"file": f, "corners": None}
        try:
            image = _read_image(f)
            det = detector.detect(image)
            det = read_zone(det, image) if det is not None else None
            row["corners"] = det.as_list() if det is not None else None
            if det is not None:
                row["others"] = det.others  # other documents seen beside it ("one at a time")
                row["mrz"] = det.mrz  # a passport's data page, a card's back: the corners as it reads
                # whether its characters were read with every check digit right; never what they say
                row["mrz_read"] = bool(det.mrz) and _zone_read(image, det)
        except DeviceError as e:
            row["error"] = _error(e)
            status = 1
        emit(row, args.json, human=lambda r: f"{r['file']}: {r.get('corners') or 'no document'}")
    return status


def scan_document_cmd(args: argparse.Namespace) -> int:
    from devices.camera.capture import CameraCapture, Frame, FrameSource, open_camera
    from devices.camera.session import DocumentSession, FrameResult
    from devices.camera.simulated import simulated_source

    source: FrameSource
    if args.camera.strip().startswith("sim"):
        source = simulated_source(loop=False)
    else:
        from kiosk.paths import data_dir

        source = open_camera(args.camera, fps=args.fps, data_dir=data_dir())  # lens calibration
    session = DocumentSession(args.kind, max_pages=args.pages)
    finished = threading.Event()
    problems: list[Exception] = []
    last_hint: list[str | None] = [None]

    def on_frame(frame: Frame) -> None:
        r: FrameResult = session.process(frame)
        if r.page is not None and not args.json:
            print(message("camera.captured", args.lang, page=r.page.number), flush=True)
        elif r.hint != last_hint[0] and r.hint and r.hint != "camera.captured" and not args.json:
            print(f"  {message(r.hint, args.lang, page=len(session.pages))}", flush=True)
        last_hint[0] = r.hint
        if session.done:
            finished.set()

    def on_end(error: Exception | None) -> None:
        if error is not None:
            problems.append(error)
        finished.set()

    capture = CameraCapture(source, on_frame, on_end, realtime=not args.fast)
    capture.start()
    try:
        finished.wait(args.timeout)
    finally:
        capture.stop()
    if not session.pages:
        code = "camera.unavailable" if problems else "camera.no_document"
        return fail(code, message(code, args.lang), args.json)
    saved = session.save(Path(args.out), args.name)
    emit(
        {"pages": [str(p) for p in saved.pages], "pdf": str(saved.pdf), "frames": capture.delivered},
        args.json,
        human=lambda r: "\n".join(r["pages"] + [r["pdf"]]),
    )
    return 0
