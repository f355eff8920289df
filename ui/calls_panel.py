"""The Calls panel: ringing calls oldest first, the active call with the
caller's history beside it, and the callback list.

Two sources feed it. The database (through the window's change feed) is
the truth: every call that rang has a row before anyone is told. Live
events from the softphone (`on_call_event`, queued to the GUI by the
bridge) say which call *this* desk holds and whether it is on hold, and
make a new ringing call show before the next database read; a surge of
them is drained in time-boxed slices.
"""
from __future__ import annotations

import logging
from concurrent.futures import Future
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGroupBox, QLabel, QSplitter, QToolBar, QVBoxLayout, QWidget

from dispatch.enums import LinePurpose
from dispatch.phone import format_for_display
from dispatch.timeutil import format_wita
from telephony.events import CallEvent, EventKind
from ui import labels
from ui.batch_drain import BatchDrainer
from ui.boards import MessageLine
from ui.gui_thread import to_gui
from ui.snapshots import CallRow, CallsSnapshot, read_history
from ui.table_model import Column, KeyedTableView, RowTableModel
from ui.translations import Retranslates
from ui.worker import DbWorker, describe_error

log = logging.getLogger(__name__)
GONE = (EventKind.ENDED, EventKind.ABANDONED, EventKind.REJECTED, EventKind.TAKEN_ELSEWHERE)


class Phone(Protocol):
    """What the panel asks of the softphone (telephony.engine.SoftphoneEngine)."""

    def answer(self, sip_call_id: str) -> Future: ...
    def hangup(self, sip_call_id: str) -> Future: ...
    def hold(self, sip_call_id: str) -> Future: ...
    def resume(self, sip_call_id: str) -> Future: ...
    def call_back(self, call_id: int) -> Future: ...


@dataclass(frozen=True)
class ActiveCall:
    sip_call_id: str
    call_id: int | None
    caller_number: str | None
    withheld: bool
    direction: str
    state: str  # dialing / connected / held
    line: str | None = None  # the called line, E.164


@lru_cache(maxsize=2048)
def display_number(e164: str | None) -> str | None:
    """format_for_display costs a libphonenumber parse; a table repaints
    the same few numbers many times a second during a surge."""
    return format_for_display(e164)


def caller_text(number: str | None, withheld: bool, name: str | None = None) -> str:
    if not number:
        return labels.withheld() if withheld else "?"
    shown = display_number(number) or number
    if withheld:  # asserted by the network on the emergency line: kept, but private
        return f"{shown} ({labels.private_number()})"
    return f"{shown} ({name})" if name else shown


