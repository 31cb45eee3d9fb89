"""Card device package."""
