"""The demo profile's central: the central's own program in a separate process, started off the
GUI thread."""

from __future__ import annotations

import pytest

from ui.demo import DemoCentral, runner_available
from ui.monitors import Monitors
from ui.status import StatusModel

pytestmark = [pytest.mark.qt, pytest.mark.slow]


@pytest.mark.skipif(not runner_available(), reason="the central is not installed")
def test_sandbox_starts_in_background_and_indicator_turns_ok(qtbot, isolated_kiosk_env):
    status = StatusModel()
    monitors = Monitors(status, interval_ms=60_000)
    demo = DemoCentral(isolated_kiosk_env)
    demo.ready.connect(monitors.set_central)
    try:
        assert status.get("central").state == "connecting"
        with qtbot.waitSignal(demo.ready, timeout=30_000) as ready:
            assert demo.start()
            # start() returned at once; the GUI thread was never blocked by the sandbox.
            assert status.get("central").state == "connecting"
        assert ready.args[0].startswith("http://127.0.0.1:")
        qtbot.waitUntil(lambda: status.get("central").state == "ok", timeout=10_000)
    finally:
        monitors.stop()
        demo.stop()
