"""The demo directory's made-up contacts (agencies.json ``"sample": true``) leave a central only
in the demo profile: a production central names the agency in its answers and no invented
address or phone (they reach citizens on the tracking page and on every kiosk). The profile is
the central's own, passed to what it reads: a demo central in the same process changes nothing
for any other reader."""

from __future__ import annotations

from pathlib import Path

from central.app import create_app
from central.catalog_state import catalog_bytes, sandbox_catalog
from central.settings import CentralSettings
from kiosk.catalog import agencies


def _served(app) -> str:  # type: ignore[no-untyped-def]
    """The catalog as the central serves it to kiosks, agency directory included."""
    return catalog_bytes(app.state.sandbox)[0].decode("utf-8")


def test_a_production_central_gives_no_sample_contact(tmp_path: Path, central_db_url: str):
    app = create_app(CentralSettings(data_dir=tmp_path / "c", db_url=central_db_url))
    served = _served(app)
    assert "Ủy ban nhân dân" in served  # the agencies are named
    assert "minh hoạ" not in served and "example.invalid" not in served
    assert not sandbox_catalog(app.state.sandbox).samples  # nor in its answers (public_json)


def test_the_demo_central_gives_them_marked(tmp_path: Path, central_db_url: str):
    app = create_app(CentralSettings(data_dir=tmp_path / "c", db_url=central_db_url, profile="demo"))
    assert "(minh hoạ)" in _served(app)
    assert sandbox_catalog(app.state.sandbox).samples
    c = agencies.agency("UB07210", samples=True).contact  # type: ignore[union-attr]
    assert c.sample and "(minh hoạ)" in c.phone


def test_a_demo_central_leaves_every_other_reader_on_production(tmp_path: Path):
    demo = create_app(CentralSettings(data_dir=tmp_path / "d", profile="demo"))
    production = create_app(CentralSettings(data_dir=tmp_path / "p"))
    assert "(minh hoạ)" in _served(demo) and "(minh hoạ)" not in _served(production)
    a = agencies.agency("UB07210")  # any reader that does not ask for samples: none
    assert a is not None and a.contact == agencies.Contact()
