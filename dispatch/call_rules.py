"""What may happen to a call, as pure rules: no database, no SIP.

Each rule reads a `CallState` and returns the `Change` to make, None when
the call stays as it is, or raises a refusal (`CallTaken`,
`IllegalTransition`). dispatch/call_log.py is the one writer that applies
them, for the softphone, the command line and the journal's replay alike.

Lifecycle of an inbound call: ringing → answered → ended, or ringing →
abandoned (the caller gave up, or the desk died while it rang), timed_out
(nobody answered within sip.ring_timeout_s: the desk ended it) or rejected
(the desk could not take it, or an operator declined it). Abandoned,
timed-out and turned-away calls go on the callback list, unless the caller's
number is blocked (`blocked=True`): nobody is asked to ring a prank back.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dispatch.enums import CallbackState, CallDirection, CallStatus
from dispatch.errors import IllegalTransition, InvalidInput

ENDED_BY = ("caller", "operator", "system")
FINISHED = (CallStatus.ENDED, CallStatus.ABANDONED, CallStatus.REJECTED, CallStatus.TIMED_OUT)
UNANSWERED = (CallStatus.ABANDONED, CallStatus.REJECTED, CallStatus.TIMED_OUT)
MAX_NOTE = 512


class CallTaken(IllegalTransition):
    """Another desk answered this call first."""


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
        raise CallTaken(f"call {call.id} was answered at desk {call.desk}", code="call.taken",
                        call=call.id, desk=call.desk)
    if call.status is not CallStatus.RINGING:
        raise IllegalTransition(f"call {call.id} is {call.status}, it can no longer be answered",
                                code="call.cannot_answer", call=call.id, status=call.status)
    values = {"status": CallStatus.ANSWERED, "answered_at": at, "desk": desk}
    if operator_id is not None:
        values["operator_id"] = operator_id
    return Change(values, "call.answered", before={"status": CallStatus.RINGING},
                  after={"status": CallStatus.ANSWERED, "desk": desk})


def ending(call: CallState, *, ended_by: str, desk: str, at: datetime) -> Change | None:
    check_ended_by(ended_by)
    if call.direction is CallDirection.OUTBOUND and call.status is CallStatus.RINGING:
        return _finishing(call, CallStatus.ENDED, ended_by, at)
    if call.status is not CallStatus.ANSWERED or call.desk != desk:
        return None
    return _finishing(call, CallStatus.ENDED, ended_by, at)


def abandoning(call: CallState, *, ended_by: str, desk: str, at: datetime,
               blocked: bool = False) -> Change | None:
    check_ended_by(ended_by)
    if call.direction is CallDirection.OUTBOUND:
        return ending(call, ended_by=ended_by, desk=desk, at=at)
    if not _unanswered_here(call, desk):
        return None
    return _finishing(call, CallStatus.ABANDONED, ended_by, at, answered_at=None,
                      callback_state=None if blocked else CallbackState.PENDING)


def declining(call: CallState, *, desk: str, at: datetime) -> Change | None:
    if not _unanswered_here(call, desk):
        return None
    return _finishing(call, CallStatus.REJECTED, "operator", at, answered_at=None)


def timing_out(call: CallState, *, desk: str, at: datetime,
               blocked: bool = False) -> Change | None:
    """Nobody answered within the ring timeout: the desk ends the call
    (480) so that it does not hold a call slot for ever, and the citizen
    goes on the callback list."""
    if call.direction is not CallDirection.INBOUND or not _unanswered_here(call, desk):
        return None
    return _finishing(call, CallStatus.TIMED_OUT, "system", at, answered_at=None,
                      callback_state=None if blocked else CallbackState.PENDING)


def stranding(call: CallState, *, desk: str, at: datetime, note: str) -> Change | None:
    """The engine that held the call died (a crash, a power cut): at its
    next start the row is closed by the system, the crash noted. A caller
    left ringing goes on the callback list; a connected call is ended."""
    note = note[:MAX_NOTE]
    if call.direction is CallDirection.OUTBOUND:
        if call.status not in (CallStatus.RINGING, CallStatus.ANSWERED):
            return None
        return _finishing(call, CallStatus.ENDED, "system", at, note=note)
    if call.status is CallStatus.RINGING:
        return _finishing(call, CallStatus.ABANDONED, "system", at,
                          callback_state=CallbackState.PENDING, callback_note=note, note=note)
    if call.status is CallStatus.ANSWERED and call.desk == desk:
        return _finishing(call, CallStatus.ENDED, "system", at, note=note)
    return None


def _unanswered_here(call: CallState, desk: str) -> bool:
    """Ringing, or claimed by this desk but never connected (the caller hung
    up, or the operator declined, while the claim was on its way)."""
    unconnected_claim = call.status is CallStatus.ANSWERED and call.desk == desk
    return call.status is CallStatus.RINGING or unconnected_claim


def _finishing(call: CallState, status: CallStatus, ended_by: str, at: datetime, *,
               note: str | None = None, **also) -> Change:
    values = {**also, "status": status, "ended_at": at, "ended_by": ended_by}
    answered_at = values.get("answered_at", call.answered_at)
    unanswered_call_back = call.callback_of_id and answered_at is None
    reopens = (call.callback_of_id if call.direction is CallDirection.OUTBOUND
               and unanswered_call_back else None)
    after = {"status": status, "ended_by": ended_by,
             "callback_state": values.get("callback_state", call.callback_state)}
    if note:
        after["note"] = note
    return Change(values, f"call.{status.value}", before={"status": call.status},
                  after=after, reopens_callback_of=reopens)


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


def check_ended_by(ended_by: str) -> None:
    if ended_by not in ENDED_BY:
        raise InvalidInput(f"ended_by must be one of {', '.join(ENDED_BY)}, got {ended_by!r}",
                           code="value.not_one_of", value=ended_by, allowed=ENDED_BY)


RULES = {"answering": answering, "ending": ending, "abandoning": abandoning,
         "declining": declining, "timing_out": timing_out, "stranding": stranding}
"""Every rule by name: how the journal names the rule a record applies."""
