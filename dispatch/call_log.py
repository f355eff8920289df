"""The call log's one writer: every row and audit entry of a call's life.

The rules are dispatch/call_rules.py's; this module turns their `Change`s
into SQLAlchemy Core statements and runs them through an `Executor`, of
which there are two:

* `CursorExecutor`: straight on a SQLite DB-API cursor, each statement
  compiled once (dispatch/prepared.py). The softphone's engine writes
  every call this way on a SQLite file: a sixth of the CPU of the ORM, and
  the engine's SIP thread shares the GIL with these writes.
* `ConnectionExecutor`: on a SQLAlchemy Connection, which is how
  PostgreSQL, the command line and the window write (an ORM session lends
  its connection: dispatch/calls.py).

The operations take an executor and never open, commit or retry a
transaction: the caller owns the unit of work (dispatch/call_log_units.py
for the engine, a Session for everyone else), so the softphone's live
writes, the CLI, and the replay of the engine's write journal all go
through the same lines below.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from sqlalchemy import and_, bindparam, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql import ClauseElement

from dispatch.audit import LAST_HASH, ChainTip, audit_values, chain_tip, link, read_tip
from dispatch.call_rules import (
    RULES,
    CallState,
    Change,
    reopened_callback,
    ringing_audit,
    stranding,
)
from dispatch.enums import CallbackState, CallDirection, CallStatus
from dispatch.errors import IllegalTransition, InvalidInput, NotFound
from dispatch.events import NOTIFY_CHANNEL, ChangeEvent
from dispatch.models import AuditEntry, Call, Caller, JournalApplied
from dispatch.prepared import Prepared

MAX_RECORDING_PATH = 512
Rule = Callable[..., Change | None]
GiveWay = Callable[[], None]

_CALLS, _CALLERS = Call.__table__, Caller.__table__
_AUDIT, _APPLIED = AuditEntry.__table__, JournalApplied.__table__
_c, _callers = _CALLS.c, _CALLERS.c
_INSERT = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}

# What the rules read of a call; FOR UPDATE serialises two desks claiming
# one call on PostgreSQL (SQLite writers are serialised by its one lock,
# and SQLAlchemy leaves the clause out there).
_STATE_COLUMNS = (_c.id, _c.status, _c.direction, _c.desk, _c.answered_at, _c.callback_of_id,
                  _c.callback_state)
STATE = select(*_STATE_COLUMNS).where(_c.sip_call_id == bindparam("key")).with_for_update()
# Calls an engine left live when it died: ringing at this desk, or older
# than any desk's ring timeout; answered here; call-backs dialled from here.
# Only calls from before this engine started: the new ones are its own.
STRANDED = (select(*_STATE_COLUMNS)
            .where(_c.started_at < bindparam("started_before"),
                   or_(and_(_c.status == CallStatus.RINGING,
                            _c.direction == CallDirection.INBOUND,
                            or_(_c.intake_desk == bindparam("desk"),
                                _c.started_at < bindparam("older_than"))),
                       and_(_c.status == CallStatus.ANSWERED, _c.desk == bindparam("desk")),
                       and_(_c.status == CallStatus.RINGING,
                            _c.direction == CallDirection.OUTBOUND,
                            _c.desk == bindparam("desk"))))
            .order_by(_c.id).with_for_update())
RINGING_CALL = select(_c.caller_number, _c.caller_name, _c.started_at, _c.status, _c.line_id,
                      _c.caller_withheld).where(_c.id == bindparam("call_id"))
CALL_ID = select(_c.id).where(_c.sip_call_id == bindparam("key"))
CALLBACK = select(_c.id, _c.callback_state, _c.caller_number, _c.line_id, _c.caller_id,
                  _c.caller_name).where(_c.id == bindparam("call_id")).with_for_update()
CALLBACK_STATE = select(_c.callback_state).where(_c.id == bindparam("call_id"))
CALLER_NUMBER = select(_c.caller_number).where(_c.id == bindparam("call_id"))
# A caller's earlier calls still waiting for a call-back.
PENDING_OF_NUMBER = (select(_c.id).where(_c.caller_number == bindparam("number"),
                                         _c.callback_state == CallbackState.PENDING,
                                         _c.id != bindparam("call_id"))
                     .order_by(_c.id).with_for_update())
CALLER = select(_callers.id).where(_callers.number == bindparam("number"))
NEW_CALLER = insert(_CALLERS).returning(_callers.id)
CALLER_NAME = update(_CALLERS).where(_callers.id == bindparam("caller_id"))
CALL_UPDATE = update(_CALLS).where(_c.id == bindparam("where_id"))
RECORDING = update(_CALLS).where(_c.sip_call_id == bindparam("key")).returning(_c.id)
NEW_CALL = insert(_CALLS).returning(_c.id)
AUDIT = insert(_AUDIT)


def _on_conflict_do_nothing(dialect: str):
    calls_insert = (_INSERT[dialect](_CALLS).on_conflict_do_nothing(index_elements=["sip_call_id"])
                    .returning(_c.id))
    applied = (_INSERT[dialect](_APPLIED)
               .on_conflict_do_nothing(index_elements=["sip_call_id", "event"])
               .returning(_APPLIED.c.event))
    return calls_insert, applied


_RINGING_INSERT = {dialect: _on_conflict_do_nothing(dialect)[0] for dialect in _INSERT}
_APPLIED_INSERT = {dialect: _on_conflict_do_nothing(dialect)[1] for dialect in _INSERT}


def ringing_insert(dialect: str):
    """INSERT … ON CONFLICT (sip_call_id) DO NOTHING RETURNING id: a second
    desk receiving the same forked INVITE finds the first desk's row."""
    return _RINGING_INSERT[dialect]


