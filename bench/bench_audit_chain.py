"""What the audit chain costs the desk's writes (target: at most 10%).

Each write below is one committed unit of work with one audit entry, as
the desk makes it: a complaint ticket opened, an incident opened (each a
Session, the ORM path), and a call put on hold by the softphone engine's
call log (`CallLogUnits`: a SQLite cursor, or a connection on PostgreSQL).
Two databases of the same kind take the writes in turn, one with the chain
and one without (`dispatch.audit._CHAIN_FOR_BENCH_ONLY` off: what the desk
wrote before the chain), alternating write by write, so both see the same
machine at the same moment and grow alike. Wall time (SQLite here commits
with a full fsync) and the process's CPU time per write are printed, median
and p90, and the chain's cost as the ratio of the medians.

Then the chain's one-off work on a trail of `TRAIL` entries: the migration
chaining entries written before it (`chain_rows`) and `verify_chain`.

    python -m bench audit_chain
    python tests/with_postgres.py -- .venv/bin/python -m bench audit_chain   # and PostgreSQL
"""
from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text

from dispatch import audit, call_log, call_rules, calls
from dispatch.call_log_units import CallLogUnits
from dispatch.complaints import create_complaint
from dispatch.enums import Role
from dispatch.incidents import create_incident
from dispatch.models import AuditEntry
from dispatch.permissions import Principal
from dispatch.seed import load_seed_file
from dispatch.sip_identity import parse_caller
from dispatch.storage import open_database
from dispatch.timeutil import utcnow

WRITES = {"sqlite": 300, "postgresql": 300}  # per kind of write and per side
WARM_UP = 20
TRAIL = 100_000
TARGET_COST = 0.10
PG_URL_ENV = "SAFEDESK_TEST_PG_URL"  # set by tests/with_postgres.py
BENCH = Principal("bench", Role.SUPERVISOR)
_INVITE = ('INVITE sip:0361223333@127.0.0.1 SIP/2.0\r\n'
           'From: "Penelepon" <sip:081234500{n:03d}@10.0.0.9>;tag=1\r\n\r\n')


class Desk:
    """One database and what it takes to write each kind of entry there."""

    def __init__(self, url: str, chained: bool, seed: int) -> None:
        self.chained = chained
        self.database = open_database(url)
        self.database.principal = BENCH
        load_seed_file(self.database, None, actor="bench")
        self.rng = random.Random(seed)
        self.units = CallLogUnits(self.database)
        self.key = f"hold-{uuid.uuid4().hex[:8]}@bench"
        with self.database.session() as session:
            calls.record_ringing(session, sip_call_id=self.key, line_number="+62361223333",
                                 identity=parse_caller(_INVITE.format(n=seed)), desk="bench")
        self.units.run(lambda x: call_log.transition(x, key=self.key, rule=call_rules.answering,
                                                     desk="bench", at=utcnow(),
                                                     operator_id=None))
        self.held = False

    def complaint(self) -> None:
        with self.database.session() as session:
            create_complaint(session, category_code="lampu_jalan", actor="bench",
                             description="Lampu jalan mati sejak kemarin malam",
                             lat=-8.635 + self.rng.uniform(-0.01, 0.01),
                             lon=115.229 + self.rng.uniform(-0.01, 0.01))

    def incident(self) -> None:
        with self.database.session() as session:
            create_incident(session, type_code="kebakaran", actor="bench",
                            lat=-8.66 + self.rng.uniform(-0.02, 0.02),
                            lon=115.21 + self.rng.uniform(-0.02, 0.02), not_a_duplicate=True)

    def call_held(self) -> None:
        self.held = not self.held
        self.units.run(lambda x: call_log.note_hold(x, key=self.key, held=self.held,
                                                    actor="bench"))

    def close(self) -> None:
        self.units.close()
        self.database.dispose()


def _timed(desk: Desk, write) -> tuple[float, float]:
    audit._CHAIN_FOR_BENCH_ONLY = desk.chained
    try:
        wall, cpu = time.perf_counter_ns(), time.process_time_ns()
        write(desk)
        return (time.perf_counter_ns() - wall) / 1e6, (time.process_time_ns() - cpu) / 1e6
    finally:
        audit._CHAIN_FOR_BENCH_ONLY = True


