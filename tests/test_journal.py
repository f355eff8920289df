"""The engine's write journal (telephony/journal.py) and the durable call
log around it (telephony/durable_log.py), on real files and databases:
what the database refuses waits in the journal, survives a restart, and is
replayed in order, once."""
from __future__ import annotations

import os
import sqlite3
from datetime import timedelta

import pytest
from small_disk import fill, mounted_tmpfs
from sqlalchemy import func, select

from dispatch import call_log
from dispatch.call_intake import inbound_values
from dispatch.call_log_units import CallLogUnits
from dispatch.enums import CallbackState, CallStatus
from dispatch.models import AuditEntry, Call, JournalApplied
from dispatch.sip_identity import parse_caller
from dispatch.storage import open_database
from dispatch.timeutil import utcnow
from telephony.durable_log import JOURNALED, DurableCallLog
from telephony.journal import DATA_START, HEADER_SLOTS, CallJournal, JournalError

DESK = "desk-j"


def invite(number: str) -> str:
    return (f'INVITE sip:0361223333@127.0.0.1 SIP/2.0\r\n'
            f'From: "Wayan Sudarsana" <sip:{number}@10.0.0.9>;tag=1\r\n\r\n')


def ringing_entry(key: str, number: str = "081234567890") -> dict:
    values = inbound_values(sip_call_id=key, line_id=None, identity=parse_caller(invite(number)),
                            at=utcnow(), status=CallStatus.RINGING, reason=None)
    return {"op": "inbound", "key": key, "values": values, "desk": DESK, "complete": True}


def abandon_entry(key: str) -> dict:
    return {"op": "transition", "key": key, "rule": "abandoning", "desk": DESK, "at": utcnow(),
            "arguments": {"ended_by": "caller"}}


def apply_with(units: CallLogUnits):
    return lambda entry: units.run(lambda x: call_log.apply_entry(x, entry))


# ------------------------------------------------------------ the file

def test_entries_survive_a_reopen_in_order_with_their_types(tmp_path):
    path = tmp_path / "journal" / "calls.journal"
    journal = CallJournal(path).open()
    first, second = ringing_entry("a@x"), abandon_entry("a@x")
    journal.append(first)
    journal.append(second)
    journal.close()
    again = CallJournal(path).open()
    try:
        entries = [entry for _, entry in again.pending()]
        assert [e["op"] for e in entries] == ["inbound", "transition"]
        assert entries[0]["values"]["status"] is CallStatus.RINGING
        assert entries[0]["values"]["started_at"] == first["values"]["started_at"]
        assert entries[1]["at"] == second["at"]
        assert oct(path.stat().st_mode & 0o777) == "0o600"
    finally:
        again.close()


def test_a_torn_last_record_is_the_end_and_earlier_ones_stay(tmp_path):
    path = tmp_path / "calls.journal"
    journal = CallJournal(path).open()
    journal.append(ringing_entry("a@x"))
    journal.append(ringing_entry("b@x"))
    torn_at = journal.tail - 5
    journal.close()
    with open(path, "r+b") as raw:  # a power cut in the middle of the second write
        raw.seek(torn_at)
        raw.write(b"\xff\xff\xff\xff\xff")
    again = CallJournal(path).open()
    try:
        assert [e["key"] for _, e in again.pending()] == ["a@x"]
        again.append(ringing_entry("c@x"))  # written over the torn record
        assert [e["key"] for _, e in again.pending()] == ["a@x", "c@x"]
    finally:
        again.close()


def test_progress_survives_a_torn_header_and_a_drained_journal_starts_over(tmp_path):
    path = tmp_path / "calls.journal"
    journal = CallJournal(path).open()
    ends = []
    for key in ("a@x", "b@x", "c@x"):
        journal.append(ringing_entry(key))
        ends.append(journal.tail)
    journal.mark_applied(ends[0])
    journal.mark_applied(ends[1])  # the other header slot
    journal.close()
    with open(path, "r+b") as raw:  # the newest header slot (written last) torn
        raw.seek(HEADER_SLOTS[journal._sequence % 2])
        raw.write(b"\x00" * 16)
    again = CallJournal(path).open()
    assert [e["key"] for _, e in again.pending()] == ["b@x", "c@x"]  # the older slot's progress
    again.mark_applied(ends[2])
    assert again.start_over_if_drained()
    assert (again.applied, again.tail) == (DATA_START, DATA_START)
    again.append(ringing_entry("d@x"))
    again.close()
    last = CallJournal(path).open()
    try:
        assert [e["key"] for _, e in last.pending()] == ["d@x"]  # the old generation is gone
    finally:
        last.close()


@pytest.fixture
def tiny_disk(tmp_path):
    """A 3 MB tmpfs: a disk that can really be filled."""
    with mounted_tmpfs(tmp_path / "disk", "3m") as disk:
        yield disk


def test_a_full_disk_does_not_stop_the_journal(tiny_disk):
    journal = CallJournal(tiny_disk / "calls.journal", preallocate_bytes=256 * 1024).open()
    try:
        fill(tiny_disk)
        with pytest.raises(OSError):
            (tiny_disk / "more").write_bytes(b"x" * 8192)  # really full
        for n in range(200):  # some 100 KB of events, into the space set aside
            journal.append(ringing_entry(f"full-{n}@x"))
        assert len(list(journal.pending())) == 200
    finally:
        journal.close()