# ------------------------------------------------------------ executors

class Executor(Protocol):
    dialect: str

    def rows(self, statement: ClauseElement, values: dict) -> list[tuple]:
        """Run one statement; the rows it returns (SELECT or RETURNING)."""

    def announce(self, event: ChangeEvent) -> None:
        """A change this unit makes, told to listeners once it commits."""

    def chain_tip(self) -> ChainTip:
        """The audit chain's tip in this unit's transaction (dispatch/audit.py)."""


class CursorExecutor:
    """Statements on a SQLite DB-API cursor, compiled once per column set.

    `give_way` is called before each read until the unit's first write: a
    read then holds no lock, so the softphone's call log can let the SIP
    thread go first there (telephony/log_thread.py)."""

    def __init__(self, cursor, prepared: PreparedStatements, *,
                 give_way: GiveWay | None = None) -> None:
        self.dialect = "sqlite"
        self.cursor = cursor
        self.events: list[ChangeEvent] = []
        self._prepared = prepared
        self._give_way = give_way
        self._written = False
        self._chain_tip: ChainTip | None = None  # one executor, one transaction

    def rows(self, statement: ClauseElement, values: dict) -> list[tuple]:
        if statement.is_select:
            if self._give_way is not None and not self._written:
                self._give_way()
        else:
            self._written = True
        return self._prepared.get(statement, values).run(self.cursor, values)

    def announce(self, event: ChangeEvent) -> None:
        self.events.append(event)

    def chain_tip(self) -> ChainTip:
        # SQLite alone: its write lock serialises the chain, no other lock.
        if self._chain_tip is None:
            found = self.rows(LAST_HASH, {})
            self._chain_tip = ChainTip(read_tip(found[0][0] if found else None))
        return self._chain_tip


class PreparedStatements:
    """Compiled statements for one SQLite connection's owner, by statement
    and by the set of values bound (an UPDATE's SET clause)."""

    def __init__(self, dialect) -> None:
        self._dialect = dialect
        self._compiled: dict[tuple[int, tuple[str, ...]], Prepared] = {}

    def get(self, statement: ClauseElement, values: dict) -> Prepared:
        keys = tuple(values)
        found = self._compiled.get((id(statement), keys))
        if found is None:
            # The columns an INSERT sets or an UPDATE's SET clause names; the
            # other values fill the statement's own bind parameters.
            column_keys = () if statement.is_select else tuple(
                key for key in keys if key in statement.table.c)
            found = self._compiled[(id(statement), keys)] = Prepared(statement, self._dialect,
                                                                     column_keys)
        return found


