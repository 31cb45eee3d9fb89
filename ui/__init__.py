"""The Qt front end (PySide6 only here)."""
