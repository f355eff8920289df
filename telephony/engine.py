"""The softphone engine: one thread owns pjsua2, everyone else talks to it.

    engine = SoftphoneEngine(database, config)
    engine.add_listener(print)           # CallEvents, on the call log's thread
    engine.start()                        # listening when this returns
    engine.answer(sip_call_id).result()  # commands return Futures
    engine.stop()                         # hangs up, then libDestroy()

Two threads. The SIP thread owns pjsua2: an INVITE is answered inside
libHandleEvents() (row committed, then 180), and the 180 leaves when that
callback returns. Commands may come from any thread; they queue up and run
between two polls (at most POLL_MS later), each after a zero-timeout poll
so that an INVITE which arrived meanwhile is answered first. Everything
else the database hears of a call (its history link and audit entry, the
claim of an answer, the recording's path, the final status) is written on
the call log's thread (telephony/log_thread.py), which also delivers the
events, in order, each after the write it reports; that thread keeps off
the GIL while this one has work (log_thread.SipThreadFirst). Listeners must return
quickly (hop to your own thread: see ui/calls/softphone_bridge.py); an exception
in one is logged and ignored. STARTED and STOPPED come from the SIP thread,
before and after all the others.
"""
from __future__ import annotations

import atexit
import gc
import getpass
import logging
import queue
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import Any

from dispatch import paths
from dispatch.errors import DeskError
from dispatch.storage import Database
from dispatch.timeutil import utcnow
from telephony.audio import HeadsetPipes, make_headset_port
from telephony.blocked_numbers import BlockedNumbers
from telephony.call_control import CallControl
from telephony.events import CallEvent, EventKind
from telephony.intake import CallLog
from telephony.journal import CallJournal
from telephony.log_thread import CallLogThread, SipThreadFirst
from telephony.settings import SipConfig
from telephony.sip_stack import SipStack, describe_error, detached

log = logging.getLogger(__name__)
Listener = Callable[[CallEvent], None]
SHUTDOWN_GRACE_S = 2.0
REPLAY_EVERY_S = 1.0  # while journaling: how often the database is tried again
# How long a thread wanting the GIL waits before asking its holder to let
# go (CPython's default is 5 ms). The SIP thread gives the GIL up at every
# pjsua2 and SQLite call in onIncomingCall; with the call log's thread busy,
# each time it wanted it back could cost it up to 5 ms of the ringing budget.
GIL_SWITCH_INTERVAL_S = 0.0002
# pjsua2 allows one Endpoint per process; a second libCreate() aborts it.
_ONE_PER_PROCESS = threading.Lock()


class SoftphoneError(DeskError):
    """The softphone cannot start, or is not running."""


