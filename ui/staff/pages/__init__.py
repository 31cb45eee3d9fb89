"""The staff menu's pages, one module each; what they share is in :mod:`ui.staff.pages.base`."""
