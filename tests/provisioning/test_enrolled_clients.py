"""After enrollment the kiosk's own clients sign every request: clients built from the
configuration alone (no URL, no API key) reach the central and pass its kiosk check."""

from __future__ import annotations

import pytest

from kiosk.central.factory import client_from_config
from kiosk.config import KioskConfig
from kiosk.staff.errors import CentralRefused
from kiosk.staff.wiring import client_from
from provisioning.enroll import load_enrollment
from tests.provisioning.helpers import data_dir, enroll


def test_clients_from_config_sign_once_enrolled(central, capsys):
    cfg = KioskConfig()  # no [central] url, no API key: all of it comes from the enrollment
    enroll(capsys, central)
    kiosk_id = load_enrollment(data_dir()).kiosk_id
    with client_from_config(cfg) as client:
        assert client.base_url.rstrip("/") == central.url.rstrip("/")
    staff = client_from(cfg)
    assert staff is not None
    try:
        number = staff.raise_help_request(kiosk_id, "home")  # needs the kiosk's credentials
        assert number
        assert any(h for h in staff.help_requests(kiosk_id))
    finally:
        staff.close()


def test_without_enrollment_a_wrong_key_is_refused(central):
    staff = client_from(KioskConfig(), central.url, api_key="wrong-key")
    assert staff is not None
    try:
        with pytest.raises(CentralRefused, match="kiosk_auth"):
            staff.raise_help_request("demo-kiosk-01", "home")
    finally:
        staff.close()
