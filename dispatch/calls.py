"""Calls: every call that rang, answered or not, and the callback list.

The softphone (telephony/) calls these rules; nothing here knows SIP.

Lifecycle of an inbound call: ringing → answered → ended, or ringing →
abandoned (the caller gave up before anyone answered) or rejected (the desk
could not take it: all lines busy, or an operator declined it). Abandoned
calls, and calls the desk turned away itself, go on the callback list
(callback_state pending) until an operator calls back or clears the entry.

Several desks may receive the same forked INVITE: the SIP Call-ID is the
key, so they share one row, and the first desk to answer claims it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch import paths
from dispatch.audit import record_audit
from dispatch.call_intake import (MAX_NOTE, check_sip_call_id, inbound_values,
                                  insert_ringing_row)
from dispatch.enums import CallbackState, CallDirection, CallStatus
from dispatch.errors import IllegalTransition, InvalidInput, NotFound
from dispatch.events import ChangeEvent, announce
from dispatch.models import Call, Caller, Complaint, Incident, Line
from dispatch.phone import PhoneNumber, format_for_display, normalise_number
from dispatch.sip_identity import CallerIdentity
from dispatch.timeutil import iso_utc, utcnow

ENDED_BY = ("caller", "operator", "system")
MAX_RECORDING_PATH = 512
FINISHED = (CallStatus.ENDED, CallStatus.ABANDONED, CallStatus.REJECTED)


class CallTaken(IllegalTransition):
    """Another desk answered this call first."""


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
    """A call the SIP stack turned away before ringing (all lines busy): the
    caller reached nobody, so it goes straight onto the callback list."""
    return _record_inbound(session, sip_call_id=sip_call_id, line_number=line_number,
                           identity=identity, desk=desk, at=at or utcnow(),
                           status=CallStatus.REJECTED, reason=reason)


def _record_inbound(session: Session, *, sip_call_id: str, line_number, identity: CallerIdentity,
                    desk: str, at: datetime, status: CallStatus, reason: str | None) -> Call:
    values = inbound_values(sip_call_id=sip_call_id, line_id=_line_id(session, line_number),
                            identity=identity, at=at, status=status, reason=reason)
    call_id, made = insert_ringing_row(session, values)
    if made:
        complete_ringing(session, call_id=call_id, desk=desk)
    return session.get(Call, call_id)


def complete_ringing(session: Session, *, call_id: int, desk: str) -> None:
    """What a new call's row needs besides itself: the caller's history link,
    the audit entry and the change event (see dispatch/call_intake.py)."""
    call = session.get(Call, call_id)
    if call.caller_number:
        call.caller_id = _caller_id(session, call.caller_number, call.caller_name,
                                    call.started_at)
    action, after = ringing_audit(status=call.status, line_id=call.line_id, desk=desk,
                                  withheld=call.caller_withheld)
    _audit(session, call, desk, action, before=None, after=after)


def line_id_for(session: Session, line_number: str | PhoneNumber | None) -> int | None:
    return _line_id(session, line_number)


def _caller_id(session: Session, number: str, name: str | None, at: datetime) -> int:
    caller = session.scalar(select(Caller).where(Caller.number == number))
    if caller is None:
        caller = Caller(number=number, last_name=name, first_seen_at=at)
        session.add(caller)
        session.flush()
    elif name:
        caller.last_name = name
    return caller.id


def _line_id(session: Session, line_number: str | PhoneNumber | None) -> int | None:
    number = line_number if isinstance(line_number, PhoneNumber) else normalise_number(line_number)
    key = number.e164 or number.short_code
    if not key:
        return None
    return session.scalar(select(Line.id).where(Line.number == key))


# ---------------------------------------------------------- transitions
#
# Each rule reads a `CallState` and returns the `Change` to make (None: the
# call stays as it is), so that the ORM functions below and the call log's
# plain-SQL writer (dispatch/call_log_sqlite.py) apply the same rules.

@dataclass(frozen=True)
class CallState:
    """What the transition rules read of a call."""
    id: int
    status: CallStatus
    direction: CallDirection
    desk: str | None
    answered_at: datetime | None
    callback_of_id: int | None
    callback_state: CallbackState | None


@dataclass(frozen=True)
class Change:
    """A transition worked out: the call's new values and its audit entry."""
    values: dict
    action: str
    before: dict
    after: dict
    reopens_callback_of: int | None = None  # an unanswered call-back: its original


