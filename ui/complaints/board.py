"""The complaints board: find a ticket while the caller waits, see which
open tickets are past their target time, and move a ticket along.

One search box takes a ticket number, a caller's number or words (the
domain's search_complaints tells them apart); the filters narrow it. Late
tickets are judged again every second (`tick`), without a database read.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dispatch.complaints import change_status, is_late
from dispatch.paging import MAX_LIMIT
from dispatch.timeutil import format_wita, utcnow
from ui import labels
from ui.complaints import labels as cl
from ui.complaints.detail import ComplaintDetailPane
from ui.complaints.filters import ComplaintFilters
from ui.complaints.snapshots import (
    SEARCH_LIMIT,
    CategoryChoice,
    ComplaintDetail,
    ComplaintQuery,
    ComplaintRow,
    SearchResult,
    read_complaint_detail,
    read_complaints,
)
from ui.qt.translations import Retranslates
from ui.qt.worker import CoalescedRead, DbWorker, describe_error
from ui.widgets.message_line import MessageLine
from ui.widgets.table_model import Column, KeyedTableView, RowTableModel


class ComplaintsBoard(Retranslates, QWidget):
    ticketSelected = Signal(object)  # ticket number, or None

    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._actor = actor
        self._query = ComplaintQuery()
        self._late: frozenset[str] = frozenset()
        self._writing = False
        self._wanted: str | None = None
        self.message = MessageLine(self)
        self.filters = ComplaintFilters(self)
        self.filters.searchRequested.connect(self.run_search)
        self.search_edit = self.filters.search_edit  # the box the window focuses
        self.status_filter, self.category_filter, self.agency_filter = (
            self.filters.status_filter, self.filters.category_filter, self.filters.agency_filter)
        self.model = RowTableModel(self._columns(), key=lambda row: row.ticket, parent=self)
        self.view = KeyedTableView(self.model, self)
        self.view.setObjectName("complaintsTable")
        self.view.currentKeyChanged.connect(self._selection_changed)
        self.detail = ComplaintDetailPane(self)
        self.detail.changeRequested.connect(self.change_selected_status)
        self.more_button = QPushButton(self)
        self.more_button.setObjectName("complaintsMoreButton")
        self.more_button.clicked.connect(self.load_more)
        self.more_button.hide()
        self._search_read = CoalescedRead(worker, self._make_search, self._show_result)
        self._detail_read = CoalescedRead(worker, self._make_detail_read, self._show_detail)
        self._lay_out()
        self.retranslate()

    # ---- building

    def _lay_out(self) -> None:
        # A long ticket scrolls inside its pane rather than squeezing its lines
        # together (or stretching the dock past a 768 px screen).
        detail_scroll = QScrollArea(self)
        detail_scroll.setWidget(self.detail)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        listing = QWidget(self)
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addWidget(self.view)
        listing_layout.addWidget(self.more_button)
        splitter.addWidget(listing)
        splitter.addWidget(detail_scroll)
        splitter.setStretchFactor(0, 1)  # the ticket's detail as wide as the list:
        splitter.setStretchFactor(1, 1)  # both read at a glance on a 1366 px screen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filters)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def _columns(self) -> list[Column]:
        late = lambda row: is_late(row.status, row.due_at)  # noqa: E731
        back = lambda row: cl.OVERDUE_BACKGROUND if late(row) else None  # noqa: E731
        fore = lambda row: cl.OVERDUE_FOREGROUND if late(row) else None  # noqa: E731

        def column(header: Callable[[], str], text: Callable, **extra) -> Column:
            return Column(header, text, back, fore, **extra)
        return [
            column(lambda: self.tr("Tiket"), lambda row: row.ticket),
            column(lambda: self.tr("Dibuat (WITA)"),
                   lambda row: format_wita(row.created_at).removesuffix(" WITA")),
            column(lambda: self.tr("Kategori"),
                   lambda row: labels.localized(row.category_name_id, row.category_name_en)),
            column(lambda: self.tr("Instansi"), lambda row: row.agency_code,
                   tooltip=lambda row: row.agency_name),
            column(lambda: self.tr("Status"), lambda row: cl.status_name(row.status)),
            column(lambda: self.tr("Tempat"), lambda row: row.address or (
                f"{row.lat:.5f}, {row.lon:.5f}" if row.lat is not None else "")),
            column(lambda: self.tr("Batas waktu"), lambda row: cl.due_text(row.status, row.due_at),
                   ticking=True, tooltip=lambda row: format_wita(row.due_at)),
        ]

    def retranslate(self) -> None:
        self.model.retranslate()
        self.more_button.setText(self.tr("Muat lebih banyak"))
        self.more_button.setToolTip(self.tr("Tampilkan %1 tiket berikutnya, yang terbaru "
                                            "dulu").replace("%1", str(SEARCH_LIMIT)))

    # ---- filters

    def set_categories(self, choices: tuple[CategoryChoice, ...]) -> None:
        self.filters.set_categories(choices)

    def current_query(self) -> ComplaintQuery:
        return self.filters.query()

    # ---- searching and refreshing

    def search(self, text: str) -> None:
        self.search_edit.setText(text)
        self.run_search()

    def run_search(self, *_args) -> None:
        self._query = self.current_query()
        self.message.clear_message()
        self._search_read.request()

    def load_more(self) -> None:
        """The same search, a page further (the tickets shown are read again,
        so their statuses stay true)."""
        self._query = replace(self._query,
                              limit=min(self._query.limit + SEARCH_LIMIT, MAX_LIMIT))
        self._search_read.request()

    def refresh(self) -> None:
        """The last search again, and the selected ticket's detail."""
        self._search_read.request()
        self._detail_read.request()

    def is_busy(self) -> bool:
        return self._search_read.busy or self._detail_read.busy or self._writing

    def _make_search(self):
        query, wanted = self._query, self._wanted
        return lambda session: (wanted, read_complaints(session, query))

    def _show_result(self, answer: tuple[str | None, SearchResult]) -> None:
        wanted, result = answer
        self.filters.set_agencies(result.agencies)
        self.model.set_rows(result.rows)  # first: a selection it drops clears old refusals
        self.more_button.setVisible(result.more and self._query.limit < MAX_LIMIT)
        if result.error is not None:
            refusal = result.error
            self.message.show_error(lambda: describe_error(refusal))
        self._late = self._late_tickets()
        # Judged only on a read that started after select_ticket asked.
        if wanted is not None and wanted == self._wanted:
            self._wanted = None
            if self.model.row_for(wanted) is None and self._query != ComplaintQuery(wanted):
                self.filters.show_only(wanted)
                self.run_search()
                self.view.select_key(wanted)

    # ---- selection and detail

    def selected_ticket(self) -> str | None:
        return self.view.current_key()

    def select_ticket(self, ticket: str) -> None:
        """Select the ticket; when the list does not hold it, read again, and
        if the filters hide it, search for it (the caller asked for this one)."""
        self._wanted = None
        if not self.view.select_key(ticket):
            self._wanted = ticket
            self.refresh()

    def _selection_changed(self, ticket) -> None:
        if self.message.is_error():
            self.message.clear_message()  # it was about the ticket the operator left
        if ticket is None:
            self.detail.show_detail(None)
        else:
            self._detail_read.request()
        self.ticketSelected.emit(ticket)

    def _make_detail_read(self):
        ticket = self.selected_ticket()
        if ticket is None:
            return None
        return lambda session: read_complaint_detail(session, ticket)

    def _show_detail(self, detail: ComplaintDetail | None) -> None:
        # A read may finish after the operator moved on: show only the current ticket.
        selected = self.selected_ticket()
        if detail is None or detail.row.ticket == selected:
            self.detail.show_detail(detail if selected else None)
            if detail is not None and self.model.row_for(detail.row.ticket) is not None:
                self.model.upsert(detail.row)  # the detail may be newer than the list

    def row_for(self, ticket: str) -> ComplaintRow | None:
        return self.model.row_for(ticket)

    # ---- status change

    def change_selected_status(self, status: str, note: str) -> bool:
        """Move the selected ticket on; False (one message, nothing written)
        when nothing is selected, the status is not a legal next one, or the
        note is empty."""
        if self._writing:
            return False  # the previous change is still on its way
        detail = self.detail.detail()
        if detail is None:
            return self._refuse(lambda: self.tr("Pilih tiket yang akan diubah statusnya."))
        ticket, current, offered = detail.row.ticket, detail.row.status, detail.next_statuses
        if not offered:
            return self._refuse(lambda: self.tr(
                "Tiket %1 sudah ditutup (%2); buka tiket baru yang menyebut tiket ini.").replace(
                "%1", ticket).replace("%2", cl.status_name(current)))
        choices = lambda: ", ".join(cl.status_name(s) for s in offered)  # noqa: E731
        if not status:
            self.detail.status_combo.setFocus()
            return self._refuse(lambda: self.tr("Pilih status berikutnya: %1.").replace(
                "%1", choices()))
        if status not in offered:
            return self._refuse(lambda: self.tr(
                "Tiket %1 tidak bisa pindah dari «%2» ke «%3»; pilih salah satu: %4.").replace(
                "%1", ticket).replace("%2", cl.status_name(current)).replace(
                "%3", cl.status_name(status)).replace("%4", choices()))
        note = note.strip()
        if not note:
            self.detail.ask_for_note()
            return self._refuse(lambda: self.tr(
                "Tulis catatan dulu (wajib): apa yang sudah dilakukan untuk tiket ini."))
        self.message.clear_message()  # the last refusal no longer holds
        self._writing = True
        actor = self._actor

        def write(session) -> str:
            return str(change_status(session, ticket=ticket, status=status, note=note,
                                     actor=actor).status)
        self._worker.write(write, lambda done: self._changed(ticket, done), self._change_failed)
        return True

    def _refuse(self, text: Callable[[], str]) -> bool:
        self.message.show_error(text)
        return False

    def _changed(self, ticket: str, status: str) -> None:
        self._writing = False
        self.detail.note_edit.clear()
        self.message.show_info(lambda: self.tr("Tiket %1 sekarang: %2.").replace(
            "%1", ticket).replace("%2", cl.status_name(status)))
        self.refresh()

    def _change_failed(self, error: BaseException) -> None:
        self._writing = False
        self.message.show_error(lambda: describe_error(error))
        self.refresh()  # another desk may have moved it: show what is true now

    # ---- the clock

    def _late_tickets(self) -> frozenset[str]:
        now = utcnow()
        return frozenset(row.ticket for row in self.model.rows()
                         if is_late(row.status, row.due_at, now))

    def tick(self) -> None:
        self.model.tick()
        late = self._late_tickets()
        if late != self._late:  # a ticket just went past its target: repaint it red
            self._late = late
            self.model.tick_all()

    def late_tickets(self) -> frozenset[str]:
        return self._late
