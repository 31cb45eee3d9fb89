"""Step 7: received. The tracking code in large type, the same QR as the printed receipt, and
one sentence saying what happens next and when — honest about whether the dossier has left
the kiosk yet (it updates when the sync engine sends it). If the printer cannot print, the
whole receipt is shown on screen."""

from __future__ import annotations

import io
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout

from kiosk import receipt, tracking
from kiosk.delivery import delivery
from kiosk.vntime import fmt_date
from kiosk.wizard.journey import Journey
from ui.screens.base import label
from ui.screens.wizard.base import WizardScreen, button, card
from ui.screens.wizard.review import FALLBACK_BASE, RECEIPT_KEY


def pil_pixmap(img: Any) -> QPixmap:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return QPixmap.fromImage(QImage.fromData(buf.getvalue()))


class DoneScreen(WizardScreen):
    screen_id = "submit_done"
    step = "submitted"

    def build(self) -> None:
        box, lay = card("received")
        self.code_title = label("body", name="done_code_title")
        self.code = label("reference", name="done_code")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.code.setWordWrap(True)  # but only ever after its dash (CodeLabel; see style_extra)
        # The code beside its QR: under it, the QR alone took a third of a portrait screen and
        # put the receipt's print status under the fold.
        row = self.code_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(16)
        self.code_col = QVBoxLayout()
        self.code_col.setSpacing(16)
        self.code_col.addWidget(self.code_title)
        self.code_col.addWidget(self.code)
        self.code_col.addStretch(1)
        row.addLayout(self.code_col, 1)
        self.qr = QLabel()
        self.qr.setObjectName("done_qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(row)
        self._card_lay = lay
        self.next_line = label("lead", name="done_next", live=True)
        lay.addWidget(self.next_line)
        self.content.addWidget(box)
        self.print_state = label("lead", name="done_print")
        self.content.addWidget(self.print_state)
        self.show_btn = button("done_show_receipt", checkable=True)
        self.show_btn.toggled.connect(self._toggle_receipt)
        self.content.addWidget(self.show_btn)
        self.receipt_img = QLabel()
        # Asked for ("see the whole receipt"), as long as the receipt: the page scrolls for it.
        self.receipt_img.setProperty("fold_list", True)
        self.receipt_img.setObjectName("done_receipt")
        self.receipt_img.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.receipt_img.hide()
        self.content.addWidget(self.receipt_img)
        # Advice for the day the result is collected, not a step to take now: last on the
        # page (the layout audit lets the page scroll for it). Above the print status it put
        # that status, and "see the whole receipt", under the fold at 150 %.
        self.originals = label("body", name="done_originals")
        self.originals.setProperty("fold_below", True)
        self.content.addWidget(self.originals)
        self.qr_text = ""
        self.outcome: Any = None
        self._connected = False
        self._rendered: Any = None

    def style_extra(self, p: Any) -> None:
        # The code beside its QR up to 150 % text (with the QR at its 150 % size the row fits
        # a landscape page's card); at 200 % the code alone is as wide as the page: above it.
        self.code_row.setDirection(
            QBoxLayout.Direction.LeftToRight
            if self.shell.prefs.scale <= 150
            else QBoxLayout.Direction.TopToBottom
        )
        # Whole where its line holds it; where not (at 200 %, or a code of wide letters such
        # as M and W beside its QR) broken at its dash rather than cut off at the page's edge.
        self.code.setWordWrap(True)
        self._set_qr()
        self.relayout(self.portrait)

    def relayout(self, portrait: bool) -> None:
        """Where the print status, "see the whole receipt" and the reminder to keep the
        originals stand, so that what the citizen acts on is in view up to 150 % text (in the
        page they were under the fold). Landscape: the page is a third of the screen wide,
        between the session bar and the action column; the status and the button stand in that
        column above the way on, and the reminder with them at 100 % only (at 150 % it would
        fill the column: it stays at the page's foot). Portrait at 150 % (only: at 100 % the page has
        room for it, and in the row it was narrower than its words): the button stands
        in the action row, beside the way on. At 200 % all stay in the page: the column does
        not scroll, and words that large were cut off there."""
        area = self.frame.area
        scale = self.shell.prefs.scale
        column = not portrait and scale <= 150
        places = {
            self.print_state: area.side if column else self.content,
            self.show_btn: area.side if column else area.box if 100 < scale <= 150 else self.content,
            self.originals: area.side if not portrait and scale <= 100 else self.content,
        }
        side_order = [self.print_state, self.show_btn, self.originals]
        page_order = [self.print_state, self.show_btn, self.receipt_img, self.originals]
        for w, place in places.items():
            if place.indexOf(w) >= 0:
                continue
            was = not w.isHidden()  # a widget given a new parent is hidden
            if place is area.side:
                area.side.insertWidget(
                    sum(area.side.indexOf(o) >= 0 for o in side_order[: side_order.index(w)]), w
                )
            elif place is area.box:
                area.box.insertWidget(0, w)  # secondary actions first, the primary last (right)
            else:
                after = [o for o in page_order[page_order.index(w) + 1 :] if self.content.indexOf(o) >= 0]
                at = self.content.indexOf(after[0]) if after else self.content.count()
                self.content.insertWidget(at, w)
            w.setVisible(was)

    def _set_qr(self) -> None:
        """The QR at 6 px a module (1.5 mm on the 21.5" 1080p panel the theme assumes, ~4 px a
        mm), 4 px (1 mm; the receipt prints 0.75 mm) at 150 % text, where the code beside it is
        wider: 48 mm across then, over the 37 mm a phone held at arm's length needs to frame it."""
        if not self.qr_text:
            return
        module = 4 if 100 < self.shell.prefs.scale <= 150 else 6
        if getattr(self, "_qr_module", None) != module:
            self._qr_module = module
            self.qr.setPixmap(pil_pixmap(receipt.qr_image(self.qr_text, 60 * module, module)))

    def _receipt(self) -> Any:
        return self.shell.session.data.get(RECEIPT_KEY)

    def on_enter(self) -> None:
        svc = self.services
        if not self._connected:
            svc.printer.receiptDone.connect(self._printed)
            svc.dossierChanged.connect(self._changed)
            svc.centralChanged.connect(self._changed)
            self._connected = True
        r = self._receipt()
        if r is not None and not self.qr_text:
            # The same text the printer encodes (Ed25519 signatures are deterministic).
            self.qr_text = receipt.receipt_qr_text(r, svc.key, svc.public_base or FALLBACK_BASE)
            self._qr_module = 0
            self._set_qr()
        super().on_enter()

    def _changed(self, _what: str) -> None:
        self.refresh()

    def _printed(self, outcome: Any) -> None:
        r = self._receipt()
        if r is None or outcome.result.job.job_id != r.job_id:
            return
        self.outcome = outcome
        self._rendered = outcome.rendered
        if not (outcome.result.printed or outcome.result.code == "printer.already_printed"):
            self.show_btn.setChecked(True)
        self.refresh()

    def _toggle_receipt(self, on: bool) -> None:
        if on and self._rendered is None and self._receipt() is not None:
            self._rendered = receipt.render_receipt(self._receipt(), self.qr_text, 576, self.lang)
        if on and self._rendered is not None:
            self.receipt_img.setPixmap(pil_pixmap(self._rendered.image.convert("L")))
        self.receipt_img.setVisible(on)
        self.refresh()

    def sent(self) -> bool:
        r = self._receipt()
        return r is not None and self.services.outbox_state(r.tracking_code) == "accepted"

    def delivery(self) -> str:
        """Sent, or why it waits: from the same indicators the header shows (kiosk.delivery)."""
        status = self.shell.status
        return delivery(
            network=status.get("network").state, central=status.get("central").state, accepted=self.sent()
        )

    def refresh(self) -> None:
        r = self._receipt()
        j: Journey = self.journey
        self.title.setText(self.m("wizard.done.title"))
        self.code_title.setText(self.m("wizard.done.code"))
        if r is None:
            return
        self.code.setText(tracking.display(r.tracking_code))
        agency = r.agency_name or "—"
        when = fmt_date(r.appointment, self.lang)
        self.next_line.setText(self.m(f"wizard.done.{self.delivery()}", agency=agency, date=when))
        self.originals.setText(self.m("wizard.done.originals"))
        if self.outcome is None:
            self.print_state.setText(self.m("wizard.done.printing"))
        elif self.outcome.result.printed or self.outcome.result.code == "printer.already_printed":
            self.print_state.setText(self.m("wizard.done.printed"))
        else:
            self.print_state.setText(self.m("wizard.done.not_printed"))
        self.show_btn.setText(
            self.m("wizard.done.hide_receipt" if self.show_btn.isChecked() else "wizard.done.show_receipt")
        )
        self.next_btn.setText(self.m("wizard.done.continue"))
        self.next_btn.setVisible(j.submitted_at is not None)

    def on_next(self) -> None:
        self.shell.navigate("submit_rate")


def register(registry: Any) -> None:
    from ui.screens.registry import ScreenSpec

    registry.add(ScreenSpec("submit_done", DoneScreen, capture=False))
