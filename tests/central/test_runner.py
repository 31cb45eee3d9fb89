"""The demo profile's background central: starts, stops cleanly, keeps its data."""

from __future__ import annotations

import pytest
import requests

from central.runner import SandboxStartError, start_local_sandbox


def test_starts_and_keeps_key_and_data_across_restarts(tmp_path):
    first = start_local_sandbox(tmp_path / "sb")
    try:
        assert first.url.startswith("http://127.0.0.1:") and first.port > 0
        r = requests.get(first.url + "discovery.json", timeout=5)
        assert r.status_code == 200
        key = first.api_key
    finally:
        first.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(first.url + "discovery.json", timeout=2)
    with start_local_sandbox(tmp_path / "sb") as again:
        assert again.api_key == key


def test_port_in_use_is_a_clear_error(tmp_path):
    with start_local_sandbox(tmp_path / "a") as busy:
        with pytest.raises(SandboxStartError, match="cannot listen"):
            start_local_sandbox(tmp_path / "b", port=busy.port)