class ConnectionExecutor:
    """Statements on a SQLAlchemy Connection (PostgreSQL, the CLI, a Session's).

    Changes are announced to `announce_to` (a Session's, which queues them
    for its commit and NOTIFYs on PostgreSQL) or else kept in `events` for
    the caller to publish after its commit, NOTIFY sent here in the same
    transaction on PostgreSQL."""

    def __init__(self, connection, *, origin: str = "",
                 announce_to: Callable[[ChangeEvent], None] | None = None) -> None:
        self.connection = connection
        self.dialect = connection.dialect.name
        self.events: list[ChangeEvent] = []
        self.touched_calls: set[int] = set()
        self._origin = origin
        self._announce_to = announce_to

    def rows(self, statement: ClauseElement, values: dict) -> list[tuple]:
        result = self.connection.execute(statement, values)
        return [tuple(row) for row in result] if result.returns_rows else []

    def announce(self, event: ChangeEvent) -> None:
        if event.entity == "call":
            self.touched_calls.add(int(event.entity_id))
        if self._announce_to is not None:
            self._announce_to(event)
            return
        if self._origin and not event.origin:
            event = ChangeEvent(event.entity, event.entity_id, event.action, event.at,
                                event.detail, self._origin)
        self.events.append(event)
        if self.dialect == "postgresql":
            self.connection.execute(text("SELECT pg_notify(:channel, :payload)"),
                                    {"channel": NOTIFY_CHANNEL, "payload": event.to_json()})

    def chain_tip(self) -> ChainTip:
        # Shared with an ORM session on the same connection (dispatch/calls.py).
        return chain_tip(self.connection)


# ----------------------------------------------------------- operations

def insert_inbound(x: Executor, values: dict, *, desk: str) -> tuple[int, bool]:
    """The row of an inbound call that rang (or was turned away), made once
    per SIP Call-ID: (its id, whether this unit made it). What else a new
    row needs (`complete_ringing`) may follow in the same unit or later."""
    made = x.rows(ringing_insert(x.dialect), {**values, "intake_desk": desk})
    if made:
        return made[0][0], True
    return x.rows(CALL_ID, {"key": values["sip_call_id"]})[0][0], False


def complete_ringing(x: Executor, *, call_id: int, desk: str) -> None:
    """A new call's history link (its caller), audit entry and change event."""
    found = x.rows(RINGING_CALL, {"call_id": call_id})
    if not found:
        raise NotFound(f"no call {call_id}", code="call.not_found", call=call_id)
    number, name, started_at, status, line_id, withheld = found[0]
    if number:
        _update_call(x, call_id, {"caller_id": _caller_id(x, number, name, started_at)})
    action, after = ringing_audit(status=status, line_id=line_id, desk=desk, withheld=withheld)
    _audit(x, call_id, desk, action, None, after)
    x.announce(ChangeEvent("call", str(call_id), str(status)))


def call_id_of(x: Executor, key: str) -> int:
    found = x.rows(CALL_ID, {"key": key})
    if not found:
        raise NotFound(f"no call with SIP Call-ID {key!r}", code="call.unknown_sip_id",
                       sip_call_id=key)
    return found[0][0]


def transition(x: Executor, *, key: str, rule: Rule, desk: str, at: datetime,
               **arguments) -> tuple[CallState, Change | None]:
    """Apply one rule to the call with SIP Call-ID `key`: (the call as it
    was, the change made or None). The rule's refusals propagate."""
    found = x.rows(STATE, {"key": key})
    if not found:
        raise NotFound(f"no call with SIP Call-ID {key!r}", code="call.unknown_sip_id",
                       sip_call_id=key)
    state = CallState(*found[0])
    change = rule(state, desk=desk, at=at, **arguments)
    if change is not None:
        _apply(x, state, change, desk)
        if change.action == "call.answered" and state.direction is CallDirection.INBOUND:
            _callbacks_answered(x, state.id, desk)
    return state, change


