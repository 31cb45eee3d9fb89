"""The ``kiosk`` console script: the domain CLI plus the GUI (no sub-command) and screenshots."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from kiosk.cli import build_cli, run


def main(argv: Sequence[str] | None = None) -> int:
    cli = build_cli()
    cli.parser.add_argument(
        "--windowed", action="store_true", help="a 1080×1920 window instead of fullscreen"
    )
    cli.parser.add_argument("--landscape", action="store_true", help="with --windowed: 1920×1080")
    cli.parser.add_argument(
        "--lang", choices=["vi", "en"], help="start language (default from configuration)"
    )
    p = cli.top.add_parser("screenshots", help="render each main screen (vi/en, portrait/landscape) to PNG")
    p.add_argument("out_dir")
    p.set_defaults(func=_screenshots)
    args = cli.parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        from ui.app import run_app

        return run_app(args)
    return run(args)


def _screenshots(args) -> int:  # type: ignore[no-untyped-def]
    from ui.screenshots import render_all

    return render_all(args)


if __name__ == "__main__":
    sys.exit(main())
