"""The speech script of each screen state: what is read when the screen opens.

A script is its title, an instruction that says what the screen offers and what to do, and
the keypad help, in the citizen's language, already normalised for the voice. The UI adds
live parts as they happen (the focused control's name and state, errors, status) through
:func:`utterance`. Titles the wizard shows from the domain catalog are taken from there, so
what is spoken is what is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.messages import catalog, text
from kiosk.speech.normalise import speakable


@dataclass(frozen=True)
class Utterance:
    text: str
    # Names, ID numbers, addresses: only through headphones (kiosk.speech.privacy).
    personal: bool = False


@dataclass(frozen=True)
class ScriptSpec:
    title: str  # message code
    instruction: str  # message code
    extra: tuple[str, ...] = ()


SCRIPTS: dict[str, ScriptSpec] = {
    "attract": ScriptSpec("speech.attract.title", "speech.attract.instruction"),
    "home": ScriptSpec("speech.home.title", "speech.home.instruction"),
    "find": ScriptSpec("speech.find.title", "speech.find.instruction"),
    "procedure": ScriptSpec("speech.procedure.title", "speech.procedure.instruction"),
    "track": ScriptSpec("speech.track.title", "speech.track.instruction"),
    "help": ScriptSpec("speech.help.title", "speech.help.instruction"),
    "error": ScriptSpec("speech.error.title", "speech.error.instruction"),
    "submit": ScriptSpec("wizard.choose.title", "speech.submit.instruction"),
    # The privacy notices are read as they are shown: before the card is read, before the camera.
    "submit_identify": ScriptSpec("wizard.id.title", "speech.identify.instruction", ("wizard.privacy.card",)),
    "submit_where": ScriptSpec("wizard.where.title", "speech.where.instruction"),
    "submit_documents": ScriptSpec(
        "wizard.docs.title", "wizard.docs.lead", ("speech.documents.guidance", "wizard.privacy.camera")
    ),
    "submit_form": ScriptSpec("wizard.form.type_here", "speech.form.instruction"),
    "submit_review": ScriptSpec("wizard.review.title", "wizard.review.lead"),
    "submit_done": ScriptSpec("wizard.done.title", "speech.done.instruction"),
    "submit_rate": ScriptSpec("wizard.rate.title", "speech.rate.instruction"),
    # Overlays are states too: they take focus, so they are read like screens.
    "finish": ScriptSpec("speech.finish.title", "speech.finish.instruction"),
    "timeout": ScriptSpec("speech.timeout.title", "speech.timeout.instruction"),
    "card_left": ScriptSpec("wizard.card_left", "wizard.card_left_hint"),
    # The identify step's "read it in full": the notice's whole words, as on the card.
    "privacy": ScriptSpec("wizard.privacy.title", "wizard.privacy.card"),
}


@dataclass(frozen=True)
class ScreenScript:
    screen: str
    lang: str
    title: str
    instruction: str
    extra: tuple[str, ...]
    keys: str

    def lines(self, *, with_keys: bool = True) -> list[str]:
        lines = [self.title, self.instruction, *self.extra]
        return [*lines, self.keys] if with_keys else lines

    def text(self, *, with_keys: bool = True) -> str:
        return " ".join(_sentence(x) for x in self.lines(with_keys=with_keys))


def _sentence(s: str) -> str:
    s = s.strip()
    return s if not s or s[-1] in ".?!:;" else s + "."


class UnknownScreenScript(KeyError):
    pass


def screens() -> list[str]:
    return list(SCRIPTS)


def script(screen: str, lang: str) -> ScreenScript:
    """The script of screen state ``screen``; KeyError (UnknownScreenScript) if it has none."""
    spec = SCRIPTS.get(screen)
    if spec is None:
        raise UnknownScreenScript(screen)

    def say(code: str) -> str:
        return speakable(text(code, lang), lang)

    return ScreenScript(
        screen,
        lang,
        say(spec.title),
        say(spec.instruction),
        tuple(say(c) for c in spec.extra),
        say("speech.keys"),
    )


def utterance(raw: str, lang: str, *, personal: bool = False) -> Utterance:
    """Any live text (a control's name, an error, a receipt line) made ready for the voice."""
    return Utterance(speakable(raw, lang), personal)


def missing_codes() -> list[str]:
    """Codes named by a script but absent from the catalog (a test keeps this empty)."""
    known = catalog()
    codes = [c for s in SCRIPTS.values() for c in (s.title, s.instruction, *s.extra)]
    return [c for c in [*codes, "speech.keys"] if c not in known]
