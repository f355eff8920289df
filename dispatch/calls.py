"""Calls: every call that rang, answered or not, and the callback list.

The operations the command line and the window use, in an ORM Session.
What may happen to a call is decided by dispatch/call_rules.py and written
by dispatch/call_log.py, the one writer of a call's log, which the
softphone's engine and the replay of its journal use too: the functions
here lend it the session's connection, then hand back fresh ORM rows.
Nothing here knows SIP.

Several desks may receive the same forked INVITE: the SIP Call-ID is the
key, so they share one row, and the first desk to answer claims it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from dispatch import call_log, paging, paths
from dispatch.audit import record_audit
from dispatch.call_intake import MAX_NOTE, check_sip_call_id, inbound_values
from dispatch.call_log import MAX_RECORDING_PATH, ConnectionExecutor  # noqa: F401 (re-export)
from dispatch.call_rules import (  # noqa: F401
    FINISHED,
    CallTaken,
    abandoning,
    answering,
    check_ended_by,
    declining,
    ending,
    timing_out,
)
from dispatch.enums import CallbackState, CallStatus
from dispatch.errors import InvalidInput, NotFound
from dispatch.events import announce
from dispatch.models import Call, Complaint, Incident, Line
from dispatch.permissions import Permission, authorize
from dispatch.phone import PhoneNumber, format_for_display, normalise_number
from dispatch.sip_identity import CallerIdentity
from dispatch.timeutil import iso_utc, utcnow


def writing(session: Session) -> ConnectionExecutor:
    """The call log's writer on this session's connection: changes are
    announced through the session (sent when it commits)."""
    session.flush()
    return ConnectionExecutor(session.connection(), announce_to=partial(announce, session))


def _fresh(session: Session, x: ConnectionExecutor, call_id: int | None) -> Call | None:
    """The rows the writer changed, reloaded into the session's objects."""
    for touched in x.touched_calls - {call_id}:
        if session.identity_map.get((Call, (touched,), None)) is not None:
            session.get(Call, touched, populate_existing=True)
    return None if call_id is None else session.get(Call, call_id, populate_existing=True)


# ---------------------------------------------------------------- intake

def record_ringing(session: Session, *, sip_call_id: str, line_number: str | PhoneNumber | None,
                   identity: CallerIdentity, desk: str, at: datetime | None = None) -> Call:
    """The row for a call that is ringing; idempotent on the SIP Call-ID,
    so a second desk receiving the same forked INVITE gets the same row."""
    return _record_inbound(session, sip_call_id=sip_call_id, line_number=line_number,
                           identity=identity, desk=desk, at=at or utcnow(),
                           status=CallStatus.RINGING, reason=None)


def record_rejected(session: Session, *, sip_call_id: str, line_number: str | PhoneNumber | None,
                    identity: CallerIdentity, desk: str, reason: str,
                    at: datetime | None = None) -> Call:
    """A call the desk turned away before ringing (all lines busy): the
    caller reached nobody, so it goes straight onto the callback list."""
    return _record_inbound(session, sip_call_id=sip_call_id, line_number=line_number,
                           identity=identity, desk=desk, at=at or utcnow(),
                           status=CallStatus.REJECTED, reason=reason)


def _record_inbound(session: Session, *, sip_call_id: str, line_number, identity: CallerIdentity,
                    desk: str, at: datetime, status: CallStatus, reason: str | None) -> Call:
    values = inbound_values(sip_call_id=sip_call_id, line_id=_line_id(session, line_number),
                            identity=identity, at=at, status=status, reason=reason)
    x = writing(session)
    call_id, made = call_log.insert_inbound(x, values, desk=desk)
    if made:
        call_log.complete_ringing(x, call_id=call_id, desk=desk)
    return _fresh(session, x, call_id)


def complete_ringing(session: Session, *, call_id: int, desk: str) -> None:
    """What a new call's row needs besides itself: the caller's history link,
    the audit entry and the change event (see dispatch/call_intake.py)."""
    x = writing(session)
    call_log.complete_ringing(x, call_id=call_id, desk=desk)
    _fresh(session, x, call_id)


