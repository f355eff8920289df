"""Hearing the other desks on the same database.

A desk's own changes reach its EventBus at commit. Changes made by another
desk (another process, or another window on another connection) need a
watcher, which replays them on this desk's bus so its window refreshes as
if they were local:

* PostgreSQL: LISTEN on the channel the desks NOTIFY, on a connection of
  its own; each event is replayed as it was made.
* SQLite: there is no NOTIFY, so poll `PRAGMA data_version`, which changes
  when another connection commits; a change becomes one "external" event
  (the window re-reads everything once).

One thread each, reconnecting with backoff; stop() ends it.
"""
from __future__ import annotations

import logging
import sqlite3
import threading

from dispatch.events import NOTIFY_CHANNEL, ChangeEvent
from dispatch.storage import Database

log = logging.getLogger(__name__)


class _Watcher:
    name = "change-watch"

    def __init__(self, database: Database, poll_s: float) -> None:
        self.database = database
        self.poll_s = poll_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()

    def start(self) -> _Watcher:
        self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            try:
                self._watch()
                return
            except Exception as exc:  # noqa: BLE001 - a lost database must not kill the desk
                self.connected.clear()
                log.warning("%s lost the database (%s); retrying in %.1f s", self.name,
                            type(exc).__name__, backoff)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 15.0)

    def _watch(self) -> None:
        raise NotImplementedError


class PostgresChangeListener(_Watcher):
    name = "pg-listen"

    def _watch(self) -> None:
        import psycopg  # only desks on PostgreSQL need the driver loaded here
        url = self.database.engine.url.set(drivername="postgresql")
        dsn = url.render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
            self.connected.set()
            while not self._stop.is_set():
                for note in connection.notifies(timeout=self.poll_s):
                    self._deliver(note.payload)

    def _deliver(self, payload: str) -> None:
        try:
            event = ChangeEvent.from_json(payload)
        except (ValueError, TypeError, KeyError):
            log.warning("ignored a malformed change notification")
            return
        if event.origin != self.database.origin:
            self.database.bus.publish([event])


class SqliteChangeWatcher(_Watcher):
    name = "sqlite-watch"

    def _watch(self) -> None:
        path = self.database.engine.url.database
        connection = sqlite3.connect(path, timeout=5, check_same_thread=False)
        try:
            last = connection.execute("PRAGMA data_version").fetchone()[0]
            self.connected.set()
            while not self._stop.wait(self.poll_s):
                version = connection.execute("PRAGMA data_version").fetchone()[0]
                if version != last:
                    last = version
                    self.database.bus.publish([ChangeEvent("database", "", "external")])
        finally:
            connection.close()


def watch_other_desks(database: Database, *, poll_s: float = 0.5) -> _Watcher | None:
    """Start the watcher that fits the database; None for an in-memory one."""
    if database.dialect == "postgresql":
        return PostgresChangeListener(database, poll_s=poll_s).start()
    if database.engine.url.database in (None, "", ":memory:"):
        return None
    return SqliteChangeWatcher(database, poll_s=poll_s).start()
