"""Change events from the domain, coalesced into one refresh per burst.

The bus calls subscribers on the committing thread (the worker, the SIP
thread, another window's worker). Each burst crosses to the GUI once: the
first event of a burst schedules a short timer, later ones only add their
entity to the set the timer will report.
"""
from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from dispatch.events import ChangeEvent, EventBus
from ui.qt.gui_thread import to_gui

EVERYTHING = frozenset({"call", "incident", "unit", "assignment", "seed", "complaint", "agency",
                        "complaint_category", "bulletin"})


class ChangeFeed(QObject):
    changed = Signal(object)  # frozenset of entity names changed in the burst

    def __init__(self, bus: EventBus, *, delay_ms: int = 60, poll_interval_s: int = 0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._entities: set[str] = set()
        self._scheduled = False
        self._closed = False
        self.bursts = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._flush)
        # Other desks' writes arrive through dispatch.change_watch; the slow
        # poll is a safety net should that watcher lose its connection.
        self._poll = QTimer(self)
        if poll_interval_s > 0:
            self._poll.setInterval(poll_interval_s * 1000)
            self._poll.timeout.connect(lambda: self.changed.emit(EVERYTHING))
            self._poll.start()
        self._unsubscribe = bus.subscribe(self._on_event)

    def _on_event(self, event: ChangeEvent) -> None:
        with self._lock:
            if event.entity == "database":  # another desk wrote; we only know that it did
                self._entities.update(EVERYTHING)
            else:
                self._entities.add(event.entity)
            first_of_burst = not self._scheduled
            self._scheduled = True
        if first_of_burst:
            to_gui(self._start_timer)

    def _start_timer(self) -> None:
        # An event committed while the window was closing may land after it is gone.
        if self._closed or not shiboken6.isValid(self._timer):
            return
        if not self._timer.isActive():
            self._timer.start()

    def pending(self) -> bool:
        with self._lock:
            return self._scheduled

    def _flush(self) -> None:
        if self._closed:
            return
        with self._lock:
            entities = frozenset(self._entities)
            self._entities.clear()
            self._scheduled = False
        self.bursts += 1
        self.changed.emit(entities)

    def close(self) -> None:
        self._closed = True
        self._unsubscribe()
        self._timer.stop()
        self._poll.stop()
