"""Step 3: who is applying. The chip ID card on the reader plus its front QR at the scanner
(the QR gives the key that opens the chip; either may come first); the photo and the checked
details appear; then "for myself", "for my child" or "for a family member"; optionally a
second person's card (the other parent, the partner)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QVBoxLayout

from kiosk.logs import get_logger, mask_id
from kiosk.scan_routing import ScanKind
from kiosk.submission import Verification
from kiosk.wizard.journey import Behalf, Person
from ui.screens.base import label
from ui.screens.wizard.base import WizardScreen, button, card
from ui.screens.wizard.privacy import show_privacy
from ui.screens.wizard.resume import offer_resume
from ui.widgets.keyboard import VietKeyboard
from ui.widgets.placement import PlacementGuide, can_prompt

log = get_logger(__name__)
BEHALF_ORDER = {
    "birth_registration": (Behalf.CHILD, Behalf.FAMILY, Behalf.SELF),
    "child_health_insurance": (Behalf.CHILD, Behalf.FAMILY, Behalf.SELF),
    "death_registration": (Behalf.FAMILY, Behalf.SELF, Behalf.CHILD),
}


def person_from_read(read: Any) -> Person:
    dg13 = getattr(read, "dg13", None)
    level = getattr(read.verification, "level", "")
    return Person(
        id_number=str(read.personal_number),
        full_name=str(read.full_name),
        birth_date=read.birth_date.isoformat() if read.birth_date else None,
        sex=read.sex if read.sex in ("M", "F") else None,
        address=(dg13.place_of_residence if dg13 else None) or None,
        verification=(Verification.CHIP_VERIFIED if level == "verified" else Verification.CHIP_READ).value,
    )


class IdentifyScreen(WizardScreen):
    screen_id = "submit_identify"
    step = "identify"

    def build(self) -> None:
        self.steps_box, box = card("card_steps")
        # Portrait: one column. Landscape: the steps and their pictures on the left, what the
        # reading does and the other ways on the right; in one column they were twice the
        # height of a landscape screen, the other ways under the fold.
        self.steps_cols = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.steps_cols.setSpacing(32)
        box.addLayout(self.steps_cols)
        lay = QVBoxLayout()
        lay.setSpacing(12)
        self.steps_cols.addLayout(lay, 1)
        # Each step beside its picture, with where the device is on this kiosk under the step's
        # words: the pictures' own captions said the step again, and at 150 % text the steps,
        # the pictures and their captions one under the other were a page by themselves.
        guide, palette = self.shell.config.guide, lambda: self.shell.prefs.palette
        self.insert = label("lead", name="identify_insert")
        self.scan = label("lead", name="identify_scan")
        self.card_guide = PlacementGuide("card", guide, palette, self.m, words_below=False)
        self.qr_guide = PlacementGuide("qr", guide, palette, self.m, words_below=False)
        self.card_where = label("muted", name="identify_card_where")
        self.qr_where = label("muted", name="identify_qr_where")
        self.step_rows = []
        for words, picture, where in (
            (self.insert, self.card_guide, self.card_where),
            (self.scan, self.qr_guide, self.qr_where),
        ):
            row = QHBoxLayout()
            row.setSpacing(24)
            row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
            words_col = QVBoxLayout()
            words_col.setSpacing(4)
            words_col.addWidget(words)
            words_col.addWidget(where)
            words_col.addStretch(1)
            row.addLayout(words_col, 1)
            lay.addLayout(row)
            self.step_rows.append(row)
        # "Which six digits?": in the steps' place while the citizen types them (the steps
        # make way), the words over the card's front with them circled and the field beside
        # it, so the picture is in view while the keypad is; in landscape the keypad is in the
        # other column (under the words, it was a screen under the fold there).
        self.can_words = label("lead", name="identify_can_words")
        lay.addWidget(self.can_words)
        can_row = QHBoxLayout()
        can_row.setSpacing(24)
        self.can_guide = PlacementGuide("can", guide, palette, self.m)
        self.can_guide.setMaximumWidth(460)
        can_row.addWidget(self.can_guide, 1)
        self.can_input = QLineEdit()
        self.can_input.setObjectName("identify_can_input")
        self.can_input.setMaxLength(6)
        self.can_input.textChanged.connect(self._can_typed)
        can_row.addWidget(self.can_input, 1, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(can_row)
        self.can_words.hide()
        self.can_guide.hide()
        lay.addStretch(1)
        lay = QVBoxLayout()
        lay.setSpacing(12)
        self.steps_cols.addLayout(lay, 1)
        # What reading the card takes and why, before the card is read: a one-sentence summary
        # that stays in view, the full notice one touch away on a card (issue 17; a layered
        # notice: in full here it was half a screen at 150 % and the prompt went under the fold).
        self.privacy = label("body", name="identify_privacy")
        lay.addWidget(self.privacy)
        self.privacy_more = button("identify_privacy_more", height=96)
        self.privacy_more.clicked.connect(lambda: show_privacy(self.shell))
        lay.addWidget(self.privacy_more)
        self.progress = QProgressBar()
        self.progress.setObjectName("identify_progress")
        self.progress.setMinimumHeight(40)
        self.progress.setTextVisible(False)
        lay.addWidget(self.progress)
        self.state = label("body", name="identify_state", live=True)
        lay.addWidget(self.state)
        # Way on when the QR will not scan: the 6-digit card access number printed on the card.
        self.can_btn = button("identify_can")
        self.can_btn.clicked.connect(self._open_can)
        lay.addWidget(self.can_btn)
        self.can_pad = VietKeyboard(self.can_input, mode="numeric")
        lay.addWidget(self.can_pad)
        self.can_input.hide()
        self.can_pad.hide()
        self.retry = button("identify_retry")
        self.retry.clicked.connect(self._retry)
        lay.addWidget(self.retry)
        # No chip: the secondary way on (staff help, pinned at the foot of the screen), at the
        # foot of the page on purpose; the layout audit lets the page scroll for it.
        self.no_chip = label("muted", name="identify_no_chip")
        self.no_chip.setProperty("fold_below", True)
        lay.addWidget(self.no_chip)
        # The demo profile's stand-in for a scanner, last: what a real kiosk shows stays above
        # the fold, and the layout audit lets the page scroll for this one.
        self.demo_btn = button("identify_demo_scan")
        self.demo_btn.setProperty("fold_below", True)
        self.demo_btn.clicked.connect(self._demo_scan)
        lay.addWidget(self.demo_btn)
        lay.addStretch(1)
        self.content.addWidget(self.steps_box)

        self.person_box, play = card("person")
        row = QHBoxLayout()
        self.photo = QLabel()
        self.photo.setObjectName("identify_photo")
        self.photo.setFixedSize(240, 300)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.photo)
        col = QVBoxLayout()
        self.name = label("lead", name="identify_name")
        self.number = label("body", name="identify_number")
        self.birth = label("body", name="identify_birth")
        self.checked = label("muted", name="identify_checked")
        for w in (self.name, self.number, self.birth, self.checked):
            col.addWidget(w)
        col.addStretch(1)
        row.addLayout(col, 1)
        play.addLayout(row)
        # Portrait: the person, then "for whom?"; landscape: side by side (one under the other,
        # "for myself" was under the fold).
        self.person_cols = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.person_cols.setSpacing(24)
        self.person_cols.addWidget(self.person_box, 3)
        whom = QVBoxLayout()
        whom.setSpacing(24)
        self.person_cols.addLayout(whom, 2)
        self.content.addLayout(self.person_cols)

        # "Who is this dossier for?" is the page's title once the card is read (under the title
        # of the card step it was a second heading, and a line's height under the fold).
        self.behalf_btns: dict[str, Any] = {}
        self.behalf_col = QVBoxLayout()
        self.behalf_col.setSpacing(16)
        for b in Behalf:
            btn = button(f"identify_{b.value}", checkable=True)
            btn.clicked.connect(lambda _=False, v=b.value: self._choose_behalf(v))
            self.behalf_btns[b.value] = btn
        whom.addLayout(self.behalf_col)
        whom.addStretch(1)
        self.second_btn = button("identify_second")
        # Optional (a second parent's or partner's card): may stand under the fold.
        self.second_btn.setProperty("fold_below", True)
        self.second_btn.clicked.connect(self._start_second)
        self.content.addWidget(self.second_btn)
        self.second_label = label("body", name="identify_second_person")
        self.content.addWidget(self.second_label)
        self.second_remove = button("identify_second_remove")
        self.second_remove.clicked.connect(self._remove_second)
        self.content.addWidget(self.second_remove)
        # "Read another card": a way back for a wrong card, not the next step, at the page's
        # foot (the layout audit lets the page scroll for it); beside the photo it made the
        # person's card a button taller and "for myself" went under the fold at 150 %.
        self.change_card = button("identify_change_card")
        self.change_card.setProperty("fold_below", True)
        self.change_card.clicked.connect(self._change_card)
        self.content.addWidget(self.change_card)
        self._target = "applicant"
        self._qr: str | None = None
        self._reading = False
        self._error: str | None = None
        self._connected = False
        self._card_seen = False

    def style_extra(self, p: Any) -> None:
        self.relayout(self.portrait)  # the text size decides the columns too

    def relayout(self, portrait: bool) -> None:
        # Side by side up to 150 %: at 200 % two columns were wider than the landscape page.
        beside = not portrait and self.shell.prefs.scale <= 150
        # Landscape at 150 %: "for whom?" answers in the action column above "continue" (beside
        # the person's card in the page, each answer was a word a line and "for myself" a
        # screen under the fold); the page keeps the person.
        self._behalf_side = beside and self.shell.prefs.scale > 100
        self._place_behalf()
        for cols, side_by_side in (
            (self.steps_cols, beside),
            (self.person_cols, beside and not self._behalf_side),  # the person the page's width
        ):
            cols.setDirection(
                QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
            )
        # Beside "for whom?" in landscape the photo is smaller: its width went to the name,
        # which wrapped onto three lines and pushed "read another card" under the fold.
        large = self.shell.prefs.scale > 100
        # The photo smaller above 100 % too: the details beside it need the width.
        self.photo.setFixedSize(*((240, 300) if portrait and not large else (176, 220)))
        # The step pictures shrink as the text grows: the words beside them need the width.
        side = 200 if large else 300
        for g in (self.card_guide, self.qr_guide):
            g.setFixedWidth(side)
        # The circled digits, likewise: the keypad under them needs the height.
        self.can_guide.picture.setMaximumHeight(150 if large else 250)
        # ... and the cards around them are less padded (their 24 px above and below were the
        # last line of "won't scan?" under the fold in portrait at 150 %). Beside, the person's
        # card is the page's tallest part (the English page scrolled by 1 px at 100 %).
        pad = 16 if large else 24
        self.steps_box.layout().setContentsMargins(32, pad, 32, pad)
        pad = 16 if large or beside else 24
        self.person_box.layout().setContentsMargins(32, pad, 32, pad)
        self._show_face()

    def _place_behalf(self) -> None:
        """The "for whom?" answers, in the procedure's order, in the page or the action column."""
        side = self.frame.area.side
        target = side if getattr(self, "_behalf_side", False) else self.behalf_col
        for b in getattr(self, "_order", ()):
            btn = self.behalf_btns[b.value]
            was = not btn.isHidden()  # a widget given a new parent is hidden
            self.behalf_col.removeWidget(btn)
            side.removeWidget(btn)
            target.addWidget(btn)
            btn.setVisible(was)

    def _show_face(self) -> None:
        face = getattr(self, "_face", None)
        if face is not None:
            self.photo.setPixmap(
                QPixmap.fromImage(face).scaled(
                    self.photo.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    # --- device signals ------------------------------------------------------------------
    def on_enter(self) -> None:
        self._connect()
        super().on_enter()

    def on_leave(self) -> None:
        self._disconnect()
        if self._target == "second" and self.journey.second is None:
            self._target = "applicant"

    def _connect(self) -> None:
        if self._connected:
            return
        try:
            card_ctl, scanner = self.services.card, self.services.scanner
        except Exception as e:  # noqa: BLE001 - no reader: say so, offer staff help
            log.error("identify_devices_unavailable", error_type=type(e).__name__)
            self._error = "wizard.id.no_reader"
            return
        # Presence through the services (no race with a card already on the reader at start).
        self.services.cardPresenceChanged.connect(self._on_presence)
        card_ctl.progress.connect(self._on_progress)
        card_ctl.readFinished.connect(self._on_read)
        card_ctl.readFailed.connect(self._on_failed)
        card_ctl.failed.connect(self._on_monitor_failed)
        scanner.scanned.connect(self._on_scan)
        scanner.rejected.connect(self._on_scan)
        self._card_seen = self.services.card_present
        self._connected = True

    def _disconnect(self) -> None:
        if not self._connected:
            return
        card_ctl, scanner = self.services.card, self.services.scanner
        for sig, slot in (
            (self.services.cardPresenceChanged, self._on_presence),
            (card_ctl.progress, self._on_progress),
            (card_ctl.readFinished, self._on_read),
            (card_ctl.readFailed, self._on_failed),
            (card_ctl.failed, self._on_monitor_failed),
            (scanner.scanned, self._on_scan),
            (scanner.rejected, self._on_scan),
        ):
            try:
                sig.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self._connected = False

    def _on_presence(self, present: bool) -> None:
        self._card_seen = present
        if present:
            self._try_read()
        self.refresh()

    def _open_can(self) -> None:
        self.can_input.clear()
        self.can_words.show()
        self.can_guide.show()
        self.can_input.show()
        self.can_pad.show()
        self.can_input.setFocus()
        self.refresh()
        # The field opens below the fold: bring the prompt into view, from the words and the
        # circled picture down to what fits of the keypad; the field last, so that it wins
        # when not all of it fits. Again once the layout requests the shown widgets posted
        # are done: they move the field further down.
        self._show_can_field()
        QTimer.singleShot(0, self, self._show_can_field)

    def _show_can_field(self) -> None:
        if self.can_input.isHidden():
            return
        self.page.widget().layout().activate()
        for w in (self.can_pad, self.can_guide, self.can_words, self.can_input):
            self.page.ensureWidgetVisible(w, 0, 24)

    def _close_can(self) -> None:
        for w in (self.can_words, self.can_guide, self.can_input, self.can_pad):
            w.hide()

    def _can_typed(self, text: str) -> None:
        if len(text) == 6 and text.isdigit() and not self._reading:
            from devices.card.base import CanKey

            self._error = None
            self._reading = True
            self.progress.setRange(0, 0)
            self._close_can()  # the reading shows its progress; the picture has done its work
            self.services.card.read_with_keys([CanKey(text)])
            self.refresh()

    def _demo(self) -> bool:
        """The demo profile (simulated reader and scanner): offer to "scan" the sample card's QR.
        Never on a configured kiosk: a citizen must not meet a test control."""
        svc = self.services
        return (
            bool(self.shell.config.is_demo)
            and svc.device_setting("card_reader").startswith("sim")
            and svc.device_setting("scanner").startswith("sim")
        )

    def _demo_scan(self) -> None:
        from devices.card.simulated import SAMPLE_PEOPLE, qr_text

        reader = self.services.card.reader
        index = getattr(reader, "inserted", None)
        if index is not None:
            self.services.scanner.deliver(qr_text(SAMPLE_PEOPLE[index]), "sim")

    def _on_monitor_failed(self, _code: str, _detail: str) -> None:
        self._error = "wizard.id.no_reader"
        self.refresh()

    def _on_scan(self, route: Any) -> None:
        if route.kind is not ScanKind.CCCD:
            if self._needs_card():
                self._error = "wizard.id.not_cccd"  # a receipt or another code: say which QR is wanted
                self.refresh()
            return
        self._qr = route.text
        self._error = None
        self._try_read()
        self.refresh()

    def _try_read(self) -> None:
        if self._qr and self.services.card_present and not self._reading and self._needs_card():
            self._reading = True
            self.progress.setRange(0, 0)
            self.services.card.read_with_qr(self._qr)

    def _needs_card(self) -> bool:
        return self.journey.applicant is None or self._target == "second"

    def _on_progress(self, _step: str, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_read(self, read: Any) -> None:
        self._reading = False
        self._qr = None
        self._close_can()
        person = person_from_read(read)
        j = self.journey
        if self._target == "second":
            if j.applicant is not None and person.id_number == j.applicant.id_number:
                self._error = "wizard.id.same_card"
                self.refresh()
                return
            j.add_second(person)
            self._target = "applicant"
            self._read_used("second", person)
            return
        # A draft of this very card from an earlier session (power cut, restart): asked first.
        if not offer_resume(self, person, lambda: self._identify(read, person)):
            self._identify(read, person)

    def _identify(self, read: Any, person: Person) -> None:
        self.journey.identify(person)
        face = getattr(read, "face", None)
        if face is not None:
            try:
                self._face = self.services.card.face_image(face, 300)
                self._show_face()
            except Exception as e:  # noqa: BLE001 - no photo is not a reason to stop
                log.error("face_image_failed", error_type=type(e).__name__)
        self._read_used("applicant", person)

    def _read_used(self, who: str, person: Person) -> None:
        self._error = None
        self.save("identify")
        log.info("card_read_for_journey", who=who, id=mask_id(person.id_number))
        self.refresh()

    def _on_failed(self, code: str, _way_on: str, _detail: str) -> None:
        self._reading = False
        self._qr = None
        self._close_can()
        self._error = code
        self.refresh()

    def _retry(self) -> None:
        self._error = None
        self._qr = None
        self.refresh()

    def _change_card(self) -> None:
        self.journey.applicant = None
        self._face = None
        self.photo.clear()
        self._target = "applicant"
        self.refresh()

    def _start_second(self) -> None:
        self._target = "second"
        self._error = None
        self._qr = None
        self.refresh()

    def _remove_second(self) -> None:
        self.journey.add_second(None)
        self._target = "applicant"
        self.save("identify")
        self.refresh()

    def _choose_behalf(self, value: str) -> None:
        self.journey.set_behalf(Behalf(value))
        self.save("identify")
        self.refresh()

    # --- texts ---------------------------------------------------------------------------
    def refresh(self) -> None:
        j = self.journey
        second = self._target == "second"
        show_person = j.applicant is not None and not second
        self.title.setText(
            self.m(
                "wizard.id.second_title" if second else "wizard.id.who" if show_person else "wizard.id.title"
            )
        )
        waiting = self._needs_card()
        self.steps_box.setVisible(waiting)
        if second:
            self.insert.setText(self.m("wizard.id.second_hint"))
            self.scan.setText("")
        else:
            self.insert.setText(self.m("wizard.id.insert"))
            self.scan.setText(self.m("wizard.id.scan"))
        self.progress.setVisible(self._reading)
        self.no_chip.setText(self.m("wizard.id.no_chip"))
        for g in (self.card_guide, self.qr_guide, self.can_guide):
            g.retranslate()
        self.privacy.setText(self.m("wizard.privacy.card_short"))
        self.privacy_more.setText(self.m("wizard.privacy.more"))
        self.privacy_more.setAccessibleName(self.m("wizard.privacy.more_name"))
        self.card_where.setText(self.card_guide.where_text())
        self.qr_where.setText(self.qr_guide.where_text())
        self.can_words.setText(can_prompt(self.shell.config.guide.can_corner, self.m))
        self.can_btn.setText(self.m("wizard.id.can"))
        self.can_btn.setVisible(not self._reading and not self.can_input.isVisible())
        self.can_input.setPlaceholderText(self.m("wizard.id.can_hint"))
        self.demo_btn.setText(self.m("wizard.id.demo_scan"))
        # Typing the card's six digits: the steps, their pictures and the privacy words make
        # way for the prompt, its circled picture and the keypad (below them, the keypad was
        # under the fold by half a screen). They come back when the prompt closes.
        entering = not self.can_input.isHidden()
        for w in (self.insert, self.card_guide, self.card_where, self.privacy, self.privacy_more):
            w.setVisible(not entering)
        for w in (self.qr_guide, self.qr_where):
            w.setVisible(not entering)
        # The second person's hint says both steps in one; the QR's picture stays beside it.
        self.scan.setVisible(not entering and not second)
        self.demo_btn.setVisible(self._demo() and not self._reading and not entering)
        if self._error:
            state = f"{self.m('wizard.id.failed')} {self.m(self._error)}"
        elif self._reading:
            state = self.m("wizard.id.reading")
        else:
            state = "   ".join(
                t
                for t, on in (
                    (self.m("wizard.id.card_seen"), self._card_seen),
                    (self.m("wizard.id.qr_seen"), bool(self._qr)),
                )
                if on
            )
        self.state.setText(state)
        self.state.setVisible(bool(state))  # empty, it still took a line's height
        self.retry.setVisible(bool(self._error))
        self.retry.setText(self.m("wizard.id.retry") if not second else self.m("wizard.id.cancel_second"))
        if second:
            self.retry.setVisible(True)
            try:
                self.retry.clicked.disconnect()
            except (RuntimeError, TypeError):
                pass
            self.retry.clicked.connect(self._cancel_second)
        else:
            try:
                self.retry.clicked.disconnect()
            except (RuntimeError, TypeError):
                pass
            self.retry.clicked.connect(self._retry)
        a = j.applicant
        show_person = a is not None and not second
        self.person_box.setVisible(show_person)
        for b in self.behalf_btns.values():
            b.setVisible(show_person)
        self.second_btn.setVisible(show_person and j.second is None)
        self.second_label.setVisible(show_person and j.second is not None)
        self.second_remove.setVisible(show_person and j.second is not None)
        self.change_card.setVisible(show_person)
        if a is not None:
            self.name.setText(self.m("wizard.id.name", v=a.full_name))
            self.number.setText(self.m("wizard.id.number", v=mask_id(a.id_number)))
            self.birth.setText(self.m("wizard.id.birth", v=_dmy(a.birth_date)))
            self.checked.setText(
                self.m(
                    "wizard.id.read_ok"
                    if a.verification == Verification.CHIP_VERIFIED.value
                    else "wizard.id.read_unverified"
                )
            )
            self.change_card.setText(self.m("wizard.id.change_card"))
        self._order = BEHALF_ORDER.get(j.procedure or "", (Behalf.SELF, Behalf.CHILD, Behalf.FAMILY))
        for b in self._order:
            btn = self.behalf_btns[b.value]
            btn.setText(self.m(f"wizard.id.{b.value}"))
            btn.setChecked(j.behalf == b.value)
        self._place_behalf()
        self.second_btn.setText(self.m("wizard.id.second"))
        if j.second is not None:
            self.second_label.setText(self.m("wizard.id.second_done", v=j.second.full_name))
        self.second_remove.setText(self.m("wizard.id.second_remove"))
        self.next_btn.setVisible(show_person and j.behalf is not None)

    def _cancel_second(self) -> None:
        self._target = "applicant"
        self._error = None
        self.refresh()

    def on_next(self) -> None:
        self.save("form")
        self.shell.navigate("submit_form")


def _dmy(iso: str | None) -> str:
    if not iso:
        return "—"
    y, m, d = iso[:10].split("-")
    return f"{d}/{m}/{y}"


def register(registry: Any) -> None:
    from ui.screens.registry import ScreenSpec

    registry.add(ScreenSpec("submit_identify", IdentifyScreen, capture=False))
