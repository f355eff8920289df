"""The call log's writes after the 180: the engine's cursor against a Session.

Each call's log after its 180 is two writes (cancelled: the caller link
and audit entry, then the final status) or four (answered: also the
claim and the recording's path). In the engine they run on the call log's
thread, beside the SIP thread, and what they cost in CPU (and GIL) is
taken from the next INVITE's ringing. The one writer (dispatch/call_log.py)
runs them either on a SQLite cursor with statements compiled once (the
engine, telephony.intake.CallLog) or on a SQLAlchemy connection lent by an
ORM Session (the CLI and the window, dispatch/calls.py). Both run here in
one process on the same kind of SQLite file, each write timed in thread
CPU time: back to back ("warm"), and 20 ms after the previous one, as in
a surge, where this VM runs code that has not run for a while 2-3x slower
("idle CPU").

    python -m bench.bench_call_log
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.bench_intake import percentile
from dispatch.permissions import SYSTEM

CALLS = 150
IDLE_S = 0.02
_INVITE = ("INVITE sip:0361223333@127.0.0.1:5060 SIP/2.0\r\n"
           "From: \"Caller {n}\" <sip:0812{n:08d}@127.0.0.1:5061>;tag=1\r\n"
           "To: <sip:0361223333@127.0.0.1:5060>\r\nCall-ID: bench-{n}\r\n\r\n")


class SessionWrites:
    """The same writes as telephony.intake.CallLog, one Session each."""

    def __init__(self, database) -> None:
        self.database = database

    def _in_a_session(self, operation, **arguments):
        with self.database.session() as session:
            return operation(session, desk="bench", **arguments)

    def ringing_logged(self, key):
        from dispatch import calls
        with self.database.session() as session:
            calls.complete_ringing(session, call_id=calls.find_by_sip_call_id(session, key).id,
                                   desk="bench")

    def abandoned(self, key, ended_by):
        from dispatch import calls
        return self._in_a_session(calls.mark_abandoned, sip_call_id=key, ended_by=ended_by)

    def claim(self, key):
        from dispatch import calls
        return self._in_a_session(calls.mark_answered, sip_call_id=key)

    def recording(self, key, path):
        from dispatch import calls
        with self.database.session() as session:
            calls.set_recording(session, sip_call_id=key, path=path)

    def ended(self, key, ended_by):
        from dispatch import calls
        return self._in_a_session(calls.mark_ended, sip_call_id=key, ended_by=ended_by)


def measure(folder: Path, *, through_a_session: bool, pause: float) -> dict[str, list[float]]:
    from dispatch.seed import load_seed_file
    from dispatch.storage import open_database
    from telephony.intake import CallLog, read_invite
    from telephony.journal import CallJournal
    database = open_database(f"sqlite:///{folder / 'desk.sqlite3'}")
    database.principal = SYSTEM  # the engine's writer
    load_seed_file(database, None, actor="bench")
    journal = CallJournal(folder / "calls.journal").open()
    log = CallLog(database, desk="bench", actor="bench", journal=journal)
    log.warm_up()
    writes_to = SessionWrites(database) if through_a_session else log
    spent: dict[str, list[float]] = {"answered": [], "cancelled": []}
    try:
        for n in range(CALLS * 2):
            key = f"bench-{n}"
            facts = read_invite(_INVITE.format(n=10_000_000 + n), source="127.0.0.1:5061",
                                sip_call_id=key, received_ns=0)
            log.ringing(facts)
            out = writes_to
            # Each closure is called below, in this same iteration: bound for clarity.
            writes = [lambda out=out, key=key: out.ringing_logged(key)]
            if n % 2:
                writes.append(lambda out=out, key=key: out.abandoned(key, ended_by="caller"))
            else:
                writes += [lambda out=out, key=key: out.claim(key),
                           lambda out=out, key=key: out.recording(key, "/tmp/bench.wav"),
                           lambda out=out, key=key: out.ended(key, ended_by="caller")]
            total = 0
            for write in writes:
                if pause:
                    time.sleep(pause)
                started = time.thread_time_ns()
                write()
                total += time.thread_time_ns() - started
            spent["cancelled" if n % 2 else "answered"].append(total / 1e6)
    finally:
        log.close_later_writes()
        log.close()
        journal.close()
        database.dispose()
    return spent


def run() -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-call-log-") as tmp:
        for pause, when in ((0.0, "warm"), (IDLE_S, "idle CPU")):
            for through_a_session, how in ((True, "session"), (False, "cursor")):
                folder = Path(tmp) / f"{how}-{when}".replace(" ", "-")
                folder.mkdir()
                spent = measure(folder, through_a_session=through_a_session, pause=pause)
                rows.append((how, when, spent))
    print(f"{'writes':<10} {'CPU':<9} {'answered call p50/p99 ms':>25} "
          f"{'cancelled call p50/p99 ms':>26}")
    for how, when, spent in rows:
        answered, cancelled = spent["answered"], spent["cancelled"]
        print(f"{how:<10} {when:<9}"
              f" {percentile(answered, .5):>12.2f}/{percentile(answered, .99):<12.2f}"
              f" {percentile(cancelled, .5):>12.2f}/{percentile(cancelled, .99):<12.2f}")


if __name__ == "__main__":
    run()