class CallsPanel(Retranslates, QWidget):
    newIncidentRequested = Signal(object, object)  # caller number or None, call id or None
    newComplaintRequested = Signal(object, object)  # the same, for a Halo Denpasar ticket
    activeCallChanged = Signal(object)  # ActiveCall or None

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._phone: Phone | None = None
        self.active: ActiveCall | None = None
        self._line_purposes: dict[str, str] = {}  # E.164 → LinePurpose value
        self._history_for: tuple[str, int | None] | None = None
        # No database read per drained burst: the same calls reach the window's
        # change feed as committed rows, and that read is already coalesced.
        self.live_events = BatchDrainer(self._apply_event, budget_ms=8.0, parent=self)
        self.message = MessageLine(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._build_tables()
        self._lay_out()
        self.retranslate()

    # ---- building

    def _build_tables(self) -> None:
        self.ringing_model = RowTableModel([
            Column(lambda: self.tr("Penelepon"),
                   lambda row: caller_text(row.caller_number, row.withheld, row.caller_name)),
            Column(lambda: self.tr("Saluran"), lambda row: row.line),
            Column(lambda: self.tr("Berdering"), lambda row: labels.elapsed(row.started_at),
                   ticking=True, tooltip=lambda row: format_wita(row.started_at)),
        ], key=lambda row: row.id, parent=self)
        self.ringing_view = KeyedTableView(self.ringing_model, self)
        self.ringing_view.setObjectName("ringingTable")
        self.ringing_view.currentKeyChanged.connect(lambda _key: self._show_history())
        self.callback_model = RowTableModel([
            Column(lambda: self.tr("Penelepon"),
                   lambda row: caller_text(row.caller_number, row.withheld, row.caller_name)),
            Column(lambda: self.tr("Waktu (WITA)"),
                   lambda row: format_wita(row.started_at, with_date=False)),
            Column(lambda: self.tr("Keterangan"),
                   lambda row: labels.call_status(row.status) + (
                       f" · {row.callback_note}" if row.callback_note else "")),
        ], key=lambda row: row.id, parent=self)
        self.callback_view = KeyedTableView(self.callback_model, self)
        self.callback_view.setObjectName("callbackTable")
        self.history_model = RowTableModel([
            Column(lambda: self.tr("Waktu (WITA)"), lambda entry: format_wita(entry.at)),
            Column(lambda: self.tr("Jenis"), lambda entry: labels.history_kind(entry.kind)),
            Column(lambda: self.tr("Status"), lambda entry: entry.status),
            Column(lambda: self.tr("Ringkasan"), lambda entry: entry.summary),
        ], key=lambda entry: (entry.kind, entry.id), parent=self)
        self.history_view = KeyedTableView(self.history_model, self)

    def _lay_out(self) -> None:
        self.ringing_title, self.callback_title = QLabel(self), QLabel(self)
        self.active_box = QGroupBox(self)
        self.active_label = QLabel(self.active_box)
        self.active_label.setObjectName("activeCallLabel")
        self.active_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_title = QLabel(self.active_box)
        box_layout = QVBoxLayout(self.active_box)
        box_layout.addWidget(self.active_label)
        box_layout.addWidget(self.history_title)
        box_layout.addWidget(self.history_view)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.ringing_title, self.ringing_view, self.callback_title,
                       self.callback_view):
            left_layout.addWidget(widget)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.active_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def set_actions(self, actions: list[QAction]) -> None:
        """The window's call actions (answer, hold, hang up, call back, new
        incident) as buttons here too, with the same shortcuts."""
        self.toolbar.clear()
        self.toolbar.addActions(actions)

    def retranslate(self) -> None:
        self.ringing_title.setText(self.tr("<b>Berdering</b> (terlama di atas)"))
        self.callback_title.setText(self.tr("<b>Perlu ditelepon balik</b>"))
        self.history_title.setText(self.tr("Riwayat penelepon"))
        self.active_box.setTitle(self.tr("Panggilan aktif"))
        for model in (self.ringing_model, self.callback_model, self.history_model):
            model.retranslate()
        self._show_active()

    def tick(self) -> None:
        self.ringing_model.tick()

    # ---- the database's view

    def show_calls(self, snapshot: CallsSnapshot) -> None:
        self._line_purposes = dict(snapshot.line_purposes)
        self.ringing_model.set_rows(snapshot.ringing)
        self.callback_model.set_rows(snapshot.callbacks)
        self._show_history()

    # ---- live events from the softphone

    def attach_phone(self, phone: Phone | None) -> None:
        self._phone = phone

    def on_call_event(self, event: CallEvent) -> None:
        """Slot for the softphone bridge (GUI thread). Queued, then drained in slices."""
        self.live_events.put(event)

    def _apply_event(self, event: CallEvent) -> None:
        kind = event.kind
        if kind is EventKind.RINGING and event.call_id is not None and event.direction == "inbound":
            self.ringing_model.upsert(CallRow(
                id=event.call_id, sip_call_id=event.sip_call_id, caller_number=event.caller,
                caller_display=display_number(event.caller), caller_name=event.caller_name,
                withheld=event.withheld, line=display_number(event.line) or event.line or "",
                started_at=event.at, status="ringing"))
        elif kind in (EventKind.ANSWERED, EventKind.DIALING):
            if event.call_id is not None:
                self.ringing_model.remove(event.call_id)
            self._set_active(ActiveCall(event.sip_call_id, event.call_id, event.caller,
                                        event.withheld, event.direction,
                                        "connected" if kind is EventKind.ANSWERED else "dialing",
                                        event.line))
            if kind is EventKind.ANSWERED and self.is_complaints_call(self.active):
                # The Halo Denpasar line is for complaints: the ticket form
                # opens with the answer, as the incident form would be a detour.
                self.request_complaint()
        elif kind in (EventKind.HELD, EventKind.RESUMED) and self._is_active(event):
            self._set_active(replace(self.active, state="held" if kind is EventKind.HELD
                                     else "connected"))
        elif kind in GONE:
            if event.call_id is not None:
                self.ringing_model.remove(event.call_id)
            if self._is_active(event):
                self._set_active(None)
        elif kind is EventKind.STOPPED:
            self._set_active(None)

    def _is_active(self, event: CallEvent) -> bool:
        return self.active is not None and self.active.sip_call_id == event.sip_call_id

    def _set_active(self, active: ActiveCall | None) -> None:
        self.active = active
        self._show_active()
        self._show_history()
        self.activeCallChanged.emit(active)

    def _show_active(self) -> None:
        active = self.active
        if active is None:
            self.active_label.setText(self.tr("Tidak ada panggilan aktif."))
            return
        states = {"dialing": self.tr("memanggil…"), "connected": self.tr("terhubung"),
                  "held": self.tr("DITAHAN")}
        self.active_label.setText(self.tr("<b>%1</b> — %2").replace(
            "%1", caller_text(active.caller_number, active.withheld)).replace(
            "%2", states.get(active.state, active.state)))

    # ---- caller history, beside the active call (or the selected ringing one)

    def _history_subject(self) -> tuple[str, int | None] | None:
        if self.active is not None:
            if self.active.caller_number and not self.active.withheld:
                return self.active.caller_number, self.active.call_id
            return None
        row = self.ringing_view.current_row()
        if row is not None and row.caller_number and not row.withheld:
            return row.caller_number, row.id
        return None

    def _show_history(self) -> None:
        subject = self._history_subject()
        if subject == self._history_for:
            return
        self._history_for = subject
        if subject is None:
            self.history_model.set_rows([])
            return
        number, call_id = subject

        def shown(entries) -> None:
            if self._history_for == subject:
                self.history_model.set_rows(entries)
        self._worker.read(lambda session: read_history(session, number, call_id), shown,
                          lambda error: self.message.show_error(describe_error(error)))

    def refresh_history(self) -> None:
        self._history_for = None
        self._show_history()

    # ---- commands to the phone

    def ringing_target(self) -> CallRow | None:
        """The selected ringing call, else the one that has rung longest."""
        row = self.ringing_view.current_row()
        if row is None and self.ringing_model.rowCount():
            row = self.ringing_model.row_at(0)
        return row

    def _command(self, name: str, *args: Any) -> None:
        if self._phone is None:
            self.message.show_error(self.tr("Softphone tidak berjalan: panggilan tidak bisa "
                                            "dijawab dari meja ini."))
            return
        self.message.clear_message()
        future: Future = getattr(self._phone, name)(*args)
        future.add_done_callback(lambda done: to_gui(self._command_done, done))

    def _command_done(self, future: Future) -> None:
        error = future.exception()
        if error is not None:
            self.message.show_error(describe_error(error))

    def answer(self) -> None:
        row = self.ringing_target()
        if row is None or not row.sip_call_id:
            self.message.show_error(self.tr("Tidak ada panggilan yang berdering."))
            return
        self._command("answer", row.sip_call_id)

    def toggle_hold(self) -> None:
        if self.active is None or self.active.state == "dialing":
            self.message.show_error(self.tr("Tidak ada panggilan aktif untuk ditahan."))
            return
        self._command("resume" if self.active.state == "held" else "hold",
                      self.active.sip_call_id)

    def hang_up(self) -> None:
        if self.active is None:
            self.message.show_error(self.tr("Tidak ada panggilan aktif untuk ditutup."))
            return
        self._command("hangup", self.active.sip_call_id)

    def call_back(self) -> None:
        row = self.callback_view.current_row()
        if row is None and self.callback_model.rowCount():
            row = self.callback_model.row_at(0)
        if row is None:
            self.message.show_error(self.tr("Daftar telepon balik kosong."))
            return
        if row.withheld or not row.caller_number:
            self.message.show_error(self.tr("Nomor penelepon ini disembunyikan; tidak bisa "
                                            "ditelepon balik."))
            return
        self._command("call_back", row.id)

    def is_complaints_call(self, active: ActiveCall | None) -> bool:
        return (active is not None and active.direction == "inbound"
                and self._line_purposes.get(active.line or "") == LinePurpose.COMPLAINTS.value)

    def _active_subject(self) -> tuple[str | None, int | None]:
        active = self.active
        if active is None:
            return None, None
        return (None if active.withheld else active.caller_number), active.call_id

    def request_incident(self) -> None:
        """Ctrl+N: the form for the active call (number filled in), or a blank
        one. A call on the complaints line gets the complaint form instead."""
        if self.is_complaints_call(self.active):
            self.request_complaint()
            return
        self.newIncidentRequested.emit(*self._active_subject())

    def request_complaint(self) -> None:
        """A complaint ticket for the active call, or a blank one (walk-in, letter)."""
        self.newComplaintRequested.emit(*self._active_subject())
