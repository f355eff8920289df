"""From an INVITE to a durable record of the call, and every later write.

`read_invite` copies what the desk needs out of the raw message (pure
Python, testable without SIP). `CallLog` is the softphone's only door to
the database: each method hands one plain-data entry to the call log's
one writer (dispatch/call_log.py) through `DurableCallLog`, which applies
it at once or, when the database refuses, journals it for later
(telephony/durable_log.py); either way the event is durable when the
method returns. The write before 180 Ringing (`ringing`), and before the
desk's own 486 to a call it has no room for (`turned_away`), run on the
SIP thread on a connection of their own (dispatch/call_intake.py). The
writes after them run on the call log's thread (telephony/log_thread.py)
and hold SQLite's write lock only to write and commit, fsyncing after it
(dispatch/call_log_units.py), so the next ringing call's INSERT waits
neither for their Python nor their fsync.
"""
from __future__ import annotations

import dataclasses
import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import select

from dispatch import call_log, calls, log_privacy
from dispatch.call_intake import MAX_SIP_CALL_ID, RingingRowWriter, inbound_values
from dispatch.call_log_units import CallLogUnits
from dispatch.enums import CallStatus, LinePurpose
from dispatch.models import Line
from dispatch.phone import PhoneNumber
from dispatch.sip_identity import (
    MAX_MESSAGE_BYTES,
    CallerIdentity,
    parse_called_number,
    parse_caller,
)
from dispatch.storage import Database
from dispatch.timeutil import utcnow
from telephony.blocked_numbers import BlockedNumbers
from telephony.durable_log import JOURNALED, DurableCallLog
from telephony.journal import CallJournal

log = logging.getLogger(__name__)
# The SIP thread waits this long at most for SQLite's write lock before the
# 180; after that the call is journaled and rings (the row follows).
INTAKE_LOCK_PATIENCE_S = 1.0
# The call log's thread waits longer (its writes follow the call, and every
# event behind them waits too), then journals as well.
LOG_LOCK_PATIENCE_S = 3.0
# Live calls from blocked numbers this log remembers (their rows' ids);
# an entry is dropped at the call's final write, the oldest past this.
MAX_BLOCKED_CALLS = 256


@dataclass(frozen=True)
class InviteFacts:
    sip_call_id: str
    identity: CallerIdentity
    called: PhoneNumber
    peer: str
    received_ns: int
    at: datetime
    blocked: bool = False  # a supervisor blocked the caller's number (BlockedNumbers)

    @property
    def caller(self) -> str | None:
        return None if self.identity.number.withheld else self.identity.number.e164

    @property
    def withheld(self) -> bool:
        return bool(self.identity.number.withheld or self.identity.privacy)

    @property
    def line(self) -> str | None:
        return self.called.e164 or self.called.short_code

    def on_emergency_line(self) -> InviteFacts:
        """RFC 3325: on an emergency line a number the network asserted is
        kept, marked private, even when the caller asked for privacy."""
        identity = self.identity.for_emergency_line()
        return self if identity is self.identity else dataclasses.replace(self, identity=identity)


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
    headers_from = len(lines)  # no request line: no header lines either
    for index, line in enumerate(lines):
        caller.append(line)
        called.append(line)
        if line.rstrip("\r"):
            headers_from = index + 1
            break
    keep: list[str] | None = None
    for line in lines[headers_from:]:
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


class _RollBack(Exception):
    pass


