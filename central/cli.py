"""The central's own command line (``central …`` or ``python -m central …``).

    central serve [--host H] [--port P] [--data DIR] [--agency CODE] [--db URL] [--workers N]
                  [--profile production|demo] [--allowed-host NAME]… [--trusted-proxy ADDRESS]…
    central migrate --data DIR [--db URL]
    central blobs-sweep --data DIR [--db URL] [--min-age-min 60]
    central user add USERNAME --name NAME --role officer|supervisor|technician|admin --agency CODE… --data DIR [--db URL]
    central user list --data DIR [--db URL] [--json]
    central user passwd USERNAME --data DIR [--db URL]
    central staff add ID --name NAME --role officer|supervisor|technician [--agency CODE] --data DIR
    central staff card ID --data DIR [--json] [--out FILE.png]
    central staff list --data DIR [--json]
    central enroll-code [--agency CODE] --data DIR [--central URL] [--qr-png FILE] [--json]
    central sign-config --data DIR --kiosk ID --version N --in CONFIG.toml --out FILE
    central fleet-command --data DIR --kiosk ID --kind out_of_service|in_service|…

The kiosk never imports this package: its ``kiosk sandbox …`` runs this program as a separate
process (see :mod:`kiosk.demo_central`). PINs, passwords and ID numbers are read from standard input only
(never an argument: arguments show in ``ps`` and in shell history).
"""

from __future__ import annotations

import argparse
import getpass
import json
import socket
import sys
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.commands._output import emit, fail, guarded
from kiosk.errors import KioskError

#: Printed on standard error once the server accepts connections; a parent process (the demo
#: kiosk, tests) reads the URL and the site key from it.
READY_PREFIX = "central ready: "
WORKER_START_S = 60


def _data(args: argparse.Namespace) -> Path:
    return Path(args.data)


def _settings(args: argparse.Namespace, folder: Path | None = None, **more: Any) -> Any:
    import os

    from central.settings import ENV_DB, CentralSettings, SettingsError

    try:
        return CentralSettings(
            data_dir=folder or _data(args),
            db_url=getattr(args, "db", None) or os.environ.get(ENV_DB, ""),
            **more,
        )
    except SettingsError as e:
        raise KioskError(str(e), code="central.settings") from None


def _state(ddir: Path, args: argparse.Namespace | None = None) -> Any:
    from central.app import SandboxState
    from central.db import open_database

    settings = _settings(args, ddir) if args is not None else None
    return SandboxState(data_dir=ddir, db=open_database(settings or ddir), settings=settings)


def _read_secret(prompt: str) -> str:
    line = getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline()
    line = line.rstrip("\r\n")
    if not line:
        raise KioskError("nothing on standard input", code="staff.no_pin")
    return line


