"""The command line: one parser, commands contributed by each area.

Every area owns one module in :mod:`kiosk.commands` with a ``register(cli)`` function that
adds its sub-commands (``cli.group("devices").add_parser(...)``) and sets ``func`` on them.
A handler takes the parsed ``argparse.Namespace`` and returns the exit status. Expected
failures are :class:`kiosk.errors.KioskError` / :class:`devices.errors.DeviceError`: they
become a one-line message (or ``{"error": {...}}`` with ``--json``) and a non-zero exit,
never a traceback. The GUI itself is started by :mod:`ui.launch` (the console script),
which extends this parser; ``python -m kiosk`` is the same CLI without Qt.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from kiosk import __version__

# Areas contributing commands, in help order. Each module defines register(cli).
COMMAND_MODULES = (
    "kiosk.commands.config_cmd",
    "kiosk.commands.devices_cmd",
    "kiosk.commands.camera_cmd",
    "kiosk.commands.card_cmd",
    "kiosk.commands.printer_cmd",
    "kiosk.commands.scanner_cmd",
    "kiosk.commands.central_cmd",
    "kiosk.commands.outbox_cmd",
    "kiosk.commands.staff_cmd",
    "kiosk.commands.provision_cmd",
    "kiosk.commands.speech_cmd",
)

# Where some commands live, so that `kiosk devices decode-qr` imports its own module and not
# every area's (each brings its dependencies: about a second together). An entry that is
# missing or stale only costs time: when the command is not found after importing these
# modules, the full CLI is built (so is it for help).
COMMAND_INDEX = {
    "devices decode-qr": "kiosk.commands.scanner_cmd",
    "devices find-document": "kiosk.commands.scanner_cmd",
    "devices scan-document": "kiosk.commands.scanner_cmd",
    "devices list": "kiosk.commands.devices_cmd",
    "devices calibrate-camera": "kiosk.commands.camera_cmd",
}

GROUPS = {
    "config": "check and print the configuration",
    "devices": "list, test and use the peripherals",
    "procedures": "search the procedure catalog and ask where to apply",
    "outbox": "dossiers waiting to be sent, and what happened to them",
    "audit": "the hash-chained audit log",
    "staff": "staff sign-in and credentials on this kiosk",
    "provision": "enroll this kiosk, apply signed configuration, heartbeat",
    "receipt": "render tracking receipts",
    "report": "end-of-day figures",
}


class Cli:
    """What a command module sees: the top-level sub-parsers and the named groups."""

    def __init__(self, parser: argparse.ArgumentParser):
        self.parser = parser
        self.top = parser.add_subparsers(dest="command", metavar="COMMAND")
        self._groups: dict[str, argparse._SubParsersAction] = {}
        self._group_parsers: dict[str, argparse.ArgumentParser] = {}
        for name, help_text in GROUPS.items():
            p = self.top.add_parser(name, help=help_text)
            p.set_defaults(func=_group_help(p))
            self._group_parsers[name] = p
            self._groups[name] = p.add_subparsers(dest=f"{name}_command", metavar="ACTION")

    def group(self, name: str) -> argparse._SubParsersAction:
        """Sub-parsers of a group: ``cli.group("devices").add_parser("read-card")``."""
        return self._groups[name]

    def group_parser(self, name: str) -> argparse.ArgumentParser:
        """The group's own parser, for a group that also acts with no action (``kiosk sandbox``)."""
        return self._group_parsers[name]


def _group_help(p: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    def show(_args: argparse.Namespace) -> int:
        p.print_help()
        return 2

    return show


def _command_words(argv: Sequence[str]) -> tuple[str, ...] | None:
    """The first two words that are not options ("devices", "decode-qr"), or None for help."""
    words: list[str] = []
    skip = False
    for a in argv:
        if skip:
            skip = False
        elif a in ("-h", "--help", "--version"):
            return None
        elif a == "--config":
            skip = True
        elif not a.startswith("-"):
            words.append(a)
            if len(words) == 2:
                break
    return tuple(words)


def _new_cli() -> Cli:
    parser = argparse.ArgumentParser(prog="kiosk", description="One-stop-shop self-service kiosk.")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="configuration file (default: $KIOSK_CONFIG or the platform config dir)",
    )
    return Cli(parser)


def build_cli(argv: Sequence[str] | None = None) -> Cli:
    """The parser; given ``argv``, only the modules its command needs when that is known."""
    words = _command_words(argv) if argv is not None else None
    module = COMMAND_INDEX.get(" ".join(words)) if words and len(words) == 2 else None
    if module is not None:
        cli = _new_cli()
        importlib.import_module(module).register(cli)
        if words is not None and words[1] in cli.group(words[0]).choices:
            return cli
    cli = _new_cli()
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(cli)
    return cli


def run(args: argparse.Namespace) -> int:
    from kiosk.commands._output import guarded
    from kiosk.logs import configure_logging

    func = getattr(args, "func", None)
    if func is None:
        return 2
    # Logs go to the rotating file, never to stdout, where they would corrupt --json output.
    try:
        configure_logging()
    except OSError:
        pass  # an unwritable log dir must not stop a technician's command
    return guarded(func, args)


def run_sandbox(rest: list[str]) -> int:
    """``kiosk sandbox [ARGS]`` runs the central's own program (``central serve`` when ARGS are
    options only): the kiosk ships no server code and never imports it."""
    import subprocess

    from kiosk.demo_central import central_command

    if not rest or rest[0].startswith("-"):
        rest = ["serve", "--profile", "demo", *rest]  # the kiosk's sandbox is the demo's central
    try:
        return subprocess.call(central_command(*rest))  # noqa: S603 - our own interpreter
    except KeyboardInterrupt:
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["sandbox"]:
        return run_sandbox(argv[1:])
    cli = build_cli(argv)
    args = cli.parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        cli.parser.print_help()
        return 2
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
