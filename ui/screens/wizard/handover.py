"""Hand over to the counter (issue 19): "Ask staff to finish" on a wizard step, asked once on
the overlay ("Continue here" is the big answer); then the dossier as it is goes to the outbox
(marked needs-completion, the draft removed in the same transaction), and this screen waits a
few seconds for the central's queue number, prints the slip (the kiosk's own number when the
central cannot be reached) and says where to go. "Done" ends the session like any journey.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk import tracking
from kiosk.catalog import agencies
from kiosk.logs import get_logger
from kiosk.receipt import HandoverSlip
from kiosk.submission import Submission
from kiosk.wizard.handover import build_handover, build_slip, can_hand_over, local_queue_number
from kiosk.wizard.journey import competent_agency
from ui.runner import run_in_background
from ui.screens.base import label
from ui.screens.wizard.base import JOURNEY_KEY, WizardScreen, button, card
from ui.screens.wizard.review import FALLBACK_BASE
from ui.widgets.cards import OverlayCardContent

log = get_logger(__name__)
HANDOVER_KEY = "wizard.handover"
# How long the slip waits for the central's queue number before the kiosk numbers it itself.
WAIT_FOR_CENTRAL_MS = 8_000


@dataclass(frozen=True)
class HandedOver:
    submission: Submission
    agency: agencies.AgencyInfo | None


class HandoverCard(OverlayCardContent):
    """The one question: ask staff to finish, or continue here (the primary answer). The words
    scroll at large text sizes (the overlay's card, like the timeout and finish cards); the two
    answers always stay in view."""

    stay = Signal()
    confirm = Signal()

    def __init__(self, shell: Any, parent: QWidget | None = None):
        super().__init__("HandoverCard", 28, parent)
        self.shell = shell
        self.title = label("title", name="handover_title", align=Qt.AlignmentFlag.AlignCenter)
        self.words = label("lead", name="handover_body", align=Qt.AlignmentFlag.AlignCenter)
        self.problem = label("body", name="handover_problem", live=True)
        self.problem.hide()
        for w in (self.title, self.words, self.problem):
            self.body.addWidget(w)
        self.stay_btn = button("handover_stay", "primary")
        self.confirm_btn = button("handover_confirm")
        self.stay_btn.clicked.connect(self.stay)
        self.confirm_btn.clicked.connect(self.confirm)
        self.answers.addWidget(self.stay_btn)  # first: the overlay focuses "Continue here"
        self.answers.addWidget(self.confirm_btn)
        self._failed = False
        self.retranslate()

    def failed(self) -> None:
        self._failed = True
        self.retranslate()

    def retranslate(self) -> None:
        m = self.shell.message
        self.title.setText(m("handover.ask.title"))
        self.words.setText(m("handover.ask.body"))
        self.problem.setText(m("handover.failed") if self._failed else "")
        self.problem.setVisible(self._failed)
        self.stay_btn.setText(m("handover.ask.stay"))
        self.confirm_btn.setText(m("handover.ask.confirm"))

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def offered(screen: Any) -> bool:
    """Whether ``screen`` (a wizard step) shows "Ask staff to finish" now."""
    return can_hand_over(screen.journey, screen.step)


def ask(screen: Any) -> None:
    """The button's action: the question on the overlay."""
    shell = screen.shell
    c = HandoverCard(shell)
    c.stay.connect(shell.overlay.close_card)
    c.confirm.connect(lambda: _hand_over(screen, c))
    shell.overlay.show_card(c, "handover")


def _hand_over(screen: Any, c: HandoverCard) -> None:
    shell = screen.shell
    svc = screen.services
    j = screen.journey
    proc = screen.procedure()
    if proc is None or not can_hand_over(j, screen.step):
        shell.overlay.close_card()
        return
    code = j.tracking_code or tracking.new_tracking_code()
    j.tracking_code = code  # a retried tap hands over the same dossier under the same code
    try:
        try:
            agency = competent_agency(svc.catalog(), j, str(shell.config.kiosk.agency_code))
        except ValueError:
            agency = None  # the central decides the agency from the procedure and the site
        kiosk_id = shell.config.kiosk.id
        sub = build_handover(
            proc,
            j,
            tracking_code=code,
            kiosk_id=kiosk_id,
            agency_code=agency.code if agency else None,
            language=screen.lang,
            # Decided now, so that the dossier carries the number the slip may have to show.
            slip_number=local_queue_number(svc.store, kiosk_id, code),
        )
        blobs = {a.sha256: j.blobs[a.sha256] for a in sub.attachments}
    except Exception as e:  # noqa: BLE001 - say so plainly, keep everything, let them retry
        log.error("handover_build_failed", error_type=type(e).__name__)
        c.failed()
        return
    c.stay_btn.setEnabled(False)  # while the dossier is written (off the GUI thread)
    c.confirm_btn.setEnabled(False)
    svc.enqueue(
        sub,
        blobs,
        draft_session_id=shell.session.ref or None,
        owner=screen,
        done=lambda _entry, error: _enqueued(screen, c, j, sub, agency, error),
    )


def _enqueued(
    screen: Any, c: HandoverCard, j: Any, sub: Submission, agency: Any, error: BaseException | None
) -> None:
    shell = screen.shell
    if error is not None:
        log.error("handover_enqueue_failed", error_type=type(error).__name__)
        if shell.overlay.card is not None and c.isVisible():
            c.stay_btn.setEnabled(True)
            c.confirm_btn.setEnabled(True)
            c.failed()
        return
    if shell.session.data.get(JOURNEY_KEY) is not j:
        log.info("handover_after_session_end")  # safe in the outbox; nobody here to take a slip
        return
    j.submitted_at = sub.created_at.isoformat()
    j.step = "handed_over"
    shell.session.data[HANDOVER_KEY] = HandedOver(sub, agency)
    log.info("dossier_handed_over", procedure=sub.procedure_code, attachments=len(sub.attachments))
    shell.overlay.close_card()
    shell.navigate("submit_handover")


class HandoverScreen(WizardScreen):
    """Where to go now: the queue number in large type, the tracking code, the slip printing."""

    screen_id = "submit_handover"
    step = "handed_over"

    def build(self) -> None:
        box, lay = card("handover")
        self.state = label("lead", name="handover_state", live=True)
        self.queue_title = label("body", name="handover_queue_title")
        self.queue = label("reference", name="handover_queue")
        self.queue_note = label("body", name="handover_queue_note")
        self.go = label("lead", name="handover_go")
        self.code_title = label("body", name="handover_code_title")
        self.code = label("reference", name="handover_code")
        # The number and where to go first: what the citizen must remember.
        for w in (self.queue_title, self.queue, self.go, self.code_title, self.code):
            lay.addWidget(w)
        self.content.addWidget(box)
        self._card_lay = lay
        self.print_state = label("lead", name="handover_print", live=True)
        self.content.addWidget(self.print_state)
        # What happens to the dossier and why the number is the kiosk's own: reassurance, not a
        # step to take, at the page's foot (the layout audit lets the page scroll for them); in
        # the card at 150 % they put the slip's "please take it" under the fold.
        for w in (self.state, self.queue_note):
            w.setProperty("fold_below", True)
            self.content.addWidget(w)
        self._beside: bool | None = None
        self.slip: HandoverSlip | None = None
        self.print_result: Any = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._no_answer)
        self._connected = False
        self._asking = False

    def style_extra(self, p: Any) -> None:
        self.relayout(self.portrait)  # the text size decides too

    def relayout(self, portrait: bool) -> None:
        """Landscape up to 150 %: the tracking code stands in the action column above "done";
        the page keeps the queue number, where to go, the dossier's state and the printing
        (all in the page they were up to 387 px taller than a landscape page at 150 %)."""
        beside = not portrait and self.shell.prefs.scale <= 150
        if beside == self._beside:
            return
        self._beside = beside
        side = self.frame.area.side
        # Only what has a fixed length: a longer message (queued offline, not printed) in the
        # column, which does not scroll, would be cut off.
        moved = (self.code_title, self.code)
        shown = [not w.isHidden() for w in moved]  # a widget given a new parent is hidden
        for w in moved:
            self._card_lay.removeWidget(w)
            side.removeWidget(w)
        for w in moved:
            (side if beside else self._card_lay).addWidget(w)
        for w, was in zip(moved, shown, strict=True):
            w.setVisible(was)

    def _info(self) -> HandedOver | None:
        info = self.shell.session.data.get(HANDOVER_KEY)
        return info if isinstance(info, HandedOver) else None

    def on_enter(self) -> None:
        svc = self.services
        if not self._connected:
            svc.dossierChanged.connect(self._changed)
            svc.printer.jobDone.connect(self._printed)
            self._connected = True
        super().on_enter()
        if self.slip is None and self._info() is not None:
            self._timer.start(WAIT_FOR_CENTRAL_MS)
            self._changed(self._info().submission.tracking_code)  # type: ignore[union-attr]

    def on_leave(self) -> None:
        self._timer.stop()
        super().on_leave()

    def handle_back(self) -> bool:
        return True  # handed over: there is no way back into the dossier

    def _changed(self, entry_id: str) -> None:
        info = self._info()
        if info is None or self.slip is not None or self._asking:
            return
        code = info.submission.tracking_code
        if entry_id != code or self.services.outbox_state(code) != "accepted":
            return
        self._asking = True
        client_factory = self.services.client

        def ask_number() -> str:
            client = client_factory()
            try:
                return str(client.track(code).queue_number)
            finally:
                client.close()

        run_in_background(self, ask_number, self._answered, name="handover-queue-number")

    def _answered(self, number: Any, error: BaseException | None) -> None:
        self._asking = False
        if self.slip is not None:
            return
        if error is not None or not number:
            log.info("handover_queue_number_unavailable", error_type=type(error).__name__ if error else "")
            self._no_answer()
            return
        self._timer.stop()
        self._print(str(number), local=False)

    def _no_answer(self) -> None:
        """The central did not answer in time: the kiosk numbers the citizen itself."""
        info = self._info()
        if info is None or self.slip is not None:
            return
        code = info.submission.tracking_code
        try:
            number = info.submission.slip_number or local_queue_number(
                self.services.store, info.submission.kiosk_id, code
            )
        except Exception as e:  # noqa: BLE001 - a number from the code is better than none
            log.error("handover_local_number_failed", error_type=type(e).__name__)
            number = f"{info.submission.kiosk_id}-{code[-3:]}"
        self._print(number, local=True)

    def _print(self, number: str, *, local: bool) -> None:
        info = self._info()
        proc = self.procedure()
        if info is None or proc is None:
            return
        svc = self.services
        accepted = svc.outbox_state(info.submission.tracking_code) == "accepted"
        self.slip = build_slip(
            proc,
            info.submission,
            info.agency,
            queue_number=number,
            local_number=local,
            queued_offline=not accepted,
            where=self.where_to_ask(),
            key=svc.key,
            public_base=svc.public_base or FALLBACK_BASE,
            lang=self.lang,
        )
        log.info("handover_slip", local=local, queued=not accepted)
        try:
            svc.printer.print_slip(self.slip, self.slip.job_id)
        except Exception as e:  # noqa: BLE001 - the screen shows the number instead
            log.error("handover_print_request_failed", error_type=type(e).__name__)
        self.refresh()

    def _printed(self, result: Any) -> None:
        if self.slip is None or getattr(getattr(result, "job", None), "job_id", None) != self.slip.job_id:
            return
        self.print_result = result
        self.refresh()

    def refresh(self) -> None:
        info = self._info()
        self.title.setText(self.m("handover.title"))
        self.next_btn.setText(self.m("handover.done"))
        self.next_btn.setVisible(info is not None)
        if info is None:
            return
        sent = self.services.outbox_state(info.submission.tracking_code) == "accepted" or (
            self.slip is not None and not self.slip.queued_offline  # numbered by the central: it has it
        )
        self.code_title.setText(self.m("handover.code"))
        self.code.setText(tracking.display(info.submission.tracking_code))
        self.queue_title.setText(self.m("handover.queue"))
        self.go.setText(self.m("handover.go", where=self.where_to_ask()))
        if self.slip is None:
            self.state.setText(self.m("handover.sending"))
            self.queue.setText("…")
            self.queue_note.setText("")
            self.print_state.setText("")
            return
        self.state.setText(self.m("handover.sent" if sent else "handover.queued"))
        self.queue.setText(self.slip.queue_number)
        self.queue_note.setText(self.m("handover.queue_local") if self.slip.local_number else "")
        self.queue_note.setVisible(self.slip.local_number)
        r = self.print_result
        if r is None:
            self.print_state.setText(self.m("handover.printing"))
        elif r.printed or r.code == "printer.already_printed":
            self.print_state.setText(self.m("handover.printed"))
        else:
            self.print_state.setText(self.m("handover.not_printed"))

    def on_next(self) -> None:
        self.shell.finish()  # the session ends as after a journey: everything is wiped


