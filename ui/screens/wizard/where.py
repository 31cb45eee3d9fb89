"""Step 2: where to apply. The resolver asks only the questions that decide it, as yes/no
"… in <this ward>?"; a "no" asks where instead (province, then ward: pickers, no typing), so
that when the dossier belongs elsewhere the kiosk can name the competent agency with its
address, phone and hours, and print that on a slip."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.catalog import units
from kiosk.catalog.agencies import AgencyInfo
from kiosk.catalog.text import fold
from kiosk.jurisdiction import Outcome, Place
from kiosk.receipt import InfoSlip
from kiosk.wizard.journey import Journey
from ui.screens.base import label
from ui.screens.wizard.base import WizardScreen, button, card, clear_layout
from ui.widgets.keyboard import VietKeyboard


class PlacePicker(QWidget):
    """Province, then ward, by touch; a filter narrows the ward list (keyboard optional)."""

    def __init__(self, screen: WhereScreen) -> None:
        super().__init__()
        self.screen = screen
        # 34 provinces, then a province's wards: the list is as long as the country's, and the
        # page scrolls for it (the layout audit's FOLD_LIST); the prompt and filter stay on top.
        self.setProperty("fold_list", True)
        self.province: int | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(16)
        self.prompt = label("lead", name="where_pick_prompt")
        lay.addWidget(self.prompt)
        self.filter = QLineEdit()
        self.filter.setObjectName("where_filter")
        self.filter.textChanged.connect(lambda _t: self._fill())
        lay.addWidget(self.filter)
        self.keyboard = VietKeyboard(self.filter)
        self.keyboard.hide()
        lay.addWidget(self.keyboard)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        lay.addLayout(self.grid)
        # Its three ways on one under the other in portrait at 200 %: side by side they were
        # wider than the page (by 11 px in English).
        self.ways = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.back_btn = button("where_other_province")
        self.back_btn.clicked.connect(lambda: self.show_provinces())
        self.kb_btn = button("where_keyboard", checkable=True)
        self.kb_btn.toggled.connect(self.keyboard.setVisible)
        self.skip_btn = button("where_skip_place")
        self.skip_btn.clicked.connect(lambda: self.screen.place_picked(None))
        row.addWidget(self.back_btn)
        row.addWidget(self.kb_btn)
        row.addWidget(self.skip_btn)
        lay.addLayout(row)

    def show_provinces(self) -> None:
        self.province = None
        self.filter.clear()
        self._fill()

    def _fill(self) -> None:
        m, lang = self.screen.m, self.screen.lang
        clear_layout(self.grid)
        self.back_btn.setVisible(self.province is not None)
        self.filter.setVisible(self.province is not None)
        self.kb_btn.setVisible(self.province is not None)
        self.back_btn.setText(m("wizard.where.other_province"))
        self.kb_btn.setText(m("wizard.choose.keyboard"))
        self.skip_btn.setText(m("wizard.where.skip_place"))
        self.filter.setPlaceholderText(m("wizard.where.filter"))
        if self.province is None:
            self.prompt.setText(m("wizard.where.province"))
            items = sorted(units.provinces(), key=lambda u: fold(u.name))
        else:
            p = units.province(self.province)
            self.prompt.setText(m("wizard.where.ward", province=units.describe(p, lang) if p else ""))
            q = fold(self.filter.text())
            items = [
                w for w in units.wards() if w.province_code == self.province and (not q or q in fold(w.name))
            ]
            items.sort(key=lambda u: fold(u.name))
        cols = 2 if self.screen.portrait else 3
        for i, u in enumerate(items):
            b = button(f"place_{u.code}", height=96)
            b.setText(u.name if lang == "vi" else units.english_name(u))
            b.clicked.connect(lambda _=False, unit=u: self._picked(unit))
            self.grid.addWidget(b, i // cols, i % cols)

    def _picked(self, u: units.Unit) -> None:
        if u.kind == "province":
            self.province = u.code
            self.filter.clear()
            self._fill()
        else:
            self.screen.place_picked(u)


class WhereScreen(WizardScreen):
    screen_id = "submit_where"
    step = "where"

    def build(self) -> None:
        self.procedure_name = label("lead", name="where_procedure")
        self.question = label("lead", name="where_question")
        self.content.addWidget(self.procedure_name)
        self.content.addWidget(self.question)
        row = QHBoxLayout()
        row.setSpacing(24)
        # Answers, not actions: neither looks like the filled "continue".
        self.yes = button("where_yes", height=150)
        self.no = button("where_no", height=150)
        self.yes.clicked.connect(lambda: self.answer(True))
        self.no.clicked.connect(lambda: self.answer(False))
        row.addWidget(self.yes)
        row.addWidget(self.no)
        self.content.addLayout(row)
        self.picker = PlacePicker(self)
        self.content.addWidget(self.picker)
        self.result = label("lead", name="where_result", live=True)
        self.content.addWidget(self.result)
        self.agency_box, self.agency_lay = card("agency")
        self.agency_box.setObjectName("NoticeCard")
        self.content.addWidget(self.agency_box)
        # The ways on from "not here" are pinned with the way on from "here": in the page,
        # under the agency's address, they were under the fold.
        self.print_btn = button("where_print")
        self.print_btn.clicked.connect(self.print_slip)
        self.other_btn = button("where_other_procedure")
        self.other_btn.clicked.connect(self.shell.back)
        self.actions.insertWidget(0, self.other_btn)
        self.actions.insertWidget(0, self.print_btn)
        self.print_btn.hide()
        self.other_btn.hide()
        self.print_state = label("body", name="where_print_state", live=True)
        self.content.addWidget(self.print_state)
        # Why not here (the rule that decides): worth reading, not needed to go on, so under
        # where to go instead, at the page's foot (the layout audit lets the page scroll for
        # it); above the agency it put the address a screen under the fold at 150 %.
        self.why = label("body", name="where_why")
        self.why.setProperty("fold_below", True)
        self.content.addWidget(self.why)
        self._asking: str | None = None  # the fact whose place is being picked
        self._printer_connected = False
        self._slips = 0

    def style_extra(self, p: Any) -> None:
        # Where to go instead, less padded above 100 %: its last line of opening hours was
        # 7 px under the fold in portrait at 150 %.
        pad = 24 if self.shell.prefs.scale <= 100 else 16
        self.agency_box.layout().setContentsMargins(32, pad, 32, pad)
        self.relayout(self.portrait)  # the text size decides too

    def relayout(self, portrait: bool) -> None:
        """Landscape at 100 %: where to go instead stands in the action column, above "print
        this" and "choose another procedure" (in the page, under why not here, it was up to
        232 px under the fold); its lines keep their wrapped height there (``fit``: the column
        shares out a fixed height). At 150/200 % the column is too narrow for it."""
        large = portrait and self.shell.prefs.scale > 150
        self.picker.ways.setDirection(
            QBoxLayout.Direction.TopToBottom if large else QBoxLayout.Direction.LeftToRight
        )
        side = self.frame.area.side
        beside = not portrait and self.shell.prefs.scale <= 100
        if beside == (side.indexOf(self.agency_box) >= 0):
            return
        was = not self.agency_box.isHidden()  # a widget given a new parent is hidden
        if beside:
            self.content.removeWidget(self.agency_box)
            side.addWidget(self.agency_box)
        else:
            side.removeWidget(self.agency_box)
            self.content.insertWidget(self.content.indexOf(self.print_state), self.agency_box)
        self.agency_box.setVisible(was)
        self._widen_side()

    def _widen_side(self) -> None:
        # The address on fewer lines, only while it is there (the picker keeps its page).
        beside = self.frame.area.side.indexOf(self.agency_box) >= 0
        self.frame.set_side_floor(640 if beside and not self.agency_box.isHidden() else 0)

    def refresh(self) -> None:
        self.title.setText(self.m("wizard.where.title"))  # _show says so once it goes elsewhere
        self.yes.setText(self.m("wizard.where.yes"))
        self.no.setText(self.m("wizard.where.no"))
        self.print_btn.setText(self.m("wizard.where.print"))
        self.other_btn.setText(self.m("wizard.where.other_procedure"))
        proc = self.procedure()
        if proc is None:
            return
        self.procedure_name.setText(proc.name(self.lang))
        self._show()

    def _site(self) -> str:
        return str(self.shell.config.kiosk.agency_code)

    def _show(self) -> None:
        j: Journey = self.journey
        r = j.resolution(self.services.catalog(), self._site())
        asking = r.outcome is Outcome.NEED_ANSWER and self._asking is None
        picking = self._asking is not None
        self.question.setVisible(asking or picking)
        self.yes.setVisible(asking)
        self.no.setVisible(asking)
        self.picker.setVisible(picking)
        if asking and r.question is not None:
            self.question.setText(r.question.text(self.lang))
        if picking:
            fact = self.services.catalog().facts[self._asking]
            self.question.setText(f"{fact.question(self.lang)}\n{self.m('wizard.where.ask_place')}")
        done = not asking and not picking
        ok = done and r.outcome in (Outcome.ACCEPTED_HERE, Outcome.ANYWHERE)
        away = done and r.outcome is Outcome.ELSEWHERE
        # Once it is decided that the dossier goes elsewhere, the title says so (the question
        # over its own answer took two lines at 150 %, and said nothing).
        self.title.setText(self.m("wizard.where.elsewhere_title" if away else "wizard.where.title"))
        self.why.setVisible(away)
        self.result.setVisible(done)
        self.next_btn.setVisible(ok)
        self.agency_box.setVisible(away)
        self._widen_side()
        self.print_btn.setVisible(away)
        self.other_btn.setVisible(away)
        self.print_state.setVisible(away and bool(self.print_state.text()))
        if ok:
            self.result.setText(
                self.m("wizard.where.anywhere" if r.outcome is Outcome.ANYWHERE else "wizard.where.here")
            )
        if away:
            self.result.setText(self.m("wizard.where.elsewhere"))
            self.why.setText(r.explanation(self.lang))
            clear_layout(self.agency_lay)
            agencies = [a for a in (r.agency, *r.alternatives) if a is not None]
            if agencies:
                self.agency_lay.addWidget(label("lead", self.m("wizard.where.go_to"), fit=True))
            for a in agencies:
                for line in self._agency_lines(a):
                    self.agency_lay.addWidget(label("body", line, name="where_agency_line", fit=True))

    def _agency_lines(self, a: AgencyInfo) -> list[str]:
        c = a.contact
        lines = [a.name(self.lang)]
        if c.address:
            lines.append(self.m("wizard.where.address", v=c.address))
        if c.phone:
            lines.append(self.m("wizard.where.phone", v=c.phone))
        if c.hours:
            lines.append(self.m("wizard.where.hours", v=c.hours))
        return lines

    def handle_back(self) -> bool:
        """Back while choosing a place returns to the yes/no question."""
        if self._asking is not None:
            self._asking = None
            self._show()
            return True
        return False

    def answer(self, here: bool) -> None:
        r = self.journey.resolution(self.services.catalog(), self._site())
        if r.question is None:
            return
        if here:
            self.journey.answer(r.question.fact, Place(here=True))
            self.save("where")
            self._show()
            return
        self._asking = r.question.fact
        self.picker.show_provinces()
        self._show()

    def place_picked(self, unit: units.Unit | None) -> None:
        fact, self._asking = self._asking, None
        if fact is None:
            return
        if unit is None:
            self.journey.answer(fact, Place(here=False))
        else:
            self.journey.answer(fact, Place(ward_code=unit.code, province_code=unit.province_code))
        self.save("where")
        self._show()

    def print_slip(self) -> None:
        r = self.journey.resolution(self.services.catalog(), self._site())
        proc = self.procedure()
        agencies = [a for a in (r.agency, *r.alternatives) if a is not None]
        sections = [(proc.name(self.lang) if proc else "", r.explanation(self.lang))]
        for a in agencies:
            sections.append((a.name(self.lang), "\n".join(self._agency_lines(a)[1:])))
        slip = InfoSlip(title=self.m("wizard.where.slip_title"), sections=tuple(sections))
        printer = self.services.printer
        if not self._printer_connected:
            printer.jobDone.connect(self._printed)
            self._printer_connected = True
        self.print_state.setText(self.m("wizard.where.printing"))
        self.print_state.show()
        self._slips += 1
        printer.print_slip(slip, f"S-{self.shell.session.ref}-where-{self._slips}")

    def _printed(self, result: Any) -> None:
        if not str(getattr(getattr(result, "job", None), "job_id", "")).startswith("S-"):
            return
        ok = bool(getattr(result, "printed", False))
        self.print_state.setText(self.m("wizard.where.printed" if ok else "wizard.where.print_failed"))

    def on_enter(self) -> None:
        self._asking = None
        self.print_state.setText("")
        super().on_enter()

    def on_next(self) -> None:
        self.save("identify")
        self.shell.navigate("submit_identify")


def register(registry: Any) -> None:
    from ui.screens.registry import ScreenSpec

    registry.add(ScreenSpec("submit_where", WhereScreen, capture=False))
