from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.provisioning.central import Central, run_central


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    yield from run_central(tmp_path / "central")
