"""Supervised mode: staff credentials, PIN sign-in (online and offline), lockout, staff
sessions and the record of assisted help carried by a submission.

Everything here is plain Python (no Qt). The screens live in ``ui/staff/``.
"""
