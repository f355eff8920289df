"""The closed sets of values the domain speaks in.

Values are the stable strings stored in the database and printed in JSON;
the UI translates them for people.
"""
from __future__ import annotations

import enum


class _Values(str, enum.Enum):
    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, text: str) -> _Values:
        try:
            return cls(text.strip().lower().replace("-", "_").replace(" ", "_"))
        except ValueError:
            allowed = ", ".join(member.value for member in cls)
            from dispatch.errors import InvalidInput
            raise InvalidInput(f"{text!r} is not one of: {allowed}", code="value.not_one_of",
                               value=text, allowed=tuple(cls)) from None


class LinePurpose(_Values):
    EMERGENCY = "emergency"
    COMPLAINTS = "complaints"


class Role(_Values):
    CALL_TAKER = "call_taker"
    DISPATCHER = "dispatcher"
    RADIO = "radio"
    SUPERVISOR = "supervisor"


class CallDirection(_Values):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class CallStatus(_Values):
    RINGING = "ringing"
    ANSWERED = "answered"
    ENDED = "ended"
    ABANDONED = "abandoned"
    REJECTED = "rejected"
    TIMED_OUT = "timed_out"  # nobody answered within sip.ring_timeout_s: the desk ended it


class CallType(_Values):
    """What a call turned out to be, set by the call-taker (or defaulted: a
    call that becomes an incident is an emergency, one that becomes a ticket
    a complaint). Prank and ghost calls are counted apart and left out of
    the response figures centres publish."""
    EMERGENCY = "emergency"
    COMPLAINT = "complaint"
    INFORMATION = "information"
    PRANK = "prank"
    GHOST = "ghost"  # silent, or dropped while connected
    WRONG_NUMBER = "wrong_number"


class CallbackState(_Values):
    PENDING = "pending"
    CALLED_BACK = "called_back"
    CLEARED = "cleared"


class IncidentStatus(_Values):
    OPEN = "open"
    DISPATCHED = "dispatched"
    ON_SCENE = "on_scene"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class UnitStatus(_Values):
    AVAILABLE = "available"
    DISPATCHED = "dispatched"
    EN_ROUTE = "en_route"
    ON_SCENE = "on_scene"
    OUT_OF_SERVICE = "out_of_service"


class ComplaintStatus(_Values):
    RECEIVED = "received"
    FORWARDED = "forwarded"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    REJECTED = "rejected"


class ComplaintChannel(_Values):
    CALL = "call"
    WALK_IN = "walk_in"
    SMS = "sms"
    LETTER = "letter"
    OTHER = "other"


class BulletinStatus(_Values):
    DRAFT = "draft"
    READY = "ready"
    READ = "read"
