"""Never type it twice: the chip card just read has an unfinished dossier from an earlier
session on this kiosk (a power cut, a crash, a restart): offer to continue it.

Only after a chip read (the card itself, not its unsigned QR) and only for that card's draft
(:func:`kiosk.wizard.drafting.offer_for_card`); the offer names the procedure, the step reached
and the time, nothing personal. "Continue" brings the journey back with every answer and photo
and opens the step it reached; "start a new one" wipes the old draft (one citizen, one draft).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QWidget

from kiosk.logs import get_logger
from kiosk.vntime import fmt_time
from kiosk.wizard import drafting
from kiosk.wizard.journey import Person
from ui.screens.base import label
from ui.screens.wizard.base import JOURNEY_KEY, button
from ui.widgets.cards import OverlayCardContent

log = get_logger(__name__)

# The screen that shows each step of the journey.
STEP_SCREENS = {
    "procedure": "submit",
    "where": "submit_where",
    "identify": "submit_identify",
    "form": "submit_form",
    "documents": "submit_documents",
    "review": "submit_review",
}


class ResumeCard(OverlayCardContent):
    """Continue the unfinished dossier, or start a new one. The words (the procedure, the time
    and the step: long at 200 %) scroll like the other overlay cards'; the two answers always
    stay in view."""

    accepted = Signal()
    declined = Signal()

    def __init__(self, shell: Any, offer: drafting.ResumeOffer, parent: QWidget | None = None):
        super().__init__("ResumeCard", 28, parent)
        self.shell = shell
        self.offer = offer
        self.title = label("title", name="resume_title", align=Qt.AlignmentFlag.AlignCenter)
        self.words = label("lead", name="resume_body", align=Qt.AlignmentFlag.AlignCenter)
        # A wrapped label's own minimum width (its longest words at 200 %) would make the words
        # wider than the viewport, under the scroll bar: it wraps to the width it is given.
        self.words.setMinimumWidth(1)
        self.body.addWidget(self.title)
        self.body.addWidget(self.words)
        # Buttons that wrap their words: "No, start a new one" at 200 % is wider than the card.
        self.yes = button("resume_continue", "primary")
        self.no = button("resume_new")
        self.yes.clicked.connect(self.accepted)
        self.no.clicked.connect(self.declined)
        # Landscape: the two answers side by side, "continue" on the right (one under the
        # other they pushed the words 86 px under the card's fold at 150 %); it stays first in
        # the focus order.
        self._row = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._row.setSpacing(28)
        self._row.addWidget(self.yes)
        self._row.addWidget(self.no)
        self.answers.addLayout(self._row)
        self.retranslate()

    def _wide(self) -> bool:
        window = self.shell if isinstance(self.shell, QWidget) else self.window()
        return window.width() > window.height()

    def card_width(self) -> int:
        # Landscape: wider, so that the words take fewer lines of the height there is.
        if self._wide():
            return min(1400, self.shell.width() - 96) if isinstance(self.shell, QWidget) else 1400
        return super().card_width()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        self._row.setDirection(
            QBoxLayout.Direction.RightToLeft if self._wide() else QBoxLayout.Direction.TopToBottom
        )
        super().showEvent(event)

    def retranslate(self) -> None:
        m = self.shell.message
        proc = self.shell.services.catalog().get(self.offer.procedure_code or "")
        lang = self.shell.prefs.language
        self.title.setText(m("resume.title"))
        self.words.setText(
            m(
                "resume.body",
                procedure=proc.name(lang) if proc else "",
                time=fmt_time(self.offer.updated_at, lang),  # Vietnam time, as the header clock
                step=m(f"resume.step.{self.offer.step}"),
            )
        )
        self.yes.setText(m("resume.continue"))
        self.no.setText(m("resume.new"))

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def offer_resume(screen: Any, person: Person, then: Any) -> bool:
    """If ``person``'s card has a draft from another session, ask first and return True;
    ``then()`` runs after "start a new one" (the read goes on as if nothing was kept)."""
    shell = screen.shell
    services = shell.services
    ref = shell.session.ref
    try:
        services.store_queue.flush()
        offer = drafting.offer_for_card(
            services.store, person.id_number, shell.config.offline.draft_grace_hours
        )
    except Exception as e:  # noqa: BLE001 - no offer is better than no journey
        log.error("resume_offer_failed", error_type=type(e).__name__)
        return False
    if offer is None or offer.session_id == ref:
        return False
    card = ResumeCard(shell, offer)

    def accept() -> None:
        shell.overlay.close_card()
        try:
            journey = drafting.resume(services.store, offer, ref)
        except LookupError:
            screen._error = "resume.gone"
            then()
            return
        shell.session.data[JOURNEY_KEY] = journey
        log.info("draft_resumed", step=offer.step)
        shell.navigate(STEP_SCREENS.get(offer.step, "submit_identify"))

    def decline() -> None:
        shell.overlay.close_card()
        services.store_queue.put(lambda: services.store.drafts.wipe(offer.session_id), what="draft_declined")
        log.info("draft_declined", step=offer.step)
        then()

    card.accepted.connect(accept)
    card.declined.connect(decline)
    shell.overlay.show_card(card, "resume")
    return True


# --- screenshots and the layout audit: a fictional offer; nothing is read or resumed ---------


def _capture_offer(window: Any) -> None:
    from datetime import UTC, datetime

    offer = drafting.ResumeOffer(
        session_id="capture",
        procedure_code="birth_registration",
        step="documents",
        updated_at=datetime(2026, 12, 7, 1, 42, tzinfo=UTC),
    )
    window.navigate("submit_identify")
    card = ResumeCard(window, offer)
    card.declined.connect(window.overlay.close_card)
    window.overlay.show_card(card, "resume")


def register(registry: Any) -> None:
    from ui.screens.registry import Capture
    from ui.screens.wizard.captures import _settled

    registry.add_capture(Capture("wizard-3-resume-offer", _settled(_capture_offer)))