def line_id_for(session: Session, line_number: str | PhoneNumber | None) -> int | None:
    return _line_id(session, line_number)


def _line_id(session: Session, line_number: str | PhoneNumber | None) -> int | None:
    number = line_number if isinstance(line_number, PhoneNumber) else normalise_number(line_number)
    key = number.e164 or number.short_code
    if not key:
        return None
    return session.scalar(select(Line.id).where(Line.number == key))


# ---------------------------------------------------------- transitions

def _transition(session: Session, rule, sip_call_id: str, **arguments) -> Call | None:
    x = writing(session)
    state, change = call_log.transition(x, key=sip_call_id, rule=rule, **arguments)
    call = _fresh(session, x, state.id)
    return call if change is not None or rule is answering else None


def mark_answered(session: Session, *, sip_call_id: str, desk: str,
                  at: datetime | None = None, operator_id: int | None = None) -> Call:
    """Claim the call for `desk` (for a call-back: the far end picked up).
    Raises CallTaken if another desk claimed it first; answering twice on
    the same desk is harmless."""
    return _transition(session, answering, sip_call_id, desk=desk, at=at or utcnow(),
                       operator_id=operator_id)


def mark_ended(session: Session, *, sip_call_id: str, ended_by: str, desk: str,
               at: datetime | None = None) -> Call | None:
    """An answered call hung up. Only the desk holding the call ends it: the
    other desk's leg of a forked call closing changes nothing."""
    check_ended_by(ended_by)
    return _transition(session, ending, sip_call_id, ended_by=ended_by, desk=desk,
                       at=at or utcnow())


def mark_abandoned(session: Session, *, sip_call_id: str, desk: str, ended_by: str = "caller",
                   at: datetime | None = None) -> Call | None:
    """The call went away before anyone spoke to the caller: CANCEL or BYE
    while ringing, or the caller hung up just as this desk picked up (the
    answer never connected). If another desk answered, nothing changes."""
    check_ended_by(ended_by)
    return _transition(session, abandoning, sip_call_id, ended_by=ended_by, desk=desk,
                       at=at or utcnow())


def mark_declined(session: Session, *, sip_call_id: str, desk: str,
                  at: datetime | None = None) -> Call | None:
    """An operator refused a ringing call on purpose: not a callback. Also
    when this desk's answer was being claimed as the operator declined (the
    answer never connected)."""
    return _transition(session, declining, sip_call_id, desk=desk, at=at or utcnow())


def mark_timed_out(session: Session, *, sip_call_id: str, desk: str,
                   at: datetime | None = None) -> Call | None:
    """Nobody answered within the ring timeout: ended by the desk, on the
    callback list."""
    return _transition(session, timing_out, sip_call_id, desk=desk, at=at or utcnow())


def set_recording(session: Session, *, sip_call_id: str, path: str | Path) -> Call:
    x = writing(session)
    return _fresh(session, x, call_log.set_recording(x, key=sip_call_id, path=str(path)))


def note_hold(session: Session, *, sip_call_id: str, held: bool, actor: str) -> Call:
    """Hold is not a status (the call stays answered) but it is audited."""
    authorize(session, Permission.ANSWER_CALLS)
    x = writing(session)
    return _fresh(session, x, call_log.note_hold(x, key=sip_call_id, held=held, actor=actor))


# ------------------------------------------------------- callback list

def callback_list(session: Session) -> list[Call]:
    """Calls still waiting for a call-back, oldest first."""
    query = (select(Call).where(Call.callback_state == CallbackState.PENDING)
             .order_by(Call.started_at, Call.id))
    return list(session.scalars(query))


def clear_callback(session: Session, *, call_id: int, reason: str, actor: str) -> Call:
    authorize(session, Permission.ANSWER_CALLS)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("say why the call-back is no longer needed (--reason)",
                           code="callback.reason_required")
    if len(reason) > MAX_NOTE:
        raise InvalidInput(f"the reason is longer than {MAX_NOTE} characters",
                           code="text.too_long", what="reason", limit=MAX_NOTE)
    x = writing(session)
    call_log.clear_callback(x, call_id=call_id, reason=reason, actor=actor)
    return _fresh(session, x, call_id)


