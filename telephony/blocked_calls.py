"""A call from a blocked number, on the SIP thread (sip.blocked_policy).

Every such call is written down before the desk answers it in any way,
marked blocked, and never goes on the callback list (telephony/intake.py);
its events say `blocked`, so the window shows it apart, at low priority.
Then, by policy:

* "log": it rings like any call. A call-taker sees it and may answer.
* "message": the desk answers it (200 OK), plays the recording named by
  sip.blocked_message through a pjsua2 AudioMediaPlayer, and hangs up
  (BYE) once it has played. Nobody answered it: the row says rejected,
  with "blocked number: recorded message".
* "reject": 403 Forbidden at once; the row says rejected, "403 blocked
  number".

A played message holds one of the desk's lines while it plays, so with
every line busy a blocked caller gets the 403 instead: the message never
takes the line a citizen's next call needs.

The number is looked up in memory (telephony/blocked_numbers.py); what
this adds to onIncomingCall before the 180 of an unblocked call is that
lookup and one attribute test.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial

import pjsua2 as pj

from dispatch.enums import CallStatus
from telephony.active_call import ActiveCall
from telephony.blocked_message import message_path, message_seconds
from telephony.blocked_numbers import BlockedNumbers
from telephony.intake import CallLog, InviteFacts
from telephony.settings import SipConfig
from telephony.sip_stack import describe_error

log = logging.getLogger(__name__)
FORBIDDEN = 403
OK = 200
# After the message's last sample: its last RTP packets leave before the BYE.
MESSAGE_TAIL_S = 0.5
# Answered but the media never came up (no ACK, say): the desk hangs up
# this long after the message would have ended.
NO_MEDIA_GRACE_S = 10.0
REJECT_REASON = "403 blocked number"
MESSAGE_REASON = "blocked number: recorded message"


class BlockedCalls:
    def __init__(self, config: SipConfig, call_log: CallLog,
                 later: Callable[[Callable[[], None]], None]) -> None:
        self.policy = config.blocked_policy
        self.max_calls = config.max_calls
        self.log = call_log
        self.numbers: BlockedNumbers | None = call_log.blocked
        self.later = later
        self.message = message_path(config.blocked_message)
        self.message_s = 0.0
        if self.policy == "message":
            self.message_s = message_seconds(config.blocked_message)
        self._playing: dict[str, ActiveCall] = {}  # answered with the message, not yet hung up

    def turn_away(self, active: ActiveCall, facts: InviteFacts, live_calls: int) -> bool:
        """In onIncomingCall, for a blocked caller: True when the policy
        answers the call here (message or reject), written down first;
        False under "log": the call rings as any other."""
        policy = self.policy
        if policy == "log":
            return False
        if policy == "message" and live_calls > self.max_calls:
            policy = "reject"  # the message would take a line the desk does not have
        reason = REJECT_REASON if policy == "reject" else MESSAGE_REASON
        logged = self.log.turned_away(facts, reason)
        active.declined = True  # nobody may answer it; the final event says rejected, and why
        active.final_status = f"{CallStatus.REJECTED.value} ({reason})"
        active.hangup_by = "system"
        if logged is not None:
            active.call_id = logged[0]
        if policy == "message":
            active.message_until = time.monotonic() + self.message_s + NO_MEDIA_GRACE_S
            self._playing[active.key] = active
        if logged is not None and logged[1]:
            # Queued first: a 403 may end the call (and queue its last event)
            # inside hangup(), before this returns.
            self.later(partial(self.log.ringing_logged, active.key))
        _respond(active.pj_call, OK if policy == "message" else FORBIDDEN)
        return True

    def hears_message(self, active: ActiveCall) -> bool:
        return active.key in self._playing

    def play(self, active: ActiveCall) -> None:
        """Once the call's audio is up (after a poll: opening the file takes
        a moment): the message, once, then the BYE when it has played."""
        if active.finished or active.media is None or active.message_player is not None:
            return
        try:
            player = pj.AudioMediaPlayer()
            player.createPlayer(str(self.message), pj.PJMEDIA_FILE_NO_LOOP)
            player.startTransmit(active.media)
        except pj.Error as exc:
            log.error("softphone: cannot play the blocked-caller message %s (%s); hanging up",
                      self.message.name, describe_error(exc))
            active.message_until = 0.0
            return
        active.message_player = player
        active.message_until = time.monotonic() + self.message_s + MESSAGE_TAIL_S

    def housekeeping(self, now: float) -> None:
        """After each poll: hang up on messages that have played, and queue
        a refresh of the blocked numbers when one is due."""
        for key, active in list(self._playing.items()):
            if active.finished or active.pj_call is None:
                self._playing.pop(key, None)
            elif now >= active.message_until:
                self._playing.pop(key, None)
                try:
                    active.pj_call.hangup(pj.CallOpParam())
                except pj.Error:
                    pass  # already on its way out: DISCONNECTED follows
        if self.numbers is not None and self.numbers.due(now):
            self.later(self.numbers.refresh)

    def release(self, active: ActiveCall) -> None:
        """The call is over (DISCONNECTED, or shutdown before libDestroy):
        the player goes with it."""
        self._playing.pop(active.key, None)
        active.message_player = None


def _respond(pj_call, status_code: int) -> None:
    prm = pj.CallOpParam()
    prm.statusCode = status_code
    if status_code < 300:
        pj_call.answer(prm)
    else:
        pj_call.hangup(prm)
