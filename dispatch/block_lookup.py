"""Which numbers are blocked right now: one read, for the softphone engine.

The engine keeps the answer in memory and asks again every few seconds,
off its SIP thread (telephony/blocked_calls.py), so that a ringing call
looks its caller up in a set instead of the database. Supervisors block
and lift numbers through dispatch/caller_blocks.py; this only reads.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from dispatch.models import CallerBlock

_BLOCKS = CallerBlock.__table__.c


def blocked_numbers(connection_or_session, now: datetime) -> frozenset[str]:
    """The E.164 numbers whose block is in force at `now` (UTC): not
    lifted, and blocked until later than `now`. A plain SELECT; it needs no
    permission (the engine acts as the system and only reads)."""
    statement = (select(_BLOCKS.number).distinct()
                 .where(_BLOCKS.lifted_at.is_(None), _BLOCKS.blocked_until > now))
    return frozenset(number for (number,) in connection_or_session.execute(statement))
