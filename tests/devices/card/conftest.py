"""Fixtures for the card reader tests: pcscd with vpcd, and personalised test cards."""

from __future__ import annotations

import pytest

from tests.peers.pcscd import ensure_pcscd
from tests.peers.vcard import TestCard, personalise


@pytest.fixture(scope="session")
def pcscd():
    handle = ensure_pcscd()
    yield handle
    handle.release()


@pytest.fixture(scope="session")
def test_card() -> TestCard:
    """Nguyễn Văn An's card, signed by a test CSCA made for this run."""
    return personalise()
