"""A citizen's "Ask for staff help": a numbered request to the counter, through the central.

:class:`HelpDesk` gives each request a short number for the day (``07``: readable aloud, the
citizen can say it at the counter), records it in the audit log and raises it on the central
(``POST /staff/v1/help-requests`` through :mod:`kiosk.staff.help`), where the staff console
lists it with the kiosk and the number (``"track #07"`` in the screen column). When the central
cannot be reached the request waits here and :meth:`HelpDesk.flush` sends it when the network
is back; a request older than ``max_wait_s`` is dropped instead (the citizen has long been
helped or gone). A second touch on "help" in the same session returns the same request
instead of raising another one.

:meth:`HelpDesk.standing` asks the central where the request stands (place in the queue,
staff signed in, estimated wait: :mod:`central.help_queue`), so the screen can say how long
honestly, or "nobody is signed in: please go to the counter", or that the office system
cannot be reached. :meth:`HelpDesk.cancel` withdraws it (the citizen no longer needs help):
the central stops listing it for staff, or a request still waiting here is simply dropped.

No personal data: a help request carries the kiosk's ID, the screen and the number. Not Qt:
the UI calls :meth:`ask` and :meth:`flush` on a worker thread (they may wait on the network).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kiosk.logs import get_logger
from kiosk.staff.audit import AuditSink
from kiosk.staff.errors import CentralRefused, CentralUnreachable
from kiosk.staff.help import request_help
from kiosk.staff.standing import HelpStanding
from kiosk.vntime import VN_TZ

if TYPE_CHECKING:
    from kiosk.staff.client import StaffCentralClient
    from offline_cache.store import Store

__all__ = ["DailyCounter", "HelpDesk", "HelpStanding", "HelpTicket", "MemoryCounter"]

log = get_logger(__name__)

COUNTER_KEY = "help.counter"


@dataclass(frozen=True)
class HelpTicket:
    number: int  # for the day, at this kiosk
    screen: str  # where the citizen was when asking
    raised_at: float  # epoch seconds
    request_id: str | None = None  # the central's ID, once it knows

    @property
    def sent(self) -> bool:
        return self.request_id is not None

    @property
    def label(self) -> str:
        """The number as shown and spoken: two digits at least."""
        return f"{self.number:02d}"

    @property
    def central_screen(self) -> str:
        """What the staff console shows in its screen column: the screen and the number."""
        return f"{self.screen[:50]} #{self.label}"


class DailyCounter:
    """Numbers 1, 2, 3 … per local (Vietnam) day, kept in the offline store across restarts."""

    def __init__(self, store: Store, now: Callable[[], float] = time.time):
        self._store = store
        self._now = now

    def next(self) -> int:
        from offline_cache.models import MetaRow

        day = datetime.fromtimestamp(self._now(), VN_TZ).strftime("%Y-%m-%d")
        with self._store.write() as s:
            row = s.get(MetaRow, COUNTER_KEY)
            last_day, _, last = (row.value if row else "").partition(":")
            n = int(last) + 1 if last_day == day and last.isdigit() else 1
            s.merge(MetaRow(key=COUNTER_KEY, value=f"{day}:{n}"))
        return n


class MemoryCounter:
    """For a kiosk without an offline store: numbers from 1 for this run."""

    def __init__(self) -> None:
        self._n = 0
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            self._n += 1
            return self._n


class HelpDesk:
    def __init__(
        self,
        client_factory: Callable[[], StaffCentralClient | None],
        audit: AuditSink,
        kiosk_id: str,
        counter: Any,
        *,
        now: Callable[[], float] = time.time,
        max_wait_s: float = 30 * 60,
    ):
        self._client_factory = client_factory
        self._audit = audit
        self.kiosk_id = kiosk_id
        self._counter = counter
        self._now = now
        self.max_wait_s = max_wait_s
        self._lock = threading.Lock()
        self._pending: list[HelpTicket] = []
        self._sent_later: dict[tuple[int, float], HelpTicket] = {}

    def _client(self) -> StaffCentralClient | None:
        try:
            return self._client_factory()
        except Exception as e:  # noqa: BLE001 - no central known yet: the request waits
            log.info("help_no_central", error=type(e).__name__)
            return None

    def ask(self, screen: str, existing: HelpTicket | None = None) -> HelpTicket:
        """Raise a request from ``screen`` (or return ``existing``, this session's, if still open)."""
        if existing is not None:
            with self._lock:
                later = self._sent_later.get((existing.number, existing.raised_at))
                waiting = existing in self._pending
            if later is not None:
                return later
            if existing.sent or waiting:
                return existing
        number = int(self._counter.next())
        ticket = HelpTicket(number, screen, self._now())
        client = self._client()
        try:
            raised = request_help(self._audit, client, self.kiosk_id, ticket.central_screen)
        finally:
            if client is not None:
                client.close()
        if raised.on_central:
            ticket = replace(ticket, request_id=raised.request_id)
            log.info("help_raised", number=ticket.number)
        else:
            with self._lock:
                self._pending.append(ticket)
            log.info("help_queued", number=ticket.number)
        return ticket

    def pending(self) -> list[HelpTicket]:
        with self._lock:
            return list(self._pending)

    def flush(self) -> list[HelpTicket]:
        """Send what waits (oldest first); returns the tickets the central now knows."""
        with self._lock:
            waiting, self._pending = self._pending, []
        now = self._now()
        fresh = [t for t in waiting if now - t.raised_at <= self.max_wait_s]
        if len(fresh) < len(waiting):
            log.info("help_dropped_stale", n=len(waiting) - len(fresh))
        if not fresh:
            return []
        sent: list[HelpTicket] = []
        client = self._client()
        try:
            for i, t in enumerate(fresh):
                if client is None:
                    self._requeue(fresh[i:])
                    break
                try:
                    rid = client.raise_help_request(self.kiosk_id, t.central_screen)
                except (CentralUnreachable, CentralRefused) as e:
                    log.info("help_still_not_sent", error=type(e).__name__)
                    self._requeue(fresh[i:])
                    break
                self._audit.append(
                    "citizen", "help.sent_later", {"kiosk_id": self.kiosk_id, "screen": t.central_screen}
                )
                done = replace(t, request_id=rid)
                with self._lock:
                    self._sent_later[(t.number, t.raised_at)] = done
                sent.append(done)
        finally:
            if client is not None:
                client.close()
        return sent

    def _requeue(self, tickets: list[HelpTicket]) -> None:
        with self._lock:
            self._pending = tickets + self._pending

    def standing(self, ticket: HelpTicket) -> HelpStanding | None:
        """Where the request stands now, or None when the central cannot say (not sent yet,
        unreachable, or it refuses this kiosk): then the screen says so, and promises nothing."""
        ticket = self._latest(ticket)
        if ticket.request_id is None:
            return None
        client = self._client()
        if client is None:
            return None
        try:
            return client.help_standing(ticket.request_id)
        except (CentralUnreachable, CentralRefused) as e:
            log.info("help_standing_unknown", error=type(e).__name__)
            return None
        finally:
            client.close()

    def cancel(self, ticket: HelpTicket) -> bool:
        """Withdraw the request. True when nobody will be sent for it any more: dropped here
        before it was sent, or marked cancelled (or already closed) by the central."""
        with self._lock:
            before = len(self._pending)
            self._pending = [
                t for t in self._pending if (t.number, t.raised_at) != (ticket.number, ticket.raised_at)
            ]
            dropped = len(self._pending) < before
        ticket = self._latest(ticket)
        if ticket.request_id is None:
            if dropped:
                self._audit.append(
                    "citizen", "help.cancelled", {"kiosk_id": self.kiosk_id, "on_central": False}
                )
            return dropped
        client = self._client()
        if client is None:
            return False
        try:
            answer = client.cancel_help_request(ticket.request_id)
        except (CentralUnreachable, CentralRefused) as e:
            log.info("help_cancel_not_sent", error=type(e).__name__)
            return False
        finally:
            client.close()
        self._audit.append("citizen", "help.cancelled", {"kiosk_id": self.kiosk_id, "on_central": True})
        log.info("help_cancelled", number=ticket.number)
        return answer.status != "open"

    def _latest(self, ticket: HelpTicket) -> HelpTicket:
        """The ticket as last known (a request sent later has the central's ID now)."""
        with self._lock:
            return self._sent_later.get((ticket.number, ticket.raised_at), ticket)
