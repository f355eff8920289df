"""What happens to each call on the SIP thread: intake, answer, hold,
hang-up, call-back, recording, and the registry of live call objects.

pjsua2 sends nothing a callback answered (100 Trying, 180 Ringing) until
onIncomingCall returns: measured on the wire, both responses leave within
half a millisecond of the callback's return, however early answer() ran.
So onIncomingCall does only what must precede the 180 (the committed row)
and returns. Every other write of the call's log, and every event, goes
to the call log's thread (telephony/log_thread.py) through `later`, first
in, first out: the SIP thread never waits for them, so an INVITE is
answered at once whatever the desk is writing.

Only the engine's thread touches this object. Callbacks copy plain values
out of pjsua2 and emit `CallEvent`s; pj objects stay in `_calls` until
DISCONNECTED and are released right there, inside that callback: that is
pjsua2's own `delete this` moment. Later is too late: pjsua reuses the call
slot for the next INVITE, and a pj.Call destroyed after that hangs up
whatever call now owns its slot (measured: 603 Decline to new callers).
"""
from __future__ import annotations

import gc
import hashlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial

import pjsua2 as pj

from dispatch.calls import CallTaken
from dispatch.enums import CallDirection, CallStatus
from dispatch.errors import IllegalTransition, InvalidInput, NotFound
from dispatch.phone import format_for_display
from dispatch.sip_identity import parse_call_id
from dispatch.timeutil import utcnow
from telephony.active_call import ActiveCall
from telephony.blocked_calls import BlockedCalls
from telephony.events import CallEvent, EventKind
from telephony.intake import CallLog, read_invite
from telephony.media_routing import MediaRouter
from telephony.peers import PeerAllowList, peer_host
from telephony.settings import SipConfig
from telephony.sip_log import DroppedInvite
from telephony.sip_stack import DeskCall, SipStack

log = logging.getLogger(__name__)

RINGING = 180
FORBIDDEN = 403
BUSY_HERE = 486          # an operator declines, or the desk is full: other desks of a fork ring on
UNAVAILABLE = 503        # the desk shuts down while a call rings: the proxy may try another
TAKEN = 480              # another desk claimed the call
NOBODY_ANSWERED = 480    # Temporarily Unavailable: rang sip.ring_timeout_s with no answer
TIMEOUT_CHECK_S = 0.25   # how often the SIP thread looks for calls past the ring timeout


