"""Storage on both backends: migrations, UTC times, events after commit."""
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError

from dispatch.audit import record_audit
from dispatch.events import ChangeEvent, announce
from dispatch.migrate import current_revision, head_revision
from dispatch.models import AuditEntry
from dispatch.storage import Database, is_lock_conflict, open_database, resolve_url


def test_database_is_migrated_to_head(database):
    assert current_revision(database.engine) == head_revision()


def test_opening_again_is_harmless(db_url):
    for _ in range(2):
        database = open_database(db_url)
        assert current_revision(database.engine) == head_revision()
        database.dispose()


def test_times_come_back_as_aware_utc(database):
    wita = timezone(timedelta(hours=8))
    moment = datetime(2026, 11, 23, 9, 30, tzinfo=wita)
    with database.session() as session:
        session.add(AuditEntry(at=moment, actor="t", action="a", entity="e"))
    with database.reading() as session:
        stored = session.scalars(select(AuditEntry.at)).one()
    assert stored == moment
    assert stored.utcoffset() == timedelta(0)
    assert stored.hour == 1


def test_naive_time_is_refused(database):
    with pytest.raises(Exception, match="naive"):
        with database.session() as session:
            session.add(AuditEntry(at=datetime(2026, 1, 1), actor="t", action="a", entity="e"))


def test_events_travel_only_after_commit(database):
    seen = []
    database.bus.subscribe(seen.append)
    with database.session() as session:
        announce(session, ChangeEvent("unit", "PMK-1", "status"))
        assert seen == []
    assert [(e.entity, e.entity_id) for e in seen] == [("unit", "PMK-1")]
    with pytest.raises(RuntimeError):
        with database.session() as session:
            announce(session, ChangeEvent("unit", "PMK-2", "status"))
            raise RuntimeError("abort")
    assert len(seen) == 1


def test_a_failing_subscriber_does_not_stop_the_others(database):
    seen = []
    database.bus.subscribe(lambda e: 1 / 0)
    database.bus.subscribe(seen.append)
    with database.session() as session:
        announce(session, ChangeEvent("incident", "1", "created"))
    assert len(seen) == 1


def test_a_disposed_database_is_freed(db_url):
    """A process that opens many databases (a test run, a bench) must not
    keep each one after dispose(): SQLAlchemy keeps a session factory's
    listeners, bound to the Database, out of the collector's reach unless
    they are removed."""
    import gc
    import weakref
    database = open_database(db_url)
    with database.session() as session:  # the listeners have run
        record_audit(session, actor="t", action="test", entity="t", entity_id="1")
    gone = weakref.ref(database)
    database.dispose()
    del database
    gc.collect()
    assert gone() is None


def test_sqlite_is_wal_with_foreign_keys_and_full_sync(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'd.sqlite3'}")
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    database.dispose()


def test_a_brief_lock_unit_leaves_the_write_lock_to_others_until_it_writes(tmp_path):
    # The softphone's intake must not wait while the call log's thread reads
    # and thinks; what it pays for that is a unit run again, never a lost write.
    database = open_database(f"sqlite:///{tmp_path / 'd.sqlite3'}")
    intake = sqlite3.connect(tmp_path / "d.sqlite3", isolation_level=None, timeout=0)
    try:
        with pytest.raises(OperationalError) as refused:
            with database.session(brief_lock=True) as session:
                session.scalar(select(func.count()).select_from(AuditEntry))  # reading
                intake.execute("BEGIN IMMEDIATE")  # free: nobody holds the write lock
                intake.execute("INSERT INTO audit_entries (at, actor, action, entity) "
                               "VALUES ('2026-01-01 00:00:00', 'intake', 'x', 'call')")
                intake.execute("COMMIT")
                record_audit(session, actor="log", action="y", entity="call")
        assert is_lock_conflict(refused.value)
        with database.session(brief_lock=True) as session:  # run again: it lands
            record_audit(session, actor="log", action="y", entity="call")
        with database.reading() as session:
            assert sorted(session.scalars(select(AuditEntry.actor))) == ["intake", "log"]
        with database.session(brief_lock=True) as session:  # the others still sync in full
            assert session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 1
        with database.session() as session:
            assert session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2
    finally:
        intake.close()
        database.dispose()


def test_a_brief_lock_unit_gives_way_only_where_it_holds_no_lock(tmp_path):
    # The call log pauses there for the SIP thread: at each read before its
    # first write, and before the WAL fsync; never while the intake would wait.
    database = open_database(f"sqlite:///{tmp_path / 'd.sqlite3'}")
    intake = sqlite3.connect(tmp_path / "d.sqlite3", isolation_level=None, timeout=0)
    pauses = []

    def give_way():
        intake.execute("BEGIN IMMEDIATE")  # raises "database is locked" if it is held
        intake.execute("ROLLBACK")
        pauses.append(stage)
    try:
        with database.session(brief_lock=True, give_way=give_way) as session:
            stage = "first read"
            session.scalar(select(func.count()).select_from(AuditEntry))
            stage = "second read"
            session.scalar(select(func.count()).select_from(AuditEntry))
            stage = "written"
            record_audit(session, actor="log", action="y", entity="call")
            session.flush()
            session.scalar(select(func.count()).select_from(AuditEntry))  # no pause: locked
            stage = "committed"
        assert pauses == ["first read", "second read", "committed"]
        with database.session() as session:  # other units never pause
            stage = "elsewhere"
            session.scalar(select(func.count()).select_from(AuditEntry))
        assert pauses[-1] == "committed"
    finally:
        intake.close()
        database.dispose()


def test_default_database_is_a_file_in_the_data_dir(tmp_path):
    url = resolve_url(None)
    assert url.startswith("sqlite:///") and str(tmp_path / "data") in url


