"""The audit trail as a hash chain (dispatch/audit.py), on SQLite and
PostgreSQL: what the desk's operations write chains and verifies; an entry
changed or removed in the database is named by `verify_chain` and by
`safedesk audit verify` (exit 1); desks writing at once leave one chain;
entries written before the chain existed are chained by the migration."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import supervisor_principal
from sqlalchemy import func, select, text

from dispatch import call_log, call_rules, calls
from dispatch.assignments import assign_unit
from dispatch.audit import (
    CONTENT_CHANGED,
    GENESIS_HASH,
    LINK_BROKEN,
    UNCHAINED,
    entry_hash,
    record_audit,
    verify_chain,
)
from dispatch.call_log_units import CallLogUnits
from dispatch.complaints import create_complaint
from dispatch.incidents import create_incident
from dispatch.migrate import alembic_config
from dispatch.models import AuditEntry
from dispatch.settings import Settings
from dispatch.sip_identity import parse_caller
from dispatch.storage import Database, open_database
from dispatch.timeutil import utcnow

pytestmark = pytest.mark.postgres
SAFEDESK = str(Path(sys.executable).parent / "safedesk")
DESK = "desk-a"
GATSU = dict(lat=-8.6350, lon=115.2290)


def identity(number: str):
    return parse_caller(f'INVITE sip:0361223333@127.0.0.1 SIP/2.0\r\n'
                        f'From: "Budi" <sip:{number}@10.0.0.9>;tag=1\r\n\r\n')


def verify(database):
    with database.reading() as session:
        return verify_chain(session)


def audit_rows(database) -> list:
    with database.reading() as session:
        return session.execute(select(AuditEntry.id, AuditEntry.action, AuditEntry.prev_hash,
                                      AuditEntry.entry_hash).order_by(AuditEntry.id)).all()


def tamper(database, sql: str, **values) -> None:
    """What someone with the database's password could do: plain SQL."""
    with database.engine.begin() as connection:
        connection.execute(text(sql), values)


def json_bind(database) -> str:
    """A JSON text given in plain SQL, as each database takes it."""
    return "CAST(:value AS JSON)" if database.dialect == "postgresql" else ":value"


def ring_and_answer(database, units: CallLogUnits, key: str, number: str) -> None:
    """A call that rings (a Session's connection writes it) and is answered
    by the softphone engine's units (a SQLite cursor, or a connection)."""
    with database.session() as session:
        calls.record_ringing(session, sip_call_id=key, line_number="+62361223333",
                             identity=identity(number), desk=DESK)
    units.run(lambda x: call_log.transition(x, key=key, rule=call_rules.answering, desk=DESK,
                                            at=utcnow(), operator_id=None))


def test_the_desks_operations_chain_and_verify(seeded):
    with seeded.session() as session:
        create_complaint(session, category_code="lampu_jalan", actor="op",
                         description="Lampu jalan mati sejak kemarin", **GATSU)
    with seeded.session() as session:
        incident = create_incident(session, type_code="kebakaran", lat=-8.6600, lon=115.2100,
                                   actor="calltaker")
        session.flush()
        assign_unit(session, incident_id=incident.id, callsign="PMK-SEL-1", actor="made",
                    settings=Settings.in_memory())
    units = CallLogUnits(seeded)
    try:
        ring_and_answer(seeded, units, "chain-1@test", "081234500001")
    finally:
        units.close()
    rows = audit_rows(seeded)
    actions = [row.action for row in rows]
    assert {"seed.load", "complaint.create", "incident.create", "call.answered"} <= set(actions)
    assert rows[0].prev_hash == GENESIS_HASH
    assert all(later.prev_hash == earlier.entry_hash for earlier, later in zip(rows, rows[1:]))
    assert len({row.entry_hash for row in rows}) == len(rows)
    report = verify(seeded)
    assert report.intact and report.entries == len(rows)
    assert (report.last_id, report.last_hash) == (rows[-1].id, rows[-1].entry_hash)
    assert report.message == f"audit chain intact: {len(rows)} entries"


