"""Find a procedure: search (missing diacritics and raw Telex forgiven, on-screen keyboard) or
browse by area; a detail page with the documents to bring, the fee, how long it takes, where
to apply (this kiosk's agency, with contacts) and the legal basis; "Print this" prints the
same as an information slip; "Start this procedure" opens the submit wizard at "where to apply".

Two screens: ``find`` (search and browse) and ``procedure`` (the detail page). The chosen
procedure travels in the session (``session.data["find.procedure"]``), so "Back" from the
wizard or the detail page finds everything as it was.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.catalog import facts
from kiosk.catalog.model import Catalog, Procedure
from kiosk.catalog.search import search
from kiosk.catalog.text import fold
from kiosk.logs import get_logger
from kiosk.receipt.model import InfoSlip
from ui.screens.base import Screen, ScrollPage, WrapButton, label, scroll_page
from ui.screens.journeys_common import ButtonGrid, KeyboardDock, ListTile, let_labels_wrap
from ui.screens.registry import ScreenRegistry, ScreenSpec
from ui.widgets.icons import IconLabel

log = get_logger(__name__)

PROCEDURE_KEY = "find.procedure"
QUERY_KEY = "find.query"
SECTOR_KEY = "find.sector"


def _catalog(shell: Any) -> Catalog:
    return shell.services.catalog()  # type: ignore[no-any-return]


def _enabled(shell: Any) -> list[str] | None:
    return shell.config.kiosk.enabled_procedures


def _procedures(shell: Any) -> list[Procedure]:
    enabled = _enabled(shell)
    return [p for p in _catalog(shell).procedures if enabled is None or p.identifier in enabled]


def _fee(p: Procedure, shell: Any, lang: str) -> str:
    return facts.fee_text(p, lang)  # one wording for find, the wizard and the receipt


def _days(p: Procedure, shell: Any, lang: str) -> str:
    return facts.time_text(p, lang)


class FindScreen(Screen):
    screen_id = "find"

    def __init__(self, shell, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(shell, parent)
        self._outer = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        self.page = ScrollPage()
        self._outer.addWidget(self.page, 1)
        body = self.page.body
        head = QHBoxLayout()
        head.setSpacing(24)
        head.addWidget(IconLabel("find", 96), 0, Qt.AlignmentFlag.AlignTop)
        self.title = label("title", name="find_title")
        head.addWidget(self.title, 1)
        body.addLayout(head)
        self.hint = label("body", name="find_hint")
        body.addWidget(self.hint)
        row = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setObjectName("find_query")
        self.query.setMaxLength(60)
        self.query.textChanged.connect(self.refresh)
        self.clear_btn = WrapButton()
        self.clear_btn.setObjectName("find_clear")
        self.clear_btn.clicked.connect(self.clear)
        row.addWidget(self.query, 1)
        row.addWidget(self.clear_btn)
        body.addLayout(row)
        self.status = label("lead", name="find_status", live=True)
        body.addWidget(self.status)
        self.list_box = QWidget()
        self.list_box.setObjectName("find_list")
        self.list_lay = QVBoxLayout(self.list_box)
        self.list_lay.setContentsMargins(0, 0, 0, 0)
        self.list_lay.setSpacing(16)
        body.addWidget(self.list_box)
        self.buttons = ButtonGrid("find_buttons")
        self.up_btn = WrapButton()
        self.up_btn.setObjectName("find_all_areas")
        self.up_btn.clicked.connect(self.show_sectors)
        self.home_btn = WrapButton()
        self.home_btn.setObjectName("find_home")
        self.home_btn.clicked.connect(lambda: self.shell.navigate("home"))
        for b in (self.up_btn, self.home_btn):
            self.buttons.add(b)
        body.addSpacing(8)
        body.addWidget(self.buttons)
        self.dock = KeyboardDock(self._outer, self.query, self.buttons)
        self.keyboard = self.dock.keyboard
        self.keyboard.done.connect(self.typed)
        # Areas first, keyboard away: touching the field brings it; "Done" puts it away again.
        self.tiles: dict[str, ListTile] = {}
        let_labels_wrap(self.page)
        self.retranslate()

    def relayout(self, portrait: bool) -> None:
        self.dock.relayout(portrait)

    def typed(self) -> None:
        self.keyboard.hide()
        self.refresh()

    def on_enter(self) -> None:
        data = self.shell.session.data
        if data.get(QUERY_KEY) and not self.query.text():
            self.query.setText(str(data[QUERY_KEY]))
        self.query.setFocus()
        self.refresh()

    # --- the list --------------------------------------------------------------------------
    def _clear_list(self) -> None:
        for tile in self.tiles.values():
            self.list_lay.removeWidget(tile)
            tile.setParent(None)
            tile.deleteLater()
        self.tiles = {}

    def _add_tile(self, name: str, title: str, hint: str, on_click: Any) -> None:
        tile = ListTile(name, self.shell.prefs)
        tile.set_texts(title, hint)
        let_labels_wrap(tile)
        tile.clicked.connect(on_click)
        self.list_lay.addWidget(tile)
        self.tiles[name] = tile

    def refresh(self) -> None:
        self._refresh()
        self._settle()

    def _refresh(self) -> None:
        text = self.query.text()
        self.shell.session.data[QUERY_KEY] = text
        lang = self.shell.prefs.language
        if fold(text):
            self.shell.session.data.pop(SECTOR_KEY, None)
            try:
                hits = search(_catalog(self.shell), text, limit=10, enabled=_enabled(self.shell))
            except Exception as e:  # noqa: BLE001 - the catalog is unreadable: staff can still help
                log.error("find_search_failed", error_type=type(e).__name__)
                hits = []
            self._clear_list()
            if not hits:
                self.status.setText(self.shell.message("find.no_hits", query=text.strip()))
                self._list_sectors(lang)
                return
            self.status.setText(self.m("screen.find.touch_the_procedure_you"))
            for h in hits:
                self._add_procedure_tile(h.procedure, lang)
            self.buttons.set_shown(self.up_btn, True)
            return
        sector = self.shell.session.data.get(SECTOR_KEY)
        self._clear_list()
        if sector:
            self.status.setText(sector)
            for p in _procedures(self.shell):
                if p.sector(lang) == sector or p.sector.vi == sector:
                    self._add_procedure_tile(p, lang)
            self.buttons.set_shown(self.up_btn, True)
        else:
            self.status.setText(self.m("screen.find.or_choose_an_area"))
            self._list_sectors(lang)

    def _add_procedure_tile(self, p: Procedure, lang: str) -> None:
        hint = f"{p.sector(lang)} · {_fee(p, self.shell, lang)}"
        self._add_tile(f"find_hit_{p.identifier}", p.name(lang), hint, lambda i=p.identifier: self.open(i))

    def _list_sectors(self, lang: str) -> None:
        sectors: dict[str, int] = {}
        for p in _procedures(self.shell):
            sectors[p.sector.vi] = sectors.get(p.sector.vi, 0) + 1
        names = {p.sector.vi: p.sector(lang) for p in _procedures(self.shell)}
        for i, (vi, n) in enumerate(sectors.items()):
            hint = self.m("screen.find.count_one") if n == 1 else self.m("screen.find.count", n=str(n))
            self._add_tile(f"find_sector_{i}", names[vi], hint, lambda s=names[vi]: self.open_sector(s))
        self.buttons.set_shown(self.up_btn, False)

    def open_sector(self, sector: str) -> None:
        self.shell.session.data[SECTOR_KEY] = sector
        self.query.blockSignals(True)
        self.query.clear()
        self.query.blockSignals(False)
        self.refresh()

    def show_sectors(self) -> None:
        self.shell.session.data.pop(SECTOR_KEY, None)
        self.clear()

    def clear(self) -> None:
        self.query.clear()
        self.refresh()

    def _settle(self) -> None:
        # New tiles: lay the page out now, so that nothing is drawn at its old size first.
        self.list_lay.activate()
        inner = self.page.widget()
        if inner is not None and inner.layout() is not None:
            inner.layout().activate()

    def open(self, identifier: str) -> None:
        self.shell.session.data[PROCEDURE_KEY] = identifier
        self.shell.navigate("procedure")

    def retranslate(self) -> None:
        self.title.setText(self.m("screen.find.title"))
        self.hint.setText(self.m("screen.find.touch_the_white_box"))
        self.clear_btn.setText(self.m("screen.find.clear"))
        self.up_btn.setText(self.m("screen.find.all_areas"))
        self.home_btn.setText(self.m("screen.common.back_to_choices"))
        if self.isVisible():
            self.refresh()

    def wipe(self) -> None:
        self._clear_list()
        super().wipe()


class ProcedureScreen(Screen):
    screen_id = "procedure"

    def __init__(self, shell, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(shell, parent)
        body = scroll_page(self)
        self.name = label("title", name="procedure_name")
        self.description = label("body", name="procedure_description")
        body.addWidget(self.name)
        body.addWidget(self.description)
        # The two things to do with this page are pinned in the frame's action area (under
        # the page; beside it in landscape), where nobody has to scroll to find them: first in
        # the page, they scrolled away with it at 200 % (the page ~3,000 px long).
        self.start_btn = WrapButton()
        self.start_btn.setObjectName("procedure_start")
        self.start_btn.setProperty("role", "primary")
        self.start_btn.clicked.connect(self.start)
        self.print_btn = WrapButton()
        self.print_btn.setObjectName("procedure_print")
        self.print_btn.clicked.connect(self.print_slip)
        self.actions.addWidget(self.print_btn, 1)
        self.actions.addWidget(self.start_btn, 2)
        self.print_status = label("lead", name="procedure_print_status", live=True)
        self.print_status.hide()
        body.addWidget(self.print_status)
        self.headings: dict[str, Any] = {}
        self.values: dict[str, Any] = {}
        for key in ("documents", "fee", "time", "where", "legal"):
            h = label("lead", name=f"procedure_{key}_heading")
            h.setStyleSheet("font-weight: bold;")
            v = label("body", name=f"procedure_{key}")
            body.addWidget(h)
            body.addWidget(v)
            self.headings[key], self.values[key] = h, v
        self.buttons = ButtonGrid("procedure_buttons")
        self.back_btn = WrapButton()
        self.back_btn.setObjectName("procedure_back")
        self.back_btn.clicked.connect(self.shell.back)
        self.home_btn = WrapButton()
        self.home_btn.setObjectName("procedure_home")
        self.home_btn.clicked.connect(lambda: self.shell.navigate("home"))
        for b in (self.back_btn, self.home_btn):
            self.buttons.add(b)
        body.addSpacing(8)
        body.addWidget(self.buttons)
        let_labels_wrap(self.page)
        self._job: str | None = None
        self._printer: Any = None
        self.retranslate()

    def relayout(self, portrait: bool) -> None:
        self.buttons.arrange(2 if portrait else 3)

    def _status(self, words: Any) -> None:
        """``words``: "" or a function giving the text, so that a language switch says it again."""
        self._status_words = words or None
        text = words() if callable(words) else ""
        self.print_status.setText(text)
        self.print_status.setVisible(bool(text))

    @property
    def procedure(self) -> Procedure | None:
        code = self.shell.session.data.get(PROCEDURE_KEY)
        try:
            return _catalog(self.shell).get(str(code)) if code else None
        except Exception as e:  # noqa: BLE001 - no catalog: the page says to ask staff
            log.error("procedure_catalog_failed", error_type=type(e).__name__)
            return None

    def on_enter(self) -> None:
        self._status("")
        self.fill()
        # After the window's own focus-on-arrival (queued now; this is queued behind it): that
        # takes the first control in reading order, now the page's last buttons ("back"), and
        # scrolled the page to its foot. The page opens at its top, the focus on the pinned
        # way on.
        QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, self._arrived))

    def _arrived(self) -> None:
        self.page.verticalScrollBar().setValue(0)
        if self.start_btn.isVisible() and self.start_btn.isEnabled():
            self.start_btn.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- the facts ---------------------------------------------------------------------------
    def _agency(self, p: Procedure) -> Any:
        return facts.agency_for(p, self.shell.config.kiosk.agency_code, samples=_catalog(self.shell).samples)

    def _documents(self, p: Procedure, lang: str) -> str:
        lines = []
        for d in p.inputs:
            extra = []
            if d.from_chip:
                extra.append(self.shell.message("find.from_chip"))
            if not d.required:
                extra.append(self.shell.message("find.optional"))
            lines.append("•  " + d.name(lang) + (f" ({'; '.join(extra)})" if extra else ""))
        return "\n".join(lines) or "—"

    def _where(self, p: Procedure, lang: str) -> str:
        a = self._agency(p)
        parts = []
        if p.authority.note(lang):
            parts += [p.authority.note(lang), ""]
        if a is not None:
            parts.append(self.shell.message("find.where_here"))
            parts.append(a.name(lang))
            c = a.contact
            for key, value in (("address", c.address), ("phone", c.phone), ("hours", c.hours)):
                if value:
                    parts.append(self.shell.message(f"track.contact.{key}", value=value))
        else:
            parts.append(self.shell.message("find.where_unknown"))
        return "\n".join(parts)

    def fill(self) -> None:
        p = self.procedure
        lang = self.shell.prefs.language
        if p is None:
            self.name.setText(self.m("screen.procedure.this_procedure_is_not"))
            self.description.setText(self.m("screen.procedure.please_go_back_and"))
            for v in self.values.values():
                v.setText("")
            self.start_btn.setEnabled(False)
            self.print_btn.setEnabled(False)
            return
        self.start_btn.setEnabled(True)
        self.print_btn.setEnabled(True)
        self.name.setText(p.name(lang))
        self.description.setText(p.description(lang))
        self.values["documents"].setText(self._documents(p, lang))
        self.values["fee"].setText(_fee(p, self.shell, lang))
        self.values["time"].setText(_days(p, self.shell, lang))
        self.values["where"].setText(self._where(p, lang))
        self.values["legal"].setText("\n".join("•  " + r.title for r in p.legal) or "—")

    # --- print and start --------------------------------------------------------------------
    def slip(self) -> InfoSlip:
        p = self.procedure
        assert p is not None
        lang = self.shell.prefs.language
        a = self._agency(p)
        return InfoSlip(
            title=p.name(lang),
            sections=(
                ("", p.description(lang)),
                (self.headings["documents"].text(), self._documents(p, lang)),
                (self.headings["fee"].text(), _fee(p, self.shell, lang)),
                (self.headings["time"].text(), _days(p, self.shell, lang)),
                (self.headings["where"].text(), self._where(p, lang)),
                (self.headings["legal"].text(), "\n".join(r.title for r in p.legal) or "—"),
            ),
            agency_name=a.name(lang) if a is not None else "",
            agency_address=a.contact.address if a is not None else "",
            agency_phone=a.contact.phone if a is not None else "",
            footer=self.shell.message("find.slip_footer"),
        )

    def print_slip(self) -> None:
        p = self.procedure
        if p is None or self._job is not None:
            return
        try:
            printer = self.shell.services.printer
            if self._printer is not printer:
                printer.jobDone.connect(self._printed)
                self._printer = printer
            self._job = f"S-{p.identifier}-{time.time_ns()}"
            self.print_btn.setEnabled(False)
            self._status(lambda: self.m("screen.procedure.printing"))
            printer.print_slip(self.slip(), self._job)
        except Exception as e:  # noqa: BLE001 - no printer: the same text stays on the screen
            log.error("procedure_print_failed", error_type=type(e).__name__)
            self._job = None
            self.print_btn.setEnabled(True)
            self._status(lambda: self.m("screen.procedure.the_printer_cannot_be"))

    def _printed(self, result: Any) -> None:
        if self._job is None or result.job.job_id != self._job:
            return
        self._job = None
        self.print_btn.setEnabled(True)
        if result.printed:
            self._status(lambda: self.m("screen.procedure.printed_please_take_the"))
        else:
            code = result.code

            def words() -> str:
                why = self.shell.message(code) if code else ""
                return self.m("screen.procedure.the_slip_could_not") + (f"\n{why}" if why else "")

            self._status(words)

    def start(self) -> None:
        p = self.procedure
        if p is None:
            return
        from ui.screens.wizard import start_procedure

        start_procedure(self.shell, p.identifier)

    def retranslate(self) -> None:
        h = self.headings
        h["documents"].setText(self.m("screen.procedure.documents_to_bring"))
        h["fee"].setText(self.m("screen.procedure.fee"))
        h["time"].setText(self.m("screen.procedure.how_long_it_takes"))
        h["where"].setText(self.m("screen.procedure.where_to_apply"))
        h["legal"].setText(self.m("screen.procedure.legal_basis"))
        self.start_btn.setText(self.m("screen.procedure.start_this_procedure"))
        self.print_btn.setText(self.m("screen.procedure.print_this"))
        self.back_btn.setText(self.m("screen.common.back"))
        self.home_btn.setText(self.m("screen.common.back_to_choices"))
        if self.shell.session.data.get(PROCEDURE_KEY):
            self.fill()
        if getattr(self, "_status_words", None) is not None:
            self._status(self._status_words)

    def on_leave(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None and self._job is None:
            try:
                printer.jobDone.disconnect(self._printed)
            except (RuntimeError, TypeError):
                pass


def _settled(window: Any) -> None:
    """Screenshots grab after one turn of the event loop; new tiles need a second layout pass."""
    from PySide6.QtWidgets import QApplication

    for _ in range(2):
        QApplication.sendPostedEvents()
        window.layout().activate()


def _capture_browse(window: Any) -> None:
    window.navigate("home")
    window.navigate("find")
    _settled(window)


def _capture_search(window: Any) -> None:
    window.navigate("home")
    window.navigate("find")
    screen = window.current_screen
    screen.query.setText("khai sinh")
    screen.typed()  # "Done": the keyboard goes away and the results have the screen
    _settled(window)


def _capture_detail(window: Any) -> None:
    window.navigate("home")
    window.navigate("find")
    window.current_screen.open("birth_registration")
    _settled(window)


def register(registry: ScreenRegistry) -> None:
    from ui.screens.registry import Capture

    # Captured through _capture_browse: its tiles need a second layout pass before the grab.
    registry.add(ScreenSpec("find", FindScreen, capture=False))
    registry.add_capture(Capture("find", _capture_browse))
    # Captured with a procedure chosen (below): on its own the page has nothing to show.
    registry.add(ScreenSpec("procedure", ProcedureScreen, capture=False))
    registry.add_capture(Capture("find-search", _capture_search))
    registry.add_capture(Capture("find-detail", _capture_detail))