def test_environment_and_postgres_scheme(monkeypatch):
    monkeypatch.setenv("SAFEDESK_DB", "postgresql://u@h/db")
    assert resolve_url(None) == "postgresql+psycopg://u@h/db"
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"


def test_postgres_notify_carries_committed_changes(postgres_server_url, postgres_template):
    """Another desk hears of a change through LISTEN/NOTIFY, only after commit."""
    import psycopg
    from conftest import _fresh_postgres_url
    url = _fresh_postgres_url(postgres_server_url, postgres_template)
    database = Database(url)
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as listener:
        listener.execute("LISTEN safedesk_changes")
        with database.session() as session:
            announce(session, ChangeEvent("incident", "7", "created"))
        notes = list(listener.notifies(timeout=5, stop_after=1))
    database.dispose()
    assert len(notes) == 1
    assert ChangeEvent.from_json(notes[0].payload).entity_id == "7"


def test_unsupported_url_is_one_clear_error():
    from dispatch.errors import DeskError
    with pytest.raises(DeskError, match="unsupported database"):
        Database("mysql://u@h/db")


def test_a_second_desk_hears_the_first_one(db_url):
    """Two desks (two Database objects, as two processes would have) on one
    database: the second one's bus hears the first one's change; a desk's
    own change reaches its bus once, at commit, not again from its watcher."""
    import threading

    from dispatch.change_watch import watch_other_desks
    first, second = open_database(db_url), Database(db_url)
    heard, arrived = [], threading.Event()
    second.bus.subscribe(lambda e: (heard.append(e), arrived.set()))
    own = []
    first.bus.subscribe(own.append)
    watchers = [watch_other_desks(first, poll_s=0.05), watch_other_desks(second, poll_s=0.05)]
    try:
        assert all(w.connected.wait(10) for w in watchers)
        with first.session() as session:
            record_audit(session, actor="desk1", action="test", entity="incident", entity_id=42)
            announce(session, ChangeEvent("incident", "42", "created"))
        assert arrived.wait(10)
        if second.dialect == "postgresql":
            assert [(e.entity, e.entity_id) for e in heard] == [("incident", "42")]
        else:
            assert [e.action for e in heard] == ["external"]
        arrived.clear()
        probe = threading.Event()  # listening before desk 2 commits, or it may come too soon
        first.bus.subscribe(lambda e: probe.set() if e.origin != first.origin else None)
        with second.session() as session:  # and back: desk 1 hears desk 2
            record_audit(session, actor="desk2", action="test", entity="unit", entity_id="PMK-1")
            announce(session, ChangeEvent("unit", "PMK-1", "status"))
        assert probe.wait(10)
        assert [e.entity_id for e in own if e.origin == first.origin] == ["42"]
    finally:
        for watcher in watchers:
            watcher.stop()
        first.dispose()
        second.dispose()


def test_the_quick_schema_check_knows_the_newest_migration():
    from dispatch.migrate import HEAD_REVISION
    assert HEAD_REVISION == head_revision()



@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db_url(request, tmp_path):
    """A database with no schema at all, on each backend, to migrate by steps."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    import uuid

    from sqlalchemy import create_engine, text
    server = request.getfixturevalue("postgres_server_url")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    name = f"e_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.rsplit("/", 1)[0] + "/" + name


def test_0005_keeps_the_timeline_written_before_it_without_values(empty_db_url):
    """A desk's database at 0004 with an incident on its timeline: after 0005
    the entries keep their English text and have no values (the window shows
    that text as it is); the place may be unknown and a disposition kept."""
    import sqlalchemy as sa
    from alembic import command

    from dispatch.incidents import get_incident
    from dispatch.migrate import alembic_config
    # On SQLite 0005 rebuilds `incidents` (copy, drop, rename) while the
    # timeline points at it: dispatch/migrations/env.py turns foreign keys off
    # around the migration, checks them before the commit, and back on after.
    database = Database(empty_db_url)
    try:
        command.upgrade(alembic_config(database.engine), "0004")
        at = datetime(2026, 12, 1, 1, 0)
        types = sa.table("incident_types", sa.column("code"), sa.column("name_id"),
                         sa.column("name_en"), sa.column("default_priority"),
                         sa.column("unit_kinds", sa.JSON()))
        incidents = sa.table("incidents", *map(sa.column, (
            "id", "type_code", "priority", "status", "lat", "lon", "address", "notes",
            "created_by")), sa.column("created_at", sa.DateTime()))
        events = sa.table("incident_events", *map(sa.column, (
            "incident_id", "kind", "text", "actor")), sa.column("at", sa.DateTime()))
        with database.engine.begin() as connection:
            connection.execute(types.insert().values(
                code="banjir", name_id="Banjir", name_en="Flood", default_priority=2,
                unit_kinds=[]))
            connection.execute(incidents.insert().values(
                id=1, type_code="banjir", priority=2, status="open", lat=-8.65, lon=115.22,
                address="", notes="", created_by="calltaker", created_at=at))
            connection.execute(events.insert().values(
                incident_id=1, kind="created", text="banjir P2", actor="calltaker", at=at))
        command.upgrade(alembic_config(database.engine), "head")
        assert current_revision(database.engine) == head_revision()
        data = next(column for column in sa.inspect(database.engine).get_columns(
            "incident_events") if column["name"] == "data")
        assert data["nullable"]
        with database.reading() as session:
            event = get_incident(session, 1).events[0]
            assert (event.kind, event.text, event.actor, event.data) == (
                "created", "banjir P2", "calltaker", None)
        with pytest.raises(IntegrityError), database.engine.begin() as connection:
            connection.execute(events.insert().values(  # foreign keys are enforced again
                incident_id=999, kind="note", text="orphan", actor="x", at=at))
    finally:
        database.dispose()
