"""The calls this desk is in: connected, on hold, or a call-back dialing.

An operator juggles them: answering a second caller puts the first on hold
(the engine does it, and says so with HELD), resuming one holds the other.
Every such call stays listed until the engine says it is over, so a held
caller is never forgotten. Plain values and one pure rule per event; the
panel shows them.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from telephony.events import CallEvent, EventKind

CONNECTED, HELD, DIALING = "connected", "held", "dialing"
GONE = (EventKind.ENDED, EventKind.ABANDONED, EventKind.REJECTED, EventKind.TAKEN_ELSEWHERE,
        EventKind.TIMED_OUT)


@dataclass(frozen=True)
class LiveCall:
    sip_call_id: str
    call_id: int | None
    caller_number: str | None
    withheld: bool
    direction: str
    state: str  # dialing / connected / held
    line: str | None = None  # the called line, E.164
    caller_name: str | None = None
    since: datetime | None = None  # connected (or dialing) since: the duration shown
    turn: int = 0  # when its state last changed: the call held last is the one to resume


# The name the rest of the desk knew the active call by.
ActiveCall = LiveCall


def after_event(existing: LiveCall | None, event: CallEvent, turn: int) -> LiveCall | None:
    """The call as `event` leaves it; None once it is over (or was never
    this desk's). Events of ringing calls are not about a live call."""
    kind = event.kind
    if kind in GONE:
        return None
    if kind not in (EventKind.ANSWERED, EventKind.DIALING, EventKind.HELD, EventKind.RESUMED):
        return existing
    state = {EventKind.ANSWERED: CONNECTED, EventKind.DIALING: DIALING,
             EventKind.HELD: HELD, EventKind.RESUMED: CONNECTED}[kind]
    if existing is None:
        # A hold of a call the window never saw answered (it opened during
        # the call): listed all the same, a connected caller is never hidden.
        return LiveCall(event.sip_call_id, event.call_id, event.caller, event.withheld,
                        event.direction, state, event.line, event.caller_name, event.at, turn)
    since = existing.since
    if kind is EventKind.DIALING or (kind is EventKind.ANSWERED and existing.state == DIALING):
        since = event.at  # a call-back's talk starts when the citizen picks up
    return replace(existing, state=state, since=since, turn=turn,
                   call_id=existing.call_id if event.call_id is None else event.call_id)


def active_of(calls: list[LiveCall]) -> LiveCall | None:
    """The call the keys act on when none is selected: the one the operator
    is talking to, else a call-back dialing, else the one held last."""
    for state in (CONNECTED, DIALING, HELD):
        matching = [call for call in calls if call.state == state]
        if matching:
            return max(matching, key=lambda call: call.turn)
    return None
