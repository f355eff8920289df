"""The Calls panel: ringing calls oldest first (flashing, with a ring tone),
the calls this desk is in (connected, on hold, a call-back dialing) with the
caller's history beside them, and the callback list.

Two sources feed it. The database (through the window's change feed) is
the truth: every call that rang has a row before anyone is told. Live
events from the softphone (`on_call_event`, queued to the GUI by the
bridge) say which calls *this* desk is in and which is on hold, and make a
new ringing call show before the next database read; a surge of them is
drained in time-boxed slices.

The keys act on the call selected in the list of live calls, else on the
active one (ui/calls/live_calls.py: the one being talked to, else a
call-back dialing, else the one held last): F3 holds or resumes it (the
engine holds the other caller on a resume), F4 ends it, Ctrl+N / Ctrl+K
open a form for it. Alt+1 … Alt+6 give a call its type, during or after it
(ui/calls/call_types.py); a blocked number rings apart, below the others,
and a repeat prank caller's ringing row is flagged (ui/calls/ringing_list.py).
"""
from __future__ import annotations

import logging
from concurrent.futures import Future
from dataclasses import replace
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGroupBox, QLabel, QSplitter, QToolBar, QVBoxLayout, QWidget

from dispatch.caller_blocks import PrankPolicy
from dispatch.enums import LinePurpose
from dispatch.models import Call
from dispatch.settings import Settings
from dispatch.timeutil import format_wita
from telephony.events import CallEvent, EventKind
from telephony.link.wire import RESYNC
from telephony.settings import SIP_RING_TIMEOUT_S
from ui import labels
from ui.calls.call_types import CLASSIFY_ACTIONS, CallClassifier, type_name
from ui.calls.callback_dialog import ClearCallbackDialog
from ui.calls.callback_list import CallbackList
from ui.calls.caller import caller_text, display_number
from ui.calls.history import CallerHistoryPane
from ui.calls.live_calls import (
    CONNECTED,
    DIALING,
    GONE,
    HELD,
    ActiveCall,
    LiveCall,
    active_of,
    after_event,
)
from ui.calls.quit_question import QuitQuestion
from ui.calls.recent_calls import RecentCalls
from ui.calls.ring_alert import RingAlert
from ui.calls.ringing_list import RingingCalls
from ui.qt.batch_drain import BatchDrainer
from ui.qt.gui_thread import to_gui
from ui.qt.translations import Retranslates
from ui.qt.worker import DbWorker, describe_error
from ui.snapshots import CallRow, CallsSnapshot, read_calls
from ui.widgets.message_line import MessageLine
from ui.widgets.table_model import Column, KeyedTableView, RowTableModel

log = logging.getLogger(__name__)
__all__ = ["ActiveCall", "CallsPanel", "Phone"]
STATE_COLOURS = {CONNECTED: "#c8e6c9", HELD: "#ffe0b2", DIALING: "#bbdefb"}


class Phone(Protocol):
    """What the panel asks of the softphone (telephony.engine.SoftphoneEngine)."""

    def answer(self, sip_call_id: str) -> Future: ...
    def hangup(self, sip_call_id: str) -> Future: ...
    def hold(self, sip_call_id: str) -> Future: ...
    def resume(self, sip_call_id: str) -> Future: ...
    def call_back(self, call_id: int) -> Future: ...


def _answered_at(session, call_id: int):
    call = session.get(Call, call_id)
    return None if call is None else call.answered_at


