"""Drain a burst in slices with a time budget (after Picard's tagger).

Fifty ringing calls arrive in one breath; handling them all in one slot
would hold the event loop for as long as that takes. Items queue here and
are handled a slice at a time, each slice stopping once `budget_ms` is
spent, with the loop free to paint and take keys between slices.
"""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal


class BatchDrainer(QObject):
    drained = Signal()

    def __init__(self, handle: Callable[[Any], None], *, budget_ms: float = 8.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handle = handle
        self._budget_s = budget_ms / 1000.0
        self._queue: deque[Any] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._drain_slice)

    def put(self, item: Any) -> None:
        self._queue.append(item)
        if not self._timer.isActive():
            self._timer.start()

    def pending(self) -> int:
        return len(self._queue)

    def _drain_slice(self) -> None:
        deadline = time.perf_counter() + self._budget_s
        while self._queue and time.perf_counter() < deadline:
            self._handle(self._queue.popleft())
        if self._queue:
            self._timer.start()
        else:
            self.drained.emit()
