"""The central's settings: from options or CENTRAL_* variables, checked with clear messages."""

from __future__ import annotations

import pytest

from central.settings import CentralSettings, SettingsError, redact_url


def test_sqlite_in_the_data_dir_by_default(tmp_path):
    s = CentralSettings(data_dir=tmp_path)
    assert s.database_url == f"sqlite:///{tmp_path / 'central.sqlite3'}" and s.is_sqlite
    assert s.blobs == tmp_path / "blobs"


def test_environment_round_trip_for_worker_processes(tmp_path):
    s = CentralSettings(
        data_dir=tmp_path,
        db_url="postgresql+psycopg://central@/central?host=/run/postgresql",
        blob_dir=tmp_path / "b",
        agency_code="HN-HK",
        allowed_hosts=("central.example",),
        workers=4,
        trusted_proxies=("10.0.0.2",),
    )
    assert CentralSettings.from_env(s.to_env()) == s


def test_several_workers_need_postgresql(tmp_path):
    with pytest.raises(SettingsError, match="PostgreSQL"):
        CentralSettings(data_dir=tmp_path, workers=4)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "CENTRAL_DATA_DIR is not set"),
        ({"CENTRAL_DATA_DIR": "/x", "CENTRAL_WORKERS": "four"}, "CENTRAL_WORKERS must be a whole number"),
        ({"CENTRAL_DATA_DIR": "/x", "CENTRAL_DB_URL": "mysql://a:pw@h/db"}, "not supported"),
        ({"CENTRAL_DATA_DIR": "/x", "CENTRAL_WORKERS": "0"}, "between 1 and"),
    ],
)
def test_bad_settings_say_which_and_what_to_do(env, message):
    with pytest.raises(SettingsError, match=message) as e:
        CentralSettings.from_env(env)
    assert "pw" not in str(e.value)  # never a password in a message


def test_redact_url_hides_the_password():
    assert (
        redact_url("postgresql+psycopg://central:s3cret@db/central")
        == "postgresql+psycopg://central:***@db/central"
    )


def test_worker_processes_get_the_same_security_settings(tmp_path):
    """What ``central serve --workers`` hands its workers builds the same access rules."""
    s = CentralSettings(data_dir=tmp_path, profile="demo", allowed_hosts=("central.example.gov.vn",))
    again = CentralSettings.from_env(s.to_env())
    assert again == s
    guard = again.security()
    assert guard.demo and "central.example.gov.vn" in guard.hosts() and "evil.example" not in guard.hosts()
    production = CentralSettings.from_env(CentralSettings(data_dir=tmp_path).to_env()).security()
    assert not production.demo and "testserver" not in production.hosts()
    with pytest.raises(SettingsError, match="profile must be one of production, demo"):
        CentralSettings(data_dir=tmp_path, profile="lax")
