from __future__ import annotations

import re
import sys
from datetime import UTC, datetime

from kiosk.app_state.incident import incident_fields, new_reference


def test_reference_is_short_readable_and_timed():
    ref = new_reference(datetime(2026, 11, 23, 10, 45, tzinfo=UTC))
    assert re.fullmatch(r"E-1045-[0-9A-HJKMNP-TV-Z]{4}", ref)


def test_fields_name_type_and_place_but_never_the_message():
    try:
        raise ValueError("Nguyễn Văn A, 001203004567")
    except ValueError:
        t, _e, tb = sys.exc_info()
    f = incident_fields("E-1", t, tb, thread="MainThread", screen="home")
    assert f["error_type"] == "builtins.ValueError"
    assert any("test_incident.py" in fr for fr in f["frames"])
    assert "Nguy" not in repr(f) and "001203004567" not in repr(f)
    assert not any(fr.startswith("/") for fr in f["frames"])