class SoftphoneEngine:
    def __init__(self, database: Database, config: SipConfig, *,
                 headset: HeadsetPipes | None = None, actor: str | None = None,
                 journal_path: Path | None = None) -> None:
        self.database = database
        self.config = config
        self.headset = headset
        self.actor = actor or _login_name()
        self.journal_path = journal_path or paths.data_dir() / "journal" / "calls.journal"
        self._call_log: CallLog | None = None
        # The numbers supervisors blocked, as the SIP thread sees them.
        self.blocked_numbers = BlockedNumbers(database)
        self._replay_due = 0.0
        self._replaying = threading.Event()
        self._commands: queue.SimpleQueue = queue.SimpleQueue()
        self._listeners: list[Listener] = []
        self._listeners_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._started = threading.Event()
        self._start_error: str | None = None
        self._accepting = False
        self._stop_requested = False
        self._log_thread: CallLogThread | None = None
        self._turns = SipThreadFirst()  # left "waiting" by each stop, so reused by a restart

    # ---------------------------------------------------------- lifecycle

    def start(self, timeout: float = 10.0) -> None:
        if self._thread is not None:
            raise SoftphoneError("the softphone is already running", code="softphone.running")
        if not _ONE_PER_PROCESS.acquire(blocking=False):
            raise SoftphoneError("another softphone is already running in this process",
                                code="softphone.running")
        self._started.clear()
        self._start_error = None
        self._stop_requested = False
        # A daemon thread plus an atexit stop: a forgotten stop() still
        # shuts pjsua2 down in order instead of aborting at exit.
        self._thread = threading.Thread(target=self._run, name="softphone-sip", daemon=True)
        self._thread.start()
        if not self._started.wait(timeout):
            raise SoftphoneError("the softphone did not start in time",
                                code="softphone.start_timeout")
        if self._start_error is not None:
            self._thread.join(timeout)
            self._thread = None
            _ONE_PER_PROCESS.release()
            raise SoftphoneError(f"cannot start the softphone on {self.config.transport} "
                                 f"{self.config.listen}: {self._start_error}",
                                 code="softphone.cannot_start",
                                 transport=self.config.transport, listen=self.config.listen,
                                 reason=str(self._start_error))
        atexit.register(self.stop)

    def stop(self, timeout: float = 15.0) -> None:
        """Hang up every call, finish their rows and recordings, destroy
        pjsua2. Idempotent; safe from any thread but the SIP thread."""
        thread = self._thread
        if thread is None:
            return
        if threading.current_thread() is thread:
            raise SoftphoneError("stop() called from the SIP thread; call it from elsewhere",
                                code="softphone.stop_from_sip_thread")
        self._stop_requested = True
        thread.join(timeout)
        if thread.is_alive():
            log.error("softphone: the SIP thread did not stop within %.0f s", timeout)
            return
        self._thread = None
        atexit.unregister(self.stop)
        _ONE_PER_PROCESS.release()

    @property
    def running(self) -> bool:
        return self._accepting

    def describe(self) -> dict:
        """Plain facts about this engine for `safedesk engine status` and
        the window's status bar; cheap, safe from any thread."""
        durable = self._call_log.durable if self._call_log is not None else None
        return {"desk": self.config.desk_name, "transport": self.config.transport,
                "listen": self.config.listen, "accepting": self._accepting,
                "journaling": bool(durable and durable.journaling),
                "journal_reason": durable.reason if durable and durable.journaling else "",
                "journal_path": str(self.journal_path)}

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        with self._listeners_lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._listeners_lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)
        return remove

    # ----------------------------------------------------------- commands

    def answer(self, sip_call_id: str, *, operator_id: int | None = None) -> Future:
        """Claim the ringing call (refused if another desk did) and connect it."""
        return self._submit(lambda control: control.answer(sip_call_id, operator_id))

    def hangup(self, sip_call_id: str) -> Future:
        """BYE a connected call, CANCEL a call-back, decline (486) a ringing one."""
        return self._submit(lambda control: control.hangup(sip_call_id))

    def hold(self, sip_call_id: str) -> Future:
        return self._submit(lambda control: control.hold(sip_call_id))

    def resume(self, sip_call_id: str) -> Future:
        return self._submit(lambda control: control.resume(sip_call_id))

    def call_back(self, call_id: int, *, actor: str | None = None) -> Future:
        """Dial the caller of Call `call_id`; the Future gives the new SIP Call-ID."""
        return self._submit(lambda control: control.call_back(call_id, actor or self.actor))

    def active_calls(self) -> Future:
        """Plain dicts describing the calls this desk holds right now."""
        return self._submit(lambda control: control.snapshot())

    def _submit(self, command: Callable[[Any], Any]) -> Future:
        future: Future = Future()
        if not self._accepting:
            future.set_exception(SoftphoneError("the softphone is not running",
                                                code="softphone.not_running"))
            return future
        self._commands.put((command, future))
        return future

    # --------------------------------------------------------- SIP thread

    def _run(self) -> None:
        control = stack = call_log = journal = None
        failure = None
        turns = self._turns
        log_thread = CallLogThread(give_way=turns.give_way)
        started_at = utcnow()
        try:
            journal = _open_journal(self.journal_path)
            call_log = CallLog(self.database, desk=self.config.desk_name, actor=self.actor,
                               journal=journal, give_way=turns.give_way,
                               on_journal_change=self._journal_changed,
                               blocked=self.blocked_numbers,
                               blocked_policy=self.config.blocked_policy)
            call_log.warm_up()
            self.blocked_numbers.load()  # in force from the first call on
            _freeze_the_heap()
            control = CallControl(self.config, call_log, self._emit, log_thread.submit,
                                  self._on_sip_thread, working=turns.working)
            stack = control.stack = SipStack(self.config, control)
            if self.headset is not None:
                control.media.headset_port = make_headset_port(self.headset)
        except BaseException as exc:  # noqa: BLE001 - reported by start()
            failure = describe_error(exc)
        # Cleaned up outside the except block: its traceback holds frames,
        # and frames hold pj objects that must die before libDestroy().
        if failure is not None:
            self._start_error = failure
            if stack is not None:
                control.forget_everything()
                stack.destroy()
                control.stack = None
            if call_log is not None:
                call_log.close()
            if journal is not None:
                journal.close()
            gc.unfreeze()
            self._started.set()
            return
        log_thread.start()
        self._log_thread = log_thread
        self._call_log = call_log
        # First of all, on the call log's thread: what the last run journaled,
        # then whatever a crash of this desk left live (closed, on the callback list).
        if call_log.durable.journaling:
            self._schedule_replay(now=True)
        log_thread.submit(partial(call_log.strand_earlier_calls, started_before=started_at,
                                  ring_timeout_s=self.config.ring_timeout_s))
        self.blocked_numbers.listen_for_changes()
        self._switch_interval_before = sys.getswitchinterval()
        sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
        self._accepting = True
        self._started.set()
        self._emit(CallEvent(EventKind.STARTED, utcnow(),
                             detail=f"{self.config.transport} {self.config.listen}"))
        try:
            between = stack.poll_now
            while not self._stop_requested:
                turns.waiting()
                stack.poll()
                control.hand_over()
                control.housekeeping()
                while stack.dropped_invites:
                    control.dropped_invite(stack.dropped_invites.popleft())
                control.hand_over()
                self._run_commands(control, between)
                if call_log.durable.journaling:
                    self._schedule_replay()
        except BaseException:  # noqa: BLE001 - still shut down in order
            log.exception("softphone: the SIP loop failed")
        finally:
            self._shutdown(control, stack)

    def _run_commands(self, control, between=None) -> None:
        while True:
            try:
                command, future = self._commands.get_nowait()
            except queue.Empty:
                return
            if not future.set_running_or_notify_cancel():
                continue
            self._turns.working()
            if between is not None:
                between()  # an INVITE waiting now is answered before the command
                control.hand_over()
            try:
                result = command(control)
            except BaseException as exc:  # noqa: BLE001 - the caller gets it, detached
                future.set_exception(detached(exc))
            else:
                if isinstance(result, Future):  # finished later (an answer's claim)
                    result.add_done_callback(partial(_pass_on, to=future))
                else:
                    future.set_result(result)
            control.hand_over()
            control.housekeeping()

    def _shutdown(self, control, stack) -> None:
        self._accepting = False
        self.blocked_numbers.stop_listening()
        try:
            self._fail_queued_commands()
            control.hang_up_everything()
            deadline = time.monotonic() + SHUTDOWN_GRACE_S
            # Let the BYEs/503s leave and DISCONNECTED arrive, so each row
            # gets its real final status and each WAV is finalised.
            while control.has_calls() and time.monotonic() < deadline:
                stack.poll(10)
                control.hand_over()
                control.housekeeping()
            if control.has_calls():
                stack.hangup_all()
                for _ in range(10):
                    stack.poll(10)
                    control.hand_over()
                    control.housekeeping()
        except BaseException:  # noqa: BLE001
            log.exception("softphone: hanging up at shutdown failed")
        finally:
            control.forget_everything()
            self._let_recordings_finalise(control, stack)
            gc.collect()
            stack.destroy()
            control.stack = None
            # Final statuses of the calls just hung up: plain values, no pj objects.
            control.hand_over()
            self._turns.waiting()  # from now on the SIP thread only waits for the log
            self._log_thread.submit(control.log.close_later_writes)
            self._log_thread.stop()
            control.log.close()
            control.log.durable.journal.close()
            gc.unfreeze()
            # The heap frozen at start is back in the collector's sight: walk
            # it now, while nothing waits on this process, rather than in the
            # first full collection after, on whatever thread (in a long-lived
            # process that hosted an engine, a window's or a test's).
            gc.collect()
            sys.setswitchinterval(self._switch_interval_before)
            self._fail_queued_commands()
            self._emit(CallEvent(EventKind.STOPPED, utcnow()))

    # ------------------------------------------------------------ journal

    def _schedule_replay(self, *, now: bool = False) -> None:
        """While the database refuses writes: try the journal again every
        REPLAY_EVERY_S, on the call log's thread, one attempt at a time."""
        moment = time.monotonic()
        if self._replaying.is_set() or (not now and moment < self._replay_due):
            return
        self._replay_due = moment + REPLAY_EVERY_S
        self._replaying.set()
        self._log_thread.submit(self._replay)

    def _replay(self) -> None:
        """On the call log's thread."""
        try:
            self._call_log.replay_journal()
        except Exception:  # noqa: BLE001 - the next round tries again
            log.exception("softphone: replaying the journal failed")
        finally:
            self._replaying.clear()

    def _journal_changed(self, journaling: bool, reason: str, count: int) -> None:
        """From DurableCallLog, on whichever thread wrote: said once, then
        told to listeners from the call log's thread."""
        if journaling:
            event = CallEvent(EventKind.JOURNALING, utcnow(), detail=reason)
        else:
            event = CallEvent(EventKind.DATABASE_BACK, utcnow(),
                              detail=f"{count} journaled events replayed")
        self._log_thread.submit(partial(self._emit, event))

    @staticmethod
    def _let_recordings_finalise(control, stack) -> None:
        # The bridge's clock thread completes closed WAV files a frame later.
        deadline = time.monotonic() + SHUTDOWN_GRACE_S
        try:
            while control.recordings_pending() and time.monotonic() < deadline:
                stack.poll(10)
                control.hand_over()
                control.housekeeping()
        except BaseException:  # noqa: BLE001
            log.exception("softphone: waiting for recordings failed")

    def _on_sip_thread(self, job: Callable[[], None], outcome: Future) -> None:
        """Run `job` on the SIP thread among the commands; should the engine
        stop first, `outcome` fails instead of waiting for ever."""
        carrier: Future = Future()
        carrier.add_done_callback(partial(_fail_with, outcome=outcome))
        self._commands.put((lambda control: job(), carrier))

    def _fail_queued_commands(self) -> None:
        while True:
            try:
                _, future = self._commands.get_nowait()
            except queue.Empty:
                return
            if future.set_running_or_notify_cancel():
                future.set_exception(SoftphoneError("the softphone stopped",
                                                    code="softphone.stopped"))

    def _emit(self, event: CallEvent) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # noqa: BLE001 - a broken panel must not stop the phone
                log.exception("softphone: a listener failed on %s", event.kind)