def callback_target(session: Session, call_id: int) -> str:
    """The E.164 number to dial for a call-back, or a clear refusal. A
    private number the network asserted on the emergency line is kept
    for exactly this (RFC 3325): the centre may call back."""
    call = get_call(session, call_id)
    if not call.caller_number:
        raise InvalidInput(f"call {call_id} has no caller number to call back",
                           code="call.no_number", call=call_id)
    return call.caller_number


def record_call_back(session: Session, *, original_id: int, sip_call_id: str, desk: str,
                     actor: str, at: datetime | None = None) -> Call:
    """The outgoing call an operator placed to call a caller back."""
    authorize(session, Permission.ANSWER_CALLS)
    x = writing(session)
    call_id = call_log.record_call_back(x, original_id=original_id,
                                        key=check_sip_call_id(sip_call_id), desk=desk,
                                        actor=actor, at=at or utcnow())
    return _fresh(session, x, call_id)


# -------------------------------------------------------------- queries

def get_call(session: Session, call_id: int) -> Call:
    call = session.get(Call, call_id)
    if call is None:
        raise NotFound(f"no call {call_id}", code="call.not_found", call=call_id)
    return call


def find_by_sip_call_id(session: Session, sip_call_id: str) -> Call | None:
    return session.scalar(select(Call).where(Call.sip_call_id == sip_call_id))


def list_calls(session: Session, *, status: CallStatus | None = None,
               since: datetime | None = None, limit: int | None = None) -> list[Call]:
    """Oldest first: the order calls rang in, which is the order to answer them."""
    query = select(Call).order_by(Call.started_at, Call.id)
    if status is not None:
        query = query.where(Call.status == status)
    if since is not None:
        query = query.where(Call.started_at >= since)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def _calls_matching(status: CallStatus | None, since: datetime | None):
    query = select(Call).options(joinedload(Call.line))  # describe_call shows the line
    if status is not None:
        query = query.where(Call.status == status)
    if since is not None:
        query = query.where(Call.started_at >= since)
    return query


def calls_page(session: Session, *, status: CallStatus | None = None,
               since: datetime | None = None, limit: int = paging.DEFAULT_LIMIT,
               before: int | None = None) -> paging.Page[Call]:
    """Newest first, `limit` calls with an id below `before` (dispatch/paging.py)."""
    return paging.newest_page(session, _calls_matching(status, since), Call.id, limit=limit,
                              before=before)


def stream_calls(session: Session, *, status: CallStatus | None = None,
                 since: datetime | None = None, before: int | None = None):
    """Every matching call, newest first, in constant memory (dispatch/paging.py),
    for describe_call: each with the call's columns and its line. Plain rows,
    not ORM objects, which over a million calls cost a quarter of the time
    (bench/bench_lists.py)."""
    lines = {line.id: line for line in session.scalars(select(Line))}
    table = Call.__table__
    query = select(table)
    if status is not None:
        query = query.where(table.c.status == status)
    if since is not None:
        query = query.where(table.c.started_at >= since)
    for row in paging.stream_newest(session, query, table.c.id, before=before, orm=False):
        yield SimpleNamespace(**row._mapping, line=lines.get(row.line_id))


@dataclass(frozen=True)
class HistoryEntry:
    kind: str  # call / incident / complaint
    id: int
    at: datetime
    status: str
    summary: str
    classification: str | None = None  # calls: prank, ghost, … (dispatch/call_types.py)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "at": iso_utc(self.at),
                "status": self.status, "summary": self.summary,
                "classification": self.classification}