class CallsPanel(Retranslates, QWidget):
    newIncidentRequested = Signal(object, object)  # caller number or None, call id or None
    newComplaintRequested = Signal(object, object)  # the same, for a Halo Denpasar ticket
    activeCallChanged = Signal(object)  # LiveCall or None
    countsChanged = Signal()  # ringing or live calls came or went (the window's title)

    def __init__(self, worker: DbWorker, parent: QWidget | None = None, *, actor: str = "desk",
                 settings: Settings | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._actor = actor
        self._phone: Phone | None = None
        self._live: dict[str, LiveCall] = {}  # in the order the desk took them
        self._turns = 0
        self.active: LiveCall | None = None
        self._line_purposes: dict[str, str] = {}  # E.164 → LinePurpose value
        self._line_displays: dict[str, str] = {}  # E.164 → as the centre writes it
        self._settings = settings or Settings.in_memory({"ui.ring_tone": False})
        self.prank_policy = PrankPolicy.from_settings(self._settings)
        self.types: dict[int, str] = {}  # call id → type, of the calls listed here
        self.ring_alert = RingAlert(self._settings, self)
        # No database read per drained burst: the same calls reach the window's
        # change feed as committed rows, and that read is already coalesced.
        self.live_events = BatchDrainer(self._apply_event, budget_ms=8.0, parent=self)
        self.message = MessageLine(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.callbacks = CallbackList(worker, actor, self.message, self._command, self)
        self.callback_model, self.callback_view = self.callbacks.model, self.callbacks.view
        self.ringing = RingingCalls(self.ring_alert, self.prank_policy, self._ringing_service,
                                    self)
        self.ringing_model, self.ringing_view = self.ringing.model, self.ringing.view
        self.blocked = self.ringing.blocked
        self.recent = RecentCalls(self.types, self)
        self._build_tables()
        self.classifier = CallClassifier(self)
        self._lay_out()
        self._watch_ringing()
        self.retranslate()

    # ---- building

    def _build_tables(self) -> None:
        self.ringing_view.currentKeyChanged.connect(lambda _key: self._show_history())

        def state_colour(call: LiveCall) -> str:
            return STATE_COLOURS.get(call.state)
        self.live_model = RowTableModel([
            Column(lambda: "", lambda call: "▶" if self._is_active(call) else "",
                   background=state_colour),
            Column(lambda: self.tr("Layanan"), self._live_service, background=state_colour,
                   tooltip=lambda call: self._line_text(call.line)),
            Column(lambda: self.tr("Penelepon"),
                   lambda call: caller_text(call.caller_number, call.withheld, call.caller_name),
                   background=state_colour),
            Column(lambda: self.tr("Keadaan"), lambda call: self.state_text(call.state),
                   background=state_colour),
            Column(lambda: self.tr("Durasi"), lambda call: labels.elapsed(call.since),
                   ticking=True, background=state_colour,
                   tooltip=lambda call: format_wita(call.since) if call.since else ""),
            Column(lambda: self.tr("Jenis"), lambda call: type_name(self.types.get(call.call_id)),
                   background=state_colour),
        ], key=lambda call: call.sip_call_id, parent=self)
        self.live_view = KeyedTableView(self.live_model, self)
        self.live_view.setObjectName("liveCallsTable")
        self.live_view.currentKeyChanged.connect(lambda _key: self._show_history())
        self.history = CallerHistoryPane(self._worker, self.prank_policy, self.message, self)
        self.history_model, self.history_view = self.history.model, self.history.view

    def _lay_out(self) -> None:
        self.active_box = QGroupBox(self)
        self.active_label = QLabel(self.active_box)
        self.active_label.setObjectName("activeCallLabel")
        self.active_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box_layout = QVBoxLayout(self.active_box)
        box_layout.addWidget(self.active_label)
        box_layout.addWidget(self.live_view, 1)
        below = QSplitter(Qt.Orientation.Horizontal, self.active_box)  # stacked: no 1366x768
        below.addWidget(self.history)
        below.addWidget(self.recent)
        below.setStretchFactor(0, 2)
        box_layout.addWidget(below, 2)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.ringing, 2)
        left_layout.addWidget(self.callbacks, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.active_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def _watch_ringing(self) -> None:
        for signal in (self.ringing_model.rowsInserted, self.ringing_model.rowsRemoved,
                       self.ringing_model.modelReset):
            signal.connect(self._counts_changed)

    def set_actions(self, actions: list[QAction]) -> None:
        """The window's call actions (answer, hold, hang up, call back, new
        incident) as buttons here too, with the same shortcuts."""
        self.toolbar.clear()
        self.toolbar.addActions(actions)

    def set_callback_actions(self, actions: list[QAction]) -> None:
        """Call back / clear, as buttons right above the callback list."""
        self.callbacks.set_actions(actions)

    def retranslate(self) -> None:
        self.ringing.retranslate()
        self.history.retranslate()
        self.active_box.setTitle(self.tr("Panggilan aktif"))
        self.live_model.retranslate()
        self.callbacks.retranslate()
        self.recent.retranslate()
        self._show_active()

    def tick(self) -> None:
        self.ringing.tick()
        self.live_model.tick()

    def state_text(self, state: str) -> str:
        states = {DIALING: self.tr("memanggil…"), CONNECTED: self.tr("terhubung"),
                  HELD: self.tr("DITAHAN")}
        return states.get(state, state)

    def _line_text(self, e164: str | None) -> str:
        return self._line_displays.get(e164 or "") or display_number(e164) or e164 or ""

    def _live_service(self, call: LiveCall) -> str:
        if call.direction != "inbound":
            return self.tr("telepon balik")
        purpose = self._line_purposes.get(call.line or "")
        return labels.line_service(purpose) if purpose else self._line_text(call.line)

    def _ringing_service(self, row: CallRow) -> str:
        for e164, display in self._line_displays.items():
            if display == row.line:
                return labels.line_service(self._line_purposes.get(e164)) or row.line
        return row.line

    # ---- the database's view

    def snapshot_query(self):
        """The window's read of the calls: with this desk's prank policy, and
        the types of the calls listed here from the phone's events."""
        known = tuple(call.call_id for call in self._live.values() if call.call_id is not None)
        return partial(read_calls, policy=self.prank_policy,
                       known_call_ids=known + self.recent.call_ids())

    def show_calls(self, snapshot: CallsSnapshot) -> None:
        self._line_purposes = dict(snapshot.line_purposes)
        self._line_displays = dict(snapshot.line_displays)
        self.ringing.show_rows(snapshot.ringing, snapshot.blocked)
        self.callbacks.show_rows(snapshot.callbacks)
        self.types.update(snapshot.types)
        self.types.update({row.id: row.classification for row in snapshot.callbacks
                           if row.classification})
        self.types_changed()  # the services' names may have just become known too
        self._show_history()

    def types_changed(self) -> None:
        self.live_model.tick_all()
        self.recent.model.tick_all()

    # ---- live events from the softphone

    def attach_phone(self, phone: Phone | None) -> None:
        self._phone = phone

    def on_call_event(self, event: CallEvent) -> None:
        """Slot for the softphone bridge (GUI thread). Queued, then drained in slices."""
        self.live_events.put(event)

    def _apply_event(self, event: CallEvent) -> None:
        kind = event.kind
        if kind is EventKind.RINGING and event.call_id is not None and event.direction == "inbound":
            # A blocked number's call waits apart (the engine says so; the
            # next database read, the truth, agrees or moves it).
            self.ringing.upsert(CallRow(
                id=event.call_id, sip_call_id=event.sip_call_id, caller_number=event.caller,
                caller_display=display_number(event.caller), caller_name=event.caller_name,
                withheld=event.withheld, line=self._line_text(event.line),
                started_at=event.at, status="ringing"), blocked=event.blocked)
            return
        if kind is EventKind.STOPPED:  # the link is lost: a reconnect tells the calls anew
            self._live.clear()
            self._live_changed()
            return
        if kind in (EventKind.ANSWERED, EventKind.DIALING, *GONE) and event.call_id is not None:
            self.ringing.remove(event.call_id)
        existing = self._live.get(event.sip_call_id)
        self._turns += 1
        call = after_event(existing, event, self._turns)
        if call is existing:
            return
        if call is None:
            self._live.pop(event.sip_call_id, None)
            if existing is not None:  # still to be classified, maybe: kept at hand
                self.recent.add(existing, event.at)
        else:
            self._live[event.sip_call_id] = call
        resynced = event.detail == RESYNC
        taken_now = kind in (EventKind.ANSWERED, EventKind.DIALING) and (
            existing is None or existing.state == DIALING) and not resynced
        if taken_now:
            # A new call in the headset: an old selection no longer says what F3/F4 mean.
            self.live_view.clearSelection()
            self.classifier.forget_selection()
        self._live_changed()
        if resynced and call is not None and call.call_id is not None and existing is None:
            self._learn_answer_time(call)
        if (taken_now and kind is EventKind.ANSWERED and existing is None
                and self.is_complaints_call(call)):
            # The Halo Denpasar line is for complaints: the ticket form
            # opens with the answer, as the incident form would be a detour.
            self.request_complaint()

    def _learn_answer_time(self, call: LiveCall) -> None:
        """A window opened during a call: its duration counts from the answer."""
        def learned(answered_at) -> None:
            current = self._live.get(call.sip_call_id)
            if answered_at is not None and current is not None and current.direction == "inbound":
                self._live[call.sip_call_id] = replace(current, since=answered_at)
                self._live_changed()
        self._worker.read(lambda session: _answered_at(session, call.call_id), learned,
                          lambda error: log.debug("answer time unknown: %s", error))

    def _live_changed(self) -> None:
        calls = list(self._live.values())
        active = active_of(calls)
        self.live_model.set_rows(calls)
        self.live_model.tick_all()  # the ▶ may have moved without the rows changing
        changed = active != self.active
        self.active = active
        self._show_active()
        self._show_history()
        self._counts_changed()
        if changed:
            self.activeCallChanged.emit(active)

    def _counts_changed(self) -> None:
        self.ring_alert.update(self.ringing_model.rowCount(),
                               any(call.state == CONNECTED for call in self._live.values()))
        self.countsChanged.emit()

    def live_calls(self) -> list[LiveCall]:
        return list(self._live.values())

    def _is_active(self, call: LiveCall) -> bool:
        return self.active is not None and self.active.sip_call_id == call.sip_call_id

    def _show_active(self) -> None:
        active = self.active
        if active is None:
            self.active_label.setText(self.tr("Tidak ada panggilan aktif."))
            return
        self.active_label.setText(self.tr("<b>%1</b> — %2").replace(
            "%1", caller_text(active.caller_number, active.withheld)).replace(
            "%2", self.state_text(active.state)))

    def counts_text(self) -> str:
        """"2 berdering · 1 terhubung · 1 ditahan", or "" when nothing rings or talks."""
        ringing = self.ringing_model.rowCount()
        states = [call.state for call in self._live.values()]
        parts = []
        if ringing:
            parts.append(self.tr("%n berdering", "", ringing))
        if states.count(CONNECTED) + states.count(DIALING):
            parts.append(self.tr("%n terhubung", "", states.count(CONNECTED)
                                 + states.count(DIALING)))
        if states.count(HELD):
            parts.append(self.tr("%n ditahan", "", states.count(HELD)))
        return " · ".join(parts)

    # ---- which call the keys mean

    def target_call(self) -> LiveCall | None:
        """The call selected in the list of live calls, else the active one."""
        key = self.live_view.current_key()
        selected = self._live.get(key) if key is not None else None
        return selected or self.active

    # ---- caller history, beside the call (or the selected ringing one)

    def _history_subject(self) -> tuple[str, int | None] | None:
        target = self.target_call()
        if target is not None:
            if target.caller_number and not target.withheld:
                return target.caller_number, target.call_id
            return None
        row = self.ringing_view.current_row()
        if row is not None and row.caller_number and not row.withheld:
            return row.caller_number, row.id
        return None

    def _show_history(self) -> None:
        self.history.show_for(self._history_subject())

    def refresh_history(self) -> None:
        self.history.refresh()

    # ---- commands to the phone

    def ringing_target(self) -> CallRow | None:
        """The call F2 answers (ui/calls/ringing_list.py)."""
        return self.ringing.target()

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
        if error is None:
            return
        self.message.show_error(lambda: describe_error(error))  # said again on a switch

    def answer(self) -> None:
        row = self.ringing_target()
        if row is None or not row.sip_call_id:
            self.message.show_error(self.tr("Tidak ada panggilan yang berdering."))
            return
        self._command("answer", row.sip_call_id)

    def toggle_hold(self) -> None:
        target = self.target_call()
        if target is None or target.state == DIALING:
            self.message.show_error(self.tr("Tidak ada panggilan aktif untuk ditahan."))
            return
        self._command("resume" if target.state == HELD else "hold", target.sip_call_id)

    def hang_up(self) -> None:
        target = self.target_call()
        if target is None:
            self.message.show_error(self.tr("Tidak ada panggilan aktif untuk ditutup."))
            return
        self._command("hangup", target.sip_call_id)

    # ---- the call's type

    def connect_classify_actions(self, actions) -> None:
        for name, call_type in CLASSIFY_ACTIONS.items():
            actions[name].triggered.connect(lambda _checked=False, t=call_type: self.classify(t))

    def classify(self, call_type: str) -> None:
        """Alt+1 … Alt+6: the type of the call the keys mean (ui/calls/call_types.py)."""
        self.classifier.classify(call_type, self._actor)

    @property
    def worker(self) -> DbWorker:
        return self._worker

    # ---- the callback list

    @property
    def clear_dialog(self) -> ClearCallbackDialog | None:
        return self.callbacks.dialog

    def call_back(self) -> None:
        self.callbacks.call_back()

    def clear_callback(self) -> None:
        """Ctrl+Shift+B (Delete in the list): the selected entry, else the
        oldest, leaves the list with a reason, after a short dialog."""
        self.callbacks.clear()

    # ---- forms for the call

    def is_complaints_call(self, call: LiveCall | None) -> bool:
        return (call is not None and call.direction == "inbound"
                and self._line_purposes.get(call.line or "") == LinePurpose.COMPLAINTS.value)

    def _target_subject(self) -> tuple[str | None, int | None]:
        target = self.target_call()
        if target is None:
            return None, None
        return (None if target.withheld else target.caller_number), target.call_id

    def request_incident(self) -> None:
        """Ctrl+N: the form for the selected or active call (number filled
        in), or a blank one. A call on the complaints line gets the
        complaint form instead."""
        if self.is_complaints_call(self.target_call()):
            self.request_complaint()
            return
        self.newIncidentRequested.emit(*self._target_subject())

    def request_complaint(self) -> None:
        """A complaint ticket for the selected or active call, or a blank one
        (walk-in, letter)."""
        self.newComplaintRequested.emit(*self._target_subject())

    # ---- closing the desk

    def quit_question(self) -> QuitQuestion | None:
        """The question to ask before the desk closes, or None when no call
        rings or is connected here."""
        ringing, live = self.ringing_model.rowCount(), len(self._live)
        if not ringing and not live:
            return None
        return QuitQuestion(ringing, live, self._settings.get(SIP_RING_TIMEOUT_S), self.window())

    def shutdown(self) -> None:
        self.ring_alert.stop()
