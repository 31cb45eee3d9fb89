from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from central.runner import SandboxHandle
from tests.peers.sandbox import running_sandbox


@pytest.fixture
def central(tmp_path: Path) -> Iterator[SandboxHandle]:
    """The real sandbox central on loopback (every router, fresh data dir)."""
    with running_sandbox(tmp_path / "central") as handle:
        yield handle
