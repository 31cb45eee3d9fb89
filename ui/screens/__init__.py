"""The kiosk's screens; see :mod:`ui.screens.registry` for how areas add theirs."""
