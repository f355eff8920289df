"""The softphone's events as Qt signals on the GUI thread, and its commands.

The engine calls listeners on its own threads; widgets live on the GUI
thread. `SoftphoneBridge` takes the engine's plain `CallEvent`s there,
queues them, and re-emits them on the GUI thread in batches with a time
budget, so a surge of ringing calls cannot freeze the window (Picard's
drain loop). It hops threads with the desk's one helper, ui.qt.gui_thread.

    bridge = SoftphoneBridge(engine)        # on the GUI thread
    bridge.ringing.connect(call_queue.add)
    engine.start()
    bridge.answer(sip_call_id)               # failures come back as commandFailed
"""
from __future__ import annotations

import ctypes
import logging
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from telephony.events import CallEvent, EventKind
from ui.qt import gui_thread

log = logging.getLogger(__name__)
BATCH_BUDGET_S = 0.008  # leave the rest of a 60 Hz frame to painting


class _EmitProbe(QObject):
    ping = Signal()


def _emit_drops_a_reference() -> bool:
    """PySide6 6.12.0's SignalInstance.emit() returns True without a new
    reference: each emit() from Python takes one reference from True, and
    after a few hundred the interpreter aborts ("bool_dealloc"). Measured,
    not assumed, so a fixed PySide6 turns the workaround off by itself."""
    probe = _EmitProbe()
    for _ in range(3):  # another thread touching True can blur one round
        before = sys.getrefcount(True)
        for _ in range(8):
            probe.ping.emit()
        lost = before - sys.getrefcount(True)
        if lost == 8:
            for _ in range(lost):  # give back what the probe took
                ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
            return True
        if lost == 0:
            return False
    return False


_EMIT_DROPS_A_REFERENCE = _emit_drops_a_reference()


def emit_signal(signal, *args: Any) -> None:
    """signal.emit(*args), safe from PySide6's emit() reference bug."""
    result = signal.emit(*args)
    if _EMIT_DROPS_A_REFERENCE and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))


_FINISHED = (EventKind.ENDED, EventKind.ABANDONED, EventKind.REJECTED, EventKind.TAKEN_ELSEWHERE)


class SoftphoneBridge(QObject):
    event = Signal(object)           # every CallEvent, in order
    ringing = Signal(object)         # a new inbound call (its row is committed)
    answered = Signal(object)
    dialing = Signal(object)         # a call-back left the desk
    held = Signal(object)
    resumed = Signal(object)
    finished = Signal(object)        # ended, abandoned, rejected or taken elsewhere
    recordingSaved = Signal(object)
    refused = Signal(object)         # an INVITE from outside the allow-list
    runningChanged = Signal(bool)
    commandFailed = Signal(str, str)  # (command, one-line reason)

    def __init__(self, engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gui_thread.install()  # idempotent; we are on the GUI thread here
        self.engine = engine
        self._pending: deque[CallEvent] = deque()
        self._lock = threading.Lock()
        self._drain_scheduled = False
        self.largest_batch = 0
        self.hops = 0  # thread hops requested: one per batch, not per event
        self._routes = {EventKind.RINGING: self.ringing, EventKind.ANSWERED: self.answered,
                        EventKind.DIALING: self.dialing, EventKind.HELD: self.held,
                        EventKind.RESUMED: self.resumed,
                        EventKind.RECORDING_SAVED: self.recordingSaved,
                        EventKind.REFUSED_PEER: self.refused}
        self._remove_listener = engine.add_listener(self.receive)

    def close(self) -> None:
        self._remove_listener()

    # --- the engine's side: must return at once -------------------------

    def receive(self, event: CallEvent) -> None:
        with self._lock:
            self._pending.append(event)
            if self._drain_scheduled:
                return
            self._drain_scheduled = True
        self.hops += 1
        gui_thread.to_gui(self._drain)

    # --- GUI thread side ---------------------------------------------------

    def _drain(self) -> None:
        deadline = time.perf_counter() + BATCH_BUDGET_S
        delivered = 0
        while True:
            with self._lock:
                if not self._pending:
                    self._drain_scheduled = False
                    break
                event = self._pending.popleft()
            self._publish(event)
            delivered += 1
            if time.perf_counter() > deadline:
                # Let the event loop paint and handle input, then carry on.
                QTimer.singleShot(0, self._drain)
                break
        self.largest_batch = max(self.largest_batch, delivered)

    def _publish(self, event: CallEvent) -> None:
        emit_signal(self.event, event)
        if event.kind in _FINISHED:
            emit_signal(self.finished, event)
        elif event.kind in (EventKind.STARTED, EventKind.STOPPED):
            emit_signal(self.runningChanged, event.kind is EventKind.STARTED)
        else:
            signal = self._routes.get(event.kind)
            if signal is not None:
                emit_signal(signal, event)

    # --- commands: fire and forget, failures come back as a signal ---------

    def answer(self, sip_call_id: str) -> Future:
        return self._watch("answer", self.engine.answer(sip_call_id))

    def hangup(self, sip_call_id: str) -> Future:
        return self._watch("hangup", self.engine.hangup(sip_call_id))

    def hold(self, sip_call_id: str) -> Future:
        return self._watch("hold", self.engine.hold(sip_call_id))

    def resume(self, sip_call_id: str) -> Future:
        return self._watch("resume", self.engine.resume(sip_call_id))

    def call_back(self, call_id: int) -> Future:
        return self._watch("call_back", self.engine.call_back(call_id))

    def _watch(self, command: str, future: Future) -> Future:
        def done(finished: Future) -> None:
            error = finished.exception()
            if error is not None:
                gui_thread.to_gui(emit_signal, self.commandFailed, command,
                                  str(error) or type(error).__name__)
        future.add_done_callback(done)
        return future
