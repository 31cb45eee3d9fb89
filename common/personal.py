"""The field names that hold a person's data or a secret, whatever the record around them.

One list for every guard that keeps people out of what is written in clear: the log scrubber
(``kiosk/logs.py``) drops these keys, the audit log (``offline_cache/audit.py``) refuses them.
Each guard adds the few names only it needs.
"""

from __future__ import annotations

PERSONAL_KEYS = frozenset(
    {
        "name",
        "full_name",
        "surname",
        "given_names",
        "address",
        "residence",
        "birth_date",
        "dob",
        "phone",
        "email",
        "face",
        "image",
        "photo",
        "pin",
        "password",
        "mrz",
    }
)
