"""Camera device package."""