# ---------------------------------------------------------------- serve


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    from central.app import create_app
    from central.db import SchemaError

    if args.data:
        folder = Path(args.data)
    else:
        from kiosk.paths import data_dir

        folder = data_dir() / "sandbox"
    from central.settings import LOOPBACK_HOSTS

    settings = _settings(
        args,
        folder,
        agency_code=args.agency,
        workers=args.workers,
        blob_dir=args.blobs or None,
        trusted_proxies=tuple(args.trusted_proxy or ()),
        # Workers rebuild the security settings from these (central.app:app_from_env).
        profile=args.profile,
        allowed_hosts=tuple(args.allowed_host or ()) or LOOPBACK_HOSTS,
    )
    try:
        # Migrates the schema and creates the keys once, before any worker starts.
        app = create_app(settings)
    except SchemaError as e:
        raise KioskError(str(e), code="central.schema") from None
    key = app.state.sandbox.extra["site_api_key"]
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    # Bind here so --port 0 can print the real port; IPPROTO_TCP so asyncio sets TCP_NODELAY.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as e:
        sock.close()
        raise KioskError(f"cannot listen on {args.host}:{args.port}: {e.strerror}") from None
    sock.listen(1024)  # connections made as soon as the URL is printed wait in the backlog
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if family == socket.AF_INET6 else args.host
    url = f"http://{host}:{port}/"
    from central.settings import redact_url

    # First line unchanged in shape ("sandbox central: URL"): scripts read the URL from it.
    print(
        f"sandbox central: {url}  (data: {folder}; database: {redact_url(settings.database_url)}; "
        f"workers: {settings.workers}; profile: {settings.profile})",
        file=sys.stderr,
        flush=True,
    )
    if key:
        print(f"site API key (demo profile only): {key}", file=sys.stderr)
    print(f"staff console: {url}console (sign in: {url}signin)   spec: {url}openapi.json", file=sys.stderr)
    ready = {"url": url, "api_key": key, "data": str(folder), "workers": settings.workers}
    if settings.workers == 1:
        print(READY_PREFIX + json.dumps(ready), file=sys.stderr)
        sys.stderr.flush()
        # Forwarded headers are believed only from the proxy named with --trusted-proxy; open
        # keep-alive connections (kiosks polling) must not hold a stop for long.
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                log_level="warning",
                access_log=False,
                timeout_graceful_shutdown=2,
                **settings.uvicorn_proxy_options(),
            )
        )
        if args.exit_with_parent:
            _watch_parent(server)
        server.run(sockets=[sock])
        return 0
    if args.exit_with_parent:
        raise KioskError("--exit-with-parent is for the demo's single-process central, not --workers")
    # Several workers: uvicorn spawns fresh processes, each building the app from the
    # environment (central.app:app_from_env); they share the listening socket and the database.
    app.state.sandbox.db.kw["bind"].dispose()
    os.environ.update(settings.to_env())
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        "central.app:app_from_env",
        factory=True,
        workers=settings.workers,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=5,
        **settings.uvicorn_proxy_options(),
    )

    class Workers(Multiprocess):
        failed = False

        def init_processes(self) -> None:
            super().init_processes()
            # Ready only once every worker serves: whoever reads the line may send at once.
            if all(p.wait_until_ready(WORKER_START_S, self.should_exit) for p in self.processes):
                print(READY_PREFIX + json.dumps(ready), file=sys.stderr, flush=True)
                return
            print(f"central: a worker did not start within {WORKER_START_S} s; stopping", file=sys.stderr)
            self.failed = True
            self.should_exit.set()

    workers = Workers(config, sockets=[sock])
    workers.run()
    return 1 if workers.failed else 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from central.blobstore import open_blob_store
    from central.db import SchemaError, current_revision, make_engine, upgrade
    from central.settings import redact_url

    settings = _settings(args, blob_dir=args.blobs or None)
    engine = make_engine(settings.database_url)
    try:
        with engine.connect() as conn:
            before = current_revision(conn)
        head = upgrade(engine, open_blob_store(settings.blobs, settings.data_dir))
    except SchemaError as e:
        return fail("central.schema", str(e), args.json)
    finally:
        engine.dispose()
    emit(
        {"database": redact_url(settings.database_url), "from": before, "to": head},
        args.json,
        lambda d: f"{d['database']}: schema {d['from'] or '(none)'} → {d['to']}",
    )
    return 0


