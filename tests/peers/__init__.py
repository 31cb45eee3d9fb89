"""Real protocol peers the drivers are tested against (one module per peer)."""