def answering(call: CallState, *, desk: str, at: datetime,
              operator_id: int | None = None) -> Change | None:
    if call.status is CallStatus.ANSWERED:
        if call.desk == desk:
            return None
        raise CallTaken(f"call {call.id} was answered at desk {call.desk}")
    if call.status is not CallStatus.RINGING:
        raise IllegalTransition(f"call {call.id} is {call.status}, it can no longer be answered")
    values = {"status": CallStatus.ANSWERED, "answered_at": at, "desk": desk}
    if operator_id is not None:
        values["operator_id"] = operator_id
    return Change(values, "call.answered", before={"status": CallStatus.RINGING},
                  after={"status": CallStatus.ANSWERED, "desk": desk})


def ending(call: CallState, *, ended_by: str, desk: str, at: datetime) -> Change | None:
    _check_ended_by(ended_by)
    if call.direction is CallDirection.OUTBOUND and call.status is CallStatus.RINGING:
        return _finishing(call, CallStatus.ENDED, ended_by, at)
    if call.status is not CallStatus.ANSWERED or call.desk != desk:
        return None
    return _finishing(call, CallStatus.ENDED, ended_by, at)


def abandoning(call: CallState, *, ended_by: str, desk: str, at: datetime) -> Change | None:
    _check_ended_by(ended_by)
    if call.direction is CallDirection.OUTBOUND:
        return ending(call, ended_by=ended_by, desk=desk, at=at)
    unconnected_claim = call.status is CallStatus.ANSWERED and call.desk == desk
    if call.status is not CallStatus.RINGING and not unconnected_claim:
        return None
    return _finishing(call, CallStatus.ABANDONED, ended_by, at, answered_at=None,
                      callback_state=CallbackState.PENDING)


def declining(call: CallState, *, desk: str, at: datetime) -> Change | None:
    unconnected_claim = call.status is CallStatus.ANSWERED and call.desk == desk
    if call.status is not CallStatus.RINGING and not unconnected_claim:
        return None
    return _finishing(call, CallStatus.REJECTED, "operator", at, answered_at=None)


def _finishing(call: CallState, status: CallStatus, ended_by: str, at: datetime,
               **also) -> Change:
    values = {**also, "status": status, "ended_at": at, "ended_by": ended_by}
    answered_at = values.get("answered_at", call.answered_at)
    unanswered_call_back = call.callback_of_id and answered_at is None
    reopens = (call.callback_of_id if call.direction is CallDirection.OUTBOUND
               and unanswered_call_back else None)
    return Change(values, f"call.{status.value}", before={"status": call.status},
                  after={"status": status, "ended_by": ended_by,
                         "callback_state": values.get("callback_state", call.callback_state)},
                  reopens_callback_of=reopens)


def reopened_callback(original_state: CallbackState | None, call_back_id: int) -> dict | None:
    """Nobody picked up the call-back: the citizen still needs one."""
    if original_state is not CallbackState.CALLED_BACK:
        return None
    return {"callback_state": CallbackState.PENDING,
            "callback_note": f"call-back {call_back_id} not answered"}


def ringing_audit(*, status: CallStatus, line_id: int | None, desk: str,
                  withheld: bool) -> tuple[str, dict]:
    """(action, after) of the audit entry of a call that just rang."""
    return f"call.{status.value}", {"status": status, "line_id": line_id, "desk": desk,
                                    "withheld": withheld}


def mark_answered(session: Session, *, sip_call_id: str, desk: str,
                  at: datetime | None = None, operator_id: int | None = None) -> Call:
    """Claim the call for `desk` (for a call-back: the far end picked up).
    Raises CallTaken if another desk claimed it first; answering twice on
    the same desk is harmless."""
    call = _locked(session, sip_call_id)
    change = answering(_state(call), desk=desk, at=at or utcnow(), operator_id=operator_id)
    return call if change is None else _apply(session, call, change, desk)


def mark_ended(session: Session, *, sip_call_id: str, ended_by: str, desk: str,
               at: datetime | None = None) -> Call | None:
    """An answered call hung up. Only the desk holding the call ends it: the
    other desk's leg of a forked call closing changes nothing."""
    _check_ended_by(ended_by)
    call = _locked(session, sip_call_id)
    change = ending(_state(call), ended_by=ended_by, desk=desk, at=at or utcnow())
    return None if change is None else _apply(session, call, change, desk)


