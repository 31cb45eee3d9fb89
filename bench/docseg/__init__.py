"""Training tools for the learned document segmenter (``devices/camera/docscan/learned.py``).

Not part of the kiosk: torch lives in a separate training venv (see :mod:`bench.docseg.train`).
"""
