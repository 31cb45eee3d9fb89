"""Personal data on the open speaker: never. Whoever stands behind the citizen would hear
their name and ID number; the kiosk says that the card was read instead, and reads the
details only through headphones (or a handset the configuration declares)."""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.messages import text
from kiosk.speech.normalise import speakable
from kiosk.speech.scripts import Utterance


def audible(utterances: Iterable[Utterance], *, private: bool, lang: str) -> list[str]:
    """What may be spoken: everything through headphones; on the speaker, personal lines
    are replaced by one notice (said once, however many personal lines there were)."""
    out: list[str] = []
    notice = speakable(text("speech.private", lang), lang)
    for u in utterances:
        if not u.text:
            continue
        if u.personal and not private:
            if notice not in out:
                out.append(notice)
            continue
        out.append(u.text)
    return out
