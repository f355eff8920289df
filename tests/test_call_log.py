"""The call log's one writer (dispatch/call_log.py) through its two
executors: plain SQL on a SQLite cursor (the softphone engine's units,
dispatch/call_log_units.py) and a SQLAlchemy connection (a Session's, as
the CLI and the window use it). The writer is one code path; what is
compared here is what each executor does with its statements: on real
SQLite files, every transition from every state must leave the same rows,
audit entries and change events, and refuse the same way."""
from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from sqlalchemy import select

from dispatch import call_log, call_rules, calls
from dispatch.call_intake import inbound_values, insert_ringing_row
from dispatch.call_log_units import CallLogUnits
from dispatch.enums import CallStatus
from dispatch.models import AuditEntry, Call, Caller
from dispatch.permissions import SYSTEM
from dispatch.sip_identity import parse_caller
from dispatch.storage import open_database
from dispatch.timeutil import utcnow

DESK = "desk-a"


def identity(number: str, name: str = "Budi Santoso"):
    return parse_caller(f'INVITE sip:0361223333@127.0.0.1 SIP/2.0\r\n'
                        f'From: "{name}" <sip:{number}@10.0.0.9>;tag=1\r\n\r\n')


def ring(database, key: str, number: str) -> int:
    with database.session() as session:
        return calls.record_ringing(session, sip_call_id=key, line_number="+62361223333",
                                    identity=identity(number), desk=DESK).id


def bare_ringing_row(database, key: str, number: str) -> int:
    """The row intake commits before the 180, not yet completed."""
    with database.session() as session:
        values = inbound_values(sip_call_id=key, line_id=None, identity=identity(number),
                                at=utcnow(), status=CallStatus.RINGING, reason=None)
        return insert_ringing_row(session, values, desk=DESK)[0]


def answered_here(database, key, number, *, desk=DESK):
    ring(database, key, number)
    with database.session() as session:
        calls.mark_answered(session, sip_call_id=key, desk=desk)


def answered_elsewhere(database, key, number):
    answered_here(database, key, number, desk="desk-b")


def abandoned(database, key, number):
    ring(database, key, number)
    with database.session() as session:
        calls.mark_abandoned(session, sip_call_id=key, desk=DESK)


def ended(database, key, number):
    answered_here(database, key, number)
    with database.session() as session:
        calls.mark_ended(session, sip_call_id=key, desk=DESK, ended_by="caller")


def calling_back(database, key, number):
    original = f"{key}-original"
    abandoned(database, original, number)
    with database.session() as session:
        call_id = calls.find_by_sip_call_id(session, original).id
        calls.record_call_back(session, original_id=call_id, sip_call_id=key, desk=DESK,
                               actor="op")


def called_back_and_answered(database, key, number):
    calling_back(database, key, number)
    with database.session() as session:
        calls.mark_answered(session, sip_call_id=key, desk=DESK)


STATES = {"ringing": ring, "answered here": answered_here,
          "answered elsewhere": answered_elsewhere, "abandoned": abandoned, "ended": ended,
          "call-back ringing": calling_back, "call-back answered": called_back_and_answered}

# (the Session operation, the rule the writer applies, their arguments)
TRANSITIONS = {
    "answer": (calls.mark_answered, call_rules.answering, {"operator_id": None}),
    "end": (calls.mark_ended, call_rules.ending, {"ended_by": "caller"}),
    "abandon": (calls.mark_abandoned, call_rules.abandoning, {"ended_by": "caller"}),
    "decline": (calls.mark_declined, call_rules.declining, {}),
    "time out": (calls.mark_timed_out, call_rules.timing_out, {}),
}


class CursorWriter:
    """The engine's way: the writer's operations in CallLogUnits on a cursor."""

    def __init__(self, database) -> None:
        self.units = CallLogUnits(database)

    def transition(self, key, rule, give_way=None, **arguments):
        return self.units.run(lambda x: call_log.transition(
            x, key=key, rule=rule, desk=DESK, at=utcnow(), **arguments))

    def complete_ringing(self, call_id, give_way=None):
        if give_way is not None:
            self.units._give_way = give_way
        self.units.run(lambda x: call_log.complete_ringing(x, call_id=call_id, desk=DESK))

    def set_recording(self, key, path):
        self.units.run(lambda x: call_log.set_recording(x, key=key, path=path))

    def close(self):
        self.units.close()


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    """Two desks' databases, built call for call alike: a Session's
    connection writes to one, the engine's cursor units to the other."""
    folder = tmp_path_factory.mktemp("twins")
    orm, plain = (open_database(f"sqlite:///{folder / name}.sqlite3") for name in ("orm", "plain"))
    orm.principal = plain.principal = SYSTEM  # both are the engine's writers
    writer = CursorWriter(plain)
    yield orm, plain, writer
    writer.close()
    orm.dispose()
    plain.dispose()


def snapshot(database, since_audit: int) -> tuple[list, list]:
    """Every call row (times reduced to whether they are set) and the audit
    entries after `since_audit`."""
    with database.reading() as session:
        rows = [tuple(bool(value) if isinstance(value, datetime) else value for value in row)
                for row in session.execute(select(Call.__table__).order_by(Call.id))]
        audit = [(e.actor, e.action, e.entity, e.entity_id, e.before, e.after)
                 for e in session.scalars(select(AuditEntry).where(AuditEntry.id > since_audit)
                                          .order_by(AuditEntry.id))]
        return rows, audit


