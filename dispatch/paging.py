"""Lists that scale: pages by keyset and streams in constant memory.

Every list the desk offers (calls, incidents, complaints, the audit trail)
runs newest first by id, the order the desk wrote its rows. A page is "at
most `limit` rows with an id below `before`": no OFFSET, so page 5,000 costs
what page 1 costs, and a row written while someone pages through never
shifts the pages after it. The next page starts below the last row's id.

A stream reads every row of a query, newest first, without holding more
than one batch: on PostgreSQL through a server-side cursor (`yield_per`
turns on `stream_results`), on SQLite in keyset batches, since pysqlite
fetches a cursor's rows into the Python side anyway.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import Session

from dispatch.errors import InvalidInput

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
STREAM_BATCH = 1_000

Row = TypeVar("Row")


@dataclass(frozen=True)
class Page(Generic[Row]):
    rows: list[Row]
    # The `before` of the next page (the last row's id), or None: no more rows.
    next_before: int | None


def check_limit(limit: Any) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be from 1 to {MAX_LIMIT}", code="search.bad_limit",
                           limit=limit, most=MAX_LIMIT)
    return limit


def check_before(before: Any) -> int | None:
    if before is None:
        return None
    if isinstance(before, bool) or not isinstance(before, int) or before < 1:
        raise InvalidInput(f"--before must be a row id of 1 or more, not {before!r}",
                           code="paging.bad_before", value=before)
    return before


def below(query: Select, id_column, before: int | None) -> Select:
    """The query's rows with an id below `before`, newest first."""
    if before is not None:
        query = query.where(id_column < before)
    return query.order_by(id_column.desc())


def newest_page(session: Session, query: Select, id_column, *, limit: int = DEFAULT_LIMIT,
                before: int | None = None) -> Page:
    """One page of the query's ORM rows, newest first. One row more than
    asked is read to know whether another page follows."""
    limit, before = check_limit(limit), check_before(before)
    rows = list(session.scalars(below(query, id_column, before).limit(limit + 1)).unique())
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, rows[-1].id if more and rows else None)


def stream_newest(session: Session, query: Select, id_column, *, before: int | None = None,
                  batch: int = STREAM_BATCH, orm: bool = True) -> Iterator:
    """Every row of the query, newest first, one batch in memory at a time:
    ORM objects, or with `orm=False` plain rows (the query's columns). Use
    each row before asking for the next batch's: the session forgets a
    batch's objects once the next one is read."""
    before = check_before(before)
    fetch = session.scalars if orm else session.execute
    if session.get_bind().dialect.name == "postgresql":
        result = fetch(below(query, id_column, before).execution_options(yield_per=batch))
        try:
            for chunk in result.partitions():
                yield from chunk
                session.expunge_all()  # the identity map holds nothing we are done with
        finally:
            result.close()
        return
    while True:
        found = fetch(below(query, id_column, before).limit(batch))
        rows = list(found.unique() if orm else found)
        if not rows:
            return
        yield from rows
        before = rows[-1].id
        session.expunge_all()
