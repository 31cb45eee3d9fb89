from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.peers.printer_server import PrinterServer


@pytest.fixture
def peer() -> Iterator[PrinterServer]:
    with PrinterServer(paper_dots=576) as srv:
        yield srv


@pytest.fixture
def peer58() -> Iterator[PrinterServer]:
    with PrinterServer(paper_dots=384) as srv:
        yield srv
