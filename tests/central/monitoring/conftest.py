"""A simulated month (tests/central/monitoring/generator.py) loaded into a real sandbox central
through four enrolled kiosks' real outboxes, signed requests and a cut connection; shared by
this directory's tests (building it once takes a few seconds)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from central.enrollment import issue_code
from central.runner import SandboxHandle
from kiosk.catalog.model import load_catalog
from kiosk.central.client import CentralClient
from kiosk.monitoring import enqueue_events
from kiosk.outbox_sender import OutboxSender
from offline_cache import Store, SyncEngine
from provisioning.audit import FileAudit
from provisioning.enroll import enroll, request_auth
from provisioning.keys import load_or_create_kiosk_key
from tests.central.monitoring.generator import (
    KIOSKS,
    TODAY,
    TruthDossier,
    TruthSession,
    load_dossiers,
    simulate,
    simulate_dossiers,
)
from tests.peers.sandbox import running_sandbox


@dataclass
class Month:
    central: SandboxHandle
    sessions: list[TruthSession]
    dossiers: list[TruthDossier]
    kiosk_ids: dict[str, str]  # generator name → enrolled kiosk id
    events_sent: int
    resent: int  # outbox entries that needed more than one attempt


def _drain(store: Store, engine: SyncEngine, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while store.outbox.status(("monitoring",)).pending:
        assert time.monotonic() < deadline, store.outbox.status(("monitoring",))
        engine.wake(force=True)  # end the backoff pause at once: this is a test, not a fleet
        engine.run_once()


@pytest.fixture(scope="package")
def month(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Month]:
    root: Path = tmp_path_factory.mktemp("month")
    with running_sandbox(root / "central") as central:
        central.state.extra["monitoring_today"] = TODAY
        ids, stores, auths = {}, {}, {}
        for name, agency, _, _ in KIOSKS:
            kdir = root / name
            kdir.mkdir()
            e = enroll(
                kdir, central.url, issue_code(central.state.db, agency).code, audit=FileAudit.under(kdir)
            )
            ids[name] = e.kiosk_id
            stores[name] = Store.open(kdir)
            auths[name] = request_auth(load_or_create_kiosk_key(kdir), e)
        counted = {"events": 0}

        def sink_for(store: Store):  # type: ignore[no-untyped-def]
            def sink(events) -> None:  # type: ignore[no-untyped-def]
                enqueue_events(store, events)
                counted["events"] += len(events)

            return sink

        procedures = frozenset(p.identifier for p in load_catalog().procedures)
        sessions = simulate({n: sink_for(s) for n, s in stores.items()}, procedures)
        for s in sessions:
            s.kiosk = ids[s.kiosk]
        resent = 0
        try:
            central.faults.set(drop_after_commit=3)  # three batches committed, answers cut off
            for name, store in stores.items():
                auth = auths[name]
                sender = OutboxSender(
                    lambda a=auth: CentralClient(
                        central.url, auth=a, retries=0, connect_timeout=2, read_timeout=3
                    )
                )
                engine = SyncEngine(store, sender, concurrency=3, base_delay_s=0.01, max_delay_s=0.05)
                try:
                    _drain(store, engine)
                finally:
                    sender.close()
                resent += sum(
                    1 for e in store.outbox.list(kinds=("monitoring",), limit=10_000) if e.attempts > 1
                )
            central.faults.clear()
            dossiers = simulate_dossiers(ids)
            load_dossiers(central.state.db, dossiers)
            yield Month(central, sessions, dossiers, ids, counted["events"], resent)
        finally:
            for store in stores.values():
                store.close()
