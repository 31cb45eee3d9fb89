"""Kiosk domain: procedures, sessions, submissions, receipts, central client. Never imports Qt."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("onestop-kiosk")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.1.0"