class CallLog:
    def __init__(self, database: Database, *, desk: str, actor: str, journal: CallJournal,
                 give_way: Callable[[], None] | None = None,
                 on_journal_change: Callable[[bool, str, int], None] | None = None,
                 blocked: BlockedNumbers | None = None, blocked_policy: str = "log") -> None:
        self.database = database
        self.blocked = blocked
        self.blocked_policy = blocked_policy
        # SIP Call-ID -> (row id, status written) of each call from a blocked
        # number: written on the SIP thread before the call's later writes
        # are queued, read and dropped by them on the call log's thread.
        self._blocked_calls: dict[str, tuple[int | None, CallStatus]] = {}
        self.desk = desk
        self.actor = actor
        self._lines: dict[str | None, tuple[int, LinePurpose]] = {}
        self._rows = RingingRowWriter(database, desk=desk, lock_patience_s=INTAKE_LOCK_PATIENCE_S)
        # Called where a later write's unit of work can pause (call_log_units.py):
        # the engine makes it wait while the SIP thread has work (log_thread.py).
        self._give_way = give_way
        self._units: CallLogUnits | None = None  # the call log thread's, made there
        self.durable = DurableCallLog(journal, on_change=on_journal_change)

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
            # (rolled back), and the lines the desk already has.
            values = inbound_values(sip_call_id=facts.sip_call_id, line_id=None,
                                    identity=facts.identity, at=facts.at,
                                    status=CallStatus.RINGING, reason=None)
            self._rows.warm_up(values)
            with self.database.reading() as session:
                for number, line_id, purpose in session.execute(
                        select(Line.number, Line.id, Line.purpose)):
                    self._lines.setdefault(number, (line_id, purpose))
            # The centre's own lines are public: the log may name them.
            log_privacy.declare_public_numbers(number for number in self._lines if number)
        except Exception:  # noqa: BLE001
            log.warning("softphone: warm-up of the intake path failed", exc_info=True)

    def close(self) -> None:
        """On the SIP thread, at shutdown: give back the intake connection."""
        self._rows.close()

    def close_later_writes(self) -> None:
        """On the call log's thread, its last job: give back its connection."""
        if self._units is not None:
            self._units.close()

    # ------------------------------------------------------ the SIP thread
    #
    # Intake writes must never stop the phone: a failure of the database
    # journals the entry; should even the journal fail, it is logged loudly
    # and the call still rings (an unlogged emergency call beats an
    # unanswered one).

    def identify(self, facts: InviteFacts) -> InviteFacts:
        """The facts as this desk keeps them: on an emergency line a
        private number the network asserted is kept (RFC 3325)."""
        line = self._line(facts)
        if line is not None and line[1] is LinePurpose.EMERGENCY:
            facts = facts.on_emergency_line()
        if self.blocked is not None and facts.caller in self.blocked.numbers:
            facts = dataclasses.replace(facts, blocked=True)
        return facts

    def ringing(self, facts: InviteFacts) -> tuple[int | None, bool] | None:
        """Before the 180: the row (or its journal entry), durable. Returns
        (call id, made here) for `ringing_logged`; (None, False) when the
        journal took it; None if neither could."""
        return self._inbound(facts, CallStatus.RINGING, None)

    def turned_away(self, facts: InviteFacts, reason: str) -> tuple[int | None, bool] | None:
        """Before the desk's own 486: the row of a call it has no room for,
        on the callback list."""
        return self._inbound(facts, CallStatus.REJECTED, reason)

    def _inbound(self, facts: InviteFacts, status: CallStatus,
                 reason: str | None) -> tuple[int | None, bool] | None:
        try:
            line = self._line(facts)
            values = inbound_values(sip_call_id=facts.sip_call_id,
                                    line_id=None if line is None else line[0],
                                    identity=facts.identity, at=facts.at, status=status,
                                    reason=reason)
            if facts.blocked:
                _mark_blocked(values)
            entry = {"op": "inbound", "key": facts.sip_call_id, "values": values,
                     "desk": self.desk, "complete": True}
            was_journaling = self.durable.journaling
            result = self.durable.write(entry, lambda entry: self._rows.insert(entry["values"]))
            if result is JOURNALED and not was_journaling:
                # The database just failed under this very call: whatever of
                # the failure a driver keeps in a reference cycle is freed
                # here, on the SIP thread (see durable_log.forget_frames).
                gc.collect()
            result = (None, False) if result is JOURNALED else result
            if facts.blocked:
                self._remember_blocked(facts.sip_call_id, result[0], status)
            return result
        except Exception:  # noqa: BLE001
            log.exception("softphone: could not log call %s", facts.sip_call_id)
            return None

    def _line(self, facts: InviteFacts) -> tuple[int, LinePurpose] | None:
        """Lines are a handful and change with a seed load: cache each, asking
        the database only for a number not seen yet (never while journaling:
        the row can do without its line id, the caller cannot wait)."""
        key = facts.line
        found = self._lines.get(key)
        if found is None and key and not self.durable.journaling:
            try:
                with self.database.reading() as session:
                    found = session.execute(select(Line.id, Line.purpose).where(
                        Line.number == key)).first()
            except Exception:  # noqa: BLE001
                log.warning("softphone: could not look up line %s", key)
                return None
            if found is not None:
                found = self._lines[key] = (found[0], found[1])
        return found

    # ------------------------------------------------ the call log thread

    def ringing_logged(self, sip_call_id: str) -> None:
        """After the 180: caller history link, audit entry, change event."""
        self._quietly("completion", {"op": "complete", "key": sip_call_id, "desk": self.desk})
        found = self._blocked_calls.get(sip_call_id)
        if found is not None:
            call_id, status = found
            if status is not CallStatus.RINGING:  # turned away: that was its last write
                self._blocked_calls.pop(sip_call_id, None)
            self._quietly("blocked call", {
                "op": "audit", "key": f"blocked:{sip_call_id[:200]}", "actor": self.desk,
                "action": "call.blocked", "entity": "call", "entity_id": call_id,
                "after": {"policy": self.blocked_policy, "status": status}})

    def _remember_blocked(self, sip_call_id: str, call_id: int | None,
                          status: CallStatus) -> None:
        self._blocked_calls[sip_call_id] = (call_id, status)
        if len(self._blocked_calls) > MAX_BLOCKED_CALLS:
            self._blocked_calls.pop(next(iter(self._blocked_calls)))

    def _blocked_call_ends(self, sip_call_id: str) -> dict:
        """The rule's extra argument for a blocked caller: never on the
        callback list (call-takers would be asked to ring a prank back)."""
        return {"blocked": True} if self._blocked_calls.pop(sip_call_id, None) else {}

    def rejected(self, facts: InviteFacts, reason: str) -> int | None:
        """A call pjsua turned away before the desk heard of it."""
        values = inbound_values(sip_call_id=facts.sip_call_id,
                                line_id=(self._lines.get(facts.line) or (None,))[0],
                                identity=facts.identity, at=facts.at,
                                status=CallStatus.REJECTED, reason=reason)
        if facts.blocked:
            _mark_blocked(values)
        result = self._quietly("rejected call", {
            "op": "inbound", "key": facts.sip_call_id, "values": values, "desk": self.desk,
            "complete": True})
        return result[0] if result else None

    def refused_peer(self, *, peer: str, sip_call_id: str, status_code: int) -> None:
        self._quietly("refused INVITE", {
            "op": "audit", "key": f"peer:{sip_call_id[:200]}", "actor": self.desk,
            "action": "call.refused_peer", "entity": "call",
            "after": {"peer": peer[:64], "status": status_code,
                      "sip_call_id": sip_call_id[:128]}})

    # Claims raise on purpose: the operator must learn the call is not theirs.

    def claim(self, sip_call_id: str, *, operator_id: int | None = None) -> int | None:
        """The call's id once claimed for this desk; None when journaled
        (the answer goes ahead: the citizen must be heard)."""
        result = self._write(self._transition(sip_call_id, "answering",
                                              operator_id=operator_id))
        return None if result is JOURNALED else result[0].id

    def outbound_answered(self, sip_call_id: str) -> None:
        self._quietly("answered", self._transition(sip_call_id, "answering"))

    def ended(self, sip_call_id: str, *, ended_by: str) -> str | None:
        self._blocked_calls.pop(sip_call_id, None)
        return self._status_after("ending", sip_call_id, CallStatus.ENDED, ended_by=ended_by)

    def abandoned(self, sip_call_id: str, *, ended_by: str) -> str | None:
        return self._status_after("abandoning", sip_call_id, CallStatus.ABANDONED,
                                  ended_by=ended_by, **self._blocked_call_ends(sip_call_id))

    def declined(self, sip_call_id: str) -> str | None:
        self._blocked_calls.pop(sip_call_id, None)
        return self._status_after("declining", sip_call_id, CallStatus.REJECTED)

    def timed_out(self, sip_call_id: str) -> str | None:
        return self._status_after("timing_out", sip_call_id, CallStatus.TIMED_OUT,
                                  **self._blocked_call_ends(sip_call_id))

    def recording(self, sip_call_id: str, path: str) -> None:
        self._quietly("recording", {"op": "recording", "key": sip_call_id, "path": path})

    def hold(self, sip_call_id: str, held: bool) -> None:
        self._quietly("hold", {"op": "hold", "key": sip_call_id, "held": held,
                               "actor": self.actor})

    def strand_earlier_calls(self, *, started_before: datetime, ring_timeout_s: float) -> None:
        """At the engine's start: close what a crash of this desk left live
        (dispatch/call_log.STRANDED), as the first entry of this run."""
        self._quietly("stranded calls", {
            "op": "strand", "key": f"strand:{self.desk}:{started_before.isoformat()}",
            "desk": self.desk, "at": utcnow(), "started_before": started_before,
            "older_than": started_before - timedelta(seconds=ring_timeout_s + 30),
            "note": f"desk {self.desk} stopped while the call was live (crash); "
                    "closed at its next start"})

    def replay_journal(self) -> bool:
        """On the call log's thread: True once the journal is drained."""
        return self.durable.replay(self._the_units())

    def callback_target(self, original_id: int) -> str:
        with self.database.reading() as session:
            return calls.callback_target(session, original_id)

    def call_back(self, *, original_id: int, sip_call_id: str, actor: str) -> int:
        with self.database.session() as session:
            return calls.record_call_back(session, original_id=original_id,
                                          sip_call_id=sip_call_id, desk=self.desk,
                                          actor=actor).id

    # ----------------------------------------------------------- helpers

    def _transition(self, sip_call_id: str, rule: str, **arguments) -> dict:
        return {"op": "transition", "key": sip_call_id, "rule": rule, "desk": self.desk,
                "at": utcnow(), "arguments": arguments}

    def _status_after(self, rule: str, sip_call_id: str, expected: CallStatus,
                      **arguments) -> str | None:
        """The call's new status, None if the rule changed nothing; when
        journaled, the status the rule will give it."""
        result = self._quietly(rule, self._transition(sip_call_id, rule, **arguments),
                               journaled=JOURNALED)
        if result is JOURNALED:
            return f"{expected.value} (journaled)"
        if not result:
            return None
        _, change = result
        return None if change is None else str(change.values["status"])

    def _quietly(self, what: str, entry: dict, journaled=None):
        try:
            result = self._write(entry)
        except Exception:  # noqa: BLE001 - one call's log must not stop the phone
            log.exception("softphone: could not log %s for %s", what, entry.get("key", "-"))
            return None
        return journaled if result is JOURNALED else result

    def _write(self, entry: dict):
        return self.durable.write(entry, self._apply)

    def _apply(self, entry: dict):
        return self._the_units().run(lambda x: call_log.apply_entry(x, entry))

    def _the_units(self) -> CallLogUnits:
        if self._units is None:
            self._units = CallLogUnits(self.database, give_way=self._give_way,
                                       lock_patience_s=LOG_LOCK_PATIENCE_S)
        return self._units


def _mark_blocked(values: dict) -> None:
    """The row of a call from a blocked number: marked so in its identity
    (what the statistics count as blocked), and never on the callback list."""
    values["identity_headers"]["blocked"] = True
    if values.get("callback_state") is not None:
        values["callback_state"] = None