def last_audit_id(database) -> int:
    with database.reading() as session:
        return session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)) or 0


def outcome(run) -> object:
    try:
        return run()
    except Exception as exc:  # noqa: BLE001 - the refusal itself is compared
        return type(exc).__name__


@pytest.mark.parametrize("transition", sorted(TRANSITIONS))
@pytest.mark.parametrize("state", sorted(STATES))
def test_every_transition_from_every_state_is_the_same_on_both_executors(twins, state, transition):
    orm, plain, writer = twins
    case = sorted(STATES).index(state) * len(TRANSITIONS) + sorted(TRANSITIONS).index(transition)
    key, number = f"{state}/{transition}", f"0812{10000000 + case:08d}"
    for database in (orm, plain):
        STATES[state](database, key, number)
    operation, rule, arguments = TRANSITIONS[transition]
    marks = last_audit_id(orm), last_audit_id(plain)
    heard: tuple[list, list] = ([], [])
    unsubscribe = [db.bus.subscribe(seen.append) for db, seen in zip((orm, plain), heard)]
    try:
        def through_the_orm():
            with orm.session() as session:
                call = operation(session, sip_call_id=key, desk=DESK, **arguments)
                return None if call is None else (call.id, str(call.status))

        def in_plain_sql():
            state_before, change = writer.transition(key, rule, **arguments)
            if change is None:
                return state_before.id if transition == "answer" else None
            return state_before.id, str(change.values["status"])
        expected, got = outcome(through_the_orm), outcome(in_plain_sql)
    finally:
        for stop in unsubscribe:
            stop()
    if transition == "answer" and isinstance(expected, tuple) and isinstance(got, int):
        expected = expected[0]  # answered again here: the ORM hands back the call unchanged
    assert got == expected
    assert snapshot(plain, marks[1]) == snapshot(orm, marks[0])
    assert [(e.entity, e.entity_id, e.action) for e in heard[1]] == \
        [(e.entity, e.entity_id, e.action) for e in heard[0]]
    assert all(e.origin == plain.origin for e in heard[1])  # this desk's own change


@pytest.mark.parametrize("caller", ["new", "known", "withheld"])
def test_completing_a_ringing_call_is_the_same_on_both_executors(twins, caller):
    orm, plain, writer = twins
    number = {"new": "081299990001", "known": "081299990002", "withheld": "anonymous"}[caller]
    key = f"complete/{caller}"
    if caller == "known":
        for database in (orm, plain):
            ring(database, f"{key}/before", number)
    marks = last_audit_id(orm), last_audit_id(plain)
    ids = [bare_ringing_row(database, key, number) for database in (orm, plain)]
    with orm.session() as session:
        calls.complete_ringing(session, call_id=ids[0], desk=DESK)
    writer.complete_ringing(ids[1])
    assert snapshot(plain, marks[1]) == snapshot(orm, marks[0])
    with orm.reading() as a, plain.reading() as b:
        callers = [list(s.execute(select(Caller.number, Caller.last_name).order_by(Caller.id)))
                   for s in (a, b)]
    assert callers[1] == callers[0]


def test_a_recording_path_is_stored_and_announced(twins):
    _, plain, writer = twins
    call_id = ring(plain, "recorded", "081299990003")
    heard = []
    stop = plain.bus.subscribe(heard.append)
    try:
        writer.set_recording("recorded", "/data/recordings/x.wav")
        assert outcome(lambda: writer.set_recording("no such call", "/x.wav")) == "NotFound"
    finally:
        stop()
    with plain.reading() as session:
        assert session.get(Call, call_id).recording_path == "/data/recordings/x.wav"
    assert [(e.entity_id, e.action) for e in heard] == [(str(call_id), "recording")]


def test_a_unit_gives_way_without_holding_the_lock_and_runs_again_after_a_conflict(tmp_path):
    # The call log pauses for the SIP thread only where the intake could
    # still write; a commit that lands during such a pause costs a rerun.
    database = open_database(f"sqlite:///{tmp_path / 'd.sqlite3'}")
    intake = sqlite3.connect(tmp_path / "d.sqlite3", isolation_level=None, timeout=0)
    writer = CursorWriter(database)
    try:
        call_id = bare_ringing_row(database, "conflict", "081299990004")
        pauses = []

        def give_way():
            intake.execute("BEGIN IMMEDIATE")  # the write lock is free at every pause
            if len(pauses) == 1:  # between the unit's first read and its first write
                intake.execute("INSERT INTO audit_entries (at, actor, action, entity) "
                               "VALUES ('2026-01-01 00:00:00', 'intake', 'x', 'call')")
            intake.execute("COMMIT")
            pauses.append(True)

        writer.complete_ringing(call_id, give_way)  # refused once, then run again
        with database.reading() as session:
            assert session.get(Call, call_id).caller_id is not None
        with intake:
            refusals = intake.execute("SELECT count(*) FROM audit_entries WHERE "
                                      "entity_id = ? AND action = 'call.ringing'",
                                      (str(call_id),)).fetchone()[0]
        assert refusals == 1  # the refused attempt left nothing behind
        assert len(pauses) == 5  # two reads refused once, two reads and the fsync landed
    finally:
        writer.close()
        intake.close()
        database.dispose()
