"""Background work for the window (after Anki's TaskManager).

One serial thread per runner: tasks run in the order they were asked for,
so a write is never overtaken by the read meant to show it. A task gets no
session from the GUI; it opens its own (`DbWorker.read` / `.write`) and
returns plain data, which comes back to the GUI thread through `to_gui`.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal
from sqlalchemy.orm import Session

from dispatch.errors import DeskError
from dispatch.storage import Database
from ui.qt import domain_messages
from ui.qt.gui_thread import to_gui

log = logging.getLogger(__name__)
T = TypeVar("T")
OnDone = Callable[[Any], None] | None
OnError = Callable[[BaseException], None] | None


def describe_error(error: BaseException) -> str:
    """One line for a person: the desk's own refusals in the current
    language (by their code, ui/qt/domain_messages.py; the English message
    for a code it does not know), anything else as a generic line (the
    details go to the log)."""
    if isinstance(error, DeskError):
        return domain_messages.describe(error)
    return QCoreApplication.translate("Worker", "Kesalahan tak terduga (%1); lihat log.").replace(
        "%1", type(error).__name__)


class BackgroundRunner(QObject):
    failed = Signal(str)  # a task failed and nobody took its error: say so once
    idle = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._pending = 0
        self._closed = False

    def run_in_background(self, task: Callable[[], T], on_done: OnDone = None,
                          on_error: OnError = None) -> Future:
        if self._closed:
            raise RuntimeError("the background runner is shut down")
        self._pending += 1
        future = self._executor.submit(task)
        future.add_done_callback(lambda done: self._hand_back(done, on_done, on_error))
        return future

    def _hand_back(self, future: Future, on_done: OnDone, on_error: OnError) -> None:
        if QThread.currentThread() is self.thread():
            # The task finished before the callback was added: still answer
            # later, never inside run_in_background, so callers see one order.
            QTimer.singleShot(0, self, lambda: self._deliver(future, on_done, on_error))
        else:
            to_gui(self._deliver, future, on_done, on_error)

    def is_idle(self) -> bool:
        return self._pending == 0

    def _deliver(self, future: Future, on_done: OnDone, on_error: OnError) -> None:
        self._pending -= 1
        if self._closed or future.cancelled():
            return
        error = future.exception()
        try:
            if error is None:
                if on_done is not None:
                    on_done(future.result())
            elif on_error is not None:
                on_error(error)
            else:
                self.report(error)
        finally:
            if self._pending == 0:
                self.idle.emit()

    def report(self, error: BaseException) -> None:
        if not isinstance(error, DeskError):
            log.error("background task failed", exc_info=error)
        self.failed.emit(describe_error(error))

    def shutdown(self) -> None:
        """Drop queued tasks and wait for the one running (a short DB query):
        the database may be disposed right after this."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)


class DbWorker(BackgroundRunner):
    """The serial database executor: each task in its own short session."""

    def __init__(self, database: Database, name: str = "safedesk-db",
                 parent: QObject | None = None) -> None:
        super().__init__(name, parent)
        self.database = database

    def read(self, query: Callable[[Session], T], on_done: OnDone = None,
             on_error: OnError = None) -> Future:
        def task() -> T:
            with self.database.reading() as session:
                return query(session)
        return self.run_in_background(task, on_done, on_error)

    def write(self, operation: Callable[[Session], T], on_done: OnDone = None,
              on_error: OnError = None) -> Future:
        def task() -> T:
            with self.database.session() as session:
                return operation(session)
        return self.run_in_background(task, on_done, on_error)


class CoalescedRead:
    """A refresh that never queues behind itself: requests made while one is
    running collapse into a single rerun, so a burst of fifty changes costs
    at most two reads, and the last one sees them all."""

    def __init__(self, worker: DbWorker, make_query: Callable[[], Callable[[Session], Any] | None],
                 on_done: Callable[[Any], None]) -> None:
        self._worker = worker
        self._make_query = make_query
        self._on_done = on_done
        self._running = False
        self._again = False

    @property
    def busy(self) -> bool:
        return self._running or self._again

    def request(self) -> None:
        if self._running:
            self._again = True
            return
        query = self._make_query()
        if query is None:
            return
        self._running = True
        self._worker.read(query, self._finished, self._failed)

    def _finished(self, result: Any) -> None:
        self._settle()
        self._on_done(result)

    def _failed(self, error: BaseException) -> None:
        self._settle()
        self._worker.report(error)

    def _settle(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.request()
