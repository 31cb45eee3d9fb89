"""Extra states for `kiosk screenshots`: the safety net's screen, the timeout warning, and
the home screen at the largest text size and in high contrast."""

from __future__ import annotations

from ui.screens.registry import Capture, ScreenRegistry


def _timeout(window) -> None:  # type: ignore[no-untyped-def]
    window.navigate("home")
    window._show_timeout_warning(15)


def _text200(window) -> None:  # type: ignore[no-untyped-def]
    window.navigate("home")
    window.prefs.set_scale(200)


def _contrast(window) -> None:  # type: ignore[no-untyped-def]
    window.navigate("home")
    window.prefs.set_high_contrast(True)


def register(registry: ScreenRegistry) -> None:
    registry.add_capture(Capture("error", lambda w: w.show_incident("E-1045-7K3M")))
    registry.add_capture(Capture("timeout", _timeout))
    registry.add_capture(Capture("home-text200", _text200))
    registry.add_capture(Capture("home-contrast", _contrast))
    registry.add_capture(Capture("finish-confirm", lambda w: (w.navigate("home"), w.ask_finish())))
    # Staff's, but on the citizen's screen: audited like the citizen's cards.
    registry.add_capture(Capture("staff-exit", lambda w: (w.navigate("home"), w.open_staff_exit())))