def _open_journal(path: Path) -> CallJournal:
    """The write journal; a desk whose journal cannot be opened (a read-only
    data directory) still rings and logs to the database, and says so."""
    journal = CallJournal(path)
    try:
        return journal.open()
    except OSError as exc:
        log.error("softphone: cannot open the call journal %s (%s); calls are logged only "
                  "while the database takes writes", path, exc.strerror or exc)
        return journal


def _pass_on(inner: Future, *, to: Future) -> None:
    exc = inner.exception()
    if exc is not None:
        to.set_exception(detached(exc))
    else:
        to.set_result(inner.result())


def _fail_with(carrier: Future, *, outcome: Future) -> None:
    exc = carrier.exception()
    if exc is not None and not outcome.done():
        outcome.set_exception(exc)


def _freeze_the_heap() -> None:
    """Move every object alive now out of the collector's sight (gc.freeze).

    A full collection holds the GIL while it walks the heap, on whichever
    thread happens to trigger it, and meanwhile the SIP thread cannot enter
    onIncomingCall: with the desk's ~130,000 objects that is 30-100 ms
    (measured: two such collections on the GUI thread made eight calls of
    the calm intake bench ring 8-12 ms late). Frozen, the startup heap is
    never scanned again; later collections walk only what came after.
    Done before pjsua2 exists, so no pj object is ever frozen (stop()'s
    collections must be able to free them before libDestroy()); stop()
    unfreezes."""
    gc.collect()
    gc.freeze()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name under some services
        return "desk"
