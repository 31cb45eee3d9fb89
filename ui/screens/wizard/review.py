"""Step 6: everything on one page with "change" beside each part, the consent text (what is
collected, why, who sees it, how long) with an explicit "I agree", and "Submit": the dossier
goes into the offline outbox (written off the GUI thread, "Đang lưu…" meanwhile, durable before
the screen moves on), the sync engine sends it now or later, and the receipt prints."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk import tracking
from kiosk.catalog.model import Procedure
from kiosk.delivery import delivery
from kiosk.logs import get_logger, mask_id
from kiosk.submission import Submission
from kiosk.vntime import fmt_date
from kiosk.wizard.journey import (
    How,
    Journey,
    Kind,
    address_text,
    build_receipt,
    build_submission,
    checklist,
    competent_agency,
    missing,
    questions,
)
from ui.screens.base import label
from ui.screens.wizard.base import JOURNEY_KEY, WizardScreen, button, card, clear_layout
from ui.screens.wizard.form import FORM_AT_KEY

log = get_logger(__name__)
RECEIPT_KEY = "wizard.receipt"
FALLBACK_BASE = (
    "https://dichvucong.invalid/"  # only if no central was ever known: the QR still carries the code
)


def answer_text(q: Any, value: Any, lang: str) -> str:
    if value in (None, "", []):
        return "—"
    if q.kind is Kind.DATE:
        try:
            return fmt_date(date.fromisoformat(str(value)[:10]), lang)
        except ValueError:
            return str(value)
    if q.kind is Kind.ADDRESS:
        return address_text(value, lang)
    if q.kind in (Kind.CHOICE, Kind.MULTI):
        names = {o.key: o.name(lang) for o in q.attribute.values}
        vals = value if isinstance(value, list | tuple) else [value]
        return ", ".join(names.get(str(v), str(v)) for v in vals)
    return str(value)


class ReviewScreen(WizardScreen):
    screen_id = "submit_review"
    step = "review"

    def build(self) -> None:
        self.lead = label("body", name="review_lead")
        self.content.addWidget(self.lead)
        self.sections = QWidget()
        from PySide6.QtWidgets import QVBoxLayout

        self.sec_lay = QVBoxLayout(self.sections)
        self.sec_lay.setContentsMargins(0, 0, 0, 0)
        self.sec_lay.setSpacing(24)
        self.content.addWidget(self.sections)
        self.consent_box, cl = card("consent")
        self.consent_title = label("lead", name="review_consent_title")
        self.consent_text = label("body", name="review_consent_text")
        self.agree = button("review_consent", checkable=True, height=130)
        self.agree.toggled.connect(self._agree)
        cl.addWidget(self.consent_title)
        cl.addWidget(self.consent_text)
        self.content.addWidget(self.consent_box)
        # "I agree" and "Submit" are pinned together: neither is ever below the fold.
        self.actions.insertWidget(0, self.agree, 2)
        # What still stops the submission stands first, under the title: at the foot of the
        # review it was a screen and a half below the fold, under every answer.
        self.problem = self.error_label("review_missing")
        self.content.insertWidget(0, self.problem)
        self.next_btn.setObjectName("review_submit")
        self.next_btn.setMinimumHeight(150)
        self.already_btn = button("review_to_receipt", "primary")
        self.already_btn.clicked.connect(lambda: self.shell.navigate("submit_done"))
        self.actions.addWidget(self.already_btn, 2)
        self._loading = False
        self._busy = False  # the dossier is being written to the outbox

    def _part(self, name: str, title: str, lines: list[str], target: str, form_at: str | None = None) -> None:
        box, lay = card(name)
        head = QHBoxLayout()
        head.addWidget(label("lead", title), 1)
        change = button(f"review_change_{name}", height=96)
        change.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Minimum)
        change.setText(self.m("wizard.review.change"))
        change.clicked.connect(lambda _=False: self._change(target, form_at))
        head.addWidget(change)
        lay.addLayout(head)
        for line in lines:
            lay.addWidget(label("body", line, name=f"review_{name}_line"))
        self.sec_lay.addWidget(box)

    def _change(self, target: str, form_at: str | None) -> None:
        if form_at:
            self.shell.session.data[FORM_AT_KEY] = form_at
        self.shell.navigate(target)

    def refresh(self) -> None:
        proc = self.procedure()
        if proc is None:
            return
        j, lang = self.journey, self.lang
        self.title.setText(self.m("wizard.review.title"))
        self.lead.setText(self.m("wizard.review.lead"))
        clear_layout(self.sec_lay)
        done = j.submitted_at is not None
        if done:
            self.sec_lay.addWidget(label("lead", self.m("wizard.review.already"), name="review_already"))
            self.already_btn.setText(self.m("wizard.review.to_receipt"))
        self.already_btn.setVisible(done)
        self.lead.setVisible(not done)
        self.consent_box.setVisible(not done)
        self.agree.setVisible(not done)
        self.next_btn.setVisible(not done)
        self.problem.setVisible(not done)
        if done:
            return
        agency = competent_agency(self.services.catalog(), j, self._site())
        self._part(
            "procedure",
            self.m("wizard.review.procedure"),
            [proc.name(lang), f"{self.m('wizard.review.where')}: {agency.name(lang) if agency else '—'}"],
            "submit",
        )
        a = j.applicant
        lines = []
        if a is not None:
            lines += [a.full_name, self.m("wizard.id.number", v=mask_id(a.id_number))]
        behalf = {
            "child": "wizard.review.for_child",
            "family": "wizard.review.for_family",
            "self": "wizard.review.for_self",
        }
        if j.behalf in behalf:
            lines.append(self.m(behalf[j.behalf]))
        if j.second is not None:
            lines.append(self.m("wizard.id.second_done", v=j.second.full_name))
        self._part("applicant", self.m("wizard.review.applicant"), lines, "submit_identify")
        self._details(proc)
        doc_lines = []
        for item in checklist(proc, j):
            st = item.state
            if st.how is None and not item.required:
                continue
            status = {
                How.CAMERA.value: self.m("wizard.docs.pages", n=len(st.pages)),
                How.CHIP.value: self.m("wizard.docs.chip"),
                How.COUNTER.value: self.m("wizard.docs.counter"),
            }.get(st.how or "", self.m("wizard.docs.missing"))
            doc_lines.append(f"{item.name(lang)}: {status}")
        self._part("documents", self.m("wizard.review.documents"), doc_lines, "submit_documents")
        self.consent_title.setText(self.m("wizard.review.consent_title"))
        self.consent_text.setText(
            self.m("wizard.review.consent", days=self.shell.config.offline.retention_days)
        )
        self._loading = True
        self.agree.setChecked(j.consent)
        self._loading = False
        self.agree.setText(self._agree_text(j.consent))
        self.next_btn.setText(self.m("wizard.review.saving" if self._busy else "wizard.review.submit"))
        self._show_missing(proc)

    def _details(self, proc: Procedure) -> None:
        j, lang = self.journey, self.lang
        box, lay = card("details")
        lay.addWidget(label("lead", self.m("wizard.review.details")))
        for q in questions(proc, j):
            row = QHBoxLayout()
            row.addWidget(
                label(
                    "body", f"{q.attribute.description(lang)}:  {answer_text(q, j.values.get(q.code), lang)}"
                ),
                1,
            )
            change = button(f"review_change_{q.code}", height=96)
            change.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Minimum)
            change.setText(self.m("wizard.review.change"))
            change.clicked.connect(lambda _=False, c=q.code: self._change("submit_form", c))
            row.addWidget(change)
            lay.addLayout(row)
        self.sec_lay.addWidget(box)

    def _show_missing(self, proc: Procedure) -> None:
        gaps = missing(proc, self.journey)
        if gaps:
            words = ", ".join(self.m(f"wizard.review.missing.{g}") for g in gaps)
            self.problem.setText(f"{self.m('wizard.review.missing')} {words}.")
        else:
            self.problem.setText("")
        self.problem.setVisible(bool(gaps))
        self.next_btn.setEnabled(not gaps and not self._busy)

    def _agree(self, on: bool) -> None:
        if self._loading:
            return
        self.journey.consent = on
        self.agree.setText(self._agree_text(on))
        self.save("review")
        proc = self.procedure()
        if proc is not None:
            self._show_missing(proc)

    def _agree_text(self, on: bool) -> str:
        # Checked, the style's check mark says it; unchecked, an empty box says "touch to tick".
        return self.m("wizard.review.agree") if on else "☐  " + self.m("wizard.review.agree")

    def _site(self) -> str:
        return str(self.shell.config.kiosk.agency_code)

    def staff_finish(self, _record: Any) -> None:
        """Staff's "finish for the citizen" on this step: submit (the citizen's "I agree" still counts)."""
        self.on_next()

    # --- submit --------------------------------------------------------------------------
    def on_next(self) -> None:
        proc = self.procedure()
        j = self.journey
        if proc is None or missing(proc, j) or j.submitted_at is not None or self._busy:
            return
        svc = self.services
        code = j.tracking_code or tracking.new_tracking_code()
        j.tracking_code = code  # a retried tap sends the same dossier under the same code
        agency = competent_agency(svc.catalog(), j, self._site())
        cfg = self.shell.config
        try:
            sub = build_submission(
                proc,
                j,
                tracking_code=code,
                kiosk_id=cfg.kiosk.id,
                agency_code=agency.code if agency else None,
                language=self.lang,
            )
            record = _assist_record(self.shell)
            if record is not None:
                from kiosk.staff.assist import apply_to_submission

                sub = apply_to_submission(record, sub)  # channel "assisted", officer, control changes
            blobs = {a.sha256: j.blobs[a.sha256] for a in sub.attachments}
        except Exception as e:  # noqa: BLE001 - say so plainly, keep everything, let them retry
            self._failed(e)
            return
        self._set_busy(True)
        # The encrypted, fsynced write runs on the store's thread; the screen waits, busy.
        svc.enqueue(
            sub,
            blobs,
            draft_session_id=self.shell.session.ref or None,
            owner=self,
            done=lambda _entry, error: self._enqueued(proc, j, sub, agency, record, error),
        )

    def _enqueued(
        self,
        proc: Procedure,
        j: Journey,
        sub: Submission,
        agency: Any,
        record: Any,
        error: BaseException | None,
    ) -> None:
        self._set_busy(False)
        if error is not None:
            self._failed(error)
            return
        if self.shell.session.data.get(JOURNEY_KEY) is not j:
            # The session ended while the dossier was written: it is safe in the outbox, and
            # nobody is here any more to see a receipt.
            log.info("dossier_submitted_after_session_end", procedure=proc.identifier)
            return
        j.submitted_at = sub.created_at.isoformat()
        j.step = "submitted"
        svc = self.services
        status = self.shell.status
        state = delivery(
            network=status.get("network").state, central=status.get("central").state, accepted=False
        )
        queued = status.get("central").state != "ok"
        receipt = build_receipt(
            proc, j, sub, agency, lang=self.lang, queued_offline=queued, counter=self.shell.config.ui.counter
        )
        # The receipt says why it waits with the same words as the done screen and the header.
        receipt = replace(receipt, queued_reason="network" if state == "queued_network" else "central")
        if record is not None:
            from kiosk.staff.assist import receipt_fields

            receipt = replace(receipt, **receipt_fields(record))  # "Assisted by" on the receipt
        self.shell.session.data[RECEIPT_KEY] = receipt
        log.info(
            "dossier_submitted", procedure=proc.identifier, attachments=len(sub.attachments), queued=queued
        )
        try:
            svc.printer.print_receipt(receipt, svc.key, svc.public_base or FALLBACK_BASE, self.lang)
        except Exception as e:  # noqa: BLE001 - the screen shows the receipt instead
            log.error("receipt_print_request_failed", error_type=type(e).__name__)
        self.shell.navigate("submit_done")

    def _failed(self, error: BaseException) -> None:
        log.error("submission_enqueue_failed", error_type=type(error).__name__)
        self.problem.setText(self.m("wizard.review.submit_failed"))
        self.problem.show()

    def _set_busy(self, busy: bool) -> None:
        """While the dossier is written: "Đang lưu…" on a disabled button, and nothing else to touch."""
        self._busy = busy
        self.next_btn.setText(self.m("wizard.review.saving" if busy else "wizard.review.submit"))
        self.next_btn.setEnabled(not busy)
        self.agree.setEnabled(not busy)
        self.sections.setEnabled(not busy)

    def handle_back(self) -> bool:
        return self._busy or super().handle_back()


def _assist_record(shell: Any) -> Any:
    """The staff area's record of who helped (None when no staff mode is installed)."""
    mode = getattr(shell, "staff_mode", None)
    if mode is None:
        return None
    try:
        return mode.record()
    except Exception as e:  # noqa: BLE001 - without it the dossier is filed as self-service
        log.error("assist_record_unavailable", error_type=type(e).__name__)
        return None


def register(registry: Any) -> None:
    from ui.screens.registry import ScreenSpec

    registry.add(ScreenSpec("submit_review", ReviewScreen, capture=False))
