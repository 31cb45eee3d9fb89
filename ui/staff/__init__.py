"""Supervised mode on screen: staff sign-in overlay, "who is in control" banner, staff menu."""
