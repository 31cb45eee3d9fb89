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


def test_an_enrolled_kiosk_signs_staff_in_trusting_only_the_enrollment_key(central, capsys):
    """End to end: RFC 9421-signed staff calls, the central's signed answer checked with the key
    from enrollment.json; nothing pinned on first contact."""
    from central.staff import add_staff, issue_card
    from kiosk.staff.store import StaffStore
    from kiosk.staff.wiring import open_staff_auth
    from tests.kiosk.staff.central import FAST

    enroll(capsys, central)
    add_staff(
        central.state.db, "CB900", name="Cán bộ CB900", role="officer", agency="DEMO", pin="2468", params=FAST
    )
    card = issue_card(central.state.db, central.data_dir, "CB900")
    with open_staff_auth(KioskConfig(), data_dir()) as auth:
        assert auth.pinned_key == load_enrollment(data_dir()).central_public_raw
        assert auth.kiosk_id == load_enrollment(data_dir()).kiosk_id
        assert auth.sign_in(card, "2468").verified_by == "central"
    store = StaffStore.open(data_dir())
    try:
        # the enrollment key, copied into the staff store; nothing learnt on first contact
        assert store.central_keys() == [load_enrollment(data_dir()).central_public_raw]
    finally:
        store.close()
