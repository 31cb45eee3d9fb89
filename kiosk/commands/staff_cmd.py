"""Staff commands.

Staff accounts and cards are the central's (``central staff add|card|list``).

On the kiosk (the same code path as the sign-in overlay)::

    kiosk staff login --credential TEXT [--central URL] [--json]        (PIN on standard input)
    kiosk staff list [--json]
    kiosk staff unlock ID --supervisor-credential TEXT [--central URL] [--json]   (supervisor PIN on stdin)
    kiosk report day [--date YYYY-MM-DD] [--json]

PINs are read from standard input only (never an argument: arguments show in ``ps`` and in
shell history), are never echoed, printed or logged.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.cli import Cli
from kiosk.commands._output import emit, fail
from kiosk.config import KioskConfig, load_config
from kiosk.errors import KioskError
from kiosk.paths import data_dir
from kiosk.staff.auth import StaffAuth
from kiosk.staff.errors import StaffAuthError


def register(cli: Cli) -> None:
    g = cli.group("staff")
    p = g.add_parser("login", help="sign a staff member in (PIN on standard input)")
    p.add_argument("--credential", required=True, help="the text of the staff card's QR code")
    _central_arg(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=login)

    p = g.add_parser("list", help="staff credentials this kiosk knows, and their lock state")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=list_known)

    p = g.add_parser("unlock", help="lift a lock with a supervisor's card (supervisor PIN on standard input)")
    p.add_argument("staff_id", metavar="ID")
    p.add_argument("--supervisor-credential", required=True)
    _central_arg(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=unlock)

    p = cli.group("report").add_parser("day", help="end-of-day figures (no personal data)")
    p.add_argument("--date", help="YYYY-MM-DD, local date (default: today)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=report_day)


def _central_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--central", metavar="URL", help="the central's base URL (default: from the configuration)"
    )


def read_pin(prompt: str = "PIN: ") -> str:
    """One line from standard input, without echo on a terminal."""
    if sys.stdin.isatty():
        pin = getpass.getpass(prompt)
    else:
        pin = sys.stdin.readline()
    pin = pin.rstrip("\r\n")
    if not pin:
        raise KioskError("no PIN on standard input", code="staff.no_pin")
    return pin


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or "en"


# ---------------------------------------------------------------- on the kiosk


@contextmanager
def staff_auth(args: argparse.Namespace, cfg: KioskConfig | None = None) -> Iterator[StaffAuth]:
    """The kiosk's :class:`StaffAuth` wired to its store, audit log and central."""
    from kiosk.staff.wiring import open_staff_auth

    cfg = cfg or load_config(Path(args.config) if getattr(args, "config", None) else None)
    with open_staff_auth(cfg, data_dir(), central_url=getattr(args, "central", None)) as auth:
        yield auth


def login(args: argparse.Namespace) -> int:
    pin = read_pin()
    with staff_auth(args) as auth:
        try:
            session = auth.sign_in(args.credential, pin)
        except StaffAuthError as e:
            return _auth_failed(e, args)
        auth.sign_out(session, "cli")
    emit(
        {
            "staff_id": session.staff_id,
            "role": session.role,
            "agency": session.agency,
            "verified_by": session.verified_by,
        },
        args.json,
        lambda d: (
            f"{d['staff_id']} ({d['role']}, {d['agency']}) signed in, verified by the {d['verified_by']}"
        ),
    )
    return 0


def _auth_failed(e: StaffAuthError, args: argparse.Namespace) -> int:
    if args.json:
        emit({"error": e.as_dict(_lang(args))}, True)
    else:
        print(f"error: {e.user_text(_lang(args))}", file=sys.stderr)
    return 1


def list_known(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    with staff_auth(args) as auth:
        rows = [
            {
                "staff_id": k.staff_id,
                "role": k.role,
                "agency": k.agency,
                "credential_id": k.credential_id,
                "credential_expires": k.credential_expires,
                "last_seen": k.last_seen,
                "failures": k.failures,
                "locked": k.locked(now),
                "locked_until": k.locked_until if k.locked(now) else None,
                "offline_until": k.offline_until if k.offline_until and k.offline_until > now else None,
            }
            for k in auth.known()
        ]
    if args.json:
        emit(rows, True)
    else:
        if not rows:
            print("no staff credential has been used on this kiosk")
        for r in rows:
            state = "LOCKED" if r["locked"] else "ok"
            offline = "offline sign-in possible" if r["offline_until"] else "online only"
            print(f"{r['staff_id']:12} {r['role']:11} {r['agency']:8} {state:7} {offline}")
    return 0


def unlock(args: argparse.Namespace) -> int:
    pin = read_pin("Supervisor PIN: ")
    with staff_auth(args) as auth:
        try:
            sup = auth.unlock(args.staff_id, args.supervisor_credential, pin)
        except StaffAuthError as e:
            return _auth_failed(e, args)
        auth.sign_out(sup, "cli")
    emit(
        {"staff_id": args.staff_id, "unlocked": True, "by": sup.staff_id, "verified_by": sup.verified_by},
        args.json,
        lambda d: f"{d['staff_id']} unlocked by {d['by']}",
    )
    return 0


def report_day(args: argparse.Namespace) -> int:
    from datetime import date

    from kiosk.report import day_report_from_kiosk

    try:
        day = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError:
        return fail("report.bad_date", f"--date must be YYYY-MM-DD (got {args.date!r})", args.json, 2)
    cfg = load_config(Path(args.config) if getattr(args, "config", None) else None)
    report = day_report_from_kiosk(cfg, data_dir(), day)
    emit(report.to_dict() if args.json else report.as_text(_lang(args)), args.json)
    return 0
