"""Decommissioning a kiosk: hand over the outbox, tell the central, wipe everything.

Order matters:

1. What the outbox still holds is handed to the central (``POST /kiosk/outbox-export``,
   signed), which is the rightful keeper of citizens' dossiers. Nothing is written to a
   technician's USB stick: a reset must not become a way to carry personal data away. If
   the outbox is not empty and the central cannot be reached, the reset is refused.
2. The central records the decommissioning and revokes the kiosk's key
   (``POST /kiosk/decommission``), while the kiosk can still sign.
3. Every file under the data dir — drafts, outbox, attachments, catalog cache, staff
   verifiers, printer jobs, logs, keys, enrollment, configuration — is overwritten with
   zeros, synced and removed. What remains is ``decommissioned.json`` (kiosk ID, time, counts,
   no personal data).

Overwriting is a best effort against casual recovery: flash storage remaps blocks, so a
real deployment also encrypts the data at rest (the offline cache does) and destroys the
key — which step 3 does as well.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from common.durable import write_json
from provisioning.audit import AuditSink
from provisioning.enroll import load_enrollment
from provisioning.errors import ProvisioningError
from provisioning.link import CentralLink

MARKER = "decommissioned.json"


@dataclass(frozen=True)
class ResetReport:
    kiosk_id: str | None
    outbox_entries: int
    outbox_handed_over: bool
    outbox_export_sha256: str
    central_notified: bool
    files_wiped: int
    bytes_wiped: int
    at: float


def _overwrite_and_remove(path: Path) -> int:
    size = 0
    try:
        if path.is_file() and not path.is_symlink():
            size = path.stat().st_size
            with path.open("r+b") as f:
                chunk = b"\0" * 65536
                left = size
                while left > 0:
                    n = min(left, len(chunk))
                    f.write(chunk[:n])
                    left -= n
                f.flush()
                os.fsync(f.fileno())
    except OSError:
        pass  # unreadable or vanished: removal below still applies
    path.unlink(missing_ok=True)
    return size


def wipe_tree(root: Path, keep: tuple[str, ...] = ()) -> tuple[int, int]:
    """Overwrite and remove every file under ``root`` (the root itself stays); (files, bytes)."""
    files = nbytes = 0
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        d = Path(dirpath)
        for name in filenames:
            p = d / name
            if d == root and name in keep:
                continue
            nbytes += _overwrite_and_remove(p)
            files += 1
        for name in dirnames:
            sub = d / name
            if sub.is_symlink():
                sub.unlink()
            else:
                try:
                    sub.rmdir()
                except OSError:
                    pass
    return files, nbytes


def decommission(
    data_dir: Path,
    *,
    link: CentralLink | None,
    outbox_export: Callable[[], dict[str, Any]],
    audit: AuditSink,
    reason: str = "",
    offline: bool = False,
    before_wipe: Callable[[], None] | None = None,
) -> ResetReport:
    """Hand over, notify, wipe. ``outbox_export()`` returns ``{"entries": [...]}`` of what is unsent.

    ``offline=True`` lets a kiosk with an empty outbox be wiped without reaching the
    central (the central must then revoke its key by hand); a non-empty outbox never is.
    ``before_wipe`` closes whatever holds files open (the offline store).
    """
    enrollment = load_enrollment(data_dir)
    export = outbox_export()
    entries = list(export.get("entries") or [])
    body = json.dumps({"kiosk_id": enrollment.kiosk_id if enrollment else None, **export}, ensure_ascii=False)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    handed_over = False
    if entries:
        if link is None:
            audit(
                "reset_refused",
                {"why": "outbox not empty and no central to hand it to", "entries": len(entries)},
            )
            raise ProvisioningError(
                f"{len(entries)} dossiers are still in the outbox and there is no central to hand them to",
                code="provisioning.reset_outbox_pending",
            )
        try:
            a = link.call("POST", "kiosk/outbox-export", json_body=json.loads(body), expect=(200,))
        except ProvisioningError as e:
            audit("reset_refused", {"why": f"outbox hand-over failed: {e.detail}", "entries": len(entries)})
            raise ProvisioningError(
                f"{len(entries)} dossiers could not be handed to the central ({e.detail})",
                code="provisioning.reset_outbox_pending",
            ) from None
        handed_over = True
        audit("outbox_handed_over", {"entries": len(entries), "sha256": (a.body or {}).get("sha256")})
    notified = False
    if enrollment is not None:
        if link is None and not offline:
            raise ProvisioningError(
                "the central must record the decommissioning; connect the kiosk or use --offline",
                code="provisioning.reset_central_needed",
            )
        if link is not None:
            try:
                link.call(
                    "POST",
                    "kiosk/decommission",
                    json_body={
                        "reason": reason[:200],
                        "outbox_exported": len(entries),
                        "outbox_export_sha256": digest if entries else "",
                        "wiped": [
                            "drafts",
                            "outbox",
                            "attachments",
                            "staff_verifiers",
                            "keys",
                            "config",
                            "logs",
                        ],
                    },
                    expect=(200,),
                )
                notified = True
            except ProvisioningError as e:
                if not offline:
                    audit("reset_refused", {"why": f"central not told: {e.detail}"})
                    raise ProvisioningError(
                        f"the central could not record the decommissioning ({e.detail}); retry or use --offline",
                        code="provisioning.reset_central_needed",
                    ) from None
    audit("reset_wiping", {"central_notified": notified, "outbox_entries": len(entries)})
    if before_wipe is not None:
        before_wipe()
    files, nbytes = wipe_tree(data_dir)
    report = ResetReport(
        kiosk_id=enrollment.kiosk_id if enrollment else None,
        outbox_entries=len(entries),
        outbox_handed_over=handed_over,
        outbox_export_sha256=digest if entries else "",
        central_notified=notified,
        files_wiped=files,
        bytes_wiped=nbytes,
        at=time.time(),
    )
    write_json(data_dir / MARKER, asdict(report))
    return report