# --- screenshots (``kiosk screenshots``): a fictional citizen; nothing is sent or printed -----


def _capture_ask(window: Any) -> None:
    from ui.screens.wizard.captures import _filled

    _filled(window)
    window.navigate("submit_form")
    ask(window.current_screen)


def _capture_slip(window: Any, *, local: bool) -> None:
    from ui.screens.wizard.base import journey_of
    from ui.screens.wizard.captures import _filled

    _filled(window)
    j = journey_of(window)
    svc = window.services
    proc = svc.catalog().require("birth_registration")
    sub = build_handover(proc, j, tracking_code=tracking.new_tracking_code(), kiosk_id=window.config.kiosk.id,
                         agency_code=None, language=window.prefs.language)  # fmt: skip
    j.tracking_code, j.submitted_at, j.step = sub.tracking_code, sub.created_at.isoformat(), "handed_over"
    window.session.data[HANDOVER_KEY] = HandedOver(sub, None)
    window.navigate("submit_handover")
    screen = window.current_screen
    screen._timer.stop()
    lang = str(window.prefs.language)
    screen.slip = build_slip(
        proc, sub, None, queue_number=f"{sub.kiosk_id}-004" if local else "Q-017", local_number=local,
        queued_offline=local, where=screen.where_to_ask(), key=svc.key,
        public_base=svc.public_base or FALLBACK_BASE, lang=lang,
    )  # fmt: skip
    screen.refresh()


def register(registry: Any) -> None:
    from ui.screens.registry import Capture, ScreenSpec
    from ui.screens.wizard.captures import _settled

    registry.add(ScreenSpec("submit_handover", HandoverScreen, capture=False))
    registry.add_capture(Capture("wizard-9-handover-ask", _settled(_capture_ask)))
    registry.add_capture(Capture("wizard-9-handover-slip", _settled(lambda w: _capture_slip(w, local=False))))
    registry.add_capture(
        Capture("wizard-9-handover-offline", _settled(lambda w: _capture_slip(w, local=True)))
    )
