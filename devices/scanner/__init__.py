"""Scanner device package."""