class CallControl:
    def __init__(self, config: SipConfig, call_log: CallLog,
                 emit: Callable[[CallEvent], None],
                 submit: Callable[[Callable[[], None]], None],
                 on_sip_thread: Callable[[Callable[[], None], Future], None],
                 working: Callable[[], None] = lambda: None) -> None:
        self.config = config
        # Said on entering each pjsua2 callback: the call log's thread then
        # keeps off the GIL until the SIP thread waits again (log_thread.py).
        self.working = working
        self.log = call_log
        # Jobs for the call log's thread wait here until pjsua is out of its
        # callback (`hand_over`): woken mid-callback, that thread would take
        # the GIL from the SIP thread just before the 180 leaves.
        self._outbox: deque[Callable[[], None]] = deque()
        self._submit = submit
        self._on_sip_thread = on_sip_thread
        self.later = later = self._outbox.append
        # Events from here leave through the same queue, behind the writes
        # they report; a job already on the call log's thread delivers its
        # own event at once (`_deliver`), in its place in the queue.
        self._deliver = emit
        self.emit = lambda event: later(partial(emit, event))
        self.peers = PeerAllowList(config.allowed_peers)
        self.stack: SipStack | None = None
        self.media = MediaRouter(record_calls=config.record_calls, call_log=call_log,
                                 emit=self.emit, event_for=self._event, defer=later)
        self._calls: dict[str, ActiveCall] = {}
        self.blocked = BlockedCalls(config, call_log, later)
        self._dropped_seen: dict[str, None] = {}
        self._next_timeout_check = 0.0

    # ------------------------------------------------------------ pj hooks

    def incoming_call(self, account, prm) -> None:
        self.working()
        # No cyclic collection inside the ringing budget (a gen-1 pass here
        # costs 2 ms); whatever is due runs after the 180 has left.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._ring(account, prm)
        finally:
            if collecting:
                gc.enable()

    def _ring(self, account, prm) -> None:
        received_ns = time.perf_counter_ns()
        pj_call = DeskCall(self, account, prm.callId)
        try:
            key = pj_call.getInfo().callIdString
        except pj.Error:
            key = f"unknown-{received_ns}"
        pj_call.key = key
        active = self._calls[key] = ActiveCall(key, pj_call)
        made_here = False
        try:
            source = prm.rdata.srcAddress
            if not self.peers.allows(source):
                self._refuse(active, source)
                return
            facts = self.log.identify(read_invite(_whole_message(prm.rdata), source=source,
                                                  sip_call_id=key, received_ns=received_ns))
            active.line, active.caller, active.withheld = facts.line, facts.caller, facts.withheld
            active.caller_name = None if facts.withheld else facts.identity.display_name
            active.blocked = facts.blocked
            if facts.blocked and self.blocked.turn_away(active, facts, self._live_calls()):
                return
            if self._live_calls() > self.config.max_calls:
                self._turn_away(active, facts)
                return
            logged = self.log.ringing(facts)  # durable before the phone rings
            if logged is not None:
                active.call_id, made_here = logged
        except Exception:  # noqa: BLE001 - ring anyway: the caller must not hear nothing
            log.exception("softphone: intake of %s failed", key)
        active.rang_at = time.monotonic()
        committed_ns = time.perf_counter_ns()
        _respond(pj_call, RINGING)  # leaves as this callback returns: return now
        self._emit(EventKind.RINGING, active, received_ns=received_ns, committed_ns=committed_ns)
        if made_here:  # the rest of the log waits until the caller hears ringing
            self.later(partial(self.log.ringing_logged, key))

    def _live_calls(self) -> int:
        return sum(1 for active in self._calls.values() if not active.refused)

    def _turn_away(self, active: ActiveCall, facts) -> None:
        """More calls than sip.max_calls: the desk writes the call down (on
        the callback list) before its 486, from a call slot pjsua keeps
        spare for exactly this, so pjsua never turns a caller away unheard."""
        reason = (f"{BUSY_HERE} all {self.config.max_calls} lines"
                  f" of desk {self.config.desk_name} busy")
        logged = self.log.turned_away(facts, reason)
        active.declined = True
        active.final_status = CallStatus.REJECTED.value
        active.hangup_by = "system"
        if logged is not None:
            active.call_id = logged[0]
        _respond(active.pj_call, BUSY_HERE)
        if logged is not None and logged[1]:
            self.later(partial(self.log.ringing_logged, active.key))

    def _refuse(self, active: ActiveCall, source: str) -> None:
        active.refused = True
        _respond(active.pj_call, FORBIDDEN)
        host = peer_host(source)
        log.warning("softphone: refused INVITE from %s (not in sip.allowed_peers)", host)
        self.later(partial(self.log.refused_peer, peer=host, sip_call_id=active.key,
                           status_code=FORBIDDEN))
        self._emit(EventKind.REFUSED_PEER, active, detail=f"peer={host}")

    def rejected_call(self, prm) -> None:
        """pjsua turned an INVITE away before we heard of it (all call slots
        busy): still a citizen who called, so it is logged for a call-back."""
        received_ns = time.perf_counter_ns()
        source = prm.rdata.srcAddress
        message = _whole_message(prm.rdata)
        # No pj.Call exists for it: the SIP Call-ID comes from the message.
        key = parse_call_id(message) or f"rejected-{received_ns}"
        if not self.peers.allows(source):
            self.later(partial(self.log.refused_peer, peer=peer_host(source), sip_call_id=key,
                               status_code=prm.statusCode))
            return
        facts = self.log.identify(read_invite(message, source=source, sip_call_id=key,
                                              received_ns=received_ns))
        reason = f"{prm.statusCode} {prm.reason}"
        self.later(partial(self._log_rejected, facts, reason, reason))

    def _log_rejected(self, facts, reason: str, detail: str) -> None:
        """On the call log's thread: the row of a call turned away, then its event."""
        call_id = self.log.rejected(facts, reason)
        self._deliver(CallEvent(EventKind.REJECTED, utcnow(), sip_call_id=facts.sip_call_id,
                            call_id=call_id, line=facts.line, caller=facts.caller,
                            withheld=facts.withheld,
                            caller_name=None if facts.withheld else facts.identity.display_name,
                            blocked=facts.blocked, detail=detail))

    def call_state(self, pj_call: DeskCall) -> None:
        self.working()
        active = self._calls.get(pj_call.key)
        if active is None:
            return  # a call-back still inside makeCall(): registered right after
        info = pj_call.getInfo()
        if info.state == pj.PJSIP_INV_STATE_CONFIRMED and not active.confirmed:
            active.confirmed = True
            if self.blocked.hears_message(active):
                return  # answered by nobody: the desk's message plays to a blocked caller
            if active.direction == CallDirection.OUTBOUND.value:
                self.later(partial(self.log.outbound_answered, active.key))
                self.media.give_focus(active)
            self.media.attach(active)
            self._emit(EventKind.ANSWERED, active)
        elif info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            self._finish(active, f"{info.lastStatusCode} {info.lastReason}".strip())

    def call_media_state(self, pj_call: DeskCall) -> None:
        self.working()
        active = self._calls.get(pj_call.key)
        if active is None:
            return
        info = pj_call.getInfo()  # keep it alive: the media list points into it
        for media in info.media:
            if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status in (
                    pj.PJSUA_CALL_MEDIA_ACTIVE, pj.PJSUA_CALL_MEDIA_REMOTE_HOLD):
                active.media = pj_call.getAudioMedia(media.index)
                # Opening the WAV file costs about 0.5 ms: not inside the 200
                # OK's callback, but after a poll, so that an INVITE which
                # arrived meanwhile rings first (the call's RTP has barely begun).
                job = self.blocked.play if self.blocked.hears_message(active) else self.media.attach
                self._after_a_poll(partial(job, active))
                return

    def _after_a_poll(self, job: Callable[[], None]) -> None:
        """Run `job` on this thread among the commands (each after a
        zero-timeout poll). Should the engine stop first, it never runs."""
        def run() -> None:
            try:
                job()
            except Exception:  # noqa: BLE001 - one call's audio must not stop the phone
                log.exception("softphone: deferred call work failed")
        self._on_sip_thread(run, Future())

    # ------------------------------------------------------------ commands

    def answer(self, key: str, operator_id: int | None = None) -> Future:
        """Claim the call in the database (on the call log's thread: another
        desk may have claimed it first), then, back here, send 200 OK. The
        Future gives the call's id once the 200 has gone."""
        active = self._ringing_inbound(key)
        if active.answering is not None:
            return active.answering  # a second F2 while the first is on its way
        done: Future = Future()
        active.answering = done
        self.later(partial(self._claim, active, operator_id, done))
        return done

    def _claim(self, active: ActiveCall, operator_id: int | None, done: Future) -> None:
        """On the call log's thread."""
        try:
            call_id = self.log.claim(active.key, operator_id=operator_id)
        except BaseException as exc:  # noqa: BLE001 - the operator learns why, below
            self._on_sip_thread(partial(self._claim_refused, active, exc, done), done)
        else:
            self._on_sip_thread(partial(self._connect, active, call_id, done), done)

    def _connect(self, active: ActiveCall, call_id: int | None, done: Future) -> None:
        active.answering = None
        if active.finished:
            # The caller hung up while the claim was written: the call's
            # final write (queued after the claim) makes it abandoned.
            done.set_exception(NotFound("the caller hung up before the answer connected",
                                        code="call.hung_up_before_answer"))
            return
        if active.declined or active.timing_out:
            # Declined, or past the ring timeout, while the claim was written:
            # that write (queued after the claim) has the last word.
            done.set_exception(IllegalTransition("the call was ended before the answer "
                                                 "connected", code="call.ended_before_answer"))
            return
        active.claimed, active.call_id = True, call_id
        self._hold_the_others(active)  # one caller at a time in the operator's headset
        _respond(active.pj_call, 200)
        self.media.give_focus(active)
        done.set_result(call_id)

    def _claim_refused(self, active: ActiveCall, exc: BaseException, done: Future) -> None:
        active.answering = None
        if isinstance(exc, CallTaken) and not active.finished:
            active.taken_elsewhere = True
            _respond(active.pj_call, TAKEN)
            self._emit(EventKind.TAKEN_ELSEWHERE, active)
        done.set_exception(exc)

    def hangup(self, key: str) -> None:
        active = self._live(key)
        if active.direction == CallDirection.INBOUND.value and not active.claimed:
            if active.declined or active.timing_out:
                return  # its final response is on its way
            # Declined while ringing: written down first, then the 486.
            active.declined = True
            active.hangup_by = "operator"
            self.later(partial(self._write_then_respond, active, self.log.declined, BUSY_HERE))
            return
        active.hangup_by = "operator"
        active.pj_call.hangup(pj.CallOpParam())

    def _write_then_respond(self, active: ActiveCall, write, status_code: int) -> None:
        """On the call log's thread: the call's final status, durable, then
        (back on the SIP thread) the final response that reports it."""
        active.final_status = write(active.key)
        self._on_sip_thread(partial(self._respond_if_live, active, status_code), Future())

    def _respond_if_live(self, active: ActiveCall, status_code: int) -> None:
        if not active.finished and active.pj_call is not None:
            _respond(active.pj_call, status_code)

    def hold(self, key: str) -> None:
        self._hold(self._talking(key))

    def _hold(self, active: ActiveCall) -> None:
        if active.held:
            return
        key = active.key
        active.pj_call.setHold(pj.CallOpParam(True))
        active.held = True
        if self.media.focus is active:
            self.media.take_focus()
        self.later(partial(self.log.hold, key, True))
        self._emit(EventKind.HELD, active)

    def resume(self, key: str) -> None:
        active = self._talking(key)
        if not active.held:
            return
        self._hold_the_others(active)
        prm = pj.CallOpParam(True)
        prm.opt.flag = pj.PJSUA_CALL_UNHOLD
        active.pj_call.reinvite(prm)
        active.held = False
        self.media.give_focus(active)
        self.later(partial(self.log.hold, key, False))
        self._emit(EventKind.RESUMED, active)

    def _hold_the_others(self, active: ActiveCall) -> None:
        """Answering or resuming a call puts the one the operator was talking
        to on hold first (its caller hears the hold, not a dead line): a
        connected caller is never left without the desk knowing."""
        for other in list(self._calls.values()):
            if (other is not active and other.confirmed and not other.held and not other.declined
                    and not other.finished and other.pj_call is not None):
                self._hold(other)

    def call_back(self, original_id: int, actor: str) -> str:
        number = self.log.callback_target(original_id)
        pj_call = DeskCall(self, self.stack.account)
        pj_call.makeCall(self._callback_uri(number), pj.CallOpParam(True))
        key = pj_call.key = pj_call.getInfo().callIdString
        active = self._calls[key] = ActiveCall(key, pj_call, CallDirection.OUTBOUND.value,
                                               caller=number)
        try:
            active.call_id = self.log.call_back(original_id=original_id, sip_call_id=key,
                                                actor=actor)
        except Exception:
            active.hangup_by = "system"
            pj_call.hangup(pj.CallOpParam())
            raise
        self._emit(EventKind.DIALING, active, detail=f"callback_of={original_id}")
        return key

    def snapshot(self) -> list[dict]:
        return [active.plain() for active in self._calls.values() if not active.refused]

    # ----------------------------------------------------- life and death

    def dropped_invite(self, dropped: DroppedInvite) -> None:
        """An INVITE pjsip's parser threw away (a malformed From, no Call-ID,
        a NUL byte, cut at 4,000 bytes): the caller heard nothing, but the
        desk logs the call, with whatever can be read, for a call-back."""
        # pjsip's dump stops at a NUL byte and at 3,947 characters: the
        # Call-ID may be missing. Retransmissions of one INVITE dump the same.
        key = parse_call_id(dropped.message) or (
            "dropped-" + hashlib.sha256(f"{dropped.source}|{dropped.message}".encode(
                "utf-8", "surrogateescape")).hexdigest()[:24])
        if key in self._dropped_seen:
            return  # retransmissions of the same INVITE
        self._dropped_seen[key] = None
        if len(self._dropped_seen) > 256:
            self._dropped_seen.pop(next(iter(self._dropped_seen)))
        if not self.peers.allows(dropped.source):
            self.later(partial(self.log.refused_peer, peer=peer_host(dropped.source),
                               sip_call_id=key, status_code=0))
            return
        facts = self.log.identify(read_invite(dropped.message, source=dropped.source,
                                              sip_call_id=key, received_ns=time.perf_counter_ns()))
        host = peer_host(dropped.source)
        reason = f"INVITE from {host} dropped by the SIP parser: {dropped.reason}"[:200]
        log.warning("softphone: %s", reason)
        self.later(partial(self._log_rejected, facts, reason, "dropped by the SIP parser"))

    def hand_over(self) -> None:
        """After each poll and command: what they queued, to the call log's thread."""
        outbox = self._outbox
        while outbox:
            self._submit(outbox.popleft())

    def housekeeping(self) -> None:
        """After each poll: announce recordings whose WAV file is complete,
        and end calls nobody answered within the ring timeout."""
        self.media.announce_saved_recordings()
        now = time.monotonic()
        self.blocked.housekeeping(now)
        if now >= self._next_timeout_check:
            self._next_timeout_check = now + TIMEOUT_CHECK_S
            self._end_unanswered(now)

    def _end_unanswered(self, now: float) -> None:
        """A call that rang sip.ring_timeout_s is ended by the desk (480),
        written down first as timed out and put on the callback list: four
        INVITEs whose CANCEL never came must not hold the lines for ever."""
        limit = self.config.ring_timeout_s
        for active in list(self._calls.values()):
            if active.unanswered_inbound and active.rang_at and now - active.rang_at >= limit:
                active.timing_out = True
                active.hangup_by = "system"
                log.info("softphone: call %s rang %.0f s unanswered; ending it",
                         active.call_id if active.call_id is not None else "-", limit)
                self.later(partial(self._write_then_respond, active, self.log.timed_out,
                                   NOBODY_ANSWERED))

    def recordings_pending(self) -> bool:
        return self.media.recordings_pending()

    def hang_up_everything(self, wait_s: float = 5.0) -> None:
        """Shutdown: callers still ringing are written down first (abandoned,
        ended by the system, on the callback list), then get 503 so that a
        proxy may try another desk; connected calls get a BYE."""
        written = []
        for active in list(self._calls.values()):
            active.hangup_by = active.hangup_by or "system"
            if active.unanswered_inbound:
                active.closing = True
                done = threading.Event()
                written.append(done)
                self._submit(partial(self._write_closed, active, done))
        deadline = time.monotonic() + wait_s
        for done in written:
            done.wait(max(0.0, deadline - time.monotonic()))
        for active in list(self._calls.values()):
            prm = pj.CallOpParam()
            if active.direction == CallDirection.INBOUND.value and not active.claimed:
                prm.statusCode = UNAVAILABLE
            try:
                active.pj_call.hangup(prm)
            except pj.Error:
                pass

    def _write_closed(self, active: ActiveCall, done: threading.Event) -> None:
        try:
            active.final_status = self.log.abandoned(active.key, ended_by="system")
        finally:
            done.set()

    def has_calls(self) -> bool:
        return bool(self._calls)

    def forget_everything(self) -> None:
        """Shutdown's last step before libDestroy(): no pj object may survive."""
        for active in list(self._calls.values()):
            self._finish(active, "shutdown")
        self.media.forget()

    def _finish(self, active: ActiveCall, reason: str) -> None:
        if active.finished:
            return
        active.finished = True
        self.media.release(active)
        self.blocked.release(active)
        self._calls.pop(active.key, None)
        active.pj_call = None  # the last reference: freed as this callback returns
        if active.refused:
            return
        # On the call log's thread: it needs only plain values of `active`,
        # none of which change once the call is finished.
        self.later(partial(self._log_final, active, reason))

    def _log_final(self, active: ActiveCall, reason: str) -> None:
        """On the call log's thread."""
        kind, status = self._final_status(active)
        # The SIP reason always; the row's status only when it differs from the event.
        shown = "" if status == kind.value else f"{status or 'row unchanged'} "
        self._deliver(self._event(kind, active, detail=f"{shown}({reason})"))

    def _final_status(self, active: ActiveCall) -> tuple[EventKind, str | None]:
        ended_by = active.hangup_by or "caller"
        if active.taken_elsewhere:
            return EventKind.TAKEN_ELSEWHERE, None
        if active.declined and not active.claimed:  # written before the 486, 403 or message
            return EventKind.REJECTED, active.final_status
        if active.direction == CallDirection.OUTBOUND.value or active.confirmed:
            return EventKind.ENDED, self.log.ended(active.key, ended_by=ended_by)
        if active.timing_out:
            # Written before the 480; the caller may have cancelled meanwhile.
            return EventKind.TIMED_OUT, active.final_status
        if active.closing:
            return EventKind.ABANDONED, active.final_status  # written before the 503
        status = self.log.abandoned(active.key, ended_by=ended_by)
        if status is None and active.call_id is not None:
            return EventKind.TAKEN_ELSEWHERE, None  # answered at another desk
        return EventKind.ABANDONED, status

    # ------------------------------------------------------------- helpers

    def _live(self, key: str) -> ActiveCall:
        active = self._calls.get(key)
        if active is None or active.refused or active.finished:
            raise NotFound(f"no live call with SIP Call-ID {key!r} on this desk",
                           code="call.not_live")
        return active

    def _ringing_inbound(self, key: str) -> ActiveCall:
        active = self._live(key)
        if active.direction != CallDirection.INBOUND.value:
            raise IllegalTransition("an outgoing call is answered by the far end",
                                    code="call.outgoing_not_answerable")
        if active.claimed:
            raise IllegalTransition("this call is already answered", code="call.already_answered")
        return active

    def _talking(self, key: str) -> ActiveCall:
        active = self._live(key)
        if not active.confirmed:
            raise IllegalTransition("only a connected call can be held or resumed",
                                    code="call.not_connected")
        return active

    def _callback_uri(self, e164: str) -> str:
        display = format_for_display(e164) or ""
        national = e164
        if display.startswith("0"):  # an Indonesian number: dial it the national way
            national = "".join(ch for ch in display if ch.isdigit())
        template = self.config.callback_uri
        if not template and self.config.registrar:
            domain = self.config.registrar.split(":", 1)[1].split(";", 1)[0]
            template = f"sip:{{national}}@{domain}"
        if not template:
            raise InvalidInput("no route for call-backs: set sip.callback_uri (or sip.registrar)",
                               code="callback.no_route")
        try:
            return template.format(e164=e164, national=national, number=e164)
        except (KeyError, IndexError, ValueError):
            raise InvalidInput(f"sip.callback_uri {template!r}: "
                               "use {e164} or {national} for the number",
                               code="callback.bad_template", template=template,
                               e164_field="{e164}", national_field="{national}") from None

    def _emit(self, kind: EventKind, active: ActiveCall, **extra) -> None:
        self.emit(self._event(kind, active, **extra))

    @staticmethod
    def _event(kind: EventKind, active: ActiveCall, **extra) -> CallEvent:
        return CallEvent(kind, utcnow(), sip_call_id=active.key, call_id=active.call_id,
                         direction=active.direction, line=active.line, caller=active.caller,
                         caller_name=active.caller_name, withheld=active.withheld,
                         blocked=active.blocked, **extra)


def _respond(pj_call: DeskCall, status_code: int) -> None:
    prm = pj.CallOpParam()
    prm.statusCode = status_code
    if status_code < 300:
        pj_call.answer(prm)
    else:
        pj_call.hangup(prm)


def _whole_message(rdata) -> str:
    """The INVITE as text; bytes that are not UTF-8 arrive as surrogates,
    which dispatch.sip_identity replaces. Never raises."""
    try:
        return rdata.wholeMsg
    except Exception:  # noqa: BLE001 - an undecodable message still rings
        log.warning("softphone: INVITE text could not be read; logging it without identity")
        return ""

