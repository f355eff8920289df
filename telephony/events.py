"""What the softphone tells the rest of the desk: plain, immutable values.

Events are built from values copied out of pjsua2 callbacks on the SIP
thread, so a listener on any thread can keep them; no pj object is ever
reachable from one. They carry the caller's number because the call
panel shows it: `log_line` is the only form fit for a log.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from dispatch.phone import mask_number


class EventKind(str, enum.Enum):
    STARTED = "started"            # the engine listens (detail: the address)
    RINGING = "ringing"            # Call row committed, then 180 Ringing sent
    ANSWERED = "answered"          # media connected (inbound or call-back)
    DIALING = "dialing"            # a call-back left the desk
    HELD = "held"
    RESUMED = "resumed"
    ENDED = "ended"                # an answered call hung up
    ABANDONED = "abandoned"        # gone before anyone answered: on the callback list
    TIMED_OUT = "timed_out"        # rang sip.ring_timeout_s unanswered: 480, on the callback list
    REJECTED = "rejected"          # turned away (all lines busy, or declined)
    TAKEN_ELSEWHERE = "taken_elsewhere"  # another desk answered this forked call
    REFUSED_PEER = "refused_peer"  # INVITE from outside sip.allowed_peers: 403
    RECORDING = "recording"        # recording started (detail: the file name)
    RECORDING_SAVED = "recording_saved"  # the WAV file is complete (detail: its path)
    STOPPED = "stopped"            # the engine shut down
    JOURNALING = "journaling"      # the database refuses writes: calls go to the journal
                                   # (detail: why)
    DATABASE_BACK = "database_back"  # the journal was replayed (detail: how many events)

    @property
    def about_the_engine(self) -> bool:
        """An event of the engine as a whole, not of one call."""
        return self in _ENGINE_KINDS

    def __str__(self) -> str:
        return self.value


_ENGINE_KINDS = frozenset({EventKind.STARTED, EventKind.STOPPED, EventKind.JOURNALING,
                           EventKind.DATABASE_BACK})


@dataclass(frozen=True)
class CallEvent:
    kind: EventKind
    at: datetime
    sip_call_id: str = ""
    call_id: int | None = None          # the Call row, when it was written
    direction: str = "inbound"
    line: str | None = None             # the called line, E.164
    caller: str | None = None           # E.164; personal data, never log it
    caller_name: str | None = None      # personal data too
    withheld: bool = False
    # The caller's number is blocked by a supervisor (dispatch/caller_blocks.py):
    # the window shows the call apart, at low priority; sip.blocked_policy
    # says whether it rang, heard the desk's message or was refused (403).
    blocked: bool = False
    detail: str = ""
    received_ns: int = 0                # time.perf_counter_ns() when the INVITE arrived
    committed_ns: int = 0               # ... and when its row was committed

    def log_line(self) -> str:
        """One line for the log: the caller's number masked, no name."""
        if self.kind.about_the_engine:
            return f"softphone {self.kind} {self.detail}".rstrip()
        parts = [f"call {self.call_id if self.call_id is not None else '-'}", str(self.kind)]
        if self.direction != "inbound":
            parts.append(self.direction)
        if self.line:
            parts.append(f"line={self.line}")
        if self.caller or self.withheld or self.kind in (EventKind.RINGING, EventKind.DIALING):
            if self.withheld:
                parts.append("caller=withheld")
            else:
                parts.append(f"caller={mask_number(self.caller) if self.caller else 'unknown'}")
        if self.blocked:
            parts.append("blocked")
        if self.sip_call_id:
            parts.append(f"sip={self.sip_call_id[:64]}")
        if self.detail:
            parts.append(self.detail)
        return " ".join(parts)
