"""The domain's one catalog of user-facing messages, Vietnamese first, English second.

Domain and device code raise errors carrying a stable ``code`` (``"card.wrong_key"``); the
UI and the CLI turn the code into words with :func:`text`. Each area keeps its messages in
its own module of this package (``card.py``, ``printer.py`` …) as a ``MESSAGES`` dict of
``code -> (vietnamese, english)``; this module merges them all. Messages may contain
``{placeholders}`` filled from keyword arguments.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

Lang = str  # "vi" | "en"


@cache
def catalog() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for code, pair in getattr(module, "MESSAGES", {}).items():
            if code in merged:
                raise RuntimeError(f"message code {code!r} defined twice (in {info.name})")
            merged[code] = pair
    return merged


def text(code: str, lang: Lang = "vi", **values: object) -> str:
    """The message for ``code`` in ``lang``; an unknown code falls back to a generic message."""
    pair = catalog().get(code) or catalog()["common.unexpected"]
    template = pair[0] if lang == "vi" else pair[1]
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template
