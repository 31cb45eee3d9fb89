"""The card wrapper turns a CCCD QR with impossible dates into the "bad QR date" code (type the
MRZ), not an internal error: issue 21's QR with issue date 01019999."""

from __future__ import annotations

import pytest

from devices.card.simulated import SimulatedCardReader
from ui.devices.card import CardController

pytestmark = pytest.mark.qt


@pytest.mark.parametrize(
    "qr",
    [
        "001099012345|012345678|Nguyễn Văn A|01011990|Nam|Hà Nội|01019999",
        "001099012345|012345678|Nguyễn Văn A|01019990|Nam|Hà Nội",
    ],
)
def test_a_qr_with_impossible_dates_is_a_clear_code(qtbot, qr: str):
    ctl = CardController(SimulatedCardReader(inserted=1))
    try:
        ctl.start()
        with qtbot.waitSignal(ctl.readFailed, timeout=5000) as got:
            ctl.read_with_qr(qr)
        assert got.args[:2] == ["card.bad_qr_date", "type_mrz"]
        assert "1990" not in got.args[2] and "Nguyễn" not in got.args[2]  # no personal data in the detail
    finally:
        ctl.close()
