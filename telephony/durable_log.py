"""Every call event reaches the database, or waits in the journal until it can.

The engine writes each event of a call as a plain-data entry
(dispatch/call_log.apply_entry) through `DurableCallLog.write`:

* while the database takes writes, the entry is applied at once and the
  caller gets the result (a call's id, a transition's outcome);
* when the database refuses (PostgreSQL stopped, the disk under SQLite
  full, the file locked for too long), the entry goes to the journal
  (telephony/journal.py), fsynced, and `write` returns `JOURNALED`: the
  caller goes on (the phone rings, the answer connects) without the
  database's answer. From then on every entry goes to the journal, behind
  the ones already there, so a call's events keep their order;
* `replay` (on the call log's thread, every second while journaling)
  applies the journal in order. Each entry is marked in `journal_applied`
  by its SIP Call-ID and event in the same transaction, so an entry
  replayed twice (a crash mid-replay) is applied once. When the journal
  is drained, writes go to the database again.

A refusal by the domain's rules (another desk answered first) is not an
outage: it propagates live, and is logged and passed over in a replay. An
entry the database refuses for any other reason than being unavailable
(a bug) is moved to `quarantine.jsonl` beside the journal, and said so.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, PendingRollbackError

from dispatch import call_log
from dispatch.call_log_units import CallLogUnits
from dispatch.errors import DeskError
from dispatch.timeutil import utcnow
from telephony.journal import CallJournal, JournalError, encode

log = logging.getLogger(__name__)
T = TypeVar("T")
MARK_EVERY = 32  # entries replayed between two records of the progress


class _Journaled:
    def __repr__(self) -> str:
        return "JOURNALED"

    def __bool__(self) -> bool:
        return False


JOURNALED = _Journaled()
"""What `write` returns for an entry the journal took instead of the database."""


def unavailable(exc: BaseException) -> bool:
    """The database cannot take writes now (as opposed to refusing this one)."""
    if isinstance(exc, (OperationalError, InterfaceError, PendingRollbackError)):
        return True  # the last: a connection that broke under an earlier statement
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, (sqlite3.OperationalError, OSError, ConnectionError, TimeoutError))


def forget_frames(exc: BaseException) -> None:
    """Cut every traceback of an exception and of those it wraps. On the SIP
    thread, its frames lead (through f_back) to onIncomingCall's, which hold
    pj objects; kept alive by a cycle in a driver's exception, they would be
    freed by the collector on whatever thread it runs, and a pj.Call freed
    off the SIP thread aborts the process."""
    seen: set[int] = set()
    pending = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        current.__traceback__ = None
        pending += [current.__context__, current.__cause__, getattr(current, "orig", None)]


def reason_of(exc: BaseException) -> str:
    """One line for the operator, without the statement or its parameters."""
    if isinstance(exc, PendingRollbackError):
        return "database connection lost"
    original = getattr(exc, "orig", None) or exc
    text = (str(original).strip().splitlines() or [type(original).__name__])[0]
    lowered = text.lower()
    if "disk is full" in lowered or "no space" in lowered:
        return "disk full"
    if "locked" in lowered or "busy" in lowered:
        return "database locked by another program"
    if "connection refused" in lowered or "could not connect" in lowered:
        return "database server not reachable"
    if "terminating connection" in lowered or "server closed the connection" in lowered \
            or "connection is closed" in lowered or "the database system is" in lowered:
        return "database server stopped"
    return text[:160]


class DurableCallLog:
    def __init__(self, journal: CallJournal, *,
                 on_change: Callable[[bool, str, int], None] | None = None) -> None:
        self.journal = journal
        self._on_change = on_change or (lambda *_: None)
        self._lock = threading.Lock()
        self.journaling = journal.has_pending
        self.reason = "events left from the last run" if self.journaling else ""
        self.journaled_count = 0

    # ----------------------------------------------------------- writing

    def write(self, entry: dict, apply: Callable[[dict], T]) -> T | _Journaled:
        """`apply(entry)` on the database, or the entry journaled."""
        if self.journaling:
            with self._lock:
                if self.journaling:
                    self._append(entry)
                    return JOURNALED
        try:
            return apply(entry)
        except DeskError:
            raise  # the rules said no: not an outage
        except Exception as exc:  # noqa: BLE001 - anything else must not lose the call
            why = reason_of(exc) if unavailable(exc) else f"write failed: {reason_of(exc)}"
            forget_frames(exc)
            with self._lock:
                self._append(entry)
                started = not self.journaling
                self.journaling, self.reason = True, why
            if started:
                log.warning("calls are being journaled: database unavailable: %s", why)
                self._on_change(True, why, self.journaled_count)
            return JOURNALED

    def _append(self, entry: dict) -> None:
        entry.setdefault("event", _event_name(entry))
        try:
            self.journal.append(entry)
        except JournalError as exc:
            # Nowhere left to keep it: say so loudly, once per entry, without
            # its content (a caller's number). The call itself goes on.
            log.critical("call event LOST (%s %s): %s; neither the database nor the journal "
                         "could take it", entry.get("op"), entry.get("rule", ""), exc)
            raise
        self.journaled_count += 1

    # ---------------------------------------------------------- replaying

    def replay(self, units: CallLogUnits) -> bool:
        """On the call log's thread: apply what the journal holds, in order.
        True once it is drained and writes go to the database again."""
        replayed = since_mark = 0
        last = None
        for end, entry in self.journal.pending():
            try:
                units.run(lambda x, entry=entry: _apply_once(x, entry))
            except DeskError as refusal:
                log.warning("journal: %s %s refused on replay (%s); passed over",
                            entry.get("op"), entry.get("rule", ""), refusal)
            except Exception as exc:  # noqa: BLE001
                if unavailable(exc):
                    if last is not None:
                        self.journal.mark_applied(last)
                    self.reason = reason_of(exc)
                    return False
                self._quarantine(entry, exc)
            replayed += 1
            since_mark += 1
            last = end
            if since_mark >= MARK_EVERY:
                self.journal.mark_applied(end)
                since_mark = 0
        if last is not None:
            self.journal.mark_applied(last)
        with self._lock:
            if not self.journal.start_over_if_drained():
                return False  # a new entry came in meanwhile: the next round takes it
            was, self.journaling = self.journaling, False
            count, self.journaled_count = self.journaled_count, 0
        if was:
            log.warning("calls are logged in the database again: %d journaled events replayed",
                        replayed)
            self._on_change(False, "", count)
        return True

    def _quarantine(self, entry: dict, exc: BaseException) -> None:
        path = Path(self.journal.path).with_name("quarantine.jsonl")
        log.error("journal: %s %s cannot be applied (%s); kept in %s",
                  entry.get("op"), entry.get("rule", ""), reason_of(exc), path)
        try:
            with open(path, "ab") as out:
                out.write(json.dumps({"at": utcnow().isoformat(), "error": reason_of(exc)})
                          .encode() + b"\n" + encode(entry) + b"\n")
        except OSError:
            log.exception("journal: cannot write %s", path)


def _apply_once(x, entry: dict):
    if entry.get("op") == "unreadable":
        return None
    key = entry.get("key") or f"journal:{entry.get('event')}"
    if not call_log.first_time(x, key=key, event=entry["event"], at=utcnow()):
        return None
    return call_log.apply_entry(x, entry)


def _event_name(entry: dict) -> str:
    """The entry's name in journal_applied, with its SIP Call-ID: the event
    for a call's one-off steps, made unique for the ones that repeat."""
    op = entry["op"]
    if op == "inbound":
        return "inbound"
    if op == "complete":
        return "complete"
    if op == "transition":
        return entry["rule"]
    return f"{op}:{uuid.uuid4().hex[:12]}"
