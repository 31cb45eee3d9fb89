"""One module per area, each with ``register(cli)``; see :mod:`kiosk.cli`."""