def mark_abandoned(session: Session, *, sip_call_id: str, desk: str, ended_by: str = "caller",
                   at: datetime | None = None) -> Call | None:
    """The call went away before anyone spoke to the caller: CANCEL or BYE
    while ringing, or the caller hung up just as this desk picked up (the
    answer never connected). If another desk answered, nothing changes."""
    _check_ended_by(ended_by)
    call = _locked(session, sip_call_id)
    change = abandoning(_state(call), ended_by=ended_by, desk=desk, at=at or utcnow())
    return None if change is None else _apply(session, call, change, desk)


def mark_declined(session: Session, *, sip_call_id: str, desk: str,
                  at: datetime | None = None) -> Call | None:
    """An operator refused a ringing call on purpose: not a callback. Also
    when this desk's answer was being claimed as the operator declined (the
    answer never connected)."""
    call = _locked(session, sip_call_id)
    change = declining(_state(call), desk=desk, at=at or utcnow())
    return None if change is None else _apply(session, call, change, desk)


def _state(call: Call) -> CallState:
    return CallState(id=call.id, status=call.status, direction=call.direction, desk=call.desk,
                     answered_at=call.answered_at, callback_of_id=call.callback_of_id,
                     callback_state=call.callback_state)


def _apply(session: Session, call: Call, change: Change, desk: str) -> Call:
    for column, value in change.values.items():
        setattr(call, column, value)
    if change.reopens_callback_of is not None:
        original = session.get(Call, change.reopens_callback_of)
        reopened = None if original is None else reopened_callback(original.callback_state,
                                                                   call.id)
        if reopened is not None:
            for column, value in reopened.items():
                setattr(original, column, value)
            announce(session, ChangeEvent("call", str(original.id), "callback"))
    _audit(session, call, desk, change.action, before=change.before, after=change.after)
    return call


def set_recording(session: Session, *, sip_call_id: str, path: str | Path) -> Call:
    call = _locked(session, sip_call_id)
    call.recording_path = str(path)[:MAX_RECORDING_PATH]
    announce(session, ChangeEvent("call", str(call.id), "recording"))
    return call


def note_hold(session: Session, *, sip_call_id: str, held: bool, actor: str) -> Call:
    """Hold is not a status (the call stays answered) but it is audited."""
    call = _locked(session, sip_call_id)
    record_audit(session, actor=actor, action="call.hold" if held else "call.resume",
                 entity="call", entity_id=call.id, after={"held": held})
    announce(session, ChangeEvent("call", str(call.id), "hold" if held else "resume"))
    return call


# ------------------------------------------------------- callback list

def callback_list(session: Session) -> list[Call]:
    """Calls still waiting for a call-back, oldest first."""
    query = (select(Call).where(Call.callback_state == CallbackState.PENDING)
             .order_by(Call.started_at, Call.id))
    return list(session.scalars(query))


def clear_callback(session: Session, *, call_id: int, reason: str, actor: str) -> Call:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("say why the call-back is no longer needed (--reason)")
    if len(reason) > MAX_NOTE:
        raise InvalidInput(f"the reason is longer than {MAX_NOTE} characters")
    call = get_call(session, call_id)
    if call.callback_state is not CallbackState.PENDING:
        raise IllegalTransition(f"call {call_id} is not on the callback list")
    call.callback_state, call.callback_note = CallbackState.CLEARED, reason
    record_audit(session, actor=actor, action="call.callback_cleared", entity="call",
                 entity_id=call.id, before={"callback_state": CallbackState.PENDING},
                 after={"callback_state": call.callback_state, "reason": reason})
    announce(session, ChangeEvent("call", str(call.id), "callback"))
    return call


def callback_target(session: Session, call_id: int) -> str:
    """The E.164 number to dial for a call-back, or a clear refusal."""
    call = get_call(session, call_id)
    if call.caller_withheld or not call.caller_number:
        raise InvalidInput(f"call {call_id} has no caller number to call back")
    return call.caller_number