def side_by_side(urls: tuple[str, str], writes: int) -> list[tuple]:
    """(write, chained?, wall ms list, cpu ms list) for each write and side."""
    desks = (Desk(urls[0], chained=False, seed=1), Desk(urls[1], chained=True, seed=2))
    rows = []
    try:
        for name, write in (("complaint", Desk.complaint), ("incident", Desk.incident),
                            ("call on hold", Desk.call_held)):
            spent = {False: ([], []), True: ([], [])}
            for n in range(WARM_UP + writes):
                # A B, then B A: neither side always goes first.
                for desk in (desks if n % 2 == 0 else desks[::-1]):
                    wall, cpu = _timed(desk, write)
                    if n >= WARM_UP:
                        spent[desk.chained][0].append(wall)
                        spent[desk.chained][1].append(cpu)
            rows += [(name, chained, *spent[chained]) for chained in (False, True)]
    finally:
        for desk in desks:
            desk.close()
    return rows


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def print_costs(backend: str, rows: list[tuple]) -> None:
    print(f"\n{backend}: one write = one committed unit with one audit entry")
    print(f"{'write':<13} {'chain':<6} {'wall p50/p90 ms':>17} {'CPU p50/p90 ms':>16} "
          f"{'cost wall':>10} {'cost CPU':>9}")
    plain = {}
    for name, chained, wall, cpu in rows:
        if not chained:
            plain[name] = (statistics.median(wall), statistics.median(cpu))
            cost = ""
        else:
            wall_cost = statistics.median(wall) / plain[name][0] - 1
            cpu_cost = statistics.median(cpu) / plain[name][1] - 1
            cost = f"{wall_cost:>+10.1%} {cpu_cost:>+9.1%}"
        print(f"{name:<13} {'on' if chained else 'off':<6} "
              f"{statistics.median(wall):>8.2f}/{_p(wall, .9):<8.2f}"
              f"{statistics.median(cpu):>7.2f}/{_p(cpu, .9):<8.2f} {cost}")


def trail_work(url: str, entries: int) -> tuple[float, float]:
    """(seconds to chain `entries` unchained rows, seconds to verify them)."""
    database = open_database(url)
    try:
        start = utcnow()
        with database.engine.begin() as connection:
            for first in range(0, entries, 10_000):
                connection.execute(insert(AuditEntry), [
                    {"at": start + timedelta(seconds=n), "actor": "made",
                     "action": "unit.status", "entity": "unit", "entity_id": f"PMK-{n % 40}",
                     "before": {"status": "available"},
                     "after": {"status": "dispatched", "incident": n}}
                    for n in range(first, min(entries, first + 10_000))])
        began = time.perf_counter()
        with database.engine.begin() as connection:
            assert audit.chain_rows(connection) == entries
        chained = time.perf_counter() - began
        began = time.perf_counter()
        with database.reading() as session:
            report = audit.verify_chain(session)
        assert report.intact and report.entries == entries, report.message
        return chained, time.perf_counter() - began
    finally:
        database.dispose()


def _postgres_databases(server_url: str, count: int) -> list[str]:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    urls = []
    with admin.connect() as connection:
        for _ in range(count):
            name = f"bench_chain_{uuid.uuid4().hex[:10]}"
            connection.execute(text(f'CREATE DATABASE "{name}"'))
            urls.append(server_url.rsplit("/", 1)[0] + "/" + name)
    admin.dispose()
    return urls


def run() -> None:
    trails = []
    with tempfile.TemporaryDirectory(prefix="bench-audit-chain-") as tmp:
        urls = [f"sqlite:///{Path(tmp) / name}.sqlite3" for name in ("off", "on", "trail")]
        print_costs("SQLite file", side_by_side((urls[0], urls[1]), WRITES["sqlite"]))
        trails.append(("SQLite file", *trail_work(urls[2], TRAIL)))
    server = os.environ.get(PG_URL_ENV)
    if server:
        urls = _postgres_databases(server, 3)
        print_costs("PostgreSQL", side_by_side((urls[0], urls[1]), WRITES["postgresql"]))
        trails.append(("PostgreSQL", *trail_work(urls[2], TRAIL)))
    else:
        print(f"\n(PostgreSQL: run under tests/with_postgres.py, or set {PG_URL_ENV})")
    print(f"\ntarget: chaining costs at most {TARGET_COST:.0%} of a write")
    print(f"\n{TRAIL:,} entries: {'chain them (migration)':>24} {'verify':>8}")
    for backend, chained, verified in trails:
        print(f"{backend:<20} {chained:>17.2f} s {verified:>7.2f} s")


if __name__ == "__main__":
    run()
