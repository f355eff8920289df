"""How late the event loop answers: a heartbeat timer that measures its own lateness.

A timer due every `interval_ms` that fires 140 ms late means the loop was
busy (frozen, to the operator) for about 140 ms. Tests and the bench read
`max_stall_ms` around the work they care about.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer


class StallMonitor(QObject):
    def __init__(self, interval_ms: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)
        self._last = time.perf_counter()
        self.max_stall_ms = 0.0
        self.beats = 0

    def start(self) -> StallMonitor:
        self.reset()
        self._timer.start()
        return self

    def stop(self) -> None:
        self._timer.stop()

    def reset(self) -> None:
        self._last = time.perf_counter()
        self.max_stall_ms = 0.0
        self.beats = 0

    def _beat(self) -> None:
        now = time.perf_counter()
        lateness_ms = (now - self._last) * 1000.0 - self.interval_ms
        if lateness_ms > self.max_stall_ms:
            self.max_stall_ms = lateness_ms
        self._last = now
        self.beats += 1
