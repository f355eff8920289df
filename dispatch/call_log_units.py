"""Units of work for the softphone's call log thread.

`CallLogUnits.run(work)` runs `work(executor)` (dispatch/call_log.py
operations) as one committed transaction and then tells the desk's
listeners what changed. Which executor depends on the database:

* a SQLite file: plain SQL on a DB-API cursor of a connection kept for
  the thread, holding SQLite's write lock briefly, as
  `Database.session(brief_lock=True)` does: BEGIN takes no lock, the first
  write does, the commit does not fsync under the lock, and the WAL is
  fsynced after it, before `run` returns. The intake's ringing INSERT on
  the SIP thread then waits neither for this thread's Python nor for its
  fsync. A unit whose first write SQLite refuses (a commit landed since
  its first read) is run again after a pause, for as long as any other
  writer of the desk would wait for the lock.
* anything else (PostgreSQL): a pooled connection and one transaction,
  NOTIFY sent inside it.

Measured (`python -m bench call_log`): the cursor path costs a sixth of
the ORM's CPU per call, and the call log shares the GIL with the SIP
thread, which must answer the next INVITE within milliseconds.
"""
from __future__ import annotations

import dataclasses
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import OperationalError

from dispatch.call_log import ConnectionExecutor, CursorExecutor, Executor, PreparedStatements
from dispatch.errors import DeskError
from dispatch.prepared import close_quietly, roll_back
from dispatch.storage import WRITE_OPTION, Database, is_lock_conflict

T = TypeVar("T")
LOCK_CONFLICT_PATIENCE_S = 10.0  # as PRAGMA busy_timeout for every writer


def _carry_on() -> None:
    pass


class CallLogUnits:
    """For one thread: open, use and close it there."""

    def __init__(self, database: Database, *, give_way: Callable[[], None] | None = None,
                 lock_patience_s: float = LOCK_CONFLICT_PATIENCE_S) -> None:
        self.database = database
        self.lock_patience_s = lock_patience_s
        self._give_way = give_way or _carry_on
        self._cursor_path = database.has_brief_lock_connections
        self._prepared = PreparedStatements(database.engine.dialect)
        self._connection = None

    def run(self, work: Callable[[Executor], T]) -> T:
        if not self._cursor_path:
            return self._on_a_connection(work)
        deadline = time.monotonic() + self.lock_patience_s
        pause = 0.001
        while True:
            try:
                return self._on_the_cursor(work)
            except (OperationalError, sqlite3.OperationalError) as exc:
                if not is_lock_conflict(exc) or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.02)

    def close(self) -> None:
        connection, self._connection = self._connection, None
        close_quietly(connection, "call log")

    def _on_the_cursor(self, work: Callable[[Executor], T]) -> T:
        cursor = self._dbapi().cursor()
        executor = CursorExecutor(cursor, self._prepared, give_way=self._give_way)
        try:
            cursor.execute("BEGIN")
            try:
                result = work(executor)
                cursor.execute("COMMIT")
            except BaseException:
                roll_back(cursor)
                raise
        except BaseException as exc:
            cursor.close()
            if not (isinstance(exc, DeskError) or is_lock_conflict(exc)):
                self.close()  # not a refusal: start the next unit on a fresh connection
            raise
        cursor.close()
        self._give_way()
        self.database.sync_wal()
        self._publish(executor.events)
        return result

    def _on_a_connection(self, work: Callable[[Executor], T]) -> T:
        self._give_way()
        engine = self.database.engine.execution_options(**{WRITE_OPTION: True})
        with engine.connect() as connection:
            with connection.begin():
                executor = ConnectionExecutor(connection, origin=self.database.origin)
                result = work(executor)
        self._publish(executor.events)
        return result

    def _publish(self, events) -> None:
        if events:
            origin = self.database.origin
            self.database.bus.publish([event if event.origin else
                                       dataclasses.replace(event, origin=origin)
                                       for event in events])

    def _dbapi(self):
        if self._connection is None:
            self._connection = self.database.brief_lock_connection()
            # Waiting for another program's lock is bounded by this unit's
            # patience, not the desk-wide 10 s: the engine journals instead.
            self._connection.connection.dbapi_connection.execute(
                f"PRAGMA busy_timeout={int(self.lock_patience_s * 1000)}")
        return self._connection.connection.dbapi_connection