def cmd_blobs_sweep(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from central.blobstore import open_blob_store, sweep
    from central.db import open_database
    from central.models import AttachmentRow

    if args.min_age_min < 10:
        return fail(
            "central.usage", "--min-age-min must be at least 10 (submissions in flight)", args.json, 2
        )
    settings = _settings(args, blob_dir=args.blobs or None)
    db = open_database(settings)

    def cited() -> set[str]:
        with db() as s:
            return set(s.scalars(select(AttachmentRow.sha256).distinct()))

    try:
        gone = sweep(open_blob_store(settings.blobs, settings.data_dir), cited, args.min_age_min * 60)
    finally:
        db.kw["bind"].dispose()
    emit({"removed": len(gone)}, args.json, lambda d: f"removed {d['removed']} uncited blob(s)")
    return 0


def cmd_revision(args: argparse.Namespace) -> int:
    """Alembic autogenerate with the central's environment (for developers adding tables)."""
    from alembic import command

    from central.db import _alembic_config, check_at_head, make_engine

    engine = make_engine(_settings(args).database_url)
    check_at_head(engine)
    with engine.begin() as conn:
        command.revision(_alembic_config(conn, None), args.message, autogenerate=True, rev_id=args.id)
    engine.dispose()
    return 0


def _watch_parent(server: Any) -> None:
    """The demo kiosk's central ends with the kiosk, even one killed outright (no orphan server)."""
    import os
    import threading

    parent = os.getppid()

    def watch() -> None:
        while not server.should_exit:
            if os.getppid() != parent:  # re-parented: the kiosk is gone
                server.should_exit = True
                return
            time.sleep(1.0)

    threading.Thread(target=watch, name="central-parent-watch", daemon=True).start()


# ---------------------------------------------------------------- staff accounts


def cmd_staff_add(args: argparse.Namespace) -> int:
    from central.app import SandboxState
    from central.staff import add_staff, id_card_mac

    pin = _read_secret("New PIN: ")
    mac = None
    if args.with_id_card:
        # Personal data: from standard input only, never an argument; only its keyed hash is kept.
        mac = id_card_mac(_data(args), _read_secret("ID card number: "))
    agency = args.agency or str(SandboxState.__dataclass_fields__["agency_code"].default)
    info = add_staff(
        _state(_data(args), args).db,
        args.staff_id,
        name=args.name,
        role=args.role,
        agency=agency,
        pin=pin,
        id_card_mac=mac,
    )
    emit(
        {"staff_id": info.staff_id, "role": info.role, "agency": info.agency, "status": info.status},
        args.json,
        lambda d: f"{d['staff_id']}: {d['role']} of {d['agency']}, active",
    )
    return 0


def cmd_staff_card(args: argparse.Namespace) -> int:
    from central.central_key import central_signing_key
    from central.staff import issue_card
    from kiosk.staff.card import save_card
    from kiosk.staff.credential import decode_credential

    if not 1 <= args.days <= 3650:
        return fail("staff.bad_days", "--days must be between 1 and 3650", args.json, 2)
    text = issue_card(_state(_data(args), args).db, _data(args), args.staff_id, days=args.days)
    out: dict[str, object] = {"staff_id": args.staff_id, "credential": text}
    if args.out:
        cred = decode_credential(text, [central_signing_key(_data(args)).public_raw])
        out["card"] = str(save_card(cred, text, args.out))
    emit(out, args.json, lambda d: str(d["credential"]))
    return 0


def cmd_staff_list(args: argparse.Namespace) -> int:
    from central.staff import list_staff

    rows = [r.__dict__ for r in list_staff(_state(_data(args), args).db)]
    if args.json:
        emit(rows, True)
    else:
        for r in rows:
            lock = "LOCKED" if r["locked"] else ""
            print(f"{r['staff_id']:12} {r['role']:11} {r['agency']:8} {r['status']:8} {lock}")
    return 0


# ---------------------------------------------------------------- people accounts


def _people_call(fn: Any, *args: Any, **kw: Any) -> Any:
    from central.people.accounts import AccountError

    try:
        return fn(*args, **kw)
    except AccountError as e:
        raise KioskError(str(e), code="user.invalid") from None


def cmd_user_add(args: argparse.Namespace) -> int:
    from central.people.accounts import add_person

    password = _read_secret("New password: ")
    person = _people_call(
        add_person,
        _state(_data(args), args).db,
        args.username,
        name=args.name,
        role=args.role,
        agencies=args.agency,
        password=password,
    )
    out = {"username": person.username, "role": person.role, "agencies": list(person.agencies)}
    emit(
        out, args.json, lambda d: f"account {d['username']} ({d['role']}, {','.join(d['agencies'])}) created"
    )
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    from central.people.accounts import list_people

    rows = list_people(_state(_data(args), args).db)
    if args.json:
        emit(rows, True)
    else:
        for r in rows:
            lock = "LOCKED" if r["locked"] else ""
            agencies = ",".join(r["agencies"])  # type: ignore[arg-type]
            print(f"{r['username']:16} {r['role']:11} {agencies:16} {r['status']:8} {lock}")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    from central.people.accounts import set_password

    password = _read_secret("New password: ")
    _people_call(set_password, _state(_data(args), args).db, args.username, password)
    emit(
        {"username": args.username, "changed": True},
        args.json,
        lambda d: f"password of {d['username']} changed",
    )
    return 0


# ---------------------------------------------------------------- kiosks


def cmd_enroll_code(args: argparse.Namespace) -> int:
    from central.enrollment import issue_code

    state = _state(_data(args), args)
    code = issue_code(state.db, args.agency or state.agency_code, ttl_s=args.ttl_min * 60)
    out: dict[str, Any] = {
        "code": code.code,
        "agency": code.agency,
        "expires_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(code.expires_at)),
    }
    if args.qr_png and not args.central:
        return fail("provisioning.usage", "--qr-png needs --central URL (the QR carries it)", args.json, 2)
    if args.central:
        from central.central_key import central_signing_key

        out["qr"] = code.qr_text(args.central, central_signing_key(_data(args)).fingerprint)
    if args.qr_png:
        import segno

        segno.make(out["qr"], error="m").save(str(args.qr_png), scale=10, border=4)
        out["qr_png"] = str(args.qr_png)
    emit(out, args.json, lambda d: f"{d['code']} (agency {d['agency']}, expires {d['expires_at']})")
    return 0


def cmd_sign_config(args: argparse.Namespace) -> int:
    from central.fleet import sign_config
    from kiosk.config import ConfigError, parse_config

    try:
        cfg = tomllib.loads(args.infile.read_text(encoding="utf-8"))
        parse_config(cfg, args.infile)
    except (OSError, tomllib.TOMLDecodeError) as e:
        return fail("config.invalid", f"{args.infile}: {e}", args.json)
    except ConfigError as e:
        return fail("config.invalid", str(e), args.json)
    if args.version < 1:
        return fail("config.invalid", "--version starts at 1", args.json, 2)
    doc = sign_config(_state(_data(args), args), args.kiosk, args.version, cfg)
    args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    emit(
        {"kiosk_id": args.kiosk, "version": args.version, "out": str(args.out), "signer": doc["signer"]},
        args.json,
        lambda d: f"signed version {d['version']} for {d['kiosk_id']} → {d['out']}",
    )
    return 0


def cmd_fleet_command(args: argparse.Namespace) -> int:
    from central.fleet import issue_command

    try:
        cid = issue_command(_state(_data(args), args), args.kiosk, args.kind, at=time.time())
    except (LookupError, ValueError) as e:
        return fail("fleet.no_kiosk", str(e), args.json)
    emit({"command_id": cid, "kiosk_id": args.kiosk, "kind": args.kind}, args.json)
    return 0


# ---------------------------------------------------------------- parser


def _data_options(
    p: argparse.ArgumentParser, *, help: str = "the central's data directory", with_json: bool = True
) -> None:
    """--data (required), --db and, for commands that print, --json: what every store command takes."""
    p.add_argument("--data", required=True, type=Path, help=help)
    _db_option(p)
    if with_json:
        p.add_argument("--json", action="store_true")


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy database URL, e.g. postgresql+psycopg://central@/central?host=/run/postgresql "
        "(default: $CENTRAL_DB_URL, else SQLite in the data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    from provisioning.commands import KINDS

    parser = argparse.ArgumentParser(prog="central", description="The one-stop-shop central system.")
    top = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = top.add_parser("serve", help="run the central's HTTP server (Open311, console, fleet)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8311, help="port (default 8311; 0 = any free port)")
    p.add_argument("--data", metavar="DIR", help="data folder (default: <kiosk data>/sandbox)")
    p.add_argument("--agency", default="DEMO", help="site code of this one-stop shop (default DEMO)")
    _db_option(p)
    p.add_argument(
        "--workers", type=int, default=1, help="worker processes (default 1; more than 1 needs PostgreSQL)"
    )
    p.add_argument("--blobs", type=Path, help="attachment store folder (default: DATA/blobs)")
    p.add_argument(
        "--trusted-proxy",
        action="append",
        metavar="IP",
        help="address of the reverse proxy whose X-Forwarded-For/-Proto are believed (repeatable; "
        "default: none, forwarded headers are ignored)",
    )
    p.add_argument(
        "--profile",
        choices=["production", "demo"],
        default="production",
        help="demo: also accept the shared site key (the demo kiosk and tests only); default production",
    )
    p.add_argument(
        "--allowed-host",
        action="append",
        metavar="NAME",
        help="a host name clients use for this central (repeat; loopback names are always allowed)",
    )
    p.add_argument(
        "--exit-with-parent",
        action="store_true",
        help="stop when the process that started it ends (demo kiosk)",
    )
    p.set_defaults(func=cmd_serve)

    p = top.add_parser("migrate", help="bring the database schema to this version (Alembic)")
    _data_options(p)
    p.add_argument("--blobs", type=Path, help="attachment store folder (default: DATA/blobs)")
    p.set_defaults(func=cmd_migrate)

    p = top.add_parser(
        "blobs-sweep", help="remove attachment blobs no dossier cites (after failed submissions)"
    )
    _data_options(p)
    p.add_argument("--blobs", type=Path, help="attachment store folder (default: DATA/blobs)")
    p.add_argument("--min-age-min", type=int, default=60, help="only blobs older than this (default 60)")
    p.set_defaults(func=cmd_blobs_sweep)

    p = top.add_parser("revision", help="(developers) generate a schema revision from the models")
    _data_options(p, help="a data directory with a database at head", with_json=False)
    p.add_argument("--id", required=True, help="revision id, e.g. 0003_monitoring_events (≤ 32 chars)")
    p.add_argument("-m", "--message", required=True)
    p.set_defaults(func=cmd_revision)

    sp = top.add_parser("user", help="people accounts for the console and fleet pages")
    ug = sp.add_subparsers(dest="user_command", metavar="ACTION")
    p = ug.add_parser("add", help="create an account (password on standard input)")
    p.add_argument("username", metavar="USERNAME")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=["officer", "supervisor", "technician", "admin"])
    p.add_argument(
        "--agency", action="append", required=True, help="agency code the person works for (repeat; * = all)"
    )
    _data_options(p)
    p.set_defaults(func=cmd_user_add)
    p = ug.add_parser("list", help="accounts, roles, agencies and lock state")
    _data_options(p)
    p.set_defaults(func=cmd_user_list)
    p = ug.add_parser("passwd", help="set a new password (standard input); unlocks, ends sessions")
    p.add_argument("username", metavar="USERNAME")
    _data_options(p)
    p.set_defaults(func=cmd_user_passwd)

    sp = top.add_parser("staff", help="staff accounts and cards")
    sg = sp.add_subparsers(dest="staff_command", metavar="ACTION")
    p = sg.add_parser("add", help="create a staff account (PIN on standard input)")
    p.add_argument("staff_id", metavar="ID")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=["officer", "supervisor", "technician"])
    p.add_argument("--agency", help="agency code (default: the central's own)")
    p.add_argument(
        "--with-id-card",
        action="store_true",
        help="also read the officer's chip ID card number (second line of standard input) for card sign-in",
    )
    _data_options(p)
    p.set_defaults(func=cmd_staff_add)

    p = sg.add_parser("card", help="issue a signed staff credential (the card's QR text)")
    p.add_argument("staff_id", metavar="ID")
    _data_options(p)
    p.add_argument("--out", type=Path, help="also write the printable card as PNG")
    p.add_argument("--days", type=int, default=365, help="validity in days (default 365)")
    p.set_defaults(func=cmd_staff_card)

    p = sg.add_parser("list", help="staff accounts and their lock state")
    _data_options(p)
    p.set_defaults(func=cmd_staff_list)

    p = top.add_parser("enroll-code", help="issue a one-time kiosk enrollment code")
    _data_options(p)
    p.add_argument("--agency", help="agency code (default: the central's own)")
    p.add_argument(
        "--ttl-min", type=int, default=24 * 60, help="minutes until the code expires (default 1440)"
    )
    p.add_argument("--central", metavar="URL", help="central URL to put in the QR text")
    p.add_argument(
        "--qr-png", type=Path, metavar="FILE", help="also write the KENROLL1 QR as a PNG (needs --central)"
    )
    p.set_defaults(func=cmd_enroll_code)

    p = top.add_parser("sign-config", help="sign a configuration (TOML) for one kiosk")
    _data_options(p)
    p.add_argument("--kiosk", required=True)
    p.add_argument("--version", required=True, type=int)
    p.add_argument("--in", dest="infile", required=True, type=Path)
    p.add_argument("--out", required=True, type=Path)
    p.set_defaults(func=cmd_sign_config)

    p = top.add_parser("fleet-command", help="queue a signed remote command for a kiosk")
    _data_options(p)
    p.add_argument("--kiosk", required=True)
    p.add_argument("--kind", required=True, choices=KINDS)
    p.set_defaults(func=cmd_fleet_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    return guarded(func, args)


if __name__ == "__main__":
    sys.exit(main())
