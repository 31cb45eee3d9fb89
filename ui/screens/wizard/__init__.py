"""The "submit a dossier" wizard's screens (issue 9, part A).

Entry point for other screens: :func:`start_procedure` (see ``kiosk/wizard/__init__.py``).
"""

from __future__ import annotations

from typing import Any

from kiosk.wizard import PRESET_KEY


def start_procedure(shell: Any, procedure_code: str) -> None:
    """Open the wizard at "where to apply" for ``procedure_code`` (skips the procedure choice)."""
    shell.session.data[PRESET_KEY] = procedure_code
    shell.navigate("submit")