def test_entries_of_one_transaction_chain_in_id_order_orm_and_plain_mixed(database):
    """A session's own entries and the call log's plain INSERTs on its
    connection, flushed at different times, form one chain in id order."""
    with database.session() as session:
        record_audit(session, actor="op", action="orm.1", entity="test")
        x = calls.writing(session)  # flushes the session first
        call_log.audit(x, actor="op", action="plain.1", entity="test")
        record_audit(session, actor="op", action="orm.2", entity="test")
        record_audit(session, actor="op", action="orm.3", entity="test", after={"n": 3})
        session.flush()
        call_log.audit(x, actor="op", action="plain.2", entity="test")
        record_audit(session, actor="op", action="orm.4", entity="test")
    assert [row.action for row in audit_rows(database)] == [
        "orm.1", "plain.1", "orm.2", "orm.3", "plain.2", "orm.4"]
    assert verify(database).intact


def test_a_savepoint_rolled_back_takes_its_entries_out_of_the_chain(database):
    with database.session() as session:
        record_audit(session, actor="op", action="kept.1", entity="test")
        session.flush()
        savepoint = session.begin_nested()
        record_audit(session, actor="op", action="undone", entity="test")
        session.flush()
        savepoint.rollback()
        record_audit(session, actor="op", action="kept.2", entity="test")
    assert [row.action for row in audit_rows(database)] == ["kept.1", "kept.2"]
    assert verify(database).intact


def write_entries(database, count: int) -> list[int]:
    with database.session() as session:
        for n in range(count):
            record_audit(session, actor="made", action="unit.status", entity="unit",
                         entity_id=f"PMK-{n}", before={"status": "available"},
                         after={"status": "dispatched", "catatan": f"kebakaran {n} — Sanur"})
    return [row.id for row in audit_rows(database)]


def test_each_field_of_an_entry_is_covered_by_its_hash(database):
    """Any column changed (in SQL, past the desk's code) breaks the chain at
    that entry; put back, the chain holds again."""
    ids = write_entries(database, 5)
    target = ids[2]
    table = AuditEntry.__table__
    with database.reading() as session:
        original = dict(session.execute(select(table).where(table.c.id == target))
                        .one()._mapping)
    changes = {"at": original["at"] + timedelta(microseconds=1), "actor": "someone else",
               "action": "unit.other", "entity": "incident", "entity_id": "PMK-99",
               "before": {"status": "on_scene"},
               "after": {"status": "dispatched", "catatan": "kebakaran 2 - Sanur"},
               "prev_hash": "f" * 64}
    for column, value in changes.items():
        with database.engine.begin() as connection:
            connection.execute(table.update().where(table.c.id == target).values({column: value}))
        report = verify(database)
        assert (report.intact, report.broken_id, report.problem) == (
            False, target, CONTENT_CHANGED), column
        assert report.message == (f"audit chain broken at entry {target}: its content does "
                                  "not match its hash (the entry was changed)")
        with database.engine.begin() as connection:
            connection.execute(table.update().where(table.c.id == target)
                               .values({column: original[column]}))
        assert verify(database).intact, column


def test_a_removed_entry_is_named_by_the_one_after_it(database):
    ids = write_entries(database, 5)
    tamper(database, "DELETE FROM audit_entries WHERE id = :id", id=ids[2])
    report = verify(database)
    assert (report.broken_id, report.problem, report.previous_id) == (ids[3], LINK_BROKEN,
                                                                      ids[1])
    assert report.entries == 2
    assert report.message == (f"audit chain broken at entry {ids[3]}: it does not follow entry "
                              f"{ids[1]} (an entry between them is missing, or entry {ids[1]} "
                              "was changed)")


