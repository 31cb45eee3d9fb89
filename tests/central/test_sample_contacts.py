"""The demo directory's made-up contacts (agencies.json ``"sample": true``) leave a central only
in the demo profile: a production central names the agency in its answers and no invented
address or phone (they reach citizens on the tracking page and on every kiosk)."""

from __future__ import annotations

from pathlib import Path

import pytest

from central.app import create_app
from central.settings import CentralSettings
from kiosk.catalog import agencies


@pytest.fixture(autouse=True)
def _restore_switch():  # type: ignore[no-untyped-def]
    before = agencies.samples_shown()
    yield
    agencies.show_samples(before)


def test_a_production_central_gives_no_sample_contact(tmp_path: Path, central_db_url: str):
    create_app(CentralSettings(data_dir=tmp_path / "c", db_url=central_db_url))
    a = agencies.agency("UB07210")
    assert a is not None and a.name.vi.startswith("Ủy ban nhân dân")
    assert a.contact == agencies.Contact()
    assert "minh hoạ" not in str(a.to_json()) and "example.invalid" not in str(a.to_json())


def test_the_demo_central_gives_them_marked(tmp_path: Path, central_db_url: str):
    create_app(CentralSettings(data_dir=tmp_path / "c", db_url=central_db_url, profile="demo"))
    c = agencies.agency("UB07210").contact  # type: ignore[union-attr]
    assert c.sample and "(minh hoạ)" in c.phone
