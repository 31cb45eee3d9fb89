"""The ``kiosk`` console script: the domain CLI plus the GUI (no sub-command) and screenshots."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kiosk.cli import build_cli, run, run_sandbox


def _gui_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--windowed", action="store_true", help="a 1080×1920 window instead of fullscreen")
    parser.add_argument("--landscape", action="store_true", help="with --windowed: 1920×1080")
    parser.add_argument("--lang", choices=["vi", "en"], help="start language (default from configuration)")


def _gui_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when they only start the GUI (no sub-command, no help), else None.

    Building the full CLI imports every area's command module (numpy, SQLAlchemy …), which
    costs a second of start-up the kiosk's first frame does not need.
    """
    if any(a in ("-h", "--help", "--version") for a in argv):
        return None
    p = argparse.ArgumentParser(prog="kiosk", add_help=False)
    p.add_argument("--config", metavar="PATH")
    _gui_options(p)
    try:
        args, rest = p.parse_known_args(list(argv))
    except SystemExit:
        return None
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["sandbox"]:  # the central's own program, in a process of its own
        return run_sandbox(argv[1:])
    gui_args = _gui_only(argv)
    if gui_args is not None:
        from ui.app import run_app

        return run_app(gui_args)
    cli = build_cli(argv)
    _gui_options(cli.parser)
    p = cli.top.add_parser("screenshots", help="render each main screen (vi/en, portrait/landscape) to PNG")
    p.add_argument("out_dir")
    p.add_argument(
        "--palette", action="store_true", help="256-colour PNGs, about 40 %% of the size (for docs/)"
    )
    p.set_defaults(func=_screenshots)
    p = cli.top.add_parser(
        "a11y-report", help="per screen state: names, targets, contrast, speech coverage, clipping"
    )
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument(
        "--dpi", type=float, default=102.4, help="panel pixels per inch (default: 21.5in 1080x1920)"
    )
    p.set_defaults(func=_a11y_report)
    args = cli.parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        from ui.app import run_app

        return run_app(args)
    return run(args)


def _screenshots(args) -> int:  # type: ignore[no-untyped-def]
    from ui.screenshots import render_all

    return render_all(args)


def _a11y_report(args) -> int:  # type: ignore[no-untyped-def]
    from ui.a11y_report import run as report

    return report(args)


if __name__ == "__main__":
    sys.exit(main())