def caller_history(session: Session, number: str, *, exclude_call_id: int | None = None,
                   limit: int = 100) -> list[HistoryEntry]:
    """Earlier calls, incidents and complaints from this number, newest first."""
    e164 = normalise_number(number).e164
    if e164 is None:
        raise InvalidInput(f"{number!r} is not a phone number", code="phone.not_a_number",
                           number=number)
    calls = select(Call).where(Call.caller_number == e164).order_by(Call.started_at.desc())
    if exclude_call_id is not None:
        calls = calls.where(Call.id != exclude_call_id)
    entries = [HistoryEntry("call", c.id, c.started_at, str(c.status), _call_summary(c),
                            str(c.classification) if c.classification else None)
               for c in session.scalars(calls.limit(limit))]
    incidents = (select(Incident).where(Incident.caller_number == e164)
                 .order_by(Incident.created_at.desc()).limit(limit))
    entries += [HistoryEntry("incident", i.id, i.created_at, str(i.status),
                             f"{i.type_code} P{i.priority} {i.address}".strip())
                for i in session.scalars(incidents)]
    complaints = (select(Complaint).where(Complaint.reporter_phone == e164)
                  .order_by(Complaint.created_at.desc()).limit(limit))
    entries += [HistoryEntry("complaint", c.id, c.created_at, str(c.status),
                             f"{c.ticket} {c.category_code}")
                for c in session.scalars(complaints)]
    entries.sort(key=lambda entry: (entry.at, entry.id), reverse=True)
    return entries[:limit]


def _call_summary(call: Call) -> str:
    line = call.line.display if call.line is not None else "unknown line"
    return f"{call.direction} call on {line}"


def describe_call(call: Call) -> dict:
    """Stable JSON shape of a call, for `safedesk calls` and scripts."""
    duration = None
    if call.answered_at is not None and call.ended_at is not None:
        duration = round((call.ended_at - call.answered_at).total_seconds(), 3)
    return {"id": call.id, "sip_call_id": call.sip_call_id, "direction": str(call.direction),
            "caller": call.caller_number, "caller_display": format_for_display(call.caller_number),
            "caller_raw": call.caller_raw, "caller_name": call.caller_name,
            "withheld": call.caller_withheld,
            # Asked to be hidden, kept because the network asserted it on the
            # emergency line: for the call-taker, never for a bulletin or a report.
            "private": bool(call.caller_withheld and call.caller_number),
            "line": call.line.number if call.line is not None else None,
            "line_name": call.line.name if call.line is not None else None,
            "line_purpose": str(call.line.purpose) if call.line is not None else None,
            "status": str(call.status), "started_at": iso_utc(call.started_at),
            "answered_at": iso_utc(call.answered_at), "ended_at": iso_utc(call.ended_at),
            "ended_by": call.ended_by, "duration_s": duration, "desk": call.desk,
            "recording": call.recording_path,
            "callback_state": str(call.callback_state) if call.callback_state else None,
            "callback_note": call.callback_note, "callback_of": call.callback_of_id,
            "classification": str(call.classification) if call.classification else None,
            "classified_at": iso_utc(call.classified_at), "classified_by": call.classified_by}


# ----------------------------------------------------------- recordings

def purge_recordings(session: Session, *, now: datetime, retention: timedelta, actor: str,
                     root: Path | None = None) -> int:
    """Delete the recordings of finished calls that started before
    now - retention; returns how many files were deleted."""
    authorize(session, Permission.PURGE_RECORDINGS)
    if retention < timedelta(0):
        raise InvalidInput("the retention period cannot be negative",
                           code="recording.negative_retention")
    root = (root or paths.recordings_dir()).resolve()
    query = select(Call).where(Call.recording_path.is_not(None),
                               Call.started_at < now - retention,
                               Call.status.in_(FINISHED))
    deleted, purged_ids = 0, []
    for call in list(session.scalars(query)):
        path = Path(call.recording_path)
        if _inside(path, root):
            # Only our own directory: a path in the database is not a licence
            # to delete files anywhere on the machine.
            try:
                path.unlink()
                deleted += 1
            except FileNotFoundError:
                pass
        elif path.exists():
            continue
        purged_ids.append(call.id)
    if purged_ids:
        x = writing(session)
        for call_id in purged_ids:
            call_log.clear_recording(x, call_id=call_id)
        _fresh(session, x, None)
        record_audit(session, actor=actor, action="recordings.purged", entity="call",
                     after={"deleted": deleted, "call_ids": purged_ids,
                            "retention_days": retention.days})
    return deleted


def _inside(path: Path, root: Path) -> bool:
    try:
        resolved = path.resolve()
    except OSError:
        return False
    return resolved.suffix.lower() == ".wav" and root in resolved.parents
