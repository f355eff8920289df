"""The softphone's usual call writes, in plain SQL on a SQLite file.

After the 180, every call gets three to five writes on the call log's
thread: its caller link and audit entry, the claim of an answer, the
recording's path, the final status. Through the ORM each cost 2 ms of CPU
warm and 4 to 5 ms on an idle CPU, about 10 ms per call: in a surge the
call log then held the GIL and a CPU half the time, and every INVITE that
arrived meanwhile rang later. Here the same units cost a sixth of that.

Nothing is decided here: the rules are dispatch/calls.py's (`answering`,
`ending`, `abandoning`, `declining`, `reopened_callback`,
`ringing_audit`), and the statements are SQLAlchemy Core compiled once
(dispatch/prepared.py), so the rows, audit entries and change events are
the ORM's own. Each unit holds SQLite's write lock briefly, as
`Database.session(brief_lock=True)` does: BEGIN takes no lock, the first
write does, the commit does not fsync under the lock, and the WAL is
fsynced after it, before the unit returns. A unit whose first write SQLite
refuses (a commit landed since its first read) raises a lock conflict
(`storage.is_lock_conflict`) and is meant to be run again.

One connection, opened on first use by the thread that uses it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

from sqlalchemy import bindparam, insert, select, update

from dispatch.audit import audit_values
from dispatch.calls import (MAX_RECORDING_PATH, CallState, Change, reopened_callback,
                            ringing_audit)
from dispatch.errors import DeskError, NotFound
from dispatch.events import ChangeEvent
from dispatch.models import AuditEntry, Call, Caller
from dispatch.prepared import Prepared, close_quietly
from dispatch.storage import Database, is_lock_conflict
from dispatch.timeutil import utcnow

T = TypeVar("T")
GiveWay = Callable[[], None]
Rule = Callable[..., Change | None]
_CALLS, _CALLERS, _AUDIT = Call.__table__, Caller.__table__, AuditEntry.__table__
_AUDIT_COLUMNS = ("at", "actor", "action", "entity", "entity_id", "before", "after")


def _carry_on() -> None:
    pass


class SqliteCallLogWriter:
    def __init__(self, database: Database, *, desk: str) -> None:
        if not database.has_brief_lock_connections:
            raise ValueError("the plain-SQL call log needs a SQLite file")
        self.database = database
        self.desk = desk
        self._dialect = dialect = database.engine.dialect
        calls, callers = _CALLS.c, _CALLERS.c
        self._ringing_call = Prepared(
            select(calls.caller_number, calls.caller_name, calls.started_at, calls.status,
                   calls.line_id, calls.caller_withheld)
            .where(calls.id == bindparam("call_id")), dialect)
        self._state = Prepared(
            select(calls.id, calls.status, calls.direction, calls.desk, calls.answered_at,
                   calls.callback_of_id, calls.callback_state)
            .where(calls.sip_call_id == bindparam("key")), dialect)
        self._callback_state = Prepared(
            select(calls.callback_state).where(calls.id == bindparam("call_id")), dialect)
        self._caller = Prepared(select(callers.id).where(callers.number == bindparam("number")),
                                dialect)
        self._new_caller = Prepared(insert(_CALLERS).returning(callers.id), dialect,
                                    ("number", "last_name", "first_seen_at"))
        self._caller_name = Prepared(
            update(_CALLERS).where(callers.id == bindparam("caller_id")), dialect, ("last_name",))
        self._recording = Prepared(
            update(_CALLS).where(calls.sip_call_id == bindparam("key")).returning(calls.id),
            dialect, ("recording_path",))
        self._audit = Prepared(insert(_AUDIT), dialect, _AUDIT_COLUMNS)
        self._call_updates: dict[tuple[str, ...], Prepared] = {}
        self._connection = None

    # ------------------------------------------------------------- units

    def complete_ringing(self, call_id: int, give_way: GiveWay = _carry_on) -> None:
        """calls.complete_ringing: the caller's history link, the audit entry."""
        def work(cursor, events: list[ChangeEvent]) -> None:
            give_way()
            rows = self._ringing_call.run(cursor, {"call_id": call_id})
            if not rows:
                raise NotFound(f"no call {call_id}")
            number, name, started_at, status, line_id, withheld = rows[0]
            if number:
                give_way()
                caller_id = self._caller_id(cursor, number, name, started_at)
                self._update_call(cursor, call_id, {"caller_id": caller_id})
            action, after = ringing_audit(status=status, line_id=line_id, desk=self.desk,
                                          withheld=withheld)
            self._add_audit(cursor, call_id, action, None, after)
            events.append(self._event(call_id, str(status)))
        self._unit(work, give_way)

    def transition(self, sip_call_id: str, rule: Rule, give_way: GiveWay = _carry_on,
                   **arguments) -> tuple[CallState, Change | None]:
        """One of calls.py's transition rules applied to the call, as
        mark_answered and friends apply it: (the call as it was, the change
        made or None). The rule's refusals (CallTaken, ...) propagate."""
        def work(cursor, events: list[ChangeEvent]) -> tuple[CallState, Change | None]:
            give_way()
            rows = self._state.run(cursor, {"key": sip_call_id})
            if not rows:
                raise NotFound(f"no call with SIP Call-ID {sip_call_id!r}")
            state = CallState(*rows[0])
            change = rule(state, desk=self.desk, at=utcnow(), **arguments)
            if change is not None:
                self._apply(cursor, state, change, events)
            return state, change
        return self._unit(work, give_way)

    def set_recording(self, sip_call_id: str, path: str | Path,
                      give_way: GiveWay = _carry_on) -> None:
        """calls.set_recording."""
        def work(cursor, events: list[ChangeEvent]) -> None:
            rows = self._recording.run(cursor, {"recording_path": str(path)[:MAX_RECORDING_PATH],
                                                "key": sip_call_id})
            if not rows:
                raise NotFound(f"no call with SIP Call-ID {sip_call_id!r}")
            events.append(self._event(rows[0][0], "recording"))
        self._unit(work, give_way)

    def close(self) -> None:
        """On the thread that used it."""
        connection, self._connection = self._connection, None
        close_quietly(connection, "call log")

    # ----------------------------------------------------------- helpers

    def _apply(self, cursor, state: CallState, change: Change,
               events: list[ChangeEvent]) -> None:
        self._update_call(cursor, state.id, change.values)
        original = change.reopens_callback_of
        if original is not None:
            rows = self._callback_state.run(cursor, {"call_id": original})
            reopened = reopened_callback(rows[0][0], state.id) if rows else None
            if reopened is not None:
                self._update_call(cursor, original, reopened)
                events.append(self._event(original, "callback"))
        self._add_audit(cursor, state.id, change.action, change.before, change.after)
        events.append(self._event(state.id, str(change.values["status"])))

    def _caller_id(self, cursor, number: str, name: str | None, at) -> int:
        found = self._caller.run(cursor, {"number": number})
        if not found:
            return self._new_caller.run(cursor, {"number": number, "last_name": name,
                                                 "first_seen_at": at})[0][0]
        if name:
            self._caller_name.run(cursor, {"last_name": name, "caller_id": found[0][0]})
        return found[0][0]

    def _update_call(self, cursor, call_id: int, values: dict) -> None:
        columns = tuple(values)
        statement = self._call_updates.get(columns)
        if statement is None:
            statement = self._call_updates[columns] = Prepared(
                update(_CALLS).where(_CALLS.c.id == bindparam("where_id")), self._dialect,
                columns)
        statement.run(cursor, {**values, "where_id": call_id})

    def _add_audit(self, cursor, call_id: int, action: str, before, after) -> None:
        self._audit.run(cursor, audit_values(actor=self.desk, action=action, entity="call",
                                             entity_id=call_id, before=before, after=after))

    def _event(self, call_id: int, action: str) -> ChangeEvent:
        return ChangeEvent("call", str(call_id), action, origin=self.database.origin)

    def _unit(self, work: Callable[..., T], give_way: GiveWay) -> T:
        events: list[ChangeEvent] = []
        cursor = self._dbapi().cursor()
        try:
            cursor.execute("BEGIN")
            try:
                result = work(cursor, events)
                cursor.execute("COMMIT")
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
        except BaseException as exc:
            cursor.close()
            if not (isinstance(exc, DeskError) or is_lock_conflict(exc)):
                self.close()  # not a refusal: start the next unit on a fresh connection
            raise
        cursor.close()
        give_way()
        self.database.sync_wal()
        if events:
            self.database.bus.publish(events)
        return result

    def _dbapi(self):
        if self._connection is None:
            self._connection = self.database.brief_lock_connection()
        return self._connection.connection.dbapi_connection

