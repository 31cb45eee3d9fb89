"""Speech commands, on the code paths the kiosk speaks through.

``kiosk speech text "…" [--lang vi|en]``               the exact words that would be spoken
``kiosk speech say "…" [--lang vi|en] [--wav OUT] [--slow]``  synthesise (espeak-ng) to a file or the speaker
``kiosk speech screen NAME [--lang vi|en] [--json]``    a screen state's speech script
``kiosk speech screens``                                 the screen states that have a script
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli import Cli
from kiosk.commands._output import emit, fail
from kiosk.speech import scripts
from kiosk.speech.normalise import speakable
from kiosk.speech.synth import SynthError, measure, play, to_wav


def register(cli: Cli) -> None:
    group = cli.top.add_parser(
        "speech", help="what the kiosk says: normalised text, synthesis, screen scripts"
    )
    sub = group.add_subparsers(dest="speech_command", metavar="ACTION")

    def usage(_args: argparse.Namespace) -> int:
        group.print_help()
        return 2

    group.set_defaults(func=usage)

    p = sub.add_parser("text", help="print exactly the words that would be spoken for TEXT")
    p.add_argument("text")
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_text)

    p = sub.add_parser("say", help="synthesise TEXT (after normalisation) to a WAV file or the speaker")
    p.add_argument("text")
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument("--wav", metavar="OUT.wav", help="write a WAV file instead of playing")
    p.add_argument("--slow", action="store_true", help="the slower rate a citizen can ask for")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_say)

    p = sub.add_parser("screen", help="print a screen state's speech script")
    p.add_argument("name", help="screen state, e.g. home, track, submit_done (see `kiosk speech screens`)")
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_screen)

    p = sub.add_parser(
        "check", help="can this kiosk speak? engine, Vietnamese voice, audio output, headphones"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("screens", help="list the screen states that have a speech script")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_screens)


def cmd_text(args: argparse.Namespace) -> int:
    words = speakable(args.text, args.lang)
    emit({"lang": args.lang, "text": words}, args.json, lambda o: o["text"])
    return 0


def cmd_say(args: argparse.Namespace) -> int:
    from kiosk.config import SpeechSection

    words = speakable(args.text, args.lang)
    rate = SpeechSection().slow_rate if args.slow else 0.0
    try:
        if args.wav:
            out = to_wav(words, args.lang, Path(args.wav), rate=rate)
            facts = measure(out)
            emit(
                {
                    "wav": str(out),
                    "text": words,
                    "seconds": round(facts.seconds, 2),
                    "rms": round(facts.rms, 4),
                },
                args.json,
                lambda o: f"{o['wav']}: {o['seconds']} s — {o['text']}",
            )
            return 0
        play(words, args.lang, rate=rate)
    except SynthError as e:
        return fail(e.code, str(e), args.json)
    emit({"text": words}, args.json, lambda o: o["text"])
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """For technicians: what the self-test calls speech health, without the GUI."""
    from kiosk.config import load_config
    from kiosk.speech.health import readiness

    report = readiness(load_config().speech).to_dict()
    emit(report, args.json, lambda o: "\n".join(f"{k}: {v}" for k, v in o.items()))
    return 0 if report["ok"] else 1


def cmd_screens(args: argparse.Namespace) -> int:
    emit(scripts.screens(), args.json, "\n".join)
    return 0


def cmd_screen(args: argparse.Namespace) -> int:
    try:
        s = scripts.script(args.name, args.lang)
    except scripts.UnknownScreenScript:
        return fail(
            "speech.unknown_screen",
            f"no speech script for screen {args.name!r}; known: {', '.join(scripts.screens())}",
            args.json,
        )
    emit(s, args.json, lambda o: "\n".join(o.lines()))
    return 0
