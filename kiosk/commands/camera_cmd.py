"""``kiosk devices calibrate-camera``: the technician's lens calibration of the document camera.

The technician holds a printed chessboard (``--print-target FILE`` writes one, PNG or PDF, at
its true size on A4) under the camera in 10–20 different poses — tilted, near each corner of
the picture. Views come live from the configured camera (or ``--camera``), or from
``--images`` (a folder, a glob or a video file); near-duplicate poses are dropped. The result
(RMS reprojection error, coverage) is printed, and kept for the camera's frame size unless it
is refused or ``--dry-run`` is given.

``--json`` prints one line: ``{"saved": PATH|null, "rms_px", "views", "seen", "duplicates",
"without_board", "coverage": {"cells", "corners"}, "frame": [w, h], "camera_matrix",
"dist_coeffs"}``; a refusal prints ``{"error": {"code", "message"}, ...the same figures}`` and
exits with 1.
"""

from __future__ import annotations

import argparse
import re
import sys
import threading
from pathlib import Path
from typing import Any

from kiosk.cli import Cli
from kiosk.commands._output import emit, fail, to_json
from kiosk.messages import text as message


def register(cli: Cli) -> None:
    p = cli.group("devices").add_parser(
        "calibrate-camera", help="calibrate the document camera's lens with a printed chessboard"
    )
    src = p.add_mutually_exclusive_group()
    src.add_argument("--camera", metavar="SOURCE", help="device index (default: the configured camera)")
    src.add_argument("--images", metavar="PATH", help="a folder, glob or video file of chessboard views")
    p.add_argument("--board", default="9x6", metavar="COLSxROWS", help="inner corners of the chessboard")
    p.add_argument("--square-mm", type=float, default=25.0, help="side of one printed square (mm)")
    p.add_argument("--views", type=int, default=15, help="stop once this many distinct views are kept")
    p.add_argument("--min-views", type=int, default=10, help="refuse a result from fewer views")
    p.add_argument("--max-rms", type=float, default=1.0, help="refuse an RMS error above this (px)")
    p.add_argument("--timeout", type=float, default=180.0, help="give up on a live camera after S seconds")
    p.add_argument(
        "--allow-uncovered-corners",
        action="store_true",
        help="keep a result although the board never reached a corner of the picture (say why in the log book)",
    )
    p.add_argument("--dry-run", action="store_true", help="calibrate and report, keep nothing")
    p.add_argument(
        "--print-target", metavar="FILE", help="write a printable chessboard (.png or .pdf) and exit"
    )
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", choices=["vi", "en"], default="en")
    p.set_defaults(func=calibrate_camera_cmd)


def _board(args: argparse.Namespace) -> Any:
    from devices.camera.calibration import Board

    m = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", args.board)
    if not m or not (3 <= int(m[1]) <= 30 and 3 <= int(m[2]) <= 30) or int(m[1]) == int(m[2]):
        raise ValueError(
            f"--board {args.board!r}: give inner corners as COLSxROWS, e.g. 9x6 "
            "(3 to 30 each, unequal so the board's orientation is unambiguous)"
        )
    if not 2.0 <= args.square_mm <= 200.0:
        raise ValueError(f"--square-mm {args.square_mm}: measure one printed square, 2 to 200 mm")
    return Board(int(m[1]), int(m[2]), float(args.square_mm))


