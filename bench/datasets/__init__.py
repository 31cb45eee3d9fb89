"""Deterministic generators of the evaluation sets used by bench/qr.py and bench/docscan.py."""
