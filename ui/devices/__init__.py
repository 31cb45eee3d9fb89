"""Qt glue for the devices: one QObject per device kind, re-emitting driver events as signals."""
