"""The call log's writes after the 180: the ORM against plain SQL.

Each call's log after its 180 is two writes (cancelled: the caller link
and audit entry, then the final status) or four (answered: also the
claim and the recording's path). They run on the call log's thread, beside
the SIP thread, and what they cost in CPU (and GIL) is taken from the next
INVITE's ringing. Both ways run here in one process on the same kind of
SQLite file, through telephony.intake.CallLog, each write timed in thread
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

CALLS = 150
IDLE_S = 0.02
_INVITE = ("INVITE sip:0361223333@127.0.0.1:5060 SIP/2.0\r\n"
           "From: \"Caller {n}\" <sip:0812{n:08d}@127.0.0.1:5061>;tag=1\r\n"
           "To: <sip:0361223333@127.0.0.1:5060>\r\nCall-ID: bench-{n}\r\n\r\n")


def measure(folder: Path, *, plain_sql: bool, pause: float) -> dict[str, list[float]]:
    from dispatch.seed import load_seed_file
    from dispatch.storage import open_database
    from telephony.intake import CallLog, read_invite
    database = open_database(f"sqlite:///{folder / 'desk.sqlite3'}")
    load_seed_file(database, None, actor="bench")
    log = CallLog(database, desk="bench", actor="bench", plain_sql=plain_sql)
    log.warm_up()
    spent: dict[str, list[float]] = {"answered": [], "cancelled": []}
    try:
        for n in range(CALLS * 2):
            key = f"bench-{n}"
            facts = read_invite(_INVITE.format(n=10_000_000 + n), source="127.0.0.1:5061",
                                sip_call_id=key, received_ns=0)
            call_id, _ = log.ringing(facts)
            writes = [lambda: log.ringing_logged(call_id)]
            if n % 2:
                writes.append(lambda: log.abandoned(key, ended_by="caller"))
            else:
                writes += [lambda: log.claim(key), lambda: log.recording(key, "/tmp/bench.wav"),
                           lambda: log.ended(key, ended_by="caller")]
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
        database.dispose()
    return spent


def run() -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-call-log-") as tmp:
        for pause, when in ((0.0, "warm"), (IDLE_S, "idle CPU")):
            for plain_sql, how in ((False, "ORM"), (True, "plain SQL")):
                folder = Path(tmp) / f"{how}-{when}".replace(" ", "-")
                folder.mkdir()
                spent = measure(folder, plain_sql=plain_sql, pause=pause)
                rows.append((how, when, spent))
    print(f"{'writes':<10} {'CPU':<9} {'answered call p50/p99 ms':>25} "
          f"{'cancelled call p50/p99 ms':>26}")
    for how, when, spent in rows:
        answered, cancelled = spent["answered"], spent["cancelled"]
        print(f"{how:<10} {when:<9} {percentile(answered, .5):>12.2f}/{percentile(answered, .99):<12.2f}"
              f" {percentile(cancelled, .5):>12.2f}/{percentile(cancelled, .99):<12.2f}")


if __name__ == "__main__":
    run()
