"""The audit trail: every change of state, who made it, before → after.

The trail is a hash chain, one per database: each entry's `entry_hash` is
SHA-256 over its content and `prev_hash`, which is the `entry_hash` of the
entry before it in id order (`GENESIS_HASH` for the first). An entry edited
or removed in the database breaks a link, and `verify_chain` names the first.

Every writer chains: ORM sessions in `_chain_new_entries` (before each
flush), the call log's plain INSERTs through `chain_tip` + `link`. Writers
are serialised so the chain cannot fork: on SQLite by its one write lock (a
transaction that read an older tip cannot write: WAL refuses a stale
snapshot's write); on PostgreSQL by an advisory lock taken before the tip is
read and held to commit, so ids, which come from a sequence as the rows are
inserted, follow the chain. The tip is read once per transaction and kept
on the connection (`ChainTip`). On PostgreSQL the lock is taken at a
transaction's first entry (an ORM session's: at the flush that writes it,
before that flush's other statements), so two transactions changing the
same row at once, one of them already holding the lock, can deadlock:
PostgreSQL detects it and refuses one, which fails as any refused write.

What a chain cannot show: entries removed from its end. `verify_chain`
gives the last entry's hash, which a supervisor can note elsewhere.
"""
from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import bindparam, event, inspect, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from dispatch import paging
from dispatch.models import AuditEntry
from dispatch.permissions import Permission, authorize
from dispatch.timeutil import iso_utc, utcnow

GENESIS_HASH = "0" * 64  # the previous hash of the first entry
CHAIN_LOCK_KEY = 0x4844_0002  # PostgreSQL advisory lock: "HD", the audit chain
# Off only in bench/bench_audit_chain.py, to measure what chaining costs.
_CHAIN_FOR_BENCH_ONLY = True

_AUDIT = AuditEntry.__table__
_BATCH = 2000  # rows per read and per UPDATE: constant memory, few round trips
_CONTENT = (_AUDIT.c.id, _AUDIT.c.at, _AUDIT.c.actor, _AUDIT.c.action, _AUDIT.c.entity,
            _AUDIT.c.entity_id, _AUDIT.c.before, _AUDIT.c.after)
LAST_HASH = select(_AUDIT.c.entry_hash).order_by(_AUDIT.c.id.desc()).limit(1)
_LAST_HASH_SQL = "SELECT entry_hash FROM audit_entries ORDER BY id DESC LIMIT 1"
_LOCK_CHAIN_SQL = f"SELECT pg_advisory_xact_lock({CHAIN_LOCK_KEY})"
_TIP_KEY = "safedesk_audit_chain_tip"  # Connection.info
_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


# ------------------------------------------------------------ the hash

def entry_hash(prev_hash: str, *, at: datetime, actor: str, action: str, entity: str,
               entity_id: str | None, before: Any, after: Any) -> str:
    """The one definition of an entry's hash. `at` is hashed as ISO UTC with
    microseconds, which both databases keep exactly, so a row read back
    hashes the same as it did when written."""
    content = {"prev": prev_hash, "at": _hash_time(at), "actor": actor, "action": action,
               "entity": entity, "entity_id": entity_id, "before": before, "after": after}
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # surrogatepass: a lone surrogate, which the JSON column keeps escaped, still hashes
    return hashlib.sha256(encoded.encode("utf-8", "surrogatepass")).hexdigest()


def _hash_time(at: datetime) -> str:
    if at.tzinfo is None:  # a naive time in this table is UTC (UtcDateTime)
        at = at.replace(tzinfo=timezone.utc)
    return at.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _hash_of(prev_hash: str, entry) -> str:
    """The hash of a row, an AuditEntry, or a namespace of their columns."""
    return entry_hash(prev_hash, at=entry.at, actor=entry.actor, action=entry.action,
                      entity=entry.entity, entity_id=entry.entity_id, before=entry.before,
                      after=entry.after)


# ------------------------------------------------------------ writing

def record_audit(session: Session, *, actor: str, action: str, entity: str,
                 entity_id: Any = None, before: Mapping[str, Any] | None = None,
                 after: Mapping[str, Any] | None = None) -> AuditEntry:
    """Add an entry to the session; it is chained when flushed."""
    entry = AuditEntry(**audit_values(actor=actor, action=action, entity=entity,
                                      entity_id=entity_id, before=before, after=after))
    session.add(entry)
    return entry


def audit_values(*, actor: str, action: str, entity: str, entity_id: Any = None,
                 before: Mapping[str, Any] | None = None,
                 after: Mapping[str, Any] | None = None) -> dict:
    """The columns of one audit entry, for the ORM or a plain INSERT (which
    chains them with `link`)."""
    return {"at": utcnow(), "actor": actor or "system", "action": action, "entity": entity,
            "entity_id": None if entity_id is None else str(entity_id),
            "before": _as_stored(before), "after": _as_stored(after)}


