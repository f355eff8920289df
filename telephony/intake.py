"""From an INVITE to a committed Call row, and every later write.

`read_invite` copies what the desk needs out of the raw message (pure
Python, testable without SIP). `CallLog` is the softphone's only door to
the database: each method is one short unit of work through the rules in
dispatch/calls.py, returning plain values. The one write before 180
Ringing (`ringing`) runs on the SIP thread and skips the ORM: see
RingingRowWriter. The writes after it run on the call log's thread
(telephony/log_thread.py) and hold SQLite's write lock only to write and
commit, fsyncing after it, so the next ringing call's INSERT waits neither
for their Python nor their fsync. On a SQLite file the usual ones (caller
link, claim, recording, final status) are plain SQL through the same rules
(dispatch/call_log_sqlite.py); the rest, and PostgreSQL, use the ORM
(`Database.session(brief_lock=True)`).
"""
from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime
from typing import Callable, TypeVar

from dispatch import calls
from dispatch.call_intake import MAX_SIP_CALL_ID, RingingRowWriter, inbound_values
from dispatch.call_log_sqlite import SqliteCallLogWriter
from dispatch.audit import record_audit
from dispatch.enums import CallStatus
from dispatch.models import Line
from dispatch.phone import PhoneNumber
from dispatch.sip_identity import (MAX_MESSAGE_BYTES, CallerIdentity, parse_called_number,
                                   parse_caller)
from dispatch.storage import Database, is_lock_conflict
from dispatch.timeutil import utcnow
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
T = TypeVar("T")
LOCK_CONFLICT_PATIENCE_S = 10.0  # as PRAGMA busy_timeout for every writer


@dataclass(frozen=True)
class InviteFacts:
    sip_call_id: str
    identity: CallerIdentity
    called: PhoneNumber
    peer: str
    received_ns: int
    at: datetime

    @property
    def caller(self) -> str | None:
        return None if self.identity.number.withheld else self.identity.number.e164

    @property
    def withheld(self) -> bool:
        return bool(self.identity.number.withheld or self.identity.privacy)

    @property
    def line(self) -> str | None:
        return self.called.e164 or self.called.short_code


def read_invite(whole_msg: str | bytes, *, source: str, sip_call_id: str,
                received_ns: int) -> InviteFacts:
    if isinstance(whole_msg, str):
        # This runs before the 180: the parsers get only the lines they read.
        caller_part, called_part = _identity_lines(whole_msg[:MAX_MESSAGE_BYTES])
        identity, called = parse_caller(caller_part), _called_number(called_part)
    else:
        identity, called = parse_caller(whole_msg), parse_called_number(whole_msg)
    return InviteFacts(sip_call_id=sip_call_id[:MAX_SIP_CALL_ID], identity=identity,
                       called=called, peer=source, received_ns=received_ns, at=utcnow())


_CALLER_HEADERS = frozenset({"from", "f", "p-asserted-identity", "remote-party-id", "privacy"})
_CALLED_HEADERS = frozenset({"to", "t"})


def _identity_lines(text: str) -> tuple[str, str]:
    """(the lines parse_caller reads, the lines parse_called_number reads).

    dispatch.sip_identity scans the whole header block once per header it
    looks for (eight times per INVITE). Each part keeps everything up to the
    first non-empty line (the request line), then only its own header lines
    with their folded continuations, and stops at the blank line before the
    body: what the parsers return is unchanged, they just read fewer lines.
    """
    caller: list[str] = []
    called: list[str] = []
    lines = text.split("\n")
    index = 0
    for index, line in enumerate(lines):
        caller.append(line)
        called.append(line)
        if line.rstrip("\r"):
            break
    keep: list[str] | None = None
    for line in lines[index + 1:]:
        stripped = line.rstrip("\r")
        if not stripped:
            break
        if stripped[0] in " \t":
            if keep is not None:
                keep.append(line)
            continue
        name = stripped.partition(":")[0].strip().lower()
        keep = caller if name in _CALLER_HEADERS else called if name in _CALLED_HEADERS else None
        if keep is not None:
            keep.append(line)
    return "\n".join(caller), "\n".join(called)


@lru_cache(maxsize=256)
def _called_number(request_line_and_to: str) -> PhoneNumber:
    """The dialled line: one of a handful, so parsed once per distinct text."""
    return parse_called_number(request_line_and_to)


# A made-up INVITE for warm_up(); it is never committed.
_WARM_UP_INVITE = ("INVITE sip:0361223333@127.0.0.1 SIP/2.0\r\n"
                   "From: \"Warm Up\" <sip:081200000000@127.0.0.1>;tag=w\r\n"
                   "P-Asserted-Identity: <tel:+6281200000000>\r\n"
                   "To: <sip:0361223333@127.0.0.1>\r\nCall-ID: warm-up\r\n\r\n")


