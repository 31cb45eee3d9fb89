"""The layering contracts in pyproject.toml hold, and they really catch a violation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import repo_root

LINT = Path(sys.executable).parent / "lint-imports"


def run_lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
    )


def test_contracts_hold_on_the_tree():
    result = run_lint(repo_root())
    assert result.returncode == 0, result.stdout + result.stderr


def _copy_tree(dst: Path) -> None:
    root = repo_root()
    for name in ("kiosk", "devices", "ui", "offline_cache", "provisioning", "central", "common"):
        shutil.copytree(root / name, dst / name, ignore=shutil.ignore_patterns("__pycache__", "*.qm"))
    shutil.copy(root / "pyproject.toml", dst / "pyproject.toml")


def test_contract_catches_qt_in_the_domain(tmp_path: Path):
    _copy_tree(tmp_path)
    (tmp_path / "offline_cache" / "leak.py").write_text("from PySide6 import QtCore\n")
    result = run_lint(tmp_path)
    assert result.returncode != 0
    assert "offline_cache.leak" in result.stdout and "PySide6" in result.stdout


def test_contract_catches_kiosk_in_devices(tmp_path: Path):
    _copy_tree(tmp_path)
    (tmp_path / "devices" / "leak.py").write_text("import kiosk.config\n")
    result = run_lint(tmp_path)
    assert result.returncode != 0
    assert "devices.leak" in result.stdout


def test_contract_catches_the_central_in_the_kiosk(tmp_path: Path):
    _copy_tree(tmp_path)
    (tmp_path / "kiosk" / "leak.py").write_text("from central.app import create_app\n")
    result = run_lint(tmp_path)
    assert result.returncode != 0
    assert "kiosk.leak" in result.stdout and "central" in result.stdout


def test_contract_catches_the_domain_importing_its_cli(tmp_path: Path):
    _copy_tree(tmp_path)
    (tmp_path / "kiosk" / "staff" / "leak.py").write_text("from kiosk.commands import provision_cmd\n")
    result = run_lint(tmp_path)
    assert result.returncode != 0
    assert "kiosk.staff.leak" in result.stdout


def test_contract_catches_common_importing_ours(tmp_path: Path):
    _copy_tree(tmp_path)
    (tmp_path / "common" / "leak.py").write_text("import offline_cache\n")
    result = run_lint(tmp_path)
    assert result.returncode != 0
    assert "common.leak" in result.stdout
