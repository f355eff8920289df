"""The call log's own thread: every write after the 180, and every event.

Intake writes one row before the phone rings, on the SIP thread. The rest
of a call's log (the caller's history link and audit entry, the claim of
an answer, the recording's path, the final status) is SQLAlchemy ORM work
of 1 to 4 ms each, 6 to 18 ms per call on an idle CPU: on the SIP thread,
an INVITE arriving meanwhile waited for it (a 50 calls/s surge kept that
thread busy nine tenths of the time). Here it runs beside the SIP thread,
which is left with pjsua2 and the one pre-180 write.

Events go through the same queue, so a listener hears a call's RINGING,
ANSWERED and ENDED in that order, each after the write it reports. Jobs
hold plain values only: no pj object ever reaches this thread.

Beside the SIP thread is not enough, though: both need the GIL, and the
SIP thread gives it up at every pjsua2 and SQLite call. Measured in a
surge, an INVITE that arrived while this thread ran its ORM work took
twice as long to ring (1.8 ms to 3.4 ms median in onIncomingCall). So
this thread gives way (`SipThreadFirst`): it starts a job, each read of a
job's unit of work and its WAL fsync only while the SIP thread is waiting
for the network, or after a short limit. And the usual writes are plain
SQL on a cursor (dispatch/call_log_units.py), a sixth of the ORM's CPU.
"""
from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)
Job = Callable[[], None]
_STOP = object()
LOG_THREAD_NICENESS = 10
# The longest the call log waits for the SIP thread at one point: enough for
# an INVITE's callback (1.5 to 4 ms) or an answer's 200 OK, short enough that
# a SIP thread kept busy for seconds only slows the log, never stops it.
GIVE_WAY_LIMIT_S = 0.005


class SipThreadFirst:
    """Who goes first for the GIL: the SIP thread, while it has work.

    The SIP thread says `working()` as it enters a pjsua2 callback or runs a
    command, and `waiting()` just before it blocks in libHandleEvents(). The
    call log's thread calls `give_way()` at the points where pausing costs
    nothing (between jobs, before a read that holds no lock): it returns at
    once while the SIP thread waits, else when it does, or after `limit`.
    """

    def __init__(self, limit: float = GIVE_WAY_LIMIT_S) -> None:
        self.limit = limit
        self._sip_thread_waiting = threading.Event()
        self._sip_thread_waiting.set()

    def working(self) -> None:
        if self._sip_thread_waiting.is_set():
            self._sip_thread_waiting.clear()

    def waiting(self) -> None:
        if not self._sip_thread_waiting.is_set():
            self._sip_thread_waiting.set()

    def give_way(self) -> None:
        self._sip_thread_waiting.wait(self.limit)


class CallLogThread:
    def __init__(self, name: str = "softphone-log", *,
                 give_way: Callable[[], None] | None = None) -> None:
        self._give_way = give_way or (lambda: None)
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._started = False

    def start(self) -> None:
        self._thread.start()
        self._started = True

    def submit(self, job: Job) -> None:
        """Run `job` on the log thread, after every job submitted before it."""
        self._jobs.put(job)

    def stop(self, timeout: float = 30.0) -> None:
        """Run what is queued, then end the thread. Jobs submitted after
        this are never run; without a started thread, run them here."""
        if not self._started:
            self._drain_here()
            return
        self._jobs.put(_STOP)
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.error("softphone: the call log did not finish within %.0f s", timeout)
        self._started = False

    def _run(self) -> None:
        _lower_own_priority()
        while True:
            job = self._jobs.get()
            if job is _STOP:
                return
            self._give_way()
            _run_one(job)

    def _drain_here(self) -> None:
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            if job is not _STOP:
                _run_one(job)


def _lower_own_priority() -> None:
    """Nice this thread (Linux schedules threads one by one), so that when
    it and the SIP thread both want a CPU, the SIP thread gets it at once
    rather than after the log's time slice. Raising niceness needs no
    privilege; where it fails, the log simply runs at normal priority."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOG_THREAD_NICENESS)
    except (AttributeError, OSError):
        log.debug("softphone: could not lower the call log thread's priority")


def _run_one(job: Job) -> None:
    try:
        job()
    except Exception:  # noqa: BLE001 - one call's log must not stop the others
        log.exception("softphone: a call log job failed")
