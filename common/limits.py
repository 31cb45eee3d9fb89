"""Nesting limits for every structured input the kiosk parses (JSON, TOML).

Python's parsers recurse once per nesting level: 100 000 ``[`` in a configuration file or an
answer from the network end in :class:`RecursionError`, which no caller expects and which
surfaces as a generic internal error. Real documents of ours nest a handful of levels, so a
document deeper than :data:`MAX_DEPTH` is refused before and after parsing with
:class:`TooDeep`, a ``ValueError`` (callers that already refuse malformed input with
``except ValueError`` refuse this too) that says how deep it went and where the limit is.

In ``common`` because the kiosk's configuration, the provisioning area and the HTTP
transport all parse such input.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any

MAX_DEPTH = 64


class TooDeep(ValueError):
    """Input nested deeper than the limit. ``code`` is the message-catalog code."""

    code = "input.too_deep"

    def __init__(self, what: str, depth: int, limit: int):
        self.what = what
        self.depth = depth
        self.limit = limit
        shown = f"more than {depth}" if depth > limit else str(depth)
        super().__init__(f"{what}: nested {shown} levels deep (at most {limit} allowed)")


def json_text_depth(text: str | bytes, stop_after: int = MAX_DEPTH) -> int:
    """The deepest ``[``/``{`` nesting in JSON text, strings skipped; stops counting (and
    returns ``stop_after + 1``) once past ``stop_after``. Linear, no recursion."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    depth = deepest = 0
    in_string = escaped = False
    for b in data:
        if in_string:
            if escaped:
                escaped = False
            elif b == 0x5C:  # backslash
                escaped = True
            elif b == 0x22:  # quote
                in_string = False
        elif b == 0x22:
            in_string = True
        elif b in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop_after:
                    return deepest
        elif b in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest


def value_depth(value: Any, stop_after: int = MAX_DEPTH) -> int:
    """Nesting depth of parsed data (dicts and lists), iteratively; stops past ``stop_after``."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            items: Any = v.values()
        elif isinstance(v, list | tuple):
            items = v
        else:
            continue
        deepest = max(deepest, d)
        if deepest > stop_after:
            return deepest
        stack.extend((x, d + 1) for x in items)
    return deepest


def check_depth(value: Any, what: str, limit: int = MAX_DEPTH) -> Any:
    """``value`` itself, or :class:`TooDeep` when it nests deeper than ``limit``."""
    d = value_depth(value, limit)
    if d > limit:
        raise TooDeep(what, d, limit)
    return value


def loads_json(text: str | bytes, what: str = "JSON", limit: int = MAX_DEPTH) -> Any:
    """``json.loads`` that refuses deep nesting with :class:`TooDeep` (never RecursionError)."""
    d = json_text_depth(text, limit)
    if d > limit:
        raise TooDeep(what, d, limit)
    try:
        return json.loads(text)
    except RecursionError:  # belt and braces: the scan above should have caught it
        raise TooDeep(what, limit + 1, limit) from None


def loads_toml(text: str, what: str = "TOML", limit: int = MAX_DEPTH) -> dict[str, Any]:
    """``tomllib.loads`` that refuses deep nesting with :class:`TooDeep`.

    TOML nests through arrays and inline tables (parsed recursively) and through dotted keys
    and table headers (not recursive, but just as deep once parsed): both are checked."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise TooDeep(what, limit + 1, limit) from None
    return check_depth(data, what, limit)
