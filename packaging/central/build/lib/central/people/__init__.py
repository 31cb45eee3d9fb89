"""People at the central: officers, supervisors, technicians and administrators who sign in to
the console and the fleet pages (accounts, argon2 passwords, sessions, lockout, audit).

Kiosks are machines and never have an account here (they sign their requests, see
:mod:`central.kiosk_auth`); staff PIN cards for kiosk staff mode live in :mod:`central.staff`.
"""