def test_an_entry_rewritten_with_a_fresh_hash_is_named_by_the_one_after_it(database):
    """Whoever rewrites an entry and its hash still breaks the next link."""
    ids = write_entries(database, 4)
    with database.reading() as session:
        prev_hash = session.scalar(select(AuditEntry.prev_hash).where(AuditEntry.id == ids[1]))
    with database.session() as session:
        forged = session.get(AuditEntry, ids[1])
        forged.actor = "someone else"
        forged.entry_hash = entry_hash(prev_hash, at=forged.at, actor=forged.actor,
                                       action=forged.action, entity=forged.entity,
                                       entity_id=forged.entity_id, before=forged.before,
                                       after=forged.after)
    report = verify(database)
    assert (report.broken_id, report.problem, report.previous_id) == (ids[2], LINK_BROKEN,
                                                                      ids[1])


def test_the_first_entry_removed_and_an_unchained_entry_are_named(database):
    ids = write_entries(database, 3)
    tamper(database, "DELETE FROM audit_entries WHERE id = :id", id=ids[0])
    report = verify(database)
    assert (report.broken_id, report.problem, report.previous_id) == (ids[1], LINK_BROKEN, None)
    assert "it is the first entry but names a previous one" in report.message
    tamper(database, "UPDATE audit_entries SET entry_hash = NULL WHERE id = :id", id=ids[1])
    report = verify(database)
    assert (report.broken_id, report.problem) == (ids[1], UNCHAINED)


def test_a_value_written_by_hand_that_cannot_be_read_is_named_not_a_crash(sqlite_template,
                                                                          tmp_path):
    """SQLite keeps any text in a JSON or time column (PostgreSQL refuses
    it): the check names the entry instead of failing on it."""
    path = tmp_path / "desk.sqlite3"
    shutil.copyfile(sqlite_template, path)
    database = open_database(f"sqlite:///{path}")
    database.principal = supervisor_principal()
    try:
        ids = write_entries(database, 5)
        tamper(database, 'UPDATE audit_entries SET "after" = \'{"status": "resol\' WHERE id = :id',
               id=ids[3])
        report = verify(database)
        assert (report.broken_id, report.problem, report.entries) == (ids[3], CONTENT_CHANGED, 3)
        tamper(database, "UPDATE audit_entries SET at = 'kemarin' WHERE id = :id", id=ids[1])
        report = verify(database)
        assert (report.broken_id, report.problem, report.entries) == (ids[1], CONTENT_CHANGED, 1)
    finally:
        database.dispose()


def test_an_empty_trail_is_intact(database):
    report = verify(database)
    assert (report.intact, report.entries, report.last_id) == (True, 0, None)


