"""``kiosk config check PATH`` and ``kiosk config example``."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli import Cli
from kiosk.commands._output import emit, fail
from kiosk.config import EXAMPLE, ConfigError, load_config


def register(cli: Cli) -> None:
    g = cli.group("config")
    p = g.add_parser("check", help="validate a configuration file without starting")
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=check)
    p = g.add_parser("example", help="print a complete valid configuration to start from")
    p.set_defaults(func=lambda _a: print(EXAMPLE, end="") or 0)


def check(args: argparse.Namespace) -> int:
    try:
        cfg = load_config(args.path)
    except ConfigError as e:
        if args.json:
            emit(
                {
                    "ok": False,
                    "file": str(args.path),
                    "problems": [{"key": p.key, "message": p.message} for p in e.problems],
                },
                True,
            )
            return 1
        return fail("config.invalid", str(e), False)
    emit(
        {"ok": True, "file": str(args.path), "demo": cfg.is_demo} if args.json else f"{args.path}: OK",
        args.json,
    )
    return 0
