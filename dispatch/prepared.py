"""SQLAlchemy Core statements run straight on a SQLite DB-API cursor.

For the softphone's writes, which run once per call on a tight budget: a
Core execute costs about ten times the SQL it sends here (statement cache
look-up, execution context, result wrapping). The statement is compiled
once, by SQLAlchemy, for the desk's dialect; its parameters and results
are converted by the columns' own types (enums, UTC times, JSON), so the
rows read and written are exactly those the ORM reads and writes.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement

log = logging.getLogger(__name__)
Processor = Callable[[Any], Any] | None


def close_quietly(connection, what: str) -> None:
    """Give back a connection kept for plain SQL; a broken one is dropped anyway."""
    if connection is None:
        return
    try:
        connection.close()
    except Exception:  # noqa: BLE001
        log.debug("closing the %s connection failed", what, exc_info=True)


def roll_back(cursor) -> None:
    """ROLLBACK after a failed statement, if SQLite has not already done it:
    on SQLITE_FULL (a full disk) SQLite rolls back by itself, and a second
    ROLLBACK's "cannot rollback - no transaction is active" would hide the
    real cause in every message and log line."""
    if cursor.connection.in_transaction:
        cursor.execute("ROLLBACK")


class Prepared:
    def __init__(self, statement: ClauseElement, dialect: Dialect,
                 column_keys: Sequence[str] = ()) -> None:
        compiled = statement.compile(dialect=dialect, column_keys=list(column_keys))
        if compiled.positiontup is None:
            raise RuntimeError("Prepared needs a positional paramstyle (SQLite)")
        self.sql = compiled.string
        self._binds: list[tuple[str, Processor]] = [
            (name, compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect))
            for name in compiled.positiontup]
        # Values written into the statement itself (status == 'ringing'):
        # SQLAlchemy binds them too, under names of its own.
        self._fixed = {name: compiled.binds[name].effective_value
                       for name in compiled.positiontup if not compiled.binds[name].required
                       and compiled.binds[name].callable is None
                       and compiled.binds[name].value is not None}
        self._results: list[Processor] = [  # what a SELECT or a RETURNING gives
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in statement.exported_columns]

    @property
    def bound(self) -> list[str]:
        """The names of the parameters, in order."""
        return [name for name, _ in self._binds]

    def parameters(self, values: dict) -> list:
        if self._fixed:
            values = {**self._fixed, **values}
        return [value if process is None else process(value)
                for value, process in ((values[name], process) for name, process in self._binds)]

    def run(self, cursor, values: dict) -> list[tuple]:
        """Execute; every row it returns, converted."""
        cursor.execute(self.sql, self.parameters(values))
        rows = cursor.fetchall()
        if not self._results:
            return rows
        return [tuple(value if process is None else process(value)
                      for value, process in zip(row, self._results)) for row in rows]
