"""Package attributes loaded on first use (PEP 562), so importing a package's light part
does not load its heavy neighbours.

    __getattr__, __dir__ = lazy_attributes(__name__, {"Store": "offline_cache.store"})

A package keeps the same names under ``if TYPE_CHECKING:`` imports for type checkers;
``tests/common/test_lazy.py`` checks every lazy name of every such package resolves.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def lazy_attributes(
    package: str, homes: Mapping[str, str], eager: tuple[str, ...] = ()
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``homes`` maps each name to its module."""

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        globals_of_package = importlib.import_module(package).__dict__
        globals_of_package[name] = value  # the next access is an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*homes, *eager})

    return __getattr__, __dir__
