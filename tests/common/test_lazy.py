"""Packages whose heavy names load on first use: what type checkers see is what callers get."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from common.lazy import lazy_attributes

ROOT = Path(__file__).resolve().parents[2]
LAZY_PACKAGES = ("offline_cache", "kiosk.receipt")


def _type_checking_imports(package: str) -> dict[str, str]:
    """name -> module of the ``if TYPE_CHECKING:`` imports in the package's ``__init__``."""
    tree = ast.parse((ROOT / package.replace(".", "/") / "__init__.py").read_text())
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom) and imp.module
                out.update({a.asname or a.name: imp.module for a in imp.names})
    return out


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_every_lazy_name_resolves_to_what_type_checkers_import(package):
    declared = _type_checking_imports(package)
    assert declared, f"{package}: no TYPE_CHECKING imports found"
    mod = importlib.import_module(package)
    for name, home in declared.items():
        assert getattr(mod, name) is getattr(importlib.import_module(home), name), name
    for name in mod.__all__:
        assert hasattr(mod, name), f"{package}.__all__ names {name!r}, which does not resolve"
    assert set(declared) | set(mod.__all__) <= set(dir(mod))


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_the_package_alone_loads_nothing_heavy(package):
    code = f"import sys, {package}; print(*sorted(m for m in ('sqlalchemy', 'PIL', 'segno', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_an_unknown_name_is_an_attribute_error():
    getattr_, dir_ = lazy_attributes("offline_cache", {"Store": "offline_cache.store"})
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        getattr_("Nope")
    assert dir_() == ["Store"]
