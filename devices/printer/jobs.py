"""Print jobs with IDs: status before and after, kept when paper runs out, reprinted on demand.

Each job is a folder ``<store>/<job id>/`` holding ``job.json`` (state, counts, no personal
data) and the images to print (``image.png``, optional ``reprint.png`` carrying a "reprint"
marking), 0600 in a 0700 folder. States::

    queued ──► printing ──► printed ──(staff reprint)──► printed (reprints + 1)
                  │  ▲
                  ▼  │ resume / submit again
                 held  (paper end, cover open, offline, error, link broke mid-job)

* A job ID is printed once: submitting a printed ID again prints nothing and answers
  "already printed" (a journey retrying after a crash cannot produce a second receipt).
* Before each job the printer's real-time status is read; if it cannot print, the job is
  kept as ``held`` and nothing is sent. After the job the status is read again; paper end,
  cover open, an error or silence mean the receipt may be incomplete, so the job stays
  ``held`` and prints again, whole, when staff resume it (or :meth:`mark_handed_over` if it
  did come out).
* A job found in ``queued`` or ``printing`` at start-up (the kiosk died mid-job) becomes
  ``held``: staff decide, nothing prints twice by itself.
* A staff reprint that fails leaves the job ``printed`` (the citizen has the original); it is
  never resumed as an unmarked copy.
* Near end and every problem reach staff through ``alert(code, status)`` once per change.
* The images carry personal data (the citizen's name on a receipt): with a ``sealer`` (an
  encrypt/decrypt pair the caller injects; the kiosk passes one keyed from its offline store
  key, :func:`kiosk.print_sealing.job_sealer`) they are stored encrypted, ``*.png.enc``.
  The original image is removed as soon as the job printed; the "reprint"-marked copy stays
  for staff reprints until :meth:`purge_images` removes it after the reprint window.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import shutil
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from PIL import Image

from common.durable import atomic_write
from devices.printer.base import PrinterError, ReceiptPrinter
from devices.printer.status import PrinterStatus

log = logging.getLogger(__name__)

JobState = Literal["queued", "printing", "printed", "held"]
REPRINT_WINDOW = timedelta(hours=24)  # printed images kept this long for staff reprints
KEEP_RECORDS = timedelta(days=30)  # job records (no personal data) kept this long
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class JobInfo:
    job_id: str
    kind: str  # "receipt" | "slip" | "test"
    label: str  # shown to staff; never personal (e.g. the tracking code)
    state: JobState
    created_at: str
    printed_at: str | None = None
    attempts: int = 0
    reprints: int = 0
    last_code: str = ""  # message code of the last problem, "" when none
    has_image: bool = True


@dataclass(frozen=True)
class JobResult:
    job: JobInfo
    printed: bool  # paper came out in this call
    code: str  # "" when all went well; else a message code (printer.paper_end, printer.already_printed …)
    status_before: PrinterStatus | None = None
    status_after: PrinterStatus | None = None
    warnings: tuple[str, ...] = ()  # e.g. ("printer.near_end",)


@dataclass(frozen=True)
class JobSealer:
    """Encryption at rest for job images, injected by the caller (devices import no key store).
    ``seal(plain, context)`` / ``open(blob, context)``; ``context`` binds a blob to its job and file."""

    seal: Callable[[bytes, str], bytes]
    open: Callable[[bytes, str], bytes]


_IMAGES = ("image.png", "reprint.png")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class PrintJobs:
    """The print queue of one printer. Call it from one worker thread (it locks anyway)."""

    def __init__(
        self,
        printer: ReceiptPrinter,
        store: Path,
        *,
        alert: Callable[[str, PrinterStatus], None] | None = None,
        on_status: Callable[[PrinterStatus], None] | None = None,
        recover: bool = True,
        reprint_window: timedelta = REPRINT_WINDOW,
        sealer: JobSealer | None = None,
    ):
        """``recover``: turn jobs left ``printing`` by a crash into ``held``, and drop images and
        records past their time (False for read-only listings). ``reprint_window``: how long a
        printed job's image is kept for staff reprints. ``sealer``: encrypt images at rest
        (without one, images are plain PNG files: tests and tools only)."""
        self.printer = printer
        self.store = store
        self._sealer = sealer
        self._alert = alert
        self._on_status = on_status
        self._last_condition: str | None = None
        self._lock = threading.RLock()
        store.mkdir(parents=True, exist_ok=True)
        os.chmod(store, 0o700)
        for job in self.jobs() if recover else ():
            if job.state in ("queued", "printing"):
                self._save(replace(job, state="held", last_code="printer.interrupted"))
                log.warning("print_job_recovered job=%s state=held", job.job_id)
        self.reprint_window = reprint_window
        if recover:
            self.housekeeping()

    @property
    def sealer(self) -> JobSealer | None:
        """The injected encryption (the receipt's staff PDF is kept with it too)."""
        return self._sealer

    def listen(
        self,
        *,
        alert: Callable[[str, PrinterStatus], None] | None = None,
        on_status: Callable[[PrinterStatus], None] | None = None,
    ) -> None:
        """Replace the listeners (the Qt controller connects its signals here)."""
        self._alert = alert
        self._on_status = on_status

    # -- queries -------------------------------------------------------------------------

    def get(self, job_id: str) -> JobInfo | None:
        path = self._dir(job_id) / "job.json"
        if not path.exists():
            return None
        return JobInfo(**json.loads(path.read_text(encoding="utf-8")))

    def jobs(self, state: JobState | None = None) -> list[JobInfo]:
        jobs = []
        for d in sorted(self.store.iterdir()) if self.store.exists() else []:
            if (d / "job.json").exists():
                job = self.get(d.name)
                if job and (state is None or job.state == state):
                    jobs.append(job)
        return sorted(jobs, key=lambda j: j.created_at)

    def held(self) -> list[JobInfo]:
        return self.jobs("held")

    def status(self) -> PrinterStatus:
        """Read the printer's status now (and tell listeners; alert on a change)."""
        s = self.printer.status()
        self._observe(s)
        return s

    # -- actions -------------------------------------------------------------------------

    def submit(
        self,
        job_id: str,
        image: Image.Image,
        *,
        reprint_image: Image.Image | None = None,
        kind: str = "receipt",
        label: str = "",
    ) -> JobResult:
        """Print a new job, or resume a held one with this ID; a printed ID prints nothing."""
        with self._lock:
            job = self.get(job_id)
            if job is None:
                job = JobInfo(job_id, kind, label, "queued", _now())
                self._save(job, image=image, reprint_image=reprint_image)
                log.info("print_job_new job=%s kind=%s", job_id, kind)
            elif job.state == "printed":
                log.info("print_job_duplicate job=%s", job_id)
                return JobResult(job, printed=False, code="printer.already_printed")
            return self._run(job, reprint=False)

    def resume(self, job_id: str) -> JobResult:
        """Print a held job again, whole (after staff loaded paper or closed the cover)."""
        with self._lock:
            job = self._require(job_id)
            if job.state == "printed":
                return JobResult(job, printed=False, code="printer.already_printed")
            return self._run(job, reprint=False)

    def resume_all(self) -> list[JobResult]:
        """Every held job once, oldest first; stops at the first that cannot print."""
        results = []
        for job in self.held():
            r = self.resume(job.job_id)
            results.append(r)
            if not r.printed:
                break
        return results

    def reprint(self, job_id: str) -> JobResult:
        """Staff reprint of a printed job, with its "reprint" marking. A held job is resumed instead."""
        with self._lock:
            job = self._require(job_id)
            if job.state != "printed":
                return self._run(job, reprint=False)
            return self._run(job, reprint=True)

    def mark_handed_over(self, job_id: str) -> JobInfo:
        """Staff saw the held receipt come out whole: record it printed, print nothing."""
        with self._lock:
            job = replace(self._require(job_id), state="printed", printed_at=_now(), last_code="")
            self._save(job)
            return job

    def purge_images(self, older_than: timedelta) -> int:
        """Delete the images of jobs printed more than ``older_than`` ago (they hold personal data)."""
        cutoff = datetime.now(UTC) - older_than
        n = 0
        with self._lock:
            for job in self.jobs("printed"):
                if job.has_image and job.printed_at and datetime.fromisoformat(job.printed_at) < cutoff:
                    for name in _IMAGES:
                        for path in (self._dir(job.job_id) / name, self._dir(job.job_id) / f"{name}.enc"):
                            _shred(path)
                    self._save(replace(job, has_image=False))
                    n += 1
        return n

    def housekeeping(self) -> tuple[int, int]:
        """Remove images past the reprint window and records of printed jobs past ``KEEP_RECORDS``."""
        images = self.purge_images(self.reprint_window)
        cutoff = datetime.now(UTC) - KEEP_RECORDS
        records = 0
        with self._lock:
            for job in self.jobs("printed"):
                if job.printed_at and datetime.fromisoformat(job.printed_at) < cutoff:
                    self.forget(job.job_id)
                    records += 1
        return images, records

    def forget(self, job_id: str) -> None:
        with self._lock:
            shutil.rmtree(self._dir(job_id), ignore_errors=True)

    # -- internals -----------------------------------------------------------------------

    def _run(self, job: JobInfo, *, reprint: bool) -> JobResult:
        image = self._load_image(job, reprint)
        # a failed staff reprint leaves the job printed (the citizen has the original): it is
        # tried again only when staff ask again, never resumed as an unmarked original
        fail_state: JobState = "printed" if reprint else "held"
        before = self.printer.status()
        self._observe(before)
        if not before.can_print:
            job = replace(job, state=fail_state, last_code=before.code)
            self._save(job)
            log.warning("print_job_held job=%s before=%s", job.job_id, before.condition)
            return JobResult(job, printed=False, code=before.code, status_before=before)
        job = replace(job, state="printed" if reprint else "printing", attempts=job.attempts + 1)
        self._save(job)
        send_error: PrinterError | None = None
        try:
            self.printer.print_image(image)
        except PrinterError as e:
            send_error = e
        after = self.printer.status()
        self._observe(after)
        if send_error is not None or not after.can_print:
            code = after.code if not after.can_print else (send_error.code if send_error else "printer.error")
            if after.condition == "offline" and send_error is not None:
                code = send_error.code  # the link broke mid-job: say so rather than "offline"
            job = replace(job, state=fail_state, last_code=code)
            self._save(job)
            log.warning(
                "print_job_held job=%s after=%s sent=%s", job.job_id, after.condition, send_error is None
            )
            if code == "printer.interrupted":
                self._tell(code, after)
            return JobResult(job, printed=False, code=code, status_before=before, status_after=after)
        job = replace(
            job,
            state="printed",
            printed_at=_now(),
            last_code="",
            reprints=job.reprints + (1 if reprint else 0),
        )
        self._save(job)
        log.info("print_job_printed job=%s reprint=%s", job.job_id, reprint)
        self._drop_original(job)
        self.purge_images(self.reprint_window)
        warnings = ("printer.near_end",) if after.paper_near_end else ()
        return JobResult(
            job, printed=True, code="", status_before=before, status_after=after, warnings=warnings
        )

    def _observe(self, s: PrinterStatus) -> None:
        if self._on_status:
            self._on_status(s)
        if s.condition != self._last_condition:
            self._last_condition = s.condition
            if s.condition not in ("ready", "unknown"):
                self._tell(s.code, s)

    def _tell(self, code: str, s: PrinterStatus) -> None:
        log.warning("printer_alert code=%s detail=%s", code, s.detail)
        if self._alert:
            self._alert(code, s)

    def _require(self, job_id: str) -> JobInfo:
        job = self.get(job_id)
        if job is None:
            raise PrinterError(f"no print job {job_id}", code="printer.job_unknown")
        return job

    def _dir(self, job_id: str) -> Path:
        if not _ID_RE.match(job_id):
            raise PrinterError(f"bad job ID {job_id!r}", code="printer.job_unknown")
        return self.store / job_id

    def _drop_original(self, job: JobInfo) -> None:
        """Printed: the original image goes at once; a reprint copy (marked) stays for staff."""
        d = self._dir(job.job_id)
        if self._find(d, "reprint.png") is not None:
            for path in (d / "image.png", d / "image.png.enc"):
                _shred(path)

    def _find(self, d: Path, name: str) -> Path | None:
        for path in (d / f"{name}.enc", d / name):
            if path.exists():
                return path
        return None

    def _load_image(self, job: JobInfo, reprint: bool) -> Image.Image:
        d = self._dir(job.job_id)
        path = (self._find(d, "reprint.png") if reprint else None) or self._find(d, "image.png")
        if path is None:
            raise PrinterError(f"job {job.job_id}: image already removed", code="printer.job_gone")
        data = path.read_bytes()
        if path.suffix == ".enc":
            if self._sealer is None:
                raise PrinterError(
                    f"job {job.job_id}: image is encrypted and no key was given", code="printer.job_gone"
                )
            try:
                data = self._sealer.open(data, f"{job.job_id}/{path.stem}")
            except Exception as e:  # noqa: BLE001 - a wrong key or damaged file: the job cannot print
                raise PrinterError(
                    f"job {job.job_id}: image does not decrypt ({type(e).__name__})", code="printer.job_gone"
                ) from None
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            return im.copy()

    def _save(
        self, job: JobInfo, *, image: Image.Image | None = None, reprint_image: Image.Image | None = None
    ) -> None:
        d = self._dir(job.job_id)
        d.mkdir(exist_ok=True)
        os.chmod(d, 0o700)
        for name, im in (("image.png", image), ("reprint.png", reprint_image)):
            if im is not None:
                buf = io.BytesIO()
                im.save(buf, format="PNG")
                if self._sealer is not None:
                    blob = self._sealer.seal(buf.getvalue(), f"{job.job_id}/{name}")
                    atomic_write(d / f"{name}.enc", blob)
                else:
                    atomic_write(d / name, buf.getvalue())
        atomic_write(d / "job.json", json.dumps(asdict(job), ensure_ascii=False).encode())


def _shred(path: Path) -> None:
    """Overwrite, then remove (best effort on flash storage; encryption is the real protection)."""
    try:
        size = path.stat().st_size
        with open(path, "r+b") as f:
            f.write(b"\0" * size)
            f.flush()
            os.fsync(f.fileno())
        path.unlink()
    except FileNotFoundError:
        return