def record_call_back(session: Session, *, original_id: int, sip_call_id: str, desk: str,
                     actor: str, at: datetime | None = None) -> Call:
    """The outgoing call an operator placed to call a caller back."""
    number = callback_target(session, original_id)
    original = get_call(session, original_id)
    at = at or utcnow()
    call = Call(sip_call_id=check_sip_call_id(sip_call_id), direction=CallDirection.OUTBOUND,
                line_id=original.line_id, caller_id=original.caller_id, caller_number=number,
                caller_raw=number, caller_name=original.caller_name, status=CallStatus.RINGING,
                started_at=at, desk=desk, callback_of_id=original.id)
    session.add(call)
    session.flush()
    before = {"callback_state": original.callback_state}
    if original.callback_state is CallbackState.PENDING:
        original.callback_state = CallbackState.CALLED_BACK
        original.callback_note = f"called back: call {call.id}"
    record_audit(session, actor=actor, action="call.called_back", entity="call",
                 entity_id=original.id, before=before,
                 after={"callback_state": original.callback_state, "call_back_id": call.id})
    announce(session, ChangeEvent("call", str(call.id), "dialing"))
    announce(session, ChangeEvent("call", str(original.id), "callback"))
    return call


# -------------------------------------------------------------- queries

def get_call(session: Session, call_id: int) -> Call:
    call = session.get(Call, call_id)
    if call is None:
        raise NotFound(f"no call {call_id}")
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


@dataclass(frozen=True)
class HistoryEntry:
    kind: str  # call / incident / complaint
    id: int
    at: datetime
    status: str
    summary: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "at": iso_utc(self.at),
                "status": self.status, "summary": self.summary}


def caller_history(session: Session, number: str, *, exclude_call_id: int | None = None,
                   limit: int = 100) -> list[HistoryEntry]:
    """Earlier calls, incidents and complaints from this number, newest first."""
    e164 = normalise_number(number).e164
    if e164 is None:
        raise InvalidInput(f"{number!r} is not a phone number")
    calls = select(Call).where(Call.caller_number == e164).order_by(Call.started_at.desc())
    if exclude_call_id is not None:
        calls = calls.where(Call.id != exclude_call_id)
    entries = [HistoryEntry("call", c.id, c.started_at, str(c.status), _call_summary(c))
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
            "line": call.line.number if call.line is not None else None,
            "line_name": call.line.name if call.line is not None else None,
            "line_purpose": str(call.line.purpose) if call.line is not None else None,
            "status": str(call.status), "started_at": iso_utc(call.started_at),
            "answered_at": iso_utc(call.answered_at), "ended_at": iso_utc(call.ended_at),
            "ended_by": call.ended_by, "duration_s": duration, "desk": call.desk,
            "recording": call.recording_path,
            "callback_state": str(call.callback_state) if call.callback_state else None,
            "callback_note": call.callback_note, "callback_of": call.callback_of_id}


# ----------------------------------------------------------- recordings

def purge_recordings(session: Session, *, now: datetime, retention: timedelta, actor: str,
                     root: Path | None = None) -> int:
    """Delete the recordings of finished calls that started before
    now - retention; returns how many files were deleted."""
    if retention < timedelta(0):
        raise InvalidInput("the retention period cannot be negative")
    root = (root or paths.recordings_dir()).resolve()
    query = select(Call).where(Call.recording_path.is_not(None),
                               Call.started_at < now - retention,
                               Call.status.in_(FINISHED))
    deleted, purged_ids = 0, []
    for call in session.scalars(query):
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
        call.recording_path = None
        purged_ids.append(call.id)
    if purged_ids:
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


# -------------------------------------------------------------- helpers

def _locked(session: Session, sip_call_id: str) -> Call:
    # FOR UPDATE serialises two desks claiming the same call on PostgreSQL;
    # SQLite writers are already serialised by BEGIN IMMEDIATE.
    call = session.scalar(select(Call).where(Call.sip_call_id == sip_call_id).with_for_update())
    if call is None:
        raise NotFound(f"no call with SIP Call-ID {sip_call_id!r}")
    return call


def _audit(session: Session, call: Call, actor: str, action: str,
           before: Mapping | None, after: Mapping | None) -> None:
    record_audit(session, actor=actor, action=action, entity="call", entity_id=call.id,
                 before=before, after=after)
    announce(session, ChangeEvent("call", str(call.id), str(call.status)))


def _check_ended_by(ended_by: str) -> None:
    if ended_by not in ENDED_BY:
        raise InvalidInput(f"ended_by must be one of {', '.join(ENDED_BY)}, got {ended_by!r}")