def calibrate_camera_cmd(args: argparse.Namespace) -> int:
    from devices.camera.calibration import CalibrationRefused, ViewCollector, calibrate, save_calibration
    from devices.camera.target import write_target
    from kiosk.paths import data_dir

    try:
        board = _board(args)
    except ValueError as e:
        return fail("camera.calibration.bad_option", str(e), args.json, status=2)
    if args.print_target:
        try:
            path = write_target(Path(args.print_target), board)
        except ValueError as e:
            return fail("camera.calibration.bad_option", str(e), args.json, status=2)
        emit({"target": str(path), "board": args.board, "square_mm": board.square_mm}, args.json,
             human=lambda r: message("camera.calibration.target_written", args.lang, **r))  # fmt: skip
        return 0

    collector = ViewCollector(board, max_views=args.views)
    error = _collect(args, collector)
    if error is not None:
        return error
    figures: dict[str, Any] = {
        "saved": None,
        "views": len(collector.views),
        "seen": collector.seen,
        "duplicates": collector.duplicates,
        "without_board": collector.without_board,
        "frame": list(collector.size) if collector.size else None,
    }
    if collector.size is None:
        return fail("camera.unavailable", message("camera.unavailable", args.lang), args.json)
    from devices.camera.calibration import coverage

    cov = coverage(collector.views, *collector.size)
    figures["coverage"] = {"cells": cov.cells, "corners": cov.corners}
    try:
        cal = calibrate(
            collector.views,
            collector.size,
            board,
            min_views=args.min_views,
            max_rms=args.max_rms,
            require_corners=not args.allow_uncovered_corners,
        )
    except CalibrationRefused as e:
        values = dict(e.values)
        if "corners" in values:  # frame corners named in the technician's language
            ids = str(values["corners"]).split(", ")
            values["corners"] = ", ".join(message(f"camera.calibration.corner.{c}", args.lang) for c in ids)
        words = message(e.code, args.lang, **values)
        if args.json:
            print(to_json({"error": {"code": e.code, "message": words}, **figures}))
        else:
            print(_human(figures), file=sys.stderr)
            print(f"error: {words}", file=sys.stderr)
        return 1
    figures.update(rms_px=cal.rms_px, camera_matrix=cal.camera_matrix, dist_coeffs=cal.dist_coeffs)
    if not args.dry_run:
        figures["saved"] = str(save_calibration(data_dir(), cal))
    emit(figures, args.json, human=lambda f: _human(f) + "\n" + _kept(f, args.lang))
    return 0


def _collect(args: argparse.Namespace, collector: Any) -> int | None:
    """Feed frames to the collector; a status to exit with when there is no source."""
    from devices.camera.capture import CameraCapture, Frame, VideoSource, open_camera
    from devices.errors import DeviceError

    live = args.images is None
    if live:
        spec = args.camera
        if spec is None:
            from kiosk.config import load_config

            spec = load_config(Path(args.config) if args.config else None).devices.camera
        if spec.strip().startswith("sim"):
            return fail(
                "camera.calibration.simulated", message("camera.calibration.simulated", args.lang), args.json
            )
    else:
        spec = args.images
    try:
        source = open_camera(spec)  # raw frames: a calibration is measured on what the lens gives
    except DeviceError as e:
        return fail(e.code, message(e.code, args.lang) + (f" ({e.detail})" if e.detail else ""), args.json)
    done = threading.Event()
    say = (lambda *_: None) if args.json or not live else _progress(args.lang, args.views)

    def on_frame(frame: Frame) -> None:
        verdict = collector.add(frame.image)
        say(verdict)
        if verdict.views >= args.views:
            done.set()

    # A video file plays at its own pace, frames dropped while a view is examined (~0.1 s at
    # 720p), as from a live camera: a minute of video is not 1800 searches. Images: every one.
    realtime = live or isinstance(source, VideoSource)
    capture = CameraCapture(source, on_frame, lambda _e: done.set(), realtime=realtime)
    capture.start()
    try:
        done.wait(args.timeout if live else None)
    finally:
        capture.stop()
    return None


def _progress(lang: str, target: int) -> Any:
    last: list[str] = [""]

    def say(verdict: Any) -> None:
        if verdict.status == "accepted":
            print(
                message("camera.calibration.view_kept", lang, views=verdict.views, target=target), flush=True
            )
        elif verdict.status in ("duplicate", "no_board") and verdict.status != last[0]:
            print("  " + message(f"camera.calibration.view_{verdict.status}", lang), flush=True)
        last[0] = verdict.status

    return say


def _human(f: dict[str, Any]) -> str:
    cov = f.get("coverage") or {}
    corners = cov.get("corners") or {}
    reached = ", ".join(k for k, v in corners.items() if v) or "none"
    lines = [
        f"frames seen {f['seen']}, distinct views kept {f['views']}, "
        f"same pose again {f['duplicates']}, no board found {f['without_board']}",
        f"frame {f['frame'][0]}x{f['frame'][1]}" if f.get("frame") else "frame -",
        f"coverage {round(100 * cov.get('cells', 0))}% of the picture; frame corners reached: {reached}",
    ]
    if "rms_px" in f:
        lines.append(f"RMS reprojection error {f['rms_px']:.3f} px")
    return "\n".join(lines)


def _kept(f: dict[str, Any], lang: str) -> str:
    if f["saved"]:
        return message("camera.calibration.saved", lang, path=f["saved"])
    return message("camera.calibration.dry_run", lang)
