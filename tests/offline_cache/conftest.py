"""Fixtures for the offline cache: a store in the test's own data dir, a controllable clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from offline_cache import Store


class FakeClock:
    def __init__(self, start: float = 1_790_000_000.0):
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(isolated_kiosk_env: Path, clock: FakeClock) -> Iterator[Store]:
    s = Store.open(isolated_kiosk_env, clock=clock)
    yield s
    s.close()
