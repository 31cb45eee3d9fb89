"""Printer device package."""
