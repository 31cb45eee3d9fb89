"""Peripheral drivers (card reader, QR scanner, document camera, receipt printer). No Qt, no kiosk."""
