"""Opening the database: a SQLite file on one desk, PostgreSQL for many.

Both run the same Alembic migrations. Sessions are short-lived and never
shared across threads; ``Database.session()`` is the one way to write.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from dispatch import paths
from dispatch.errors import InvalidInput, NotPermitted, NotSignedIn
from dispatch.events import ORIGIN_KEY, EventBus, drop_pending, take_pending
from dispatch.log_privacy import personal_data_logged
from dispatch.permissions import PRINCIPAL_KEY, Principal

log = logging.getLogger(__name__)
_WRITE = "safedesk_write"
# Execution option that marks a connection as a writer (BEGIN IMMEDIATE on SQLite).
WRITE_OPTION = _WRITE
_WROTE = "safedesk_wrote"  # Connection.info: this transaction has written (holds locks)
_READ_PAUSE = threading.local()  # session(give_way=...) of this thread, if any


def default_url() -> str:
    return f"sqlite:///{paths.default_database_path()}"


def resolve_url(explicit: str | None = None, configured: str | None = None) -> str:
    """--db beats $SAFEDESK_DB beats the settings file beats the default file."""
    url = explicit or os.environ.get("SAFEDESK_DB") or configured or default_url()
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        # psycopg 3 is the driver we ship; the bare scheme would ask for psycopg2.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def redact_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Take transaction control away from pysqlite so BEGIN is ours (see _begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # A call that rang must survive a power cut: FULL syncs the WAL on commit.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_sync_at_checkpoints(dbapi_connection, _record) -> None:
    # For brief-lock sessions: their commit leaves the fsync to
    # Database._sync_wal, once SQLite's write lock is released.
    dbapi_connection.execute("PRAGMA synchronous=NORMAL")


def _pause_before_reading(connection, _cursor, statement: str, *_args) -> None:
    # Only before a plain read of a transaction that has not written yet:
    # it holds no lock then (SQLite) and no row lock (PostgreSQL), so the
    # pause cannot keep another writer waiting.
    pause = getattr(_READ_PAUSE, "hook", None)
    if pause is None or connection.info.get(_WROTE):
        return
    head = statement.lstrip()[:6].upper()
    if head == "SELECT" and "FOR UPDATE" not in statement:  # as SQLAlchemy writes it
        pause()
    elif head not in ("BEGIN", "BEGIN "):
        connection.info[_WROTE] = True


def _forget_writes(connection) -> None:  # a transaction begins or ends
    connection.info.pop(_WROTE, None)


def _sqlite_begin(connection) -> None:
    # Writers take the lock up front: a deferred BEGIN that later upgrades to a
    # write can fail at once with "database is locked" instead of waiting.
    mode = "BEGIN IMMEDIATE" if connection.get_execution_options().get(_WRITE) else "BEGIN"
    connection.exec_driver_sql(mode)


class Database:
    def __init__(self, url: str, *, echo: bool = False) -> None:
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise InvalidInput(f"not a database URL: {url!r}", code="database.bad_url",
                               url=url) from None
        self.url = url
        self.dialect = parsed.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise InvalidInput(f"unsupported database {self.dialect!r}: use sqlite or postgresql",
                               code="database.unsupported", dialect=self.dialect)
        if self.dialect == "sqlite" and parsed.database not in (None, "", ":memory:"):
            _private_sqlite_file(Path(parsed.database).expanduser())
        self.engine: Engine = create_engine(url, echo=echo, pool_pre_ping=self.dialect != "sqlite",
                                            hide_parameters=not personal_data_logged())
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self.bus = EventBus()
        # Who this handle acts for (dispatch/permissions.py): set by whoever
        # signed in (the window, the command line) or to SYSTEM by the engine.
        # None: nobody, and every operation a role decides is refused.
        self.principal: Principal | None = None
        # Each Database is one desk: its own change watcher skips what it made.
        self.origin = uuid.uuid4().hex[:12]
        info = {ORIGIN_KEY: self.origin}
        self._writer = sessionmaker(bind=self.engine.execution_options(**{_WRITE: True}),
                                    expire_on_commit=False, info=info)
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False, info=info)
        # Writers that hold SQLite's write lock briefly: see session(brief_lock=True).
        self._wal_path: Path | None = None
        self._brief_engine = self.engine
        if self.dialect == "sqlite" and parsed.database not in (None, "", ":memory:"):
            self._wal_path = Path(parsed.database).expanduser().with_name(
                Path(parsed.database).name + "-wal")
            self._brief_engine = create_engine(url, echo=echo,
                                               hide_parameters=not personal_data_logged())
            event.listen(self._brief_engine, "connect", _sqlite_pragmas)
            event.listen(self._brief_engine, "connect", _sqlite_sync_at_checkpoints)
            event.listen(self._brief_engine, "begin", _sqlite_begin)
        self._brief_writer = sessionmaker(bind=self._brief_engine, expire_on_commit=False,
                                          info=info)
        event.listen(self._brief_engine, "before_cursor_execute", _pause_before_reading)
        for edge in ("begin", "commit", "rollback"):
            event.listen(self._brief_engine, edge, _forget_writes)
        for factory in self._factories():
            event.listen(factory, "after_commit", self._after_commit)
            event.listen(factory, "after_rollback", drop_pending)

    def _factories(self) -> tuple[sessionmaker, ...]:
        return (self._writer, self._reader, self._brief_writer)

    def _after_commit(self, session: Session) -> None:
        events = take_pending(session)
        if events:
            self.bus.publish(events)

    @contextmanager
    def session(self, *, brief_lock: bool = False,
                give_way: Callable[[], None] | None = None) -> Iterator[Session]:
        """A unit of work that writes: commits on success, rolls back on error.

        `brief_lock`, on a SQLite file: hold the write lock for as short a
        time as possible, so another connection (the softphone's intake)
        waits for little. The lock is taken by the first change flushed, not
        at BEGIN, so not for the Python before it; and the commit does not
        fsync under the lock: the WAL is fsynced right after, before this
        returns, which makes the unit exactly as durable as a FULL commit by
        the time the caller goes on. (Readers may see it that millisecond
        earlier, as they see any commit before its fsync returns.) The price:
        a change committed elsewhere after this unit's first read makes its
        first write fail at once ("database is locked", `is_lock_conflict`);
        the caller runs the unit again.

        `give_way`, with `brief_lock`: called wherever the unit can pause
        without holding up another writer, that is before each read until its
        first write (never while it holds a lock) and before the WAL fsync
        (which another commit's fsync would queue behind). The softphone's
        call log uses it to let the SIP thread go first."""
        session = (self._brief_writer if brief_lock else self._writer)()
        session.info[PRINCIPAL_KEY] = self.principal
        paused_before = getattr(_READ_PAUSE, "hook", None)
        if brief_lock and give_way is not None:
            _READ_PAUSE.hook = give_way
        try:
            yield session
            session.commit()
        except (NotPermitted, NotSignedIn) as refusal:
            session.rollback()
            self._record_refusal(refusal)
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            _READ_PAUSE.hook = paused_before
            session.close()
        if brief_lock:
            if give_way is not None:
                give_way()
            self.sync_wal()

    @property
    def has_brief_lock_connections(self) -> bool:
        """A SQLite file: `brief_lock_connection()` and `sync_wal()` apply."""
        return self._wal_path is not None

    def brief_lock_connection(self) -> Connection:
        """A connection of the brief-lock engine for one thread's own plain
        SQL (detached from the pool): it commits with synchronous=NORMAL, so
        after each commit call `sync_wal()` before reporting the write."""
        if self._wal_path is None:
            raise InvalidInput("brief-lock connections need a SQLite file",
                               code="database.not_sqlite_file")
        connection = self._brief_engine.connect()
        connection.detach()
        return connection

    def sync_wal(self) -> None:
        """fdatasync the WAL: what a FULL commit would have done under the lock."""
        if self._wal_path is None:
            return
        try:
            descriptor = os.open(self._wal_path, os.O_RDONLY)
        except FileNotFoundError:
            return  # no WAL: the last connection checkpointed it into the database, synced
        try:
            os.fdatasync(descriptor)
        finally:
            os.close(descriptor)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look: never takes the write lock."""
        session = self._reader()
        session.info[PRINCIPAL_KEY] = self.principal
        try:
            yield session
        except (NotPermitted, NotSignedIn) as refusal:
            session.rollback()
            self._record_refusal(refusal)
            raise
        finally:
            session.rollback()
            session.close()

    def _record_refusal(self, refusal: NotPermitted | NotSignedIn) -> None:
        """A refused operation leaves one audit entry, in a unit of work of
        its own: the refused one was rolled back. Sign-in failures are
        audited by dispatch/operators.py itself."""
        if refusal.code.startswith("signin.") and refusal.code != "signin.required":
            return
        from dispatch.audit import record_audit
        params = {key: str(value) if value is not None else None
                  for key, value in refusal.params.items()}
        actor = self.principal.username if self.principal else "?"
        with self.session() as session:
            record_audit(session, actor=actor, action="permission.refused",
                         entity="permission", entity_id=params.get("permission"), after=params)

    def migrate(self) -> None:
        from dispatch.migrate import upgrade_to_head
        upgrade_to_head(self.engine)

    def dispose(self) -> None:
        # SQLAlchemy keeps a session factory's listeners where the collector
        # cannot free them: left registered, every Database ever opened
        # (its sessions' factories, its bus and what they hold) would live as
        # long as the process, which a process that opens many (a test run,
        # a bench) pays for in ever longer full collections.
        for factory in self._factories():
            if event.contains(factory, "after_commit", self._after_commit):
                event.remove(factory, "after_commit", self._after_commit)
            if event.contains(factory, "after_rollback", drop_pending):
                event.remove(factory, "after_rollback", drop_pending)
        self.engine.dispose()
        if self._brief_engine is not self.engine:
            self._brief_engine.dispose()

    def describe(self) -> str:
        return redact_url(self.url)


def _private_sqlite_file(path: Path) -> None:
    """The database holds callers' numbers and names: 0600, and its folder
    0700 when it is the desk's own data folder (a folder the user chose for
    it is theirs to set). SQLite makes its -wal and -shm files with the
    database file's own mode."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.parent == paths.data_dir():
        paths.private_dir(path.parent)
    for candidate in (path, path.with_name(path.name + "-wal"),
                      path.with_name(path.name + "-shm")):
        if candidate is path or candidate.exists():
            paths.private_file(candidate)


def is_lock_conflict(exc: BaseException) -> bool:
    """A SQLite write refused because another connection wrote first or
    still holds the lock: running the unit of work again will do."""
    orig = getattr(exc, "orig", exc)
    return isinstance(orig, sqlite3.OperationalError) and (
        "database is locked" in str(orig) or "busy" in str(orig))


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    database = Database(resolve_url(url))
    if migrate:
        database.migrate()
    return database
