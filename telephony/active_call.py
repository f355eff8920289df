"""The desk's view of one live call, as the SIP thread keeps it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dispatch.enums import CallDirection
from telephony.recording import CallRecording

if TYPE_CHECKING:
    from telephony.sip_stack import DeskCall


@dataclass
class ActiveCall:
    """The desk's view of one live call; holds the only reference to its pj.Call."""
    key: str                      # SIP Call-ID
    pj_call: DeskCall | None      # None once the call is over (and the object freed)
    direction: str = CallDirection.INBOUND.value
    call_id: int | None = None
    line: str | None = None
    caller: str | None = None
    caller_name: str | None = None
    withheld: bool = False
    refused: bool = False         # 403 to a peer outside the allow-list
    claimed: bool = False         # this desk committed the answer
    answering: Any = None         # the Future of an answer on its way (claim being written)
    confirmed: bool = False       # ACK'd: the parties are talking
    declined: bool = False        # an operator turned it away while ringing
    held: bool = False
    taken_elsewhere: bool = False
    hangup_by: str | None = None
    timing_out: bool = False      # the ring timeout's write is on its way; 480 follows
    closing: bool = False         # the desk shuts down: written down, then 503
    final_status: str | None = None  # written before the desk's own final response
    rang_at: float = 0.0          # time.monotonic() when it rang
    finished: bool = False
    media: Any = None             # the call's pj.AudioMedia while active
    recording: CallRecording | None = None
    blocked: bool = False         # the caller's number is blocked (telephony/blocked_calls.py)
    message_player: Any = None    # pj.AudioMediaPlayer: the blocked caller's message
    message_until: float = 0.0    # time.monotonic() when the desk hangs up on the message

    @property
    def unanswered_inbound(self) -> bool:
        """Ringing here and nobody has started to answer, decline or time it out."""
        return (self.direction == CallDirection.INBOUND.value and not self.claimed
                and self.answering is None and not self.declined and not self.timing_out
                and not self.closing and not self.refused and not self.finished)

    def plain(self) -> dict:
        # A blocked caller turned away (403) or hearing the desk's message:
        # answered by nobody, whatever its SIP state.
        state = ("turned_away" if self.blocked and self.declined
                 else "held" if self.held else "answered" if self.confirmed
                 else "answering" if self.claimed else "ringing")
        return {"sip_call_id": self.key, "call_id": self.call_id, "direction": self.direction,
                "state": state, "line": self.line, "caller": self.caller,
                "caller_name": self.caller_name, "withheld": self.withheld,
                "blocked": self.blocked}