def _as_stored(values: Mapping[str, Any] | None) -> dict | None:
    """The value exactly as the JSON column gives it back (enums as their
    strings, keys as strings, tuples as lists), so the hash computed now is
    the one computed from the row later."""
    if values is None:
        return None
    plain = {key: (str(value) if hasattr(value, "value") else value)
             for key, value in values.items()}
    if all(type(key) is str and type(value) in _JSON_SCALARS for key, value in plain.items()):
        return plain  # already as stored: spare the round trip (most entries)
    return json.loads(json.dumps(plain))


class ChainTip:
    """The last entry_hash a transaction wrote or read: its next entry's
    prev_hash. Kept for one transaction only."""

    __slots__ = ("hash", "_transaction")

    def __init__(self, last_hash: str, transaction: Any = None) -> None:
        self.hash = last_hash
        self._transaction = None if transaction is None else weakref.ref(transaction)

    def belongs_to(self, transaction: Any) -> bool:
        return self._transaction is not None and self._transaction() is transaction


def read_tip(last_hash: str | None) -> str:
    """The chain's tip as read from the last row (`LAST_HASH`)."""
    return last_hash or GENESIS_HASH


def chain_tip(connection: Connection) -> ChainTip:
    """This transaction's tip: on its first call, take the chain's lock
    (PostgreSQL) and read the last entry's hash; after that, the one kept."""
    tip = connection.info.get(_TIP_KEY)
    if tip is not None and tip.belongs_to(connection.get_transaction()):
        return tip
    tip = ChainTip(read_tip(_lock_and_read_last_hash(connection)),
                   connection.get_transaction())
    connection.info[_TIP_KEY] = tip
    return tip


def _lock_and_read_last_hash(connection: Connection) -> str | None:
    # On the DB-API cursor: a third of the CPU of a Core execute, and this
    # runs in every transaction that writes an entry (bench/bench_audit_chain.py).
    if connection.get_transaction() is None:
        connection.begin()  # as a Core execute would have
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        if connection.dialect.name == "postgresql":
            # Held to commit. The read is a statement of its own, after the
            # lock: in READ COMMITTED its snapshot then has the entries of
            # the transaction that held the lock before.
            cursor.execute(_LOCK_CHAIN_SQL)
        cursor.execute(_LAST_HASH_SQL)
        row = cursor.fetchone()
    finally:
        cursor.close()
    return None if row is None else row[0]


def link(tip_of_transaction: Callable[[], ChainTip], values: dict) -> dict:
    """`values` (of `audit_values`) chained after this transaction's tip
    (asked for only now), which moves on to them."""
    if not _CHAIN_FOR_BENCH_ONLY:
        return values
    tip = tip_of_transaction()
    own = entry_hash(tip.hash, **values)
    values["prev_hash"], tip.hash = tip.hash, own
    values["entry_hash"] = own
    return values


@event.listens_for(Session, "before_flush")
def _chain_new_entries(session: Session, _flush_context, _instances) -> None:
    """Entries added to the session are chained as they are flushed, in the
    order the flush inserts them (the order they were added), so several in
    one transaction chain to each other in id order."""
    if not _CHAIN_FOR_BENCH_ONLY:
        return
    new = [obj for obj in session.new if isinstance(obj, AuditEntry)]
    if not new:
        return
    new.sort(key=lambda entry: inspect(entry).insert_order)
    tip = chain_tip(session.connection())
    for entry in new:
        own = _hash_of(tip.hash, entry)
        entry.prev_hash, entry.entry_hash, tip.hash = tip.hash, own, own


@event.listens_for(Engine, "rollback_savepoint")
def _forget_tip(connection: Connection, *_args) -> None:
    # Entries written since the savepoint are gone: read the tip again.
    connection.info.pop(_TIP_KEY, None)


# ------------------------------------------------------------ existing rows

class _Unreadable:
    """A row with a value its column's type cannot read back: on SQLite,
    which keeps any text, a time or JSON someone wrote by hand."""

    def __init__(self, row_id: int) -> None:
        self.id = row_id


def _pages_in_id_order(connection: Connection, columns=_CONTENT, *,
                       unreadable: bool = False) -> Iterator[list]:
    """Every audit row in id order, as pages read by keyset (constant memory);
    each page is read whole, so the caller may write between pages. With
    `unreadable`, a row that cannot be read comes as an `_Unreadable`."""
    last_id = None
    while True:
        query = select(*columns).order_by(_AUDIT.c.id).limit(_BATCH)
        if last_id is not None:
            query = query.where(_AUDIT.c.id > last_id)
        try:
            page = connection.execute(query).all()
        except (ValueError, TypeError):  # JSONDecodeError is a ValueError
            if not unreadable:
                raise
            page = _row_by_row(connection, query, columns)
        if not page:
            return
        yield page
        last_id = page[-1].id


def _row_by_row(connection: Connection, page_query, columns) -> list:
    """The page again, a row at a time, to tell which row cannot be read."""
    rows = []
    for row_id in connection.execute(page_query.with_only_columns(_AUDIT.c.id)).scalars():
        try:
            rows.append(connection.execute(select(*columns).where(_AUDIT.c.id == row_id)).one())
        except (ValueError, TypeError):
            rows.append(_Unreadable(row_id))
    return rows


