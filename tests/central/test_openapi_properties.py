"""Property-based tests of the sandbox's Open311 API, generated from its own /openapi.json.

Schemathesis drives the app in-process (ASGI) with generated requests, valid and invalid;
whatever it sends, the central must never answer a 5xx. Limited to this area's routes (the
staff and fleet areas test their own) and to a few examples per route to spare the CPU.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from central.app import create_app
from central.hardening import Settings

KEY = "schemathesis-site-key"


@pytest.fixture
def api_schema(tmp_path: Path):
    data = tmp_path / "central"
    data.mkdir()
    (data / "sandbox_api_key").write_text(KEY)  # the sandbox adopts an existing site key
    app = create_app(data, security=Settings(profile="demo"))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


# This area's routes; the lazy schema ignores filters applied inside the fixture.
OPEN311 = r"^/(discovery|services|requests|tokens|procedures|catalog|agencies|t/)"
schema = schemathesis.pytest.from_fixture("api_schema").include(path_regex=OPEN311)


@schema.parametrize()
@pytest.mark.keeps_threads("schemathesis keeps its in-process ASGI client's AnyIO portal thread")
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    case.call_and_validate(headers={"X-Api-Key": KEY}, checks=[not_a_server_error])
