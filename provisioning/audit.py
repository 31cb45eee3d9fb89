"""Where provisioning records what it did and refused.

Provisioning takes an :data:`AuditSink` (``event, fields``) from its caller, so it needs no
particular store. :class:`FileAudit` is the default: an append-only JSON-lines file under
``<data>/provisioning/audit.jsonl`` in which every record carries the SHA-256 of the one
before it (a hash chain; a removed or edited line breaks it). When the offline cache's
audit log is available the caller passes that instead (see ``kiosk/commands/provision_cmd.py``).
Records hold technical facts only, never personal data.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

AuditSink = Callable[[str, dict[str, Any]], None]
GENESIS = "0" * 64


class FileAudit:
    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()

    @classmethod
    def under(cls, data_dir: Path) -> FileAudit:
        d = data_dir / "provisioning"
        d.mkdir(parents=True, exist_ok=True)
        return cls(d / "audit.jsonl")

    def _last_hash(self) -> str:
        if not self.path.exists():
            return GENESIS
        last = ""
        with self.path.open("rb") as f:
            for line in f:
                if line.strip():
                    last = line.decode("utf-8")
        return json.loads(last)["hash"] if last else GENESIS

    def __call__(self, event: str, fields: dict[str, Any]) -> None:
        with self._lock:
            prev = self._last_hash()
            record = {"at": time.time(), "event": event, "fields": fields, "prev": prev}
            body = json.dumps(record, sort_keys=True, ensure_ascii=False)
            record["hash"] = hashlib.sha256(body.encode()).hexdigest()
            with self.path.open("a", encoding="utf-8") as f:
                f.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")
                f.flush()
                os.fsync(f.fileno())

    def records(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        return [
            json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()
        ]

    def verify_chain(self) -> bool:
        prev = GENESIS
        for r in self.records():
            h = r.pop("hash")
            if (
                r["prev"] != prev
                or hashlib.sha256(json.dumps(r, sort_keys=True, ensure_ascii=False).encode()).hexdigest() != h
            ):
                return False
            prev = h
        return True