def chain_rows(connection: Connection) -> int:
    """Chain every audit row in id order from the genesis: the migration
    that brings the chain runs this for the rows written before it.
    Returns how many rows it chained."""
    setter = (update(_AUDIT).where(_AUDIT.c.id == bindparam("row_id"))
              .values(prev_hash=bindparam("new_prev"), entry_hash=bindparam("new_hash")))
    prev, count = GENESIS_HASH, 0
    for page in _pages_in_id_order(connection):
        links = []
        for row in page:
            own = _hash_of(prev, row)
            links.append({"row_id": row.id, "new_prev": prev, "new_hash": own})
            prev = own
        connection.execute(setter, links)
        count += len(page)
    return count


# ------------------------------------------------------------ checking

CONTENT_CHANGED = "content_changed"
LINK_BROKEN = "link_broken"
UNCHAINED = "unchained"


@dataclass(frozen=True)
class ChainReport:
    """What `verify_chain` found: `entries` checked (all of them when intact);
    when broken, the first entry that does not hold and why."""
    entries: int
    last_id: int | None = None
    last_hash: str | None = None
    broken_id: int | None = None
    problem: str | None = None  # CONTENT_CHANGED, LINK_BROKEN or UNCHAINED
    previous_id: int | None = None  # the entry before the broken one, if any

    @property
    def intact(self) -> bool:
        return self.broken_id is None

    @property
    def message(self) -> str:
        if self.intact:
            return f"audit chain intact: {self.entries} entries"
        where = f"audit chain broken at entry {self.broken_id}: "
        if self.problem == CONTENT_CHANGED:
            return where + "its content does not match its hash (the entry was changed)"
        if self.problem == UNCHAINED:
            return where + "it carries no hash (written outside the chain)"
        if self.previous_id is None:
            return where + ("it is the first entry but names a previous one "
                            "(entries before it are missing)")
        return where + (f"it does not follow entry {self.previous_id} (an entry between "
                        f"them is missing, or entry {self.previous_id} was changed)")

    def to_dict(self) -> dict:
        return {"intact": self.intact, "entries": self.entries, "last_id": self.last_id,
                "last_hash": self.last_hash, "broken_id": self.broken_id,
                "problem": self.problem, "previous_id": self.previous_id,
                "message": self.message}


def verify_chain(source: Session | Connection) -> ChainReport:
    """Walk the chain in id order, in pages (constant memory), and stop at
    the first entry whose content or link does not hold."""
    if isinstance(source, Session):
        authorize(source, Permission.READ_AUDIT)
    connection = source.connection() if isinstance(source, Session) else source
    columns = (*_CONTENT, _AUDIT.c.prev_hash, _AUDIT.c.entry_hash)
    expected_prev, previous_id, count = GENESIS_HASH, None, 0
    for page in _pages_in_id_order(connection, columns, unreadable=True):
        for row in page:
            problem = _problem_of(row, expected_prev)
            if problem is not None:
                return ChainReport(count, previous_id, expected_prev if count else None,
                                   row.id, problem, previous_id)
            expected_prev, previous_id = row.entry_hash, row.id
            count += 1
    return ChainReport(count, previous_id, expected_prev if count else None)


def _problem_of(row, expected_prev: str) -> str | None:
    if isinstance(row, _Unreadable):
        return CONTENT_CHANGED
    if row.entry_hash is None or row.prev_hash is None:
        return UNCHAINED
    if _hash_of(row.prev_hash, row) != row.entry_hash:
        return CONTENT_CHANGED
    if row.prev_hash != expected_prev:
        return LINK_BROKEN
    return None


# ------------------------------------------------------------ reading

def audit_entries(session: Session, *, limit: int = paging.DEFAULT_LIMIT,
                  entity: str | None = None, before: int | None = None) -> list[AuditEntry]:
    return audit_page(session, limit=limit, entity=entity, before=before).rows


def _entries_about(entity: str | None):
    query = select(AuditEntry)
    return query.where(AuditEntry.entity == entity) if entity else query


def audit_page(session: Session, *, limit: int = paging.DEFAULT_LIMIT, entity: str | None = None,
               before: int | None = None) -> paging.Page[AuditEntry]:
    """Newest first, `limit` entries with an id below `before` (dispatch/paging.py)."""
    authorize(session, Permission.READ_AUDIT)
    return paging.newest_page(session, _entries_about(entity), AuditEntry.id, limit=limit,
                              before=before)


def stream_audit_entries(session: Session, *, entity: str | None = None,
                         before: int | None = None) -> Iterator[AuditEntry]:
    """Every entry, newest first, in constant memory (dispatch/paging.py)."""
    authorize(session, Permission.READ_AUDIT)
    return paging.stream_newest(session, _entries_about(entity), AuditEntry.id, before=before)


def audit_to_dict(entry: AuditEntry) -> dict:
    return {"id": entry.id, "at": iso_utc(entry.at), "actor": entry.actor,
            "action": entry.action, "entity": entry.entity, "entity_id": entry.entity_id,
            "before": entry.before, "after": entry.after}
