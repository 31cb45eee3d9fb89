"""The kiosk's live services for screens: one place that builds, owns, starts and stops them.

Reached from the shell as ``shell.services`` (the main window builds one; building it is
cheap and starts nothing). Every service is made on first use, so a screen test pays only
for what it touches, and :meth:`Services.stop` stops exactly what was made::

    svc = shell.services
    svc.store                      # offline_cache.Store (drafts, outbox, attachments), encrypted
    svc.catalog()                  # the procedure catalog (cached copy from the central, else packaged)
    svc.enqueue(submission, blobs, draft_session_id=…, owner=…, done=…)
                                   # into the outbox, durably, off the GUI thread; then the sync is woken
    svc.card                       # ui.devices.card.CardController (started: watches the reader)
    svc.scanner                    # ui.devices.scanner.ScannerController (started)
    svc.camera                     # ui.devices.camera.CameraController (start it with a session)
    svc.printer                    # ui.devices.printer.PrinterController
    svc.key                        # provisioning.keys.KioskKey (signs receipt QRs)
    svc.public_base                # the central's base URL, for receipt QRs ("" until known)
    svc.client()                   # a new CentralClient for the current central (caller closes it)

Start-up: ``ui/app.py`` calls :meth:`start` after the first paint (device monitors and the
sync engine) and :meth:`set_central` once the central's URL is known (the demo sandbox
reports it a moment later). Shutdown: ``MainWindow.shutdown`` calls :meth:`stop`.

Tests give a window their own peers: ``window.services.set_central(sandbox.url, api_key)``
and ``Services.override(card_reader=…, printer=…, camera=…)`` before the first use.

At the end of every session the citizen's draft is wiped from the store (registered with the
session's wipe hook) and the camera stops.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.config import KioskConfig
from kiosk.logs import get_logger
from ui.runner import StoreQueue, run_in_background

if TYPE_CHECKING:
    from kiosk.app_state.session import Session
    from kiosk.catalog.model import Catalog
    from kiosk.central.client import CentralClient
    from kiosk.monitoring.tray_contrast import TrayWatch
    from kiosk.submission import Submission
    from kiosk.wizard.drafting import DraftKeeper
    from kiosk.wizard.state import Journey
    from offline_cache import Store, SyncEngine
    from provisioning.keys import KioskKey
    from ui.devices.camera import CameraController
    from ui.devices.card import CardController
    from ui.devices.printer import PrinterController
    from ui.devices.scanner import ScannerController

log = get_logger(__name__)


class Services(QObject):
    centralChanged = Signal(str)  # the central's base URL ("" when unknown)
    outboxChanged = Signal(int)  # dossiers waiting to be sent (emitted from the sync thread: queued)
    dossierChanged = Signal(str)  # outbox entry ID whose state changed
    cardPresenceChanged = Signal(bool)  # a card is on the reader (after card_present is updated)

    def __init__(
        self, config: KioskConfig, session: Session | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.config = config
        self._lock = threading.Lock()
        self._overrides: dict[str, str] = {}
        self._central_url: str = config.central.url or ""
        self._api_key: str | None = config.central.api_key
        self._store: Store | None = None
        # Offline-store writes of the journeys (drafts, pages, the draft's wipe), in order and
        # off the GUI thread: a save queued before a wipe or a submission lands before it.
        self.store_queue = StoreQueue(self)
        self._keepers: dict[str, DraftKeeper] = {}
        self._submitting: set[str] = set()  # draft sessions whose dossier is being written
        self._engine: SyncEngine | None = None
        self._sender: Any = None
        self._card: CardController | None = None
        self._scanner: ScannerController | None = None
        self._camera: CameraController | None = None
        self._printer: PrinterController | None = None
        self._tray_watch: TrayWatch | None = None
        self._key: KioskKey | None = None
        self._catalog: Catalog | None = None
        self._cards_in: set[str] = set()
        self._card_used = False  # a card was put on the reader or read during this session
        self._card_first_report = True
        self._started = False
        self._stopped = False
        self.session = session
        if session is not None:
            session.register_wipe(self._wipe_session, name="ui.services")

    # --- configuration ---------------------------------------------------------------------
    def override(self, **devices: str) -> None:
        """Device settings for this kiosk run (tests: ``card_reader="Virtual PCD 00 00"``,
        ``printer="tcp://127.0.0.1:9100"``, ``camera="/tmp/doc.avi"``, ``scanner="none"``)."""
        self._overrides.update(devices)

    def device_setting(self, name: str) -> str:
        return self._overrides.get(name) or str(getattr(self.config.devices, name))

    @property
    def data_dir(self) -> Path:
        from kiosk.paths import data_dir

        return data_dir()

    # --- the central -----------------------------------------------------------------------
    def set_central(self, url: str, api_key: str | None = None) -> None:
        self._central_url = url
        if api_key is not None:
            self._api_key = api_key
        log.info("services_central_set")
        self.centralChanged.emit(url)
        if self._started:
            self._ensure_engine()
        if self._engine is not None:
            self._engine.wake(force=True)

    def use_demo(self, demo: Any) -> None:
        """The demo profile: use the local sandbox once it is up (``DemoCentral.ready``)."""
        self._demo = demo
        demo.ready.connect(self._demo_ready)  # a slot of this QObject: queued to the GUI thread

    def _demo_ready(self, url: str) -> None:
        self.set_central(url, getattr(getattr(self, "_demo", None), "api_key", None))

    @property
    def central_url(self) -> str:
        return self._central_url

    @property
    def public_base(self) -> str:
        return self._central_url

    def client(self) -> CentralClient:
        """A new client for the current central (raises ``central.no_central`` if none yet)."""
        from kiosk.central.factory import client_from_config

        return client_from_config(self.config, base_url=self._central_url or None, api_key=self._api_key)

    def network_back(self) -> None:
        """The central answers again: send what waits now rather than after the backoff."""
        if self._engine is not None:
            self._engine.wake(force=True)

    # --- the offline store and sync --------------------------------------------------------
    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                from offline_cache import Store

                self._store = Store.open(self.data_dir)
            return self._store

    def catalog(self) -> Catalog:
        """The procedure catalog, read with this kiosk's profile: made-up sample contacts of
        agencies in the demo only."""
        if self._catalog is None:
            from dataclasses import replace

            from kiosk.catalog.model import load_catalog
            from kiosk.catalog.sync import cached_catalog

            try:
                read = cached_catalog(self.store.catalog) or load_catalog()
            except Exception as e:  # noqa: BLE001 - a broken cache must not stop the journeys
                log.error("catalog_cache_unusable", error_type=type(e).__name__)
                read = load_catalog()
            self._catalog = replace(read, samples=bool(self.config.is_demo))
        return self._catalog

    def save_draft(self, session_ref: str, journey: Journey) -> None:
        """The journey as it is now (photos included) into the encrypted draft store, off the
        GUI thread; a failure is logged and never blocks the citizen."""
        from kiosk.wizard.drafting import DraftKeeper
        from kiosk.wizard.state import Journey

        if not session_ref or journey.submitted_at is not None or session_ref in self._submitting:
            return  # submitted (or being submitted): the outbox holds the dossier, the draft goes
        snapshot = Journey.from_dict(journey.to_dict())  # the GUI goes on changing the journey
        snapshot.blobs = dict(journey.blobs)

        def save() -> None:
            keeper = self._keepers.get(session_ref)
            if keeper is None:
                keeper = self._keepers[session_ref] = DraftKeeper(self.store, session_ref)
            keeper.save(snapshot)

        self.store_queue.put(save, what="draft_save")

    def enqueue(
        self,
        submission: Submission,
        blobs: Mapping[str, bytes],
        *,
        draft_session_id: str | None,
        owner: QObject,
        done: Callable[[str | None, BaseException | None], None],
    ) -> None:
        """Queue the dossier durably on the store's writer thread; ``done(entry_id, error)`` runs
        on the GUI thread once it survives a power cut (or failed), then the sync is woken."""
        from kiosk.outbox_sender import enqueue_submission

        # Draft saves asked for before the submission land first (the queue is ordered), and
        # none is queued while it is written, so none re-creates the draft the enqueue removes.
        ref = draft_session_id or ""
        self._submitting.add(ref)

        def write() -> str:
            entry = enqueue_submission(self.store, submission, blobs, draft_session_id=draft_session_id)
            self._emit_outbox()
            return entry

        def written(entry: Any, error: BaseException | None) -> None:
            self._submitting.discard(ref)
            if error is None:
                self._ensure_engine()
                if self._engine is not None:
                    self._engine.wake(force=True)
            done(entry, error)

        if not self.store_queue.put(write, owner=owner, done=written, what="submission_enqueue"):
            written(None, RuntimeError("the kiosk is stopping: the store takes no new write"))

    def _ensure_engine(self) -> None:
        if self._engine is not None or not self._central_url or self._stopped:
            return
        from kiosk.outbox_sender import build_sync_engine

        store = self.store
        self._engine, self._sender = build_sync_engine(
            store, self.client, self.config.offline, on_change=self._on_outbox_change
        )
        self._engine.start()
        log.info("sync_engine_started")

    @property
    def engine(self) -> SyncEngine | None:
        return self._engine

    def _on_outbox_change(self, entry_id: str) -> None:  # on the sync thread: only emit
        self.dossierChanged.emit(entry_id)
        self._emit_outbox()

    def _emit_outbox(self) -> None:
        try:
            q = self.store.outbox.status()
            waiting = int(q.pending)
        except Exception as e:  # noqa: BLE001 - the indicator must not break a submission
            log.error("outbox_status_failed", error_type=type(e).__name__)
            return
        self.outboxChanged.emit(waiting)

    def outbox_state(self, entry_id: str) -> str | None:
        try:
            return str(self.store.outbox.get(entry_id).state.value)
        except Exception:  # noqa: BLE001 - unknown entry: no state
            return None

    # --- devices ---------------------------------------------------------------------------
    def _settings(self) -> Any:
        from dataclasses import replace

        from kiosk.devices_setup import device_settings

        s = device_settings(self.config)
        fields = {k: v for k, v in self._overrides.items() if k in s.__dataclass_fields__}
        return replace(s, **fields) if fields else s

    @property
    def card(self) -> CardController:
        if self._card is None:
            from devices.card.factory import open_card_reader
            from ui.devices.card import CardController

            self._card = CardController(open_card_reader(self._settings()), self)
            self._card.cardInserted.connect(self._card_in)
            self._card.cardRemoved.connect(self._card_out)
            self._card.readFinished.connect(self._card_read)
            self._card.start()
        return self._card

    def _card_read(self, _read: object) -> None:
        self._card_used = True

    def _card_in(self, reader: str, _atr: str) -> None:
        self._cards_in.add(reader)
        first, self._card_first_report = self._card_first_report, False
        # The reader's first report is the card already lying there when it started: not this
        # citizen's act. A card put on the reader (or read) during the session is.
        if not first and self.session is not None and self.session.active:
            self._card_used = True
        log.info("card_present", present=True)
        self.cardPresenceChanged.emit(True)

    def _card_out(self, reader: str) -> None:
        self._cards_in.discard(reader)
        log.info("card_present", present=False)
        self.cardPresenceChanged.emit(self.card_present)

    @property
    def card_present(self) -> bool:
        """A card is in (or on) the reader right now, as the reader last reported."""
        return bool(self._cards_in)

    @property
    def scanner(self) -> ScannerController:
        if self._scanner is None:
            from devices.scanner.base import open_scanner
            from ui.devices.scanner import ScannerController

            self._scanner = ScannerController(self)
            try:
                self._scanner.start(open_scanner(self.device_setting("scanner")))
            except Exception as e:  # noqa: BLE001 - no scanner: the card can still be typed/read
                log.error("scanner_start_failed", error_type=type(e).__name__)
        return self._scanner

    @property
    def camera(self) -> CameraController:
        if self._camera is None:
            from ui.devices.camera import CameraController

            self._camera = CameraController(preview_width=960, parent=self)
        return self._camera

    def stop_camera(self) -> None:
        if self._camera is not None:
            self._camera.close()

    @property
    def camera_source(self) -> str:
        return self.device_setting("camera")

    @property
    def pale_tray(self) -> bool:
        """The tray check failed with this camera, or citizens' documents stood out from the
        tray by less than ΔE 4.5 (median): the camera step points to "Take it now" at once."""
        from kiosk.monitoring.tray_contrast import TrayContrastRecord
        from provisioning.tray_record import load_verdict, standing

        if standing(load_verdict(self.data_dir), self.camera_source) == "fail":
            return True
        return bool(TrayContrastRecord(self.data_dir).summary()["standing"] == "pale")

    @property
    def tray_watch(self) -> TrayWatch:
        """Told of every page the camera step takes: how well documents stand out from the tray."""
        if self._tray_watch is None:
            from kiosk.monitoring.tray_contrast import TrayContrastRecord, TrayWatch

            self._tray_watch = TrayWatch(
                TrayContrastRecord(self.data_dir),
                start=lambda work: run_in_background(self, work, name="tray-watch"),
            )
        return self._tray_watch

    @property
    def printer(self) -> PrinterController:
        if self._printer is None:
            from devices.printer import jobs_dir, open_printer
            from devices.printer.jobs import PrintJobs
            from kiosk.print_sealing import job_sealer
            from ui.devices.printer import PrinterController

            uri = self.device_setting("printer")
            width = self.config.devices.printer_width_mm
            data = self.data_dir
            self._printer = PrinterController(
                lambda: PrintJobs(open_printer(uri, width, data), jobs_dir(data), sealer=job_sealer(data)),
                self,
            )
        return self._printer

    @property
    def key(self) -> KioskKey:
        if self._key is None:
            from provisioning.keys import load_or_create_kiosk_key

            self._key = load_or_create_kiosk_key(self.data_dir)
        return self._key

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        """After the first paint: watch the card reader, listen to the scanner, send the outbox."""
        if self._started or self._stopped:
            return
        self._started = True
        for name in ("card", "scanner"):
            try:
                getattr(self, name)
            except Exception as e:  # noqa: BLE001 - a missing device must not stop the kiosk
                log.error("device_start_failed", device=name, error_type=type(e).__name__)
        self._ensure_engine()
        self._emit_outbox()

    def stop(self) -> None:
        """Idempotent: stop what was started, close what was opened."""
        if self._stopped:
            return
        self._stopped = True
        for name, obj, how in (
            ("camera", self._camera, "stop"),
            ("card", self._card, "close"),
            ("scanner", self._scanner, "close"),
            ("printer", self._printer, "close"),
        ):
            if obj is None:
                continue
            try:
                getattr(obj, how)()
            except Exception as e:  # noqa: BLE001 - shutting down: keep stopping the others
                log.error("service_stop_failed", service=name, error_type=type(e).__name__)
        self.store_queue.close()  # what the citizen entered is written before the store closes
        if self._engine is not None:
            self._engine.stop(timeout=10)
        if self._sender is not None:
            self._sender.close()
        if self._store is not None:
            self._store.close()
        self._engine = self._sender = self._store = None

    def _wipe_session(self) -> None:
        """End of a session: the citizen's draft goes, the camera stops; a card left on the
        reader gets a reminder (with a sound) over the next screen."""
        if self._camera is not None:
            self._camera.close()
        if self.session is not None and self.session.ref:
            ref = self.session.ref
            self._keepers.pop(ref, None)

            # After the session's queued saves, never before them (or a late save re-creates it);
            # a store nothing opened holds no draft, so it is not opened just for this.
            def wipe() -> None:
                if self._store is not None:
                    self._store.drafts.wipe(ref)

            if not self.store_queue.put(wipe, what="draft_wipe"):
                wipe()
        if self.session is not None and self.session.active and self.card_present and self._card_used:
            self.remind_card()
        self._card_used = False

    def remind_card(self) -> None:
        """The card-left-behind reminder over whatever screen shows now."""
        from PySide6.QtWidgets import QApplication

        from ui.screens.wizard.card_left import OVERLAY_NAME, CardLeftCard

        overlay = getattr(self.parent(), "overlay", None)
        if overlay is None:
            return
        card = CardLeftCard()

        def done() -> None:
            _disconnect(self.cardPresenceChanged, taken)
            if overlay.name == OVERLAY_NAME:
                overlay.close_card()

        def taken(present: bool) -> None:
            if not present:
                done()

        card.dismissed.connect(done)
        self.cardPresenceChanged.connect(taken)
        overlay.show_card(card, OVERLAY_NAME)
        QApplication.beep()
        log.info("card_left_behind")


def _disconnect(signal: Any, slot: Any) -> None:
    try:
        signal.disconnect(slot)
    except (RuntimeError, TypeError):
        pass


def connect_status(services: Services, status: Any) -> None:
    """The top bar's outbox indicator follows the real queue; the central coming back wakes the sync."""
    services.outboxChanged.connect(status.set_outbox, Qt.ConnectionType.QueuedConnection)

    def on_status(name: str) -> None:
        if name == "central" and status.get("central").state == "ok":
            services.network_back()

    status.changed.connect(on_status)