def _callbacks_answered(x: Executor, call_id: int, desk: str) -> None:
    """The caller rang again and was answered: their earlier calls waiting
    for a call-back are done with (nobody should call them back now)."""
    number = x.rows(CALLER_NUMBER, {"call_id": call_id})[0][0]
    if not number:
        return
    for (earlier,) in x.rows(PENDING_OF_NUMBER, {"number": number, "call_id": call_id}):
        note = f"answered a later call: call {call_id}"
        _update_call(x, earlier, {"callback_state": CallbackState.CLEARED,
                                  "callback_note": note})
        _audit(x, earlier, desk, "call.callback_cleared",
               {"callback_state": CallbackState.PENDING},
               {"callback_state": CallbackState.CLEARED, "reason": note})
        x.announce(ChangeEvent("call", str(earlier), "callback"))


def strand_calls(x: Executor, *, desk: str, at: datetime, started_before: datetime,
                 older_than: datetime, note: str) -> list[tuple[int, str]]:
    """After an engine crash: close the calls it left live (see STRANDED).
    [(call id, new status)]."""
    closed = []
    for row in x.rows(STRANDED, {"started_before": started_before, "desk": desk,
                                 "older_than": older_than}):
        state = CallState(*row)
        change = stranding(state, desk=desk, at=at, note=note)
        if change is not None:
            _apply(x, state, change, "system")
            closed.append((state.id, str(change.values["status"])))
    return closed


def set_recording(x: Executor, *, key: str, path: str | None) -> int:
    found = x.rows(RECORDING, {"recording_path": None if path is None
                               else str(path)[:MAX_RECORDING_PATH], "key": key})
    if not found:
        raise NotFound(f"no call with SIP Call-ID {key!r}", code="call.unknown_sip_id",
                       sip_call_id=key)
    x.announce(ChangeEvent("call", str(found[0][0]), "recording"))
    return found[0][0]


def clear_recording(x: Executor, *, call_id: int) -> None:
    """The recording's file was purged (retention): the row forgets it."""
    _update_call(x, call_id, {"recording_path": None})
    x.announce(ChangeEvent("call", str(call_id), "recording"))


def note_hold(x: Executor, *, key: str, held: bool, actor: str) -> int:
    """Hold is not a status (the call stays answered) but it is audited."""
    call_id = call_id_of(x, key)
    _audit(x, call_id, actor, "call.hold" if held else "call.resume", None, {"held": held})
    x.announce(ChangeEvent("call", str(call_id), "hold" if held else "resume"))
    return call_id


def record_call_back(x: Executor, *, original_id: int, key: str, desk: str, actor: str,
                     at: datetime) -> int:
    """The outgoing call an operator placed to call a caller back; the
    original leaves the callback list (called back). The new call's id."""
    original = x.rows(CALLBACK, {"call_id": original_id})
    if not original:
        raise NotFound(f"no call {original_id}", code="call.not_found", call=original_id)
    _, state, number, line_id, caller_id, name = original[0]
    if not number:
        raise InvalidInput(f"call {original_id} has no caller number to call back",
                           code="call.no_number", call=original_id)
    call_id = x.rows(NEW_CALL, {
        "sip_call_id": key, "direction": CallDirection.OUTBOUND, "line_id": line_id,
        "caller_id": caller_id, "caller_number": number, "caller_raw": number,
        "caller_name": name, "caller_withheld": False, "status": CallStatus.RINGING,
        "started_at": at, "desk": desk, "callback_of_id": original_id})[0][0]
    after_state = state
    if state is CallbackState.PENDING:
        after_state = CallbackState.CALLED_BACK
        _update_call(x, original_id, {"callback_state": after_state,
                                      "callback_note": f"called back: call {call_id}"})
    _audit(x, original_id, actor, "call.called_back", {"callback_state": state},
           {"callback_state": after_state, "call_back_id": call_id})
    x.announce(ChangeEvent("call", str(call_id), "dialing"))
    x.announce(ChangeEvent("call", str(original_id), "callback"))
    return call_id


