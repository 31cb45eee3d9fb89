"""``kiosk devices list``: every peripheral and its health, from the device registry."""

from __future__ import annotations

import argparse
from pathlib import Path

from devices.registry import list_devices
from kiosk.cli import Cli
from kiosk.commands._output import emit
from kiosk.config import load_config
from kiosk.devices_setup import device_settings


def register(cli: Cli) -> None:
    p = cli.group("devices").add_parser("list", help="list the peripherals and their state")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=list_cmd)


def list_cmd(args: argparse.Namespace) -> int:
    cfg = load_config(Path(args.config) if args.config else None)
    found = list_devices(device_settings(cfg))
    if args.json:
        emit([d.__dict__ for d in found], True)
    else:
        for d in found:
            print(f"{d.kind:12} {d.state:7} {d.driver:16} {d.name}  {d.detail}")
    return 0