def test_a_journal_that_cannot_write_says_so(tiny_disk):
    journal = CallJournal(tiny_disk / "calls.journal", preallocate_bytes=64 * 1024).open()
    try:
        fill(tiny_disk)
        with pytest.raises(JournalError):
            for n in range(10_000):  # far beyond what was set aside
                journal.append(ringing_entry(f"over-{n}@x"))
    finally:
        journal.close()


# ------------------------------------------------- database or journal

@pytest.fixture
def desk_db(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    yield database
    database.dispose()


def calls_in(database) -> dict[str, tuple]:
    with database.reading() as session:
        return {c.sip_call_id: (c.status, c.ended_by, c.callback_state, c.caller_id is not None)
                for c in session.scalars(select(Call))}


def test_refused_writes_wait_in_the_journal_and_replay_in_order_once(desk_db, tmp_path):
    journal = CallJournal(tmp_path / "calls.journal").open()
    durable = DurableCallLog(journal, on_change=lambda *change: changes.append(change))
    changes: list = []
    units = CallLogUnits(desk_db, lock_patience_s=0.2)
    write = apply_with(units)
    assert durable.write(ringing_entry("live@x"), write)[1] is True  # the database takes it
    blocker = sqlite3.connect(tmp_path / "desk.sqlite3", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        assert durable.write(ringing_entry("held@x"), write) is JOURNALED
        assert durable.journaling and durable.reason == "database locked by another program"
        # While journaling, even a write the database could take waits its turn.
        assert durable.write(abandon_entry("live@x"), write) is JOURNALED
        assert durable.write(abandon_entry("held@x"), write) is JOURNALED
        assert not durable.replay(units)  # still locked: nothing lost, nothing applied
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert durable.replay(units)
    assert not durable.journaling
    assert changes == [(True, "database locked by another program", 1), (False, "", 3)]
    assert calls_in(desk_db) == {
        "live@x": (CallStatus.ABANDONED, "caller", CallbackState.PENDING, True),
        "held@x": (CallStatus.ABANDONED, "caller", CallbackState.PENDING, True)}
    # The journal replayed again from the start (a crash before its progress
    # was recorded) changes nothing: every event is applied once.
    journal.applied = DATA_START
    journal.tail = journal._find_tail()
    before = audit_count(desk_db)
    durable.journaling = True
    assert durable.replay(units)
    assert audit_count(desk_db) == before
    with desk_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(JournalApplied)) == 3
    units.close()
    journal.close()


def audit_count(database) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def test_a_refusal_of_the_rules_is_not_an_outage(desk_db, tmp_path):
    journal = CallJournal(tmp_path / "calls.journal").open()
    durable = DurableCallLog(journal)
    units = CallLogUnits(desk_db)
    with pytest.raises(Exception) as refused:
        durable.write(abandon_entry("no-such-call@x"), apply_with(units))
    assert type(refused.value).__name__ == "NotFound"
    assert not durable.journaling and not journal.has_pending
    units.close()
    journal.close()


def test_an_entry_the_database_can_never_take_is_quarantined_not_retried(desk_db, tmp_path):
    journal = CallJournal(tmp_path / "calls.journal").open()
    durable = DurableCallLog(journal)
    units = CallLogUnits(desk_db)
    bad = ringing_entry("bad@x")
    bad["values"]["line_id"] = 987654  # no such line: the foreign key refuses it, every time
    assert durable.write(bad, apply_with(units)) is JOURNALED
    durable.write(ringing_entry("good@x"), apply_with(units))  # behind it, journaled too
    assert durable.replay(units)
    assert set(calls_in(desk_db)) == {"good@x"}
    kept = (tmp_path / "quarantine.jsonl").read_text()
    assert "bad@x" in kept and "FOREIGN KEY" in kept
    units.close()
    journal.close()


def test_stranded_calls_of_this_desk_are_closed_and_others_left(desk_db):
    units = CallLogUnits(desk_db)
    now = utcnow()

    def ring(key, desk, age_s):
        values = inbound_values(sip_call_id=key, line_id=None,
                                identity=parse_caller(invite("081234567891")),
                                at=now - timedelta(seconds=age_s), status=CallStatus.RINGING,
                                reason=None)
        units.run(lambda x: call_log.insert_inbound(x, values, desk=desk))

    ring("mine@x", DESK, 20)
    ring("theirs-fresh@x", "desk-other", 20)  # another desk may still be ringing it
    ring("theirs-stale@x", "desk-other", 600)  # older than any ring timeout
    ring("new@x", DESK, -5)  # rang after this engine started: its own
    closed = units.run(lambda x: call_log.strand_calls(
        x, desk=DESK, at=now, started_before=now, older_than=now - timedelta(seconds=120),
        note="desk stopped"))
    assert sorted(status for _, status in closed) == ["abandoned", "abandoned"]
    found = calls_in(desk_db)
    assert found["mine@x"][:3] == (CallStatus.ABANDONED, "system", CallbackState.PENDING)
    assert found["theirs-stale@x"][:3] == (CallStatus.ABANDONED, "system", CallbackState.PENDING)
    assert found["theirs-fresh@x"][0] is CallStatus.RINGING
    assert found["new@x"][0] is CallStatus.RINGING
    units.close()


def test_the_journal_file_is_private(tmp_path):
    journal = CallJournal(tmp_path / "j" / "calls.journal").open()
    journal.close()
    assert oct(os.stat(tmp_path / "j").st_mode & 0o777) == "0o700"
