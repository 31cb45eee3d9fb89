"""Errors of the provisioning package: a stable message ``code`` plus technical ``detail``.

``provisioning`` stays free of ``kiosk`` imports; the Vietnamese and English words for each
code live in ``kiosk/messages/provisioning.py`` (the CLI and the UI turn codes into text).
"""

from __future__ import annotations

from common.errors import CodedError


class ProvisioningError(CodedError):
    code = "provisioning.error"


class Refused(ProvisioningError):
    """Something signed by (or for) the central was refused; ``detail`` says why in plain words."""

    code = "provisioning.refused"
