"""The first write of a ringing call, on the caller's clock.

A call that rang must be in the database before the phone rings (180),
and it must ring within a few milliseconds. So intake is two steps:

1. `insert_ringing_row`: one INSERT … ON CONFLICT (sip_call_id) DO NOTHING
   RETURNING id, committed before 180. It holds everything the desk knows
   of the call; a second desk receiving the same forked INVITE finds the
   first desk's row instead of making another.
2. `complete_ringing`, right after 180: link the caller's history, write
   the audit entry, announce the change.

Should the desk die between the two, the call is still there, ringing,
with its number: the history link is derivable and the audit says so.

`RingingRowWriter` is step one for the softphone's SIP thread: the same
statement, built once, run through SQLAlchemy Core on a connection it
keeps. An ORM session per call (session, pool checkout, a statement built
from scratch) cost about 1.5 ms of the ringing budget here; this costs a
fraction of that, and the commit is just as durable.
"""
from __future__ import annotations

import sqlite3
import time
from datetime import datetime

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from dispatch import call_log
from dispatch.enums import CallbackState, CallDirection, CallStatus
from dispatch.errors import InvalidInput
from dispatch.prepared import close_quietly, roll_back
from dispatch.sip_identity import CallerIdentity
from dispatch.storage import WRITE_OPTION, Database, is_lock_conflict

MAX_SIP_CALL_ID = 255
MAX_CALLER_RAW = 512
MAX_CALLER_NAME = 128
MAX_NOTE = 512
MAX_HEADER_VALUE = 512
BUSY_TIMEOUT_S = 10.0  # as long as every other connection of the desk waits
BUSY_STEP_S = 0.0001


def _begin_immediate(cursor, patience_s: float = BUSY_TIMEOUT_S) -> None:
    """BEGIN IMMEDIATE, waiting for whoever holds the write lock in steps of
    0.1 ms. SQLite's own busy handler sleeps 1, 2, 5, 10 ms between tries:
    a commit of the call log that held the lock for 0.3 ms more would have
    cost the caller a whole millisecond or more of ringing."""
    deadline = None
    while True:
        try:
            cursor.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not is_lock_conflict(exc):
                raise
            now = time.monotonic()
            deadline = deadline or now + patience_s
            if now > deadline:
                raise
            time.sleep(BUSY_STEP_S)


def check_sip_call_id(sip_call_id: str) -> str:
    if not isinstance(sip_call_id, str) or not sip_call_id.strip():
        raise InvalidInput("a call needs its SIP Call-ID", code="call.no_sip_id")
    return sip_call_id.strip()[:MAX_SIP_CALL_ID]


def identity_json(identity: CallerIdentity) -> dict:
    headers = {str(name)[:64]: str(value)[:MAX_HEADER_VALUE]
               for name, value in dict(identity.raw_headers).items()}
    return {"source": identity.source, "privacy": bool(identity.privacy), "headers": headers}


def inbound_values(*, sip_call_id: str, line_id: int | None, identity: CallerIdentity,
                   at: datetime, status: CallStatus, reason: str | None) -> dict:
    number = identity.number
    values = dict(sip_call_id=check_sip_call_id(sip_call_id), direction=CallDirection.INBOUND,
                  line_id=line_id, caller_number=None if number.withheld else number.e164,
                  caller_raw=(number.raw or "")[:MAX_CALLER_RAW],
                  caller_name=(identity.display_name or "")[:MAX_CALLER_NAME] or None,
                  caller_withheld=bool(number.withheld or identity.privacy),
                  identity_headers=identity_json(identity), status=status, started_at=at)
    if status is CallStatus.REJECTED:
        values.update(ended_at=at, ended_by="system", callback_state=CallbackState.PENDING,
                      callback_note=None if reason is None else str(reason)[:MAX_NOTE])
    return values


def insert_ringing_row(session: Session, values: dict, *, desk: str) -> tuple[int, bool]:
    """Step one alone, in a session: (the call's id, whether this desk made the row)."""
    from dispatch.calls import writing
    return call_log.insert_inbound(writing(session), values, desk=desk)


class RingingRowWriter:
    """Step one for the softphone's SIP thread: `call_log.insert_inbound`,
    committed, on a connection of its own and without the ORM.

    Keeps one connection (checked out on first use, from the thread that
    uses it) and the statements compiled once; takes the write lock up front
    (BEGIN IMMEDIATE on SQLite), as every writer of the desk does. On SQLite
    the prepared INSERT runs on the DB-API connection itself, its parameters
    converted by the columns' own SQLAlchemy bind processors: half the cost
    of a Core execute, which is a quarter of the ringing budget. A failed
    write drops the connection, so the next call starts on a fresh one.
    """

    def __init__(self, database: Database, *, desk: str,
                 lock_patience_s: float = BUSY_TIMEOUT_S) -> None:
        self.database = database
        self.desk = desk
        self.lock_patience_s = lock_patience_s
        self._raw = database.dialect == "sqlite"
        self._prepared = call_log.PreparedStatements(database.engine.dialect)
        self._connection: Connection | None = None

    def insert(self, values: dict) -> tuple[int, bool]:
        """(the call's id, whether this desk made the row), committed."""
        connection = self._connect()
        try:
            if self._raw:
                return self._insert_sqlite(connection, values, commit=True)
            with connection.begin():
                return call_log.insert_inbound(call_log.ConnectionExecutor(connection), values,
                                               desk=self.desk)
        except BaseException:
            self.close()
            raise

    def _insert_sqlite(self, connection: Connection, values: dict, *,
                       commit: bool) -> tuple[int, bool]:
        cursor = connection.connection.dbapi_connection.cursor()
        try:
            _begin_immediate(cursor, self.lock_patience_s)
            try:
                made = call_log.insert_inbound(
                    call_log.CursorExecutor(cursor, self._prepared), values, desk=self.desk)
                cursor.execute("COMMIT" if commit else "ROLLBACK")
            except BaseException:
                roll_back(cursor)
                raise
        finally:
            cursor.close()
        return made

    def _connect(self) -> Connection:
        if self._connection is None:
            connection = self.database.engine.connect().execution_options(
                **{WRITE_OPTION: True})
            if self._raw:
                # This connection is the intake's alone (detached: never back in
                # the pool), and it leaves WAL checkpoints to the desk's other
                # writers, so copying the WAL into the database never lands on
                # a commit the caller is waiting for. Every call's later writes
                # (its audit entry, its final status) go through those writers.
                connection.detach()
                dbapi_connection = connection.connection.dbapi_connection
                dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")
                # Waiting for another writer is done by _begin_immediate.
                dbapi_connection.execute("PRAGMA busy_timeout=0")
            self._connection = connection
        return self._connection

    def warm_up(self, values: dict) -> None:
        """Connect and compile the statements, then roll back: nothing is written."""
        connection = self._connect()
        try:
            if self._raw:
                self._insert_sqlite(connection, values, commit=False)
                return
            transaction = connection.begin()
            try:
                call_log.insert_inbound(call_log.ConnectionExecutor(connection), values,
                                        desk=self.desk)
            finally:
                transaction.rollback()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        connection, self._connection = self._connection, None
        close_quietly(connection, "intake")
