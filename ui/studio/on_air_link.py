"""The studio relay for the window: one thread owns the on-air controller.

The controller is a RelayLifeline (radio/lifeline.py): the on-air sequence
runs in a relay child process that owns the serial port and lets the relay
go if this process dies, however it dies. Every controller call blocks on
that process and the port (half a second and more per command), so the
controller is made, commanded and closed on its own "safedesk-radio"
runner, never on the GUI thread. Its events come from its reader thread and
hop to the GUI with `to_gui`.

The on-air log follows the relay, not the buttons: a reading is logged when
the relay reports it keyed, and ended by whatever released it (Off air, the
safety timeout, a fault, closing the desk), so the log never shows a reading
running while the studio is off air. Log writes go through the serial
DbWorker in order, so an end can be queued before the start's row id is
back on the GUI thread.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from dispatch.bulletins import end_reading, open_readings, start_reading
from dispatch.settings import Settings
from radio.drivers.base import RelayFault
from radio.lifeline import RelayLifeline, spawn_on_air
from radio.onair import Fault, Keyed, RadioEvent, Reconnected, Released, SafetyTimeout
from radio.settings import send_radiotext
from ui.qt import domain_messages, gui_thread
from ui.qt.worker import BackgroundRunner, DbWorker, describe_error

log = logging.getLogger(__name__)
SHUTDOWN_LOG_WAIT_S = 5.0
# The controller's release reasons as the on-air log's end reasons.
END_REASON = {"stop": "off_air", "timeout": "timeout", "close": "close"}


class _Reading:
    """One logged reading. `id` is set on the worker thread by the start
    write; the end write, queued behind it on the same thread, reads it."""

    def __init__(self, bulletin_id: int) -> None:
        self.bulletin_id = bulletin_id
        self.id: int | None = None


class OnAirLink(QObject):
    stateChanged = Signal()
    message = Signal(str, bool)  # text, is_error

    def __init__(self, settings: Settings, worker: DbWorker, actor: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        gui_thread.install()
        self._worker = worker
        self._settings = settings
        self._actor = actor
        self._runner = BackgroundRunner("safedesk-radio", self)
        self._controller: RelayLifeline | None = None
        self._made: list[RelayLifeline] = []  # filled on the radio thread, for shutdown
        self._starting_up = True
        self._available = False
        # Why the relay cannot be used, said in the language of the moment.
        self._reason: Callable[[], str] = lambda: self.tr("Relai studio sedang dibuka…")
        self._connected = False
        self._on_air = False
        self._verified = False
        self._keyed_at: float | None = None
        self._timeout_s = 0.0
        self._last_fault: Fault | None = None
        self._commands = 0
        self._log_writes = 0
        self._starting_bulletin: int | None = None
        self._reading: _Reading | None = None
        self._closed = False
        self._runner.run_in_background(lambda: self._make(settings), self._made_controller,
                                       self._make_failed)

    # ---- state for the UI

    @property
    def available(self) -> bool:
        return self._available

    @property
    def unavailable_reason(self) -> str:
        return "" if self._available else self._reason()

    @property
    def on_air(self) -> bool:
        return self._on_air

    @property
    def connected(self) -> bool:
        return self._connected

    @property
    def verified(self) -> bool:
        """The keyed channels were read back from the device, not only commanded."""
        return self._on_air and self._verified

    @property
    def seconds_left(self) -> float | None:
        if not self._on_air or self._keyed_at is None:
            return None
        return max(0.0, self._timeout_s - (time.time() - self._keyed_at))

    @property
    def last_fault(self) -> str | None:
        """The relay's last fault, in the current language."""
        fault = self._last_fault
        if fault is None:
            return None
        return domain_messages.describe_code(fault.code, fault.params, fault.message)

    @property
    def reading_bulletin_id(self) -> int | None:
        return self._reading.bulletin_id if self._reading is not None else None

    def is_busy(self) -> bool:
        return self._starting_up or self._commands > 0 or self._log_writes > 0

    # ---- start-up (the child forces every channel off before it answers: it blocks)

    def _make(self, settings: Settings) -> RelayLifeline | None:
        controller = spawn_on_air(settings, self._from_radio)
        if controller is not None:
            self._made.append(controller)
        return controller

    def _made_controller(self, controller: RelayLifeline | None) -> None:
        self._starting_up = False
        if controller is None:
            self._reason = lambda: self.tr("Relai studio tidak diatur (radio.port kosong).")
        else:
            self._controller = controller
            self._available = True
            self._connected = controller.connected
            self._timeout_s = controller.safety_timeout_s
            self._end_stale_readings()
        self.stateChanged.emit()

    def _make_failed(self, error: BaseException) -> None:
        self._starting_up = False
        self._reason = lambda: self.tr("Relai studio tidak bisa dipakai: %1").replace(
            "%1", describe_error(error))
        self.message.emit(self._reason(), True)
        self.stateChanged.emit()

    def _end_stale_readings(self) -> None:
        # A desk that died mid-air left its reading open; the relay was just
        # forced off, so it is over, and start_reading would refuse otherwise.
        def task(session) -> int:
            stale = open_readings(session)
            for reading in stale:
                end_reading(session, reading_id=reading.id, reason="fault")
            return len(stale)
        self._log(task, self._stale_ended)

    def _stale_ended(self, count: int) -> None:
        if count:
            self.message.emit(self.tr("%n pembacaan yang tertinggal di udara ditutup sebagai "
                                      "gangguan.", "", count), False)

    # ---- commands

    def start(self, bulletin_id: int, title: str = "") -> None:
        controller = self._usable_controller()
        if controller is None:
            return
        if self._on_air or self._starting_bulletin is not None or self._reading is not None:
            self.message.emit(self.tr("Sudah di udara: tekan Selesai (Off air) dulu."), True)
            return
        if not self._connected:
            self.message.emit(self.tr("Relai tidak tersambung: %1").replace(
                "%1", self.last_fault or ""), True)
            return
        self._starting_bulletin = bulletin_id
        settings = self._settings

        def key_then_radiotext() -> RelayFault | None:
            controller.start()
            try:
                send_radiotext(settings, title)
            except RelayFault as exc:
                return exc  # RadioText is a courtesy: the reading stays on air
            return None
        self._command(key_then_radiotext, self._start_done, self._start_failed)

    def stop(self) -> None:
        controller = self._usable_controller()
        if controller is None:
            return
        if not (self._on_air or self._starting_bulletin is not None or self._reading is not None):
            return
        self._command(controller.stop, lambda _r: self._log_end("off_air"), self._stop_failed)

    def _usable_controller(self) -> RelayLifeline | None:
        if self._closed:
            return None
        if self._controller is None:
            self.message.emit(self._reason(), True)
        return self._controller

    def _command(self, call: Callable[[], Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> None:
        self._commands += 1

        def settle(handler: Callable[[Any], None]) -> Callable[[Any], None]:
            def settled(value: Any) -> None:
                self._commands -= 1
                handler(value)
                self.stateChanged.emit()
            return settled
        self._runner.run_in_background(call, settle(on_done), settle(on_error))
        self.stateChanged.emit()

    def _start_done(self, radiotext_problem: RelayFault | None) -> None:
        self._starting_bulletin = None
        if radiotext_problem is not None:
            self.message.emit(self.tr("RadioText tidak terkirim: %1").replace(
                "%1", describe_error(radiotext_problem)), True)

    def _start_failed(self, error: BaseException) -> None:
        self._starting_bulletin = None
        self.message.emit(self.tr("Tidak bisa mengudara: %1").replace(
            "%1", describe_error(error)), True)

    def _stop_failed(self, error: BaseException) -> None:
        # The relay could not confirm the release: the controller reconnects
        # and forces it off; the reading is over either way.
        self._log_end("fault")
        self.message.emit(self.tr("Lepas udara belum terkonfirmasi: %1").replace(
            "%1", describe_error(error)), True)

    # ---- events from the controller (any thread) and their effect (GUI thread)

    def _from_radio(self, event: RadioEvent) -> None:
        if not self._closed:
            gui_thread.to_gui(self._on_event, event)

    def _on_event(self, event: RadioEvent) -> None:
        if self._closed:
            return
        if isinstance(event, Keyed):
            self._on_air, self._verified, self._keyed_at = True, event.verified, event.at
            if self._starting_bulletin is not None and self._reading is None:
                self._log_start(self._starting_bulletin)
        elif isinstance(event, Released):
            self._on_air, self._keyed_at = False, None
            self._log_end(END_REASON.get(event.reason, "fault"))
        elif isinstance(event, SafetyTimeout):
            self._log_end("timeout")
            self.message.emit(self.tr("Batas waktu pengaman (%1 dtk) habis: relai dilepas.")
                              .replace("%1", f"{event.after_s:g}"), True)
        elif isinstance(event, Fault):
            self._on_air, self._keyed_at, self._connected = False, None, False
            self._last_fault = event
            self._log_end("fault")
            self.message.emit(self.tr("Gangguan relai: %1").replace("%1", self.last_fault), True)
        elif isinstance(event, Reconnected):
            self._connected, self._last_fault = True, None
            self.message.emit(self.tr("Relai tersambung lagi; semua kanal dimatikan."), False)
        self.stateChanged.emit()

    # ---- the on-air log

    def _log(self, task: Callable[[Any], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None] | None = None) -> None:
        self._log_writes += 1

        def settle(handler: Callable[[Any], None] | None) -> Callable[[Any], None]:
            def settled(value: Any) -> None:
                self._log_writes -= 1
                if handler is not None:
                    handler(value)
                elif isinstance(value, BaseException):
                    self.message.emit(describe_error(value), True)
                self.stateChanged.emit()
            return settled
        self._worker.write(task, settle(on_done), settle(on_error))

    def _log_start(self, bulletin_id: int) -> None:
        reading = self._reading = _Reading(bulletin_id)
        reader = self._actor

        def task(session) -> int:
            reading.id = start_reading(session, bulletin_id=bulletin_id, reader=reader).id
            return reading.id
        self._log(task, lambda _id: None, lambda error: self._start_refused(reading, error))

    def _start_refused(self, reading: _Reading, error: BaseException) -> None:
        # Nothing may be on air that the log does not show: release at once.
        if self._reading is reading:
            self._reading = None
        self.message.emit(self.tr("Pembacaan tidak bisa dicatat (%1); relai dilepas.").replace(
            "%1", describe_error(error)), True)
        if self._on_air and self._controller is not None and not self._closed:
            self._command(self._controller.stop, lambda _r: None, lambda _e: None)

    def _log_end(self, reason: str) -> None:
        reading, self._reading = self._reading, None
        if reading is None:
            return
        self._worker_end(reading, reason, wait=False)

    def _worker_end(self, reading: _Reading, reason: str, *, wait: bool) -> None:
        def task(session) -> int | None:
            if reading.id is None:
                return None  # its start was refused: nothing to end
            end_reading(session, reading_id=reading.id, reason=reason)
            return reading.id
        if not wait:
            self._log(task, lambda _id: None)
            return
        try:
            self._worker.write(task).result(timeout=SHUTDOWN_LOG_WAIT_S)
        except Exception:  # noqa: BLE001 - at exit: the next start-up ends it as a fault
            log.exception("could not end on-air reading for bulletin %s", reading.bulletin_id)

    # ---- exit

    def shutdown(self) -> None:
        """Force the relay off and end any reading; blocks (fine at exit).
        Call before the DbWorker shuts down; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._runner.shutdown()  # lets a running command finish, drops the rest
        for controller in self._made:  # also one whose hand-back never reached the GUI
            controller.close()  # the child forces the relay off, reads it back, exits
        self._on_air, self._connected, self._keyed_at = False, False, None
        reading, self._reading = self._reading, None
        if reading is not None:
            self._worker_end(reading, END_REASON["close"], wait=True)
