"""The journey's public names in one place, for the screens and tests that import them from here.

Each concern has its own module: :mod:`kiosk.wizard.state` (the :class:`Journey` and what it
holds), :mod:`kiosk.wizard.form` (questions, prefill, validation), :mod:`kiosk.wizard.documents`
(the checklist) and :mod:`kiosk.wizard.dossier` (what is missing, the submission, the receipt).
"""

from kiosk.wizard.documents import DocItem, checklist
from kiosk.wizard.dossier import (
    appointment,
    ask_where,
    attachments,
    build_receipt,
    build_submission,
    competent_agency,
    document_names,
    missing,
)
from kiosk.wizard.form import (
    Kind,
    Question,
    address_text,
    apply_prefill,
    form_problems,
    kind_of,
    normalise_name,
    open311_value,
    prefill,
    questions,
    validate,
)
from kiosk.wizard.state import EXTRA_DOC, PREFILLED, STEPS, Behalf, DocState, How, Journey, Person

__all__ = [
    "EXTRA_DOC",
    "PREFILLED",
    "STEPS",
    "Behalf",
    "DocItem",
    "DocState",
    "How",
    "Journey",
    "Kind",
    "Person",
    "Question",
    "address_text",
    "appointment",
    "apply_prefill",
    "attachments",
    "ask_where",
    "build_receipt",
    "build_submission",
    "checklist",
    "competent_agency",
    "document_names",
    "form_problems",
    "kind_of",
    "missing",
    "normalise_name",
    "open311_value",
    "prefill",
    "questions",
    "validate",
]
