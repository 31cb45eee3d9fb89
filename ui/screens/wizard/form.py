"""Step 4: the form, generated from the service's Open311 attribute definitions — one question
per page, plain-word validation under the answer, pickers for dates (year, month, day by
touch) and lists, the on-screen keyboard only for what no document holds (a child's name).
Questions the kiosk could answer itself (the relation to the child, the partner from the
second card) are not asked again: the review shows them with "change"."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from PySide6.QtWidgets import QGridLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.vntime import fmt_date
from kiosk.wizard.journey import Kind, Question, apply_prefill, normalise_name, questions, validate
from ui.screens.base import WrapButton, label
from ui.screens.wizard.base import WizardScreen, button, clear_layout
from ui.widgets.keyboard import KEY_PX, VietKeyboard

FORM_AT_KEY = "wizard.form_at"  # the review's "change" opens the form at this attribute


class DatePicker(QWidget):
    """Year, month and day by touch. ``value`` is an ISO date or None."""

    def __init__(self, screen: FormScreen) -> None:
        super().__init__()
        self.screen = screen
        self.year: int | None = None
        self.month: int | None = None
        self.day: int | None = None
        self.more_years = False
        self.wide = False  # landscape: months on one row, days on three (see FormScreen)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)  # the date chosen, under the days, above the fold (portrait)
        self.year_label = label("body")
        self.years = QGridLayout()
        self.month_label = label("body")
        self.months = QGridLayout()
        self.day_label = label("body")
        self.days = QGridLayout()
        self.chosen = label("lead", name="form_date_chosen")
        for w in (
            self.year_label,
            self.years,
            self.month_label,
            self.months,
            self.day_label,
            self.days,
            self.chosen,
        ):
            (lay.addLayout if isinstance(w, QGridLayout) else lay.addWidget)(w)  # type: ignore[operator]

    def set_value(self, iso: str | None) -> None:
        if iso:
            d = date.fromisoformat(iso[:10])
            self.year, self.month, self.day = d.year, d.month, d.day
        else:
            self.year = self.month = self.day = None
        self.more_years = bool(self.year and self.year <= date.today().year - 5)
        self.fill()

    @property
    def value(self) -> str | None:
        if self.year and self.month and self.day:
            last = calendar.monthrange(self.year, self.month)[1]
            if self.day > last:
                return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"  # invalid: validation says so
            return date(self.year, self.month, self.day).isoformat()
        return None

    def fill(self) -> None:
        m = self.screen.m
        self.year_label.setText(m("wizard.form.year"))
        self.month_label.setText(m("wizard.form.month"))
        self.day_label.setText(m("wizard.form.day"))
        this = date.today().year
        scale = self.screen.shell.prefs.scale
        # At 150 % (beside the question in landscape, or in portrait) the keys in as few rows as
        # the page's width allows: months on one row, days on three; at six and eight a row
        # the last days were under the fold. Four recent years: with five, "earlier year…" had
        # two columns, wrapped onto two lines and made the row twice a key's height.
        dense = self.wide or 100 < scale <= 150
        recent = 4 if dense and scale > 100 else 5
        if self.year and self.year <= this - recent:
            self.more_years = True  # the year given is among the earlier ones: they are shown
        years = list(range(this, this - (100 if self.more_years else recent), -1))
        # At 200 % seven year keys a row were wider than a portrait page (cut off at its edge).
        cols = 7 if scale <= 150 else 4
        self._grid(
            self.years, [(str(y), y, y == self.year, f"form_year_{y}") for y in years], cols, self._set_year
        )
        if not self.more_years:
            more = button("form_year_more", height=96)
            more.setText(m("wizard.form.earlier"))
            more.clicked.connect(self._more)
            self.years.addWidget(more, len(years) // cols, len(years) % cols, 1, cols - len(years) % cols)
        self._grid(
            self.months,
            [(str(i), i, i == self.month, f"form_month_{i}") for i in range(1, 13)],
            12 if dense or self._narrow_keys_fit() else 6,
            self._set_month,
        )
        last = calendar.monthrange(self.year, self.month)[1] if self.year and self.month else 31
        self._grid(
            self.days,
            [(str(i), i, i == self.day, f"form_day_{i}") for i in range(1, last + 1)],
            # Eight a row in portrait: the fifth row of a seven-day week grid was under the fold.
            11 if dense else 8 if scale <= 150 else 7,
            self._set_day,
        )
        v = self.value
        self.chosen.setText(
            m("wizard.form.chosen_date", v=fmt_date(date.fromisoformat(v), self.screen.lang))
            if v and _valid(v)
            else m("wizard.form.no_date")
        )

    def _grid(self, grid: QGridLayout, items: list[tuple[str, int, bool, str]], cols: int, slot: Any) -> None:
        clear_layout(grid)
        grid.setSpacing(8)
        for i, (text, value, on, name) in enumerate(items):
            # Narrow grid keys: the check mark sits in the corner (theme: compact).
            b = WrapButton(text)
            b.setObjectName(name)
            b.setProperty("compact", True)
            # "Ngày 25", "Tháng 11": a bare number says nothing to a screen reader.
            part = name.split("_")[1] if name.count("_") >= 2 else ""
            if part in ("day", "month", "year"):
                b.setAccessibleName(f"{self.screen.m(f'wizard.form.{part}')} {text}")
            b.setCheckable(True)
            b.setChecked(on)
            # As tall as the keyboard's keys (above the 15 mm touch rule): at 96 px the days'
            # last rows were under the fold at 150 % text.
            b.setMinimumHeight(KEY_PX)
            b.clicked.connect(lambda _=False, v=value: slot(v))
            grid.addWidget(b, i // cols, i % cols)
            # Shown now, not at the layout's next turn: a screen arriving at this question puts
            # the keypad's focus on its first key (not on a later button, scrolling the page).
            b.show()

    def _narrow_keys_fit(self) -> bool:
        """Portrait at 100 %: twelve month keys fit one row (each still wider than its "12",
        and the theme's 96 px high); a second row of months put the last days under the fold."""
        return self.screen.portrait and self.screen.shell.prefs.scale <= 100

    def set_wide(self, wide: bool) -> None:
        if wide != self.wide:
            self.wide = wide
            self.layout().setSpacing(4 if wide else 8)  # the last row of days above the fold
            self.fill()

    def _more(self) -> None:
        self.more_years = True
        self.fill()

    def _set_year(self, y: int) -> None:
        self.year = y
        self.fill()
        self.screen.answer_changed()

    def _set_month(self, mo: int) -> None:
        self.month = mo
        if self.year and self.day and self.day > calendar.monthrange(self.year, mo)[1]:
            self.day = None
        self.fill()
        self.screen.answer_changed()

    def _set_day(self, d: int) -> None:
        self.day = d
        self.fill()
        self.screen.answer_changed()
        self.screen.show_next()


def _valid(iso: str) -> bool:
    try:
        date.fromisoformat(iso)
        return True
    except ValueError:
        return False


class FormScreen(WizardScreen):
    screen_id = "submit_form"
    step = "form"

    def build(self) -> None:
        self.count = label("muted", name="form_count")
        self.question = label("lead", name="form_question")
        self.source = label("muted", name="form_source")
        self.content.addWidget(self.count)
        self.content.addWidget(self.question)
        self.content.addWidget(self.source)
        # Addresses: the commune/ward from the list, then only the street typed.
        self.ward_label = label("lead", name="form_ward")
        self.content.addWidget(self.ward_label)
        self.pick_btn = button("form_pick_ward")
        self.pick_btn.clicked.connect(self._open_picker)
        self.content.addWidget(self.pick_btn)
        from ui.screens.wizard.where import PlacePicker

        self.picker = PlacePicker(self)  # type: ignore[arg-type]
        self.picker.hide()
        self.content.addWidget(self.picker)
        self.street_label = label("body", name="form_street")
        self.content.addWidget(self.street_label)
        self._ward: int | None = None
        self.input = QLineEdit()
        self.input.setObjectName("form_input")
        self.input.textChanged.connect(lambda _t: self.answer_changed())
        self.content.addWidget(self.input)
        self.error = self.error_label("form_error")
        self.content.addWidget(self.error)
        self.keyboard = VietKeyboard(self.input)
        self.keyboard.done.connect(self.on_next)  # the keyboard's "Done" key answers too
        self.content.addWidget(self.keyboard)
        self.date = DatePicker(self)
        self.content.addWidget(self.date)
        self.options = QVBoxLayout()
        self.options.setSpacing(16)
        self.content.addLayout(self.options)
        self.prev = button("form_prev")
        self.prev.clicked.connect(self.previous)
        self.nav_row.insertWidget(0, self.prev, 1)
        self.index = 0
        self._asked: list[Question] = []
        self._multi: set[str] = set()
        self._loading = False

    # --- which questions -----------------------------------------------------------------
    def _questions(self) -> list[Question]:
        proc = self.procedure()
        if proc is None:
            return []
        j = self.journey
        apply_prefill(proc, j)
        # Asked: everything the kiosk could not propose itself.
        return [q for q in questions(proc, j) if q.prefilled is None or j.values.get(q.code) != q.prefilled]

    def on_enter(self) -> None:
        self._asked = self._questions()
        at = self.shell.session.data.pop(FORM_AT_KEY, None)
        if at is not None:
            proc = self.procedure()
            all_q = questions(proc, self.journey) if proc else []
            q = next((q for q in all_q if q.code == at), None)
            if q is not None and q not in self._asked:
                self._asked.append(q)
            self.index = next((i for i, q in enumerate(self._asked) if q.code == at), 0)
        elif self.index >= len(self._asked):
            self.index = 0
        if not self._asked:
            # Nothing to ask (all known): straight on.
            self.save("documents")
            self.shell.navigate("submit_documents")
            return
        self._error("")
        super().on_enter()

    # --- showing one question ------------------------------------------------------------
    def refresh(self) -> None:
        if not self._asked:
            return
        q = self._asked[self.index]
        lang = self.lang
        self.title.setText(q.attribute.description(lang))
        self.count.hide()
        self._retranslate_frame()
        self.step_label.setText(
            f"{self.step_label.text()}  ·  {self.m('wizard.form.count', n=self.index + 1, total=len(self._asked))}"
        )
        self.question.setText("")
        self.question.hide()
        self.source.setVisible(bool(q.source))
        self.source.setText(self.m("wizard.form.from_card") if q.source == "card" else "")
        value = self.journey.values.get(q.code)
        typed = q.kind in (Kind.NAME, Kind.TEXT, Kind.LONG_TEXT, Kind.ID_NUMBER, Kind.NUMBER, Kind.ADDRESS)
        address = q.kind is Kind.ADDRESS
        self._loading = True
        self.input.setVisible(typed)
        self.keyboard.setVisible(typed)
        self._typed = typed
        self._dated = q.kind is Kind.DATE
        self._place_typing()
        if address:
            self._ward = int(value["ward"]) if isinstance(value, dict) and value.get("ward") else None
            value = value.get("street") if isinstance(value, dict) else None
        self.picker.hide()
        self._show_ward(address)
        if typed:
            self.input.setText("" if value is None else str(value))
            self.input.setPlaceholderText(self.m("wizard.form.type_here"))
            self.keyboard.set_mode("numeric" if q.kind in (Kind.ID_NUMBER, Kind.NUMBER) else "text")
            self.input.setFocus()
        self.date.setVisible(q.kind is Kind.DATE)
        if q.kind is Kind.DATE:
            self.date.set_value(str(value) if value else None)
        clear_layout(self.options)
        if q.kind in (Kind.CHOICE, Kind.MULTI):
            self._multi = set(value or ()) if q.kind is Kind.MULTI else set()
            for o in q.attribute.values:
                b = button(f"form_opt_{o.key}", checkable=True, height=120)
                b.setText(o.name(lang))
                b.setChecked(o.key in self._multi if q.kind is Kind.MULTI else value == o.key)
                b.clicked.connect(lambda _=False, k=o.key: self._option(k))
                self.options.addWidget(b)
        self._loading = False
        self.prev.setVisible(self.index > 0)
        self.prev.setText(self.m("wizard.form.prev"))
        last = self.index == len(self._asked) - 1
        self.next_btn.setText(self.m("wizard.next") if last else self.m("wizard.form.next"))
        # A choice answers by its touch: "next" only once there is an answer to keep.
        self.next_btn.setVisible(q.kind is not Kind.CHOICE or q.code in self.journey.values)

    def _show_ward(self, address: bool) -> None:
        from kiosk.catalog import units

        self.ward_label.setVisible(address)
        self.pick_btn.setVisible(address)
        self.street_label.setVisible(address)
        if not address:
            return
        w = units.ward(self._ward) if self._ward else None
        self.ward_label.setText(
            self.m("wizard.form.ward_chosen", v=units.describe(w, self.lang))
            if w
            else self.m("wizard.form.pick_ward")
        )
        self.pick_btn.setText(self.m("wizard.form.pick_ward"))
        self.street_label.setText(self.m("wizard.form.street"))

    def relayout(self, portrait: bool) -> None:
        self._place_typing()

    def restyle(self) -> None:
        super().restyle()
        # Above 100 % the field, its error and the keyboard closer together: 24 px between
        # them put the keyboard's last row under the fold when the name had an error (150 %).
        self.content.setSpacing(24 if self.shell.prefs.scale <= 100 else 8)
        self._place_typing()  # the text size decides too
        if getattr(self, "_dated", False):
            self.date.fill()  # and how many keys a row

    def _place_typing(self) -> None:
        """Landscape has no height for the question, the answer and a seven-row keyboard in one
        column: the keyboard keeps the page; the step, the question and the answer stand beside
        it, above the way on. Likewise a date: the page keeps the year, month and day keys (the
        months on one row, the days on three), the question stands beside. Portrait: all in the
        page, in reading order."""
        # At 150/200 % the column beside is too narrow for the question at that size, and the
        # keyboard's keys grow past the page's height anyway: the page keeps everything, in order.
        scale = self.shell.prefs.scale
        dated = getattr(self, "_dated", False)
        beside = not self.portrait and (
            (getattr(self, "_typed", False) and scale <= 100) or (dated and scale <= 150)
        )
        self.date.set_wide(beside and dated)
        side = self.frame.area.side
        # The step, the question and the date chosen closer together beside the keys at 150 %:
        # 24 px apart (or 12), the date chosen was cut off above the way on.
        side.setSpacing(4 if beside and dated and scale > 100 else 24)
        chosen = self.date.chosen  # "the date chosen": beside, under the question
        if beside != (side.indexOf(self.title) >= 0):
            moved = (self.step_label, self.title, chosen, self.input, self.error)
            shown = [not w.isHidden() for w in moved]  # a widget given a new parent is hidden
            if beside:
                for w in moved:
                    side.addWidget(w)
            else:
                self.body.insertWidget(0, self.step_label)
                self.body.insertWidget(1, self.title)
                self.date.layout().addWidget(chosen)
                at = self.content.indexOf(self.keyboard)
                self.content.insertWidget(at, self.error)
                self.content.insertWidget(at, self.input)
            for w, was in zip(moved, shown, strict=True):
                w.setVisible(was)
        # In the picker it shows with the picker; beside, only for a date question.
        chosen.setVisible(side.indexOf(chosen) < 0 or dated)

    def _open_picker(self) -> None:
        self.picker.show_provinces()
        self.picker.show()
        self.input.hide()
        self.keyboard.hide()

    def place_picked(self, unit: Any) -> None:
        """From the picker: the ward (or None: "I don't know", the list closes)."""
        if unit is not None:
            self._ward = unit.code
        self.picker.hide()
        self.input.show()
        self.keyboard.show()
        self._show_ward(True)
        self.answer_changed()

    def _current_value(self) -> Any:
        q = self._asked[self.index]
        if q.kind is Kind.ADDRESS:
            street = self.input.text().strip()
            return {"street": street, "ward": self._ward} if street or self._ward else None
        if q.kind is Kind.DATE:
            return self.date.value
        if q.kind is Kind.CHOICE:
            return self.journey.values.get(q.code)
        if q.kind is Kind.MULTI:
            return sorted(self._multi)
        return self.input.text().strip()

    def answer_changed(self) -> None:
        if not self._loading:
            self._error("")

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _option(self, key: str) -> None:
        q = self._asked[self.index]
        if q.kind is Kind.MULTI:
            self._multi.symmetric_difference_update({key})
            return
        self.journey.values[q.code] = key
        self.on_next()  # one touch answers a choice question

    def handle_back(self) -> bool:
        """The session bar's Back: the ward list closes, then the previous question, then the step before."""
        if self.picker.isVisible():
            self.place_picked(None)
            return True
        if self.index > 0:
            self.previous()
            return True
        return False

    def previous(self) -> None:
        self._store()
        if self.index > 0:
            self.index -= 1
            self._error("")
            self.refresh()

    def _store(self) -> None:
        q = self._asked[self.index]
        value = self._current_value()
        if q.kind is Kind.NAME and value:
            value = normalise_name(str(value))
        if value in (None, "", []):
            self.journey.values.pop(q.code, None)
        else:
            self.journey.values[q.code] = value
        self.journey.consent = False

    def on_next(self) -> None:
        if not self._asked:
            return
        q = self._asked[self.index]
        self._store()
        problem = validate(q, self.journey.values.get(q.code))
        if problem:
            self._error(self.m(problem))
            return
        self.save("form")
        if self.index < len(self._asked) - 1:
            self.index += 1
            self._error("")
            self.refresh()
            return
        self.save("documents")
        self.shell.navigate("submit_documents")


def register(registry: Any) -> None:
    from ui.screens.registry import ScreenSpec

    registry.add(ScreenSpec("submit_form", FormScreen, capture=False))
