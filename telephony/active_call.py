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
    finished: bool = False
    media: Any = None             # the call's pj.AudioMedia while active
    recording: CallRecording | None = None

    def plain(self) -> dict:
        state = ("held" if self.held else "answered" if self.confirmed
                 else "answering" if self.claimed else "ringing")
        return {"sip_call_id": self.key, "call_id": self.call_id, "direction": self.direction,
                "state": state, "line": self.line, "caller": self.caller,
                "caller_name": self.caller_name, "withheld": self.withheld}
