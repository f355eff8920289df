"""The first write of a ringing call, on the caller's clock.

A call that rang must be in the database before the phone rings (180),
and it must ring within a few milliseconds. So intake is two steps:

1. `insert_ringing_row`: one INSERT … ON CONFLICT (sip_call_id) DO NOTHING
   RETURNING id, committed before 180. It holds everything the desk knows
   of the call; a second desk receiving the same forked INVITE finds the
   first desk's row instead of making another.
2. `complete_ringing`, right after 180: link the caller's history, write
   the audit entry, announce the change.

Should the desk die between the two, the call is still there, ringing,
with its number: the history link is derivable and the audit says so.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from dispatch.enums import CallbackState, CallDirection, CallStatus
from dispatch.errors import InvalidInput
from dispatch.models import Call
from dispatch.sip_identity import CallerIdentity

MAX_SIP_CALL_ID = 255
MAX_CALLER_RAW = 512
MAX_CALLER_NAME = 128
MAX_NOTE = 512
MAX_HEADER_VALUE = 512
_INSERT = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}


def check_sip_call_id(sip_call_id: str) -> str:
    if not isinstance(sip_call_id, str) or not sip_call_id.strip():
        raise InvalidInput("a call needs its SIP Call-ID")
    return sip_call_id.strip()[:MAX_SIP_CALL_ID]


def identity_json(identity: CallerIdentity) -> dict:
    headers = {str(name)[:64]: str(value)[:MAX_HEADER_VALUE]
               for name, value in dict(identity.raw_headers).items()}
    return {"source": identity.source, "privacy": bool(identity.privacy), "headers": headers}


def inbound_values(*, sip_call_id: str, line_id: int | None, identity: CallerIdentity,
                   at: datetime, status: CallStatus, reason: str | None) -> dict:
    number = identity.number
    values = dict(sip_call_id=check_sip_call_id(sip_call_id), direction=CallDirection.INBOUND,
                  line_id=line_id, caller_number=None if number.withheld else number.e164,
                  caller_raw=(number.raw or "")[:MAX_CALLER_RAW],
                  caller_name=(identity.display_name or "")[:MAX_CALLER_NAME] or None,
                  caller_withheld=bool(number.withheld or identity.privacy),
                  identity_headers=identity_json(identity), status=status, started_at=at)
    if status is CallStatus.REJECTED:
        values.update(ended_at=at, ended_by="system", callback_state=CallbackState.PENDING,
                      callback_note=None if reason is None else str(reason)[:MAX_NOTE])
    return values


def insert_ringing_row(session: Session, values: dict) -> tuple[int, bool]:
    """(the call's id, whether this desk made the row)."""
    insert = _INSERT[session.get_bind().dialect.name]
    statement = (insert(Call.__table__).values(**values)
                 .on_conflict_do_nothing(index_elements=["sip_call_id"])
                 .returning(Call.__table__.c.id))
    made = session.execute(statement).scalar()
    if made is not None:
        return made, True
    existing = session.scalar(select(Call.id).where(Call.sip_call_id == values["sip_call_id"]))
    return existing, False