def test_desks_writing_at_once_leave_one_chain(db_url):
    """Four desks (their own connections), each writing 60 audited
    operations at once: complaints, sessions with two entries, and calls
    the engine's units answer and hold. One unbroken chain results."""
    from conftest import supervisor_principal
    setup = open_database(db_url)
    setup.principal = supervisor_principal()
    from dispatch.seed import load_seed_file
    load_seed_file(setup, None, actor="test")
    failures: list[BaseException] = []
    start = threading.Barrier(4)

    def desk(number: int) -> None:
        database = open_database(db_url, migrate=False)
        database.principal = supervisor_principal()
        units = CallLogUnits(database)
        try:
            key = f"busy-{number}@test"
            start.wait()
            ring_and_answer(database, units, key, f"08123450{number:04d}")
            for n in range(20):
                with database.session() as session:
                    create_complaint(session, category_code="lampu_jalan", actor=f"op{number}",
                                     description=f"Lampu mati {number}/{n}", **GATSU)
                with database.session() as session:
                    record_audit(session, actor=f"op{number}", action="test.first",
                                 entity="test", entity_id=n)
                    session.flush()
                    record_audit(session, actor=f"op{number}", action="test.second",
                                 entity="test", entity_id=n)
                units.run(lambda x, held=n % 2 == 0: call_log.note_hold(
                    x, key=key, held=held, actor=f"op{number}"))
        except BaseException as exc:  # noqa: BLE001 (reported by the main thread)
            failures.append(exc)
        finally:
            units.close()
            database.dispose()

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    try:
        assert not failures, failures
        with setup.reading() as session:
            total = session.scalar(select(func.count()).select_from(AuditEntry))
            written = session.scalar(select(func.count()).select_from(AuditEntry)
                                     .where(AuditEntry.actor.like("op%")))
        assert written == 4 * 20 * 4  # per desk, 20 times: a complaint, two entries, a hold
        report = verify(setup)
        assert report.intact and report.entries == total, report.message
    finally:
        setup.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db_url(request, tmp_path):
    """A database with no schema yet, on each backend, to migrate by steps."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    server = request.getfixturevalue("postgres_server_url")
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    name = f"e_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.rsplit("/", 1)[0] + "/" + name


def test_the_migration_chains_the_entries_written_before_it(empty_db_url):
    """A desk's database at 0005 with 4,500 entries (more than one page of
    the chaining and of the check): after the upgrade they verify, a new
    entry follows them, and a removed one is still named at a page's edge."""
    from alembic import command
    database = Database(empty_db_url)
    database.principal = supervisor_principal()
    try:
        command.upgrade(alembic_config(database.engine), "0005")
        old = sa.table("audit_entries", sa.column("id"), sa.column("at", sa.DateTime()),
                       sa.column("actor"), sa.column("action"), sa.column("entity"),
                       sa.column("entity_id"), sa.column("before", sa.JSON()),
                       sa.column("after", sa.JSON()))
        first = datetime(2026, 11, 30, 23, 59, 59, 999999)
        rows = [{"id": n, "at": first + timedelta(seconds=n), "actor": "made",
                 "action": "unit.status", "entity": "unit", "entity_id": f"PMK-{n % 7}",
                 "before": None if n % 3 else {"status": "available"},
                 "after": {"status": "dispatched", "ke": "Jl. Gatot Subroto — Denpasar",
                           "n": n, "jarak_km": n / 8}}
                for n in range(1, 4501)]
        with database.engine.begin() as connection:
            connection.execute(old.insert(), rows)
            if database.dialect == "postgresql":  # the ids were given: move the sequence on
                connection.execute(text("SELECT setval('audit_entries_id_seq', 4500)"))
        command.upgrade(alembic_config(database.engine), "head")
        report = verify(database)
        assert report.intact and (report.entries, report.last_id) == (4500, 4500)
        with database.session() as session:
            record_audit(session, actor="op", action="after.upgrade", entity="test")
        assert verify(database).entries == 4501
        tamper(database, "DELETE FROM audit_entries WHERE id = 2000")
        report = verify(database)
        assert (report.broken_id, report.previous_id, report.entries) == (2001, 1999, 1999)
    finally:
        database.dispose()


# ------------------------------------------------------------ the command

def safedesk(db_url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SAFEDESK, "--db", db_url, *args], capture_output=True, text=True,
                          timeout=120)


def test_safedesk_audit_verify_says_intact_or_names_the_broken_entry(database, db_url):
    ids = write_entries(database, 6)
    intact = safedesk(db_url, "audit", "verify")
    assert intact.returncode == 0, intact.stderr
    count = len(audit_rows(database))  # signing in may have added entries of its own
    assert intact.stdout == f"audit chain intact: {count} entries\n"
    as_json = json.loads(safedesk(db_url, "audit", "verify", "--json").stdout)
    assert as_json["intact"] is True and as_json["entries"] >= count
    tamper(database, f'UPDATE audit_entries SET "after" = {json_bind(database)} WHERE id = :id',
           value=json.dumps({"status": "resolved"}), id=ids[3])
    broken = safedesk(db_url, "audit", "verify")
    assert broken.returncode == 1, broken.stderr
    assert re.fullmatch(rf"audit chain broken at entry {ids[3]}: its content does not match "
                        r"its hash \(the entry was changed\)\n", broken.stdout)
    as_json = safedesk(db_url, "audit", "verify", "--json")
    assert as_json.returncode == 1
    found = json.loads(as_json.stdout)
    assert (found["intact"], found["broken_id"], found["problem"], found["entries"]) == (
        False, ids[3], CONTENT_CHANGED, 3)
    listed = safedesk(db_url, "audit", "--limit", "2", "--json")  # the listing still works
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 2
