"""Input the kiosk refuses with a clear message before it can hurt: nesting depth (JSON, TOML),
central URLs that are not https, an enrollment answered with another central's key."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from central.central_key import central_signing_key
from common.limits import MAX_DEPTH, TooDeep, check_depth, loads_json, loads_toml
from provisioning.enroll import enroll, load_enrollment, parse_enroll_qr_pinned
from provisioning.errors import ProvisioningError
from tests.conftest import repo_root
from tests.provisioning.helpers import audit_actions, data_dir, issue_code, kiosk


def run_kiosk(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(repo_root())}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *argv], capture_output=True, text=True, timeout=120, env=env
    )


# ---- depth --------------------------------------------------------------------------------


def test_100k_deep_json_is_refused_by_its_depth_fast():
    t0 = time.monotonic()
    with pytest.raises(TooDeep) as e:
        loads_json("[" * 100_000 + "]" * 100_000, "x.json")
    assert time.monotonic() - t0 < 1.0
    assert e.value.limit == MAX_DEPTH and "x.json" in str(e.value)
    # Brackets inside strings do not count; a normal document passes
    assert loads_json('{"a": "[[[[[[", "b": [1, {"c": [2]}]}') == {"a": "[[[[[[", "b": [1, {"c": [2]}]}


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 20_000 + "]" * 20_000,  # arrays: recursive in tomllib
        "x = " + "{a = " * 5_000 + "1" + "}" * 5_000,  # inline tables: recursive too
        "[" + ".".join(["t"] * 200) + "]\nk = 1",  # a table header: deep but not recursive
    ],
)
def test_deep_toml_is_refused_not_a_recursion_error(text: str):
    with pytest.raises(TooDeep):
        loads_toml(text, "kiosk.toml")


def test_check_depth_of_parsed_data():
    deep: list[object] = []
    node = deep
    for _ in range(200):
        node.append([])
        node = node[0]  # type: ignore[assignment]
    with pytest.raises(TooDeep):
        check_depth(deep, "doc")
    assert check_depth({"a": [1, 2, {"b": 3}]}, "doc") == {"a": [1, 2, {"b": 3}]}


def test_config_check_on_20k_deep_toml_is_a_message_not_a_traceback(tmp_path: Path):
    p = tmp_path / "deep.toml"
    p.write_text("[kiosk]\nid = " + "[" * 20_000 + "]" * 20_000 + "\n")
    r = run_kiosk("config", "check", str(p))
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and "RecursionError" not in r.stderr
    assert str(p) in r.stderr and "nested" in r.stderr


def test_apply_config_on_100k_deep_json_is_a_message_not_a_traceback(tmp_path: Path):
    p = tmp_path / "deep.json"
    p.write_text("[" * 100_000 + "]" * 100_000)
    r = run_kiosk("provision", "apply-config", str(p), "--json")
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    err = json.loads(r.stdout.strip().splitlines()[-1])["error"]
    assert err["code"] == "input.too_deep"
    assert "nested too deeply" in err["message"] and str(p) in err["message"]


# ---- central URLs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, words",
    [
        ("http://central.example.gov.vn/open311/v2", "plain http"),
        ("ftp://central.example.gov.vn/", "'ftp' scheme"),
        ("javascript:alert(1)", "'javascript' scheme"),
        ("https://", "no host"),
        ("central.example.gov.vn", "scheme"),
    ],
)
def test_config_check_refuses_central_urls_that_are_not_https(tmp_path: Path, url: str, words: str):
    p = tmp_path / "kiosk.toml"
    p.write_text(f'[central]\nurl = "{url}"\n')
    r = run_kiosk("config", "check", str(p), "--json")
    assert r.returncode == 1, r.stderr
    out = json.loads(r.stdout)
    assert out["problems"][0]["key"] == "central.url"
    assert words in out["problems"][0]["message"] and "https://" in out["problems"][0]["message"]


@pytest.mark.parametrize(
    "url", ["https://central.example.gov.vn/open311/v2", "http://127.0.0.1:8080/open311/v2"]
)
def test_config_check_accepts_https_and_loopback(tmp_path: Path, url: str):
    p = tmp_path / "kiosk.toml"
    p.write_text(f'[central]\nurl = "{url}"\ncall_deadline_s = 20\nmax_response_bytes = 1048576\n')
    r = run_kiosk("config", "check", str(p), "--json")
    assert r.returncode == 0, r.stdout + r.stderr


def test_config_check_names_a_missing_ca_bundle(tmp_path: Path):
    p = tmp_path / "kiosk.toml"
    p.write_text('[central]\nurl = "https://c.example/"\nca_bundle = "/nonexistent/ca.pem"\n')
    r = run_kiosk("config", "check", str(p), "--json")
    assert r.returncode == 1
    assert json.loads(r.stdout)["problems"][0]["key"] == "central.ca_bundle"


def test_an_enrollment_qr_to_plain_http_elsewhere_is_refused():
    with pytest.raises(ProvisioningError) as e:
        parse_enroll_qr_pinned("KENROLL1:ABCD-EFGH@http://central.example.gov.vn/")
    assert e.value.code == "provisioning.insecure_url"
    assert parse_enroll_qr_pinned("KENROLL1:ABCD-EFGH@https://c.example/#abc123") == (
        "ABCD-EFGH",
        "https://c.example/",
        "abc123",
    )


# ---- enrollment: the central's key --------------------------------------------------------


def test_enrollment_refuses_a_central_key_other_than_the_one_given(central, capsys):
    code = issue_code(capsys, central)
    events: list[tuple[str, dict]] = []
    with pytest.raises(ProvisioningError) as e:
        enroll(
            data_dir(),
            central.url,
            code,
            audit=lambda ev, f: events.append((ev, f)),
            central_key_fingerprint="00" * 16,
        )
    assert e.value.code == "provisioning.central_key_mismatch"
    assert load_enrollment(data_dir()) is None  # nothing pinned
    assert events[-1][0] == "enroll_refused"


def test_enrollment_with_the_right_fingerprint_and_without_one(central, capsys):
    fingerprint = central_signing_key(central.data_dir).fingerprint
    code = issue_code(capsys, central)
    rc, out = kiosk(
        capsys,
        "provision",
        "enroll",
        "--central",
        central.url,
        "--code",
        code,
        "--central-key",
        fingerprint,
        "--json",
    )
    assert rc == 0, out
    assert out["central_key_pinned"] == "given"
    enrolled = [d for a, d in audit_actions(data_dir()) if a == "enrolled"]
    assert enrolled[-1]["central_key_pinned"] == "given"


def test_the_centrals_enrollment_qr_carries_its_key_and_the_kiosk_checks_it(central, capsys):
    fingerprint = central_signing_key(central.data_dir).fingerprint
    # The central's own QR carries its key's fingerprint: enrolled, and pinned as given
    rc, out = kiosk(
        capsys, "sandbox", "enroll-code", "--data", str(central.data_dir), "--central", central.url, "--json"
    )
    assert rc == 0, out
    assert out["qr"].endswith("#" + fingerprint)
    rc, enrolled = kiosk(capsys, "provision", "enroll", "--qr", out["qr"], "--json")
    assert rc == 0, enrolled
    assert enrolled["central_key_pinned"] == "given"
