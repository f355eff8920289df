"""What each call turned out to be: emergency, complaint, information,
prank, ghost (silent, or dropped while connected) or wrong number.

The call-taker says it with one key while or after the call (the window)
or `safedesk calls classify ID TYPE`; every change is audited, before →
after. A call that becomes an incident is an emergency, one that becomes a
ticket a complaint, unless the call-taker already said otherwise: their
explicit choice wins over the default.

The type is a fact of its own, apart from the call's status, which only the
call log writes (dispatch/call_log.py): the two never touch the same columns.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from dispatch.audit import record_audit
from dispatch.enums import CallType
from dispatch.errors import InvalidInput, NotFound
from dispatch.events import ChangeEvent, announce
from dispatch.models import Call
from dispatch.permissions import Permission, authorize
from dispatch.timeutil import utcnow

# Counted apart, and left out of the response figures centres publish.
NUISANCE_TYPES = (CallType.PRANK, CallType.GHOST)


def parse_call_type(value: CallType | str) -> CallType:
    if isinstance(value, CallType):
        return value
    text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return CallType(text)
    except ValueError:
        allowed = ", ".join(member.value for member in CallType)
        raise InvalidInput(f"{value!r} is not a call type: one of {allowed}",
                           code="call.unknown_type", value=value,
                           allowed=tuple(CallType)) from None


def classify_call(session: Session, *, call_id: int, call_type: CallType | str,
                  actor: str) -> Call:
    """Set (or change) the type of a call; classifying it the same again
    writes nothing."""
    authorize(session, Permission.ANSWER_CALLS)
    wanted = parse_call_type(call_type)
    call = session.get(Call, call_id)
    if call is None:
        raise NotFound(f"no call {call_id}", code="call.not_found", call=call_id)
    if call.classification is not wanted:
        _write(session, call, wanted, actor, default=False)
    return call


def default_call_type(session: Session, *, call_id: int | None, call_type: CallType,
                      actor: str) -> None:
    """The type a call gets from what it became (an incident, a ticket), if
    nobody gave it one yet. Runs inside the operation that made the
    incident or ticket, whose own permission was checked."""
    if call_id is None:
        return
    call = session.get(Call, call_id)
    if call is not None and call.classification is None:
        _write(session, call, call_type, actor, default=True)


def _write(session: Session, call: Call, wanted: CallType, actor: str, *, default: bool) -> None:
    before = call.classification
    call.classification = wanted
    call.classified_at = utcnow()
    call.classified_by = actor
    session.flush()
    after = {"classification": wanted}
    if default:
        after["default"] = True  # said by what the call became, not by a person
    record_audit(session, actor=actor, action="call.classify", entity="call", entity_id=call.id,
                 before={"classification": before}, after=after)
    announce(session, ChangeEvent("call", str(call.id), "classified",
                                  detail={"classification": wanted.value}))