def _go_on() -> None:
    pass


class _RollBack(Exception):
    pass


class CallLog:
    def __init__(self, database: Database, *, desk: str, actor: str,
                 plain_sql: bool = True, give_way: Callable[[], None] | None = None) -> None:
        self.database = database
        self.desk = desk
        self.actor = actor
        self._line_ids: dict[str | None, int] = {}
        self._rows = RingingRowWriter(database)
        # Called where a later write's unit of work can pause (storage.py):
        # the engine makes it wait while the SIP thread has work (log_thread.py).
        self._give_way = give_way or _go_on
        # The usual later writes, in plain SQL on a SQLite file (a sixth of
        # the ORM's CPU, see call_log_sqlite.py); the ORM does the rest.
        self._plain = (SqliteCallLogWriter(database, desk=desk)
                       if plain_sql and database.has_brief_lock_connections else None)

    def warm_up(self) -> None:
        """Run the intake path once and roll it back, so the first real
        call does not pay for phone metadata, SQL compilation and a cold
        connection (about 10 ms here, twice the ringing budget)."""
        facts = read_invite(_WARM_UP_INVITE, source="127.0.0.1:5060",
                            sip_call_id=f"warm-up-{self.desk}", received_ns=0)
        try:
            with self.database.session() as session:
                calls.record_ringing(session, sip_call_id=facts.sip_call_id,
                                     line_number=facts.called, identity=facts.identity,
                                     desk=self.desk, at=facts.at)
                session.flush()
                raise _RollBack
        except _RollBack:
            pass
        except Exception:  # noqa: BLE001 - a cold first call is no reason to stay down
            log.warning("softphone: warm-up of the call log failed", exc_info=True)
        try:
            # The pre-180 path proper: its connection, its compiled statement
            # (rolled back), and the line ids the desk already has.
            values = inbound_values(sip_call_id=facts.sip_call_id, line_id=None,
                                    identity=facts.identity, at=facts.at,
                                    status=CallStatus.RINGING, reason=None)
            self._rows.warm_up(values)
            with self.database.reading() as session:
                for number, line_id in session.execute(select(Line.number, Line.id)):
                    self._line_ids.setdefault(number, line_id)
        except Exception:  # noqa: BLE001
            log.warning("softphone: warm-up of the intake path failed", exc_info=True)

    def close(self) -> None:
        """On the SIP thread, at shutdown: give back the intake connection."""
        self._rows.close()

    def close_later_writes(self) -> None:
        """On the call log's thread, its last job: give back its connection."""
        if self._plain is not None:
            self._plain.close()

    # Intake writes must never stop the phone: a failure is logged loudly and
    # the call still rings (an unlogged emergency call beats an unanswered one).

    def ringing(self, facts: InviteFacts) -> tuple[int, bool] | None:
        """Step one, before 180: the row alone, committed (call_intake.py).
        Returns (call id, made here) for `ringing_logged`."""
        try:
            values = inbound_values(sip_call_id=facts.sip_call_id, line_id=self._line_id(facts),
                                    identity=facts.identity, at=facts.at,
                                    status=CallStatus.RINGING, reason=None)
            return self._rows.insert(values)
        except Exception:  # noqa: BLE001
            log.exception("softphone: could not log ringing call %s", facts.sip_call_id)
            return None

    def ringing_logged(self, call_id: int) -> None:
        """Step two, after 180: caller history link, audit entry, change event."""
        try:
            if self._plain is not None:
                self._again_on_conflict(
                    lambda: self._plain.complete_ringing(call_id, self._give_way))
            else:
                self._write(lambda session: calls.complete_ringing(session, call_id=call_id,
                                                                   desk=self.desk))
        except Exception:  # noqa: BLE001
            log.exception("softphone: could not complete the log of call %s", call_id)

    def _line_id(self, facts: InviteFacts) -> int | None:
        """Lines are a handful and change with a seed load: cache each number's
        id, asking the database only for a number not seen yet."""
        key = facts.line
        if key not in self._line_ids:
            with self.database.reading() as session:
                found = calls.line_id_for(session, facts.called)
            if found is None:
                return None
            self._line_ids[key] = found
        return self._line_ids[key]

    def rejected(self, facts: InviteFacts, reason: str) -> int | None:
        try:
            return self._write(lambda session: calls.record_rejected(
                session, sip_call_id=facts.sip_call_id, line_number=facts.called,
                identity=facts.identity, desk=self.desk, reason=reason, at=facts.at).id)
        except Exception:  # noqa: BLE001
            log.exception("softphone: could not log rejected call %s", facts.sip_call_id)
            return None

    def refused_peer(self, *, peer: str, sip_call_id: str, status_code: int) -> None:
        try:
            self._write(lambda session: record_audit(
                session, actor=self.desk, action="call.refused_peer", entity="call",
                entity_id=None, after={"peer": peer[:64], "status": status_code,
                                       "sip_call_id": sip_call_id[:128]}))
        except Exception:  # noqa: BLE001
            log.exception("softphone: could not audit refused INVITE from %s", peer)

    # Claims raise on purpose: the operator must learn the call is not theirs.

    def claim(self, sip_call_id: str, *, operator_id: int | None = None) -> int:
        if self._plain is not None:
            call, _ = self._again_on_conflict(lambda: self._plain.transition(
                sip_call_id, calls.answering, self._give_way, operator_id=operator_id))
            return call.id
        return self._write(lambda session: calls.mark_answered(
            session, sip_call_id=sip_call_id, desk=self.desk, operator_id=operator_id).id)

    def outbound_answered(self, sip_call_id: str) -> None:
        self._quietly("answered", calls.mark_answered, sip_call_id=sip_call_id, desk=self.desk)

    def ended(self, sip_call_id: str, *, ended_by: str) -> str | None:
        return self._status_after("ended", calls.mark_ended, calls.ending, sip_call_id,
                                  ended_by=ended_by)

    def abandoned(self, sip_call_id: str, *, ended_by: str) -> str | None:
        return self._status_after("abandoned", calls.mark_abandoned, calls.abandoning,
                                  sip_call_id, ended_by=ended_by)

    def declined(self, sip_call_id: str) -> str | None:
        return self._status_after("declined", calls.mark_declined, calls.declining,
                                  sip_call_id)

    def recording(self, sip_call_id: str, path: str) -> None:
        if self._plain is None:
            self._quietly("recording", calls.set_recording, sip_call_id=sip_call_id, path=path)
            return
        try:
            self._again_on_conflict(
                lambda: self._plain.set_recording(sip_call_id, path, self._give_way))
        except Exception:  # noqa: BLE001
            log.exception("softphone: could not log recording for %s", sip_call_id)

    def hold(self, sip_call_id: str, held: bool) -> None:
        self._quietly("hold", calls.note_hold, sip_call_id=sip_call_id, held=held,
                      actor=self.actor)

    def callback_target(self, original_id: int) -> str:
        with self.database.reading() as session:
            return calls.callback_target(session, original_id)

    def call_back(self, *, original_id: int, sip_call_id: str, actor: str) -> int:
        with self.database.session() as session:
            return calls.record_call_back(session, original_id=original_id,
                                          sip_call_id=sip_call_id, desk=self.desk,
                                          actor=actor).id

    def _status_after(self, what: str, operation, rule, sip_call_id: str,
                      **arguments) -> str | None:
        """Run a transition (the ORM `operation`, or its `rule` in plain SQL);
        the new status, or None if it changed nothing."""
        def in_plain_sql() -> str | None:
            _, change = self._plain.transition(sip_call_id, rule, self._give_way, **arguments)
            return None if change is None else str(change.values["status"])

        def through_the_orm(session) -> str | None:
            call = operation(session, sip_call_id=sip_call_id, desk=self.desk, **arguments)
            return None if call is None else str(call.status)
        try:
            if self._plain is not None:
                return self._again_on_conflict(in_plain_sql)
            return self._write(through_the_orm)
        except Exception:  # noqa: BLE001
            log.exception("softphone: could not log %s for %s", what, sip_call_id)
            return None

    def _quietly(self, what: str, operation, **kwargs) -> None:
        try:
            self._write(lambda session: operation(session, **kwargs))
        except Exception:  # noqa: BLE001
            log.exception("softphone: could not log %s for %s", what, kwargs.get("sip_call_id"))

    def _write(self, work: Callable[[Session], T]) -> T:
        """One unit of work of the call log's thread, holding the lock briefly."""
        def unit() -> T:
            with self.database.session(brief_lock=True, give_way=self._give_way) as session:
                return work(session)
        return self._again_on_conflict(unit)

    def _again_on_conflict(self, unit: Callable[[], T]) -> T:
        """When SQLite refuses a unit's first write (a call rang in between,
        or another writer holds the lock: with a read already open, SQLite
        does not wait), run it again after a pause, for as long as any other
        writer of the desk would wait for the lock."""
        deadline = time.monotonic() + LOCK_CONFLICT_PATIENCE_S
        pause = 0.001
        while True:
            try:
                return unit()
            except (OperationalError, sqlite3.OperationalError) as exc:
                if not is_lock_conflict(exc) or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.02)
