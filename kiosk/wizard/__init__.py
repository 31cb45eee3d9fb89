"""The "submit a dossier" journey, Qt-free: what the citizen chose, answered, showed and agreed.

Steps (each saved to the offline draft store as it is made, :meth:`Journey.to_dict`):
procedure → where (jurisdiction) → identify (chip card) → form (Open311 attributes, prefilled)
→ documents (checklist) → review + consent → submit (outbox, receipt) → rate.

**Starting this journey from another screen** (e.g. "Find a procedure" → "start this
procedure"): ``from ui.screens.wizard import start_procedure; start_procedure(shell, code)``.
It puts ``code`` in ``shell.session.data["wizard.procedure"]`` and navigates to ``"submit"``;
the wizard then skips the procedure choice and opens the "where to apply" step. Equivalent by
hand: ``shell.session.data[PRESET_KEY] = code; shell.navigate("submit")``.
"""

PRESET_KEY = "wizard.procedure"
