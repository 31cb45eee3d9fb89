"""The demo printer: writes each print as a PNG under ``<data dir>/printer/simulated/``.

``sim://`` is a healthy printer; ``sim://?status=paper_end`` (or ``near_end``,
``cover_open``, ``offline``, ``error``) starts in that state, for demos of the staff alerts.
``paper_rows`` (``sim://?paper_rows=2000``) makes the roll run out after that many rows, so
the paper-out path can be shown without hardware. The PNG is what a 203 dpi head would
print: the same 1-bit raster the real driver sends.
"""

from __future__ import annotations

import itertools
import os
import threading
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from PIL import Image

from devices.printer import raster
from devices.printer.base import PrinterError, width_dots
from devices.printer.status import PrinterStatus

_STATES = {
    "ready": PrinterStatus(detail="simulated"),
    "near_end": PrinterStatus(paper_near_end=True, detail="simulated"),
    "paper_end": PrinterStatus(online=False, paper_near_end=True, paper_end=True, detail="simulated"),
    "cover_open": PrinterStatus(online=False, cover_open=True, detail="simulated"),
    "offline": PrinterStatus(online=False, detail="simulated"),
    "error": PrinterStatus(online=False, error=True, detail="simulated"),
}


class SimulatedPrinter:
    driver = "simulated"

    def __init__(self, uri: str = "sim://", width_mm: int = 80, out_dir: Path | None = None):
        q = {k: v[-1] for k, v in parse_qs(urlsplit(uri).query).items()}
        state = q.get("status", "ready")
        if state not in _STATES:
            raise PrinterError(f"{uri}: status is one of {', '.join(_STATES)}", code="printer.bad_uri")
        self.name = "simulated printer"
        self.width_dots = width_dots(width_mm)
        self.state = _STATES[state]
        self.paper_rows: int | None = int(q["paper_rows"]) if "paper_rows" in q else None
        self.out_dir = out_dir
        self.printed: list[Path] = []
        self._lock = threading.Lock()
        self._seq = itertools.count(1)

    def open(self) -> None:
        if self.out_dir is None:
            raise PrinterError("simulated printer has no output folder", code="printer.unreachable")
        self.out_dir.mkdir(parents=True, exist_ok=True)

    def close(self) -> None:
        pass

    def status(self) -> PrinterStatus:
        with self._lock:
            return self.state

    def set_state(self, name: str) -> None:
        with self._lock:
            self.state = _STATES[name]

    def load_paper(self, rows: int | None = None) -> None:
        with self._lock:
            self.paper_rows = rows
            self.state = _STATES["ready"]

    def print_image(self, image: Image.Image) -> None:
        self.open()
        assert self.out_dir is not None
        with self._lock:
            if not self.state.can_print:
                raise PrinterError(f"simulated: {self.state.condition}", code=self.state.code)
            mono = raster.to_mono(raster.fit_width(image, self.width_dots))
            if self.paper_rows is not None and mono.height > self.paper_rows:
                mono = mono.crop((0, 0, mono.width, self.paper_rows))  # what came out before the roll ended
                self.paper_rows = 0
                self.state = replace(_STATES["paper_end"], detail="simulated: roll ran out mid-job")
            elif self.paper_rows is not None:
                self.paper_rows -= mono.height
            path = self.out_dir / f"print-{os.getpid()}-{next(self._seq):04d}.png"
            mono.save(path)
            os.chmod(path, 0o600)
            self.printed.append(path)
