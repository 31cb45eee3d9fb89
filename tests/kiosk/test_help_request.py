"""Ask for staff help against the real sandbox central on loopback: a numbered request shows
on the staff console; offline it waits and is sent when the central answers again."""

from __future__ import annotations

import socket
from pathlib import Path

from kiosk.central.client import ApiKeyAuth
from kiosk.help_request import DailyCounter, HelpDesk, MemoryCounter
from kiosk.staff.client import StaffCentralClient
from offline_cache import Store
from tests.peers.people import session_as
from tests.peers.sandbox import TEST_KIOSK_ID, sandbox  # noqa: F401


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _console(sb) -> str:  # type: ignore[no-untyped-def]
    r = session_as(sb).get(sb.url + "console", timeout=10)  # a signed-in officer's console
    r.raise_for_status()
    return r.text


def _desk(sb, store: Store, url: str | None = None, **kw) -> HelpDesk:  # type: ignore[no-untyped-def]
    base = {"url": url or sb.url}

    def factory() -> StaffCentralClient:
        return StaffCentralClient(
            base["url"], auth=ApiKeyAuth(sb.api_key, TEST_KIOSK_ID), read_timeout_s=5, connect_timeout_s=2
        )

    desk = HelpDesk(factory, store.audit, TEST_KIOSK_ID, DailyCounter(store), **kw)
    desk._test_base = base  # type: ignore[attr-defined]
    return desk


def test_help_request_is_numbered_and_visible_on_the_staff_console(sandbox, isolated_kiosk_env: Path):  # noqa: F811
    with Store.open(isolated_kiosk_env) as store:
        desk = _desk(sandbox, store)
        first = desk.ask("find")
        second = desk.ask("track")
        assert first.sent and second.sent
        assert (first.number, second.number) == (1, 2)
        assert first.label == "01"
        # Same session asking again: the same request, not a second one.
        assert desk.ask("help", existing=first) == first
        page = _console(sandbox)
        assert f"help-{first.request_id}" in page and "find #01" in page and "track #02" in page
        assert TEST_KIOSK_ID in page
        actions = [e.action for e in store.audit.entries()]
        assert actions.count("help.requested") == 2


def test_numbers_continue_after_a_restart_and_restart_each_day(isolated_kiosk_env: Path):
    t = {"now": 1_790_000_000.0}
    with Store.open(isolated_kiosk_env) as store:
        assert DailyCounter(store, lambda: t["now"]).next() == 1
        assert DailyCounter(store, lambda: t["now"]).next() == 2
    with Store.open(isolated_kiosk_env) as store:
        assert DailyCounter(store, lambda: t["now"]).next() == 3
        t["now"] += 86400
        assert DailyCounter(store, lambda: t["now"]).next() == 1


def test_offline_request_waits_then_is_sent_when_the_central_answers(sandbox, isolated_kiosk_env: Path):  # noqa: F811
    with Store.open(isolated_kiosk_env) as store:
        desk = _desk(sandbox, store, url=f"http://127.0.0.1:{_closed_port()}/")
        ticket = desk.ask("documents")
        assert not ticket.sent and desk.pending() == [ticket]
        assert "documents #01" not in _console(sandbox)
        assert desk.flush() == [] and desk.pending() == [ticket]  # still down: still waiting
        desk._test_base["url"] = sandbox.url  # type: ignore[attr-defined]  # the network is back
        sent = desk.flush()
        assert len(sent) == 1 and sent[0].sent and sent[0].number == ticket.number
        assert desk.pending() == []
        assert "documents #01" in _console(sandbox)
        # The session's stale copy of the ticket now maps to the sent one.
        assert desk.ask("help", existing=ticket) == sent[0]


def test_central_errors_keep_the_request_waiting(sandbox, isolated_kiosk_env: Path):  # noqa: F811
    with Store.open(isolated_kiosk_env) as store:
        desk = _desk(sandbox, store)
        sandbox.faults.set(error_rate=1.0)
        ticket = desk.ask("home")
        assert not ticket.sent and desk.pending() == [ticket]
        sandbox.faults.clear()
        assert [t.number for t in desk.flush()] == [ticket.number]


def test_a_request_waiting_too_long_is_dropped(isolated_kiosk_env: Path):
    now = {"t": 1000.0}
    desk = HelpDesk(lambda: None, _NullAudit(), "K1", MemoryCounter(), now=lambda: now["t"], max_wait_s=60)
    ticket = desk.ask("home")
    assert not ticket.sent and ticket.number == 1
    now["t"] += 61
    assert desk.flush() == [] and desk.pending() == []


class _NullAudit:
    def __init__(self) -> None:
        self.entries: list[tuple[str, str]] = []

    def append(self, actor, action, details):  # type: ignore[no-untyped-def]
        self.entries.append((actor, action))


def test_standing_then_cancel_takes_it_off_the_console(sandbox, isolated_kiosk_env: Path):  # noqa: F811
    with Store.open(isolated_kiosk_env) as store:
        desk = _desk(sandbox, store)
        ticket = desk.ask("documents")
        st = desk.standing(ticket)
        # The sandbox's officers are signed in only through the tests' people helper.
        assert st is not None and st.status == "open" and st.position is not None and st.position >= 1
        session_as(sandbox)  # an officer of every agency signs in to the console
        assert desk.standing(ticket).staff_on_duty >= 1  # type: ignore[union-attr]
        assert f"help-{ticket.request_id}" in _console(sandbox)
        assert desk.cancel(ticket) is True
        assert f"help-{ticket.request_id}" not in _console(sandbox)
        assert desk.standing(ticket).status == "cancelled"  # type: ignore[union-attr]
        assert "help.cancelled" in [e.action for e in store.audit.entries()]


def test_offline_standing_unknown_cancel_drops_it(sandbox, isolated_kiosk_env: Path):  # noqa: F811
    with Store.open(isolated_kiosk_env) as store:
        desk = _desk(sandbox, store, url=f"http://127.0.0.1:{_closed_port()}/")
        ticket = desk.ask("home")
        assert not ticket.sent and desk.pending() == [ticket]
        assert desk.standing(ticket) is None  # nothing promised: the screen says it cannot ask
        assert desk.cancel(ticket) is True and desk.pending() == []
        desk._test_base["url"] = sandbox.url  # type: ignore[attr-defined]
        assert desk.flush() == []  # nothing left to send once the central answers again


def test_sent_request_not_cancelled_while_unreachable(sandbox, isolated_kiosk_env: Path):  # noqa: F811
    with Store.open(isolated_kiosk_env) as store:
        desk = _desk(sandbox, store)
        ticket = desk.ask("home")
        desk._test_base["url"] = f"http://127.0.0.1:{_closed_port()}/"  # type: ignore[attr-defined]
        assert desk.cancel(ticket) is False  # the screen says staff may still come
        assert desk.standing(ticket) is None
        assert f"help-{ticket.request_id}" in _console(sandbox)
