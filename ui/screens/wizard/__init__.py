"""The "submit a dossier" wizard's screens (issue 9, part A).

Screens (ids): ``submit`` (choose the procedure; replaces the foundation's placeholder),
``submit_where``, ``submit_identify``, ``submit_form``, ``submit_documents``, ``submit_review``,
``submit_done``, ``submit_rate``. The journey state lives in ``session.data`` (a
:class:`kiosk.wizard.journey.Journey`), is saved to the encrypted draft store at every step,
and goes with the session.

Entry point for other screens: :func:`start_procedure` (see ``kiosk/wizard/__init__.py``).
"""

from __future__ import annotations

from typing import Any

from kiosk.wizard import PRESET_KEY


def start_procedure(shell: Any, procedure_code: str) -> None:
    """Open the wizard at "where to apply" for ``procedure_code`` (skips the procedure choice)."""
    shell.session.data[PRESET_KEY] = procedure_code
    shell.navigate("submit")


def register(registry: Any) -> None:
    from ui.screens.wizard import (
        choose,
        documents,
        done,
        form,
        handover,
        identify,
        privacy,
        rate,
        resume,
        review,
        where,
    )
    from ui.screens.wizard.captures import register as register_captures

    for module in (choose, where, identify, form, documents, review, done, rate, handover, resume, privacy):
        module.register(registry)
    register_captures(registry)
