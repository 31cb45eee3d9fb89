"""kill -9 between the central's commit and the kiosk's record of it: the batch is sent again
after restart with the same key, and the central still holds every event once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from central.monitoring.models import MonEvent
from kiosk.central.client import ApiKeyAuth, CentralClient
from kiosk.outbox_sender import OutboxSender
from offline_cache import OutboxState, Store, SyncEngine
from tests.conftest import repo_root
from tests.peers.sandbox import sandbox  # noqa: F401 - fixture

CHILD = """
import sys
from pathlib import Path
from kiosk.central.client import ApiKeyAuth, CentralClient
from kiosk.monitoring import enqueue_events, make_event
from kiosk.outbox_sender import OutboxSender
from offline_cache import Store

data, url, key = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
store = Store.open(data)
for n in range(3):
    sid = f"{n + 1:032x}"
    enqueue_events(store, [
        make_event({"session": sid, "seq": 0, "kind": "screen", "day": "2026-11-03", "screen": "home", "duration_s": 10}),
        make_event({"session": sid, "seq": 1, "kind": "session", "day": "2026-11-03", "outcome": "finished",
                    "duration_s": 10, "language": "vi", "text_size": 100, "speech": "off", "assisted": False}),
    ])
claimed = store.outbox.claim_due()
client = CentralClient(url, auth=ApiKeyAuth(key, "crash-kiosk"), retries=0)
result = OutboxSender(client)(claimed)  # the central has committed this batch
print("sent", type(result).__name__, flush=True)
sys.stdin.read()  # killed here: the answer is never recorded
"""


def test_kill_after_the_central_committed_resends_once(sandbox, tmp_path: Path):  # noqa: F811
    data = tmp_path / "kiosk"
    env = {**os.environ, "PYTHONPATH": str(repo_root())}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data), sandbox.url, sandbox.api_key],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        lines = iter(child.stdout.readline, "")
        assert next(line for line in lines if line.startswith("sent")).strip() == "sent Accepted"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        if child.stdin:
            child.stdin.close()
    with sandbox.state.db() as s:
        assert s.scalar(select(func.count(MonEvent.id))) == 2  # the first batch arrived
    store = Store.open(data)
    try:
        with CentralClient(sandbox.url, auth=ApiKeyAuth(sandbox.api_key, "crash-kiosk"), retries=0) as c:
            engine = SyncEngine(store, OutboxSender(c))
            assert engine.recover() == 1  # the entry the kill left "sending"
            engine.run_once()
        entries = store.outbox.list(kinds=("monitoring",))
        assert [e.state for e in entries] == [OutboxState.ACCEPTED] * 3
        assert sorted(e.attempts for e in entries) == [1, 1, 2]
    finally:
        store.close()
    with sandbox.state.db() as s:
        assert s.scalar(select(func.count(MonEvent.id))) == 6  # each event once
