"""The call log's thread: jobs in order, and the SIP thread first."""
from __future__ import annotations

import threading
import time

from telephony.log_thread import CallLogThread, SipThreadFirst


def test_jobs_run_in_order_and_all_queued_jobs_run_at_stop():
    done = []
    log_thread = CallLogThread()
    log_thread.start()
    for n in range(50):
        log_thread.submit(lambda n=n: done.append(n))
    log_thread.stop()
    assert done == list(range(50))


def test_a_failing_job_does_not_stop_the_ones_after_it():
    done = []
    log_thread = CallLogThread()
    log_thread.start()
    log_thread.submit(lambda: 1 / 0)
    log_thread.submit(lambda: done.append("after"))
    log_thread.stop()
    assert done == ["after"]


def test_a_job_waits_while_the_sip_thread_works_and_runs_once_it_waits():
    turns = SipThreadFirst(limit=5.0)
    log_thread = CallLogThread(give_way=turns.give_way)
    log_thread.start()
    ran = threading.Event()
    try:
        turns.working()  # an INVITE is being answered
        log_thread.submit(ran.set)
        assert not ran.wait(0.3)  # the log keeps off the GIL meanwhile
        turns.waiting()  # back in libHandleEvents()
        assert ran.wait(2.0)
    finally:
        turns.waiting()
        log_thread.stop()


def test_the_log_never_waits_longer_than_the_limit():
    # A SIP thread that never goes back to waiting only slows the log down.
    turns = SipThreadFirst(limit=0.05)
    turns.working()
    started = time.monotonic()
    for _ in range(5):
        turns.give_way()
    assert 0.2 <= time.monotonic() - started < 2.0
    turns.waiting()
    started = time.monotonic()
    turns.give_way()
    assert time.monotonic() - started < 0.05