def clear_callback(x: Executor, *, call_id: int, reason: str, actor: str) -> None:
    found = x.rows(CALLBACK, {"call_id": call_id})
    if not found:
        raise NotFound(f"no call {call_id}", code="call.not_found", call=call_id)
    if found[0][1] is not CallbackState.PENDING:
        raise IllegalTransition(f"call {call_id} is not on the callback list",
                                code="callback.not_pending", call=call_id)
    _update_call(x, call_id, {"callback_state": CallbackState.CLEARED, "callback_note": reason})
    _audit(x, call_id, actor, "call.callback_cleared", {"callback_state": CallbackState.PENDING},
           {"callback_state": CallbackState.CLEARED, "reason": reason})
    x.announce(ChangeEvent("call", str(call_id), "callback"))


def audit(x: Executor, *, actor: str, action: str, entity: str, entity_id=None,
          before: dict | None = None, after: dict | None = None) -> None:
    """One audit entry, chained after the unit's last (dispatch/audit.py)."""
    x.rows(AUDIT, link(x.chain_tip, audit_values(actor=actor, action=action, entity=entity,
                                                 entity_id=entity_id, before=before,
                                                 after=after)))


def first_time(x: Executor, *, key: str, event: str, at: datetime) -> bool:
    """Mark a journaled event applied; False if it already was (a replay
    that ran twice)."""
    return bool(x.rows(_APPLIED_INSERT[x.dialect], {"sip_call_id": key[:255],
                                                    "event": event[:64], "applied_at": at}))


# -------------------------------------------------------------- entries
#
# The engine says what to write as plain-data entries, so that a write the
# database refused can wait in the engine's journal and be applied later
# exactly as it would have been at once (telephony/durable_log.py).

def apply_entry(x: Executor, entry: dict):
    """Apply one entry: the result of the operation it names."""
    op = entry["op"]
    if op == "inbound":
        call_id, made = insert_inbound(x, entry["values"], desk=entry["desk"])
        if made and entry.get("complete"):
            complete_ringing(x, call_id=call_id, desk=entry["desk"])
        return call_id, made
    if op == "complete":
        complete_ringing(x, call_id=call_id_of(x, entry["key"]), desk=entry["desk"])
        return None
    if op == "transition":
        return transition(x, key=entry["key"], rule=RULES[entry["rule"]], desk=entry["desk"],
                          at=entry["at"], **entry.get("arguments", {}))
    if op == "recording":
        return set_recording(x, key=entry["key"], path=entry["path"])
    if op == "hold":
        return note_hold(x, key=entry["key"], held=entry["held"], actor=entry["actor"])
    if op == "audit":
        return audit(x, actor=entry["actor"], action=entry["action"], entity=entry["entity"],
                     entity_id=entry.get("entity_id"), before=entry.get("before"),
                     after=entry.get("after"))
    if op == "strand":
        return strand_calls(x, desk=entry["desk"], at=entry["at"],
                            started_before=entry["started_before"],
                            older_than=entry["older_than"], note=entry["note"])
    raise InvalidInput(f"unknown call log entry {op!r}", code="call_log.unknown_entry", op=op)


# -------------------------------------------------------------- helpers

def _apply(x: Executor, state: CallState, change: Change, actor: str) -> None:
    _update_call(x, state.id, change.values)
    original = change.reopens_callback_of
    if original is not None:
        found = x.rows(CALLBACK_STATE, {"call_id": original})
        reopened = reopened_callback(found[0][0], state.id) if found else None
        if reopened is not None:
            _update_call(x, original, reopened)
            x.announce(ChangeEvent("call", str(original), "callback"))
    _audit(x, state.id, actor, change.action, change.before, change.after)
    x.announce(ChangeEvent("call", str(state.id), str(change.values["status"])))


def _caller_id(x: Executor, number: str, name: str | None, at: datetime) -> int:
    found = x.rows(CALLER, {"number": number})
    if not found:
        return x.rows(NEW_CALLER, {"number": number, "last_name": name,
                                   "first_seen_at": at})[0][0]
    if name:
        x.rows(CALLER_NAME, {"last_name": name, "caller_id": found[0][0]})
    return found[0][0]


def _update_call(x: Executor, call_id: int, values: dict) -> None:
    x.rows(CALL_UPDATE, {**values, "where_id": call_id})


def _audit(x: Executor, call_id: int, actor: str, action: str, before, after) -> None:
    audit(x, actor=actor, action=action, entity="call", entity_id=call_id, before=before,
          after=after)
