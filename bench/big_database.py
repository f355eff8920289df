"""A big desk database for the list and statistics benches: 1,000,000 calls,
100,000 incidents (with their assignments) and 100,000 complaints (with
their status history) over the last ~18 months, on SQLite.

Built once and cached under /tmp/safedesk-big/ (or $SAFEDESK_BIG_DIR), keyed
by the migration head and this generator's version, so reruns and other
benches reuse the file. The rows go straight to the driver with executemany
in chunks: the ORM's per-row work would be most of the build time.

    python -m bench.big_database            # build (or find) it, print its path
    safedesk --db sqlite:///$(python -m bench.big_database) units list

Commands run against it sign in as `bench` (see `cli_env`).

Shares, roughly as Indonesian 112 centres publish them: prank 25%, ghost 20%,
information 22%, emergency 12%, complaint 10%, wrong number 6%, 5% never
classified; 10% of calls go unanswered (abandoned, timed out, rejected).
"""
from __future__ import annotations

import fcntl
import os
import random
import sqlite3
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

GENERATOR_VERSION = 1
CALLS = 1_000_000
INCIDENTS = 100_000
COMPLAINTS = 100_000
DAYS = 548  # ~18 months, ending now
CHUNK = 50_000
BENCH_OPERATOR = "bench"
BENCH_PASSWORD = "bench-sandi-2026"
KECAMATAN = ("Denpasar Utara", "Denpasar Timur", "Denpasar Selatan", "Denpasar Barat")
# (classification, share); None: never classified.
CALL_TYPES = (("prank", 0.25), ("ghost", 0.20), ("information", 0.22), ("emergency", 0.12),
              ("complaint", 0.10), ("wrong_number", 0.06), (None, 0.05))
# Calls per hour of the WITA day: quiet at night, busy late morning and evening.
HOUR_WEIGHTS = (3, 2, 2, 1, 1, 2, 4, 6, 8, 9, 10, 10, 9, 8, 8, 8, 9, 10, 11, 11, 10, 8, 6, 4)
WITA_OFFSET = timedelta(hours=8)


def cache_dir() -> Path:
    return Path(os.environ.get("SAFEDESK_BIG_DIR", "/tmp/safedesk-big"))


def database_path() -> Path:
    from dispatch.migrate import head_revision
    return cache_dir() / f"desk-{head_revision()}-v{GENERATOR_VERSION}.sqlite3"


def cli_env(path: Path) -> dict[str, str]:
    """The environment a `safedesk` process needs to act on the big database."""
    env = dict(os.environ)
    env.update(SAFEDESK_DB=f"sqlite:///{path}", SAFEDESK_OPERATOR=BENCH_OPERATOR,
               SAFEDESK_PASSWORD=BENCH_PASSWORD)
    return env


def ensure(echo=print) -> Path:
    """The big database's path, built first if no cached copy exists. A lock
    keeps two benches from building it at once; the file appears (renamed
    into place) only when complete."""
    path = database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            started = time.perf_counter()
            echo(f"building {path} (once; a few minutes)…")
            partial = path.with_suffix(".partial")
            for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
                leftover.unlink(missing_ok=True)
            build(partial, random.Random(15))
            partial.rename(path)
            echo(f"built in {time.perf_counter() - started:.0f} s, "
                 f"{path.stat().st_size / 2**20:.0f} MiB")
    return path


def build(path: Path, rng: random.Random) -> None:
    from dispatch.enums import Role
    from dispatch.operators import add_operator
    from dispatch.permissions import INSTALLER
    from dispatch.seed import load_seed_file
    from dispatch.storage import open_database
    database = open_database(f"sqlite:///{path}")
    database.principal = INSTALLER
    load_seed_file(database, None, actor="bench")
    with database.session() as session:
        add_operator(session, username=BENCH_OPERATOR, role=Role.SUPERVISOR,
                     password=BENCH_PASSWORD, actor="bench")
    database.dispose()
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA synchronous=OFF")
        _fill(connection, rng)
        connection.execute("ANALYZE")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _text(moment: datetime) -> str:
    """How SQLAlchemy's SQLite DateTime stores a (naive UTC) time."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _fill(connection: sqlite3.Connection, rng: random.Random) -> None:
    lines = dict(connection.execute("SELECT purpose, id FROM lines"))
    units = [row for row in connection.execute("SELECT id FROM units")]
    types = [row for row in connection.execute(
        "SELECT code, default_priority FROM incident_types")]
    categories = list(connection.execute(
        "SELECT code, agency_id, target_hours FROM complaint_categories"))
    end = datetime.now(timezone.utc).replace(tzinfo=None)
    first_day = (end + WITA_OFFSET).date() - timedelta(days=DAYS)
    emergency_calls = _calls(connection, rng, lines, first_day)
    _incidents(connection, rng, emergency_calls, units, types)
    _complaints(connection, rng, categories, first_day, end)
    connection.commit()


def _call_moments(rng: random.Random, first_day, count: int):
    """`count` call start times (naive UTC), oldest first."""
    hours = list(range(24))
    moments = []
    for _ in range(count):
        day = first_day + timedelta(days=rng.randrange(DAYS))
        hour = rng.choices(hours, HOUR_WEIGHTS)[0]
        local = datetime(day.year, day.month, day.day, hour) + timedelta(
            seconds=rng.random() * 3600)
        moments.append(local - WITA_OFFSET)
    moments.sort()
    return moments


def _calls(connection, rng, lines, first_day) -> list[tuple[int, datetime]]:
    """Insert the calls; return (id, answered_at) of the emergency ones."""
    kinds = [kind for kind, _ in CALL_TYPES]
    weights = [share for _, share in CALL_TYPES]
    pranksters = [f"+62812{rng.randrange(10**8):08d}" for _ in range(2_000)]
    citizens = [f"+62813{rng.randrange(10**8):08d}" for _ in range(200_000)]
    emergency_calls = []
    sql = ("INSERT INTO calls (id, direction, line_id, caller_number, caller_raw, "
           "caller_withheld, status, started_at, answered_at, ended_at, ended_by, "
           "classification, classified_at, classified_by) "
           "VALUES (?, 'inbound', ?, ?, '', 0, ?, ?, ?, ?, ?, ?, ?, ?)")
    rows = []
    for call_id, started in enumerate(_call_moments(rng, first_day, CALLS), 1):
        kind = rng.choices(kinds, weights)[0]
        line = lines["complaints"] if kind == "complaint" else lines["emergency"]
        number = rng.choice(pranksters if kind in ("prank", "ghost") else citizens)
        fate = rng.random()
        answered = ended = None
        if fate < 0.06:
            status, ended_by = "abandoned", "caller"
            ended = started + timedelta(seconds=rng.uniform(2, 40))
        elif fate < 0.09:
            status, ended_by = "timed_out", "system"
            ended = started + timedelta(seconds=60)
        elif fate < 0.10:
            status, ended_by = "rejected", "system"
            ended = started
        else:
            status, ended_by = "ended", rng.choice(("caller", "operator"))
            # Most answered in a few seconds, a tail past 15 and 20 s.
            answered = started + timedelta(seconds=min(120.0, rng.lognormvariate(1.8, 0.6)))
            talk = rng.uniform(3, 20) if kind in ("prank", "ghost") else rng.uniform(30, 400)
            ended = answered + timedelta(seconds=talk)
            if kind == "emergency":
                emergency_calls.append((call_id, answered))
        classified = kind is not None and answered is not None
        rows.append((call_id, line, number, status, _text(started),
                     answered and _text(answered), _text(ended), ended_by,
                     kind if classified else None,
                     _text(ended) if classified else None, "bench" if classified else None))
        if len(rows) >= CHUNK:
            connection.executemany(sql, rows)
            rows = []
    connection.executemany(sql, rows)
    return emergency_calls


def _incidents(connection, rng, emergency_calls, units, types) -> None:
    incident_sql = ("INSERT INTO incidents (id, type_code, priority, status, lat, lon, address, "
                    "notes, call_id, created_at, created_by, closed_at, disposition, kecamatan) "
                    "VALUES (?, ?, ?, 'closed', ?, ?, '', '', ?, ?, 'bench', ?, 'done', ?)")
    assignment_sql = ("INSERT INTO assignments (incident_id, unit_id, assigned_by, eta_s, "
                      "distance_m, dispatched_at, en_route_at, on_scene_at, cleared_at) "
                      "VALUES (?, ?, 'bench', ?, ?, ?, ?, ?, ?)")
    chosen = sorted(rng.sample(range(len(emergency_calls)),
                               min(INCIDENTS, len(emergency_calls))))
    incidents, assignments = [], []
    for incident_id, index in enumerate(chosen, 1):
        call_id, answered = emergency_calls[index]
        type_code, priority = rng.choice(types)
        created = answered + timedelta(seconds=rng.uniform(40, 240))
        on_scene = None
        for _ in range(1 if rng.random() < 0.8 else 2):
            dispatched = created + timedelta(seconds=rng.uniform(20, 300))
            en_route = dispatched + timedelta(seconds=rng.uniform(30, 120))
            on_scene = en_route + timedelta(minutes=rng.lognormvariate(2.0, 0.45))
            cleared = on_scene + timedelta(minutes=rng.uniform(10, 90))
            assignments.append((incident_id, rng.choice(units)[0], 600, 4000, _text(dispatched),
                                _text(en_route), _text(on_scene), _text(cleared)))
        incidents.append((incident_id, type_code, priority, -8.65 + rng.uniform(-0.06, 0.06),
                          115.22 + rng.uniform(-0.05, 0.05), call_id, _text(created),
                          _text(on_scene + timedelta(hours=1)), rng.choice(KECAMATAN)))
        if len(incidents) >= CHUNK:
            connection.executemany(incident_sql, incidents)
            connection.executemany(assignment_sql, assignments)
            incidents, assignments = [], []
    connection.executemany(incident_sql, incidents)
    connection.executemany(assignment_sql, assignments)


def _complaints(connection, rng, categories, first_day, end) -> None:
    complaint_sql = ("INSERT INTO complaints (id, ticket, year, sequence, category_code, "
                     "agency_id, status, channel, address, description, created_at, "
                     "created_by, due_at, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, 'call', '', ?, ?, 'bench', ?, ?)")
    event_sql = ("INSERT INTO complaint_events (complaint_id, at, from_status, to_status, note, "
                 "actor) VALUES (?, ?, ?, ?, '', 'bench')")
    start = datetime(first_day.year, first_day.month, first_day.day) - WITA_OFFSET
    step = (end - start) / COMPLAINTS
    sequences: dict[int, int] = {}
    complaints, events = [], []
    for complaint_id in range(1, COMPLAINTS + 1):
        created = start + step * (complaint_id - 1) + timedelta(seconds=rng.uniform(0, 60))
        code, agency_id, target_hours = rng.choice(categories)
        year = (created + WITA_OFFSET).year
        sequences[year] = sequences.get(year, 0) + 1
        history = [(created, None, "received")]
        forwarded = created + timedelta(hours=rng.lognormvariate(3.0, 1.0))
        settled = forwarded + timedelta(hours=rng.lognormvariate(3.8, 0.8))
        if forwarded < end:
            history.append((forwarded, "received", "forwarded"))
            if settled < end:
                outcome = "resolved" if rng.random() < 0.93 else "rejected"
                history.append((settled, "forwarded", outcome))
        status = history[-1][2]
        complaints.append((complaint_id, f"HD-{year}-{sequences[year]:06d}", year,
                           sequences[year], code, agency_id, status,
                           f"{code.replace('_', ' ')} (bench)", _text(created),
                           _text(created + timedelta(hours=target_hours)),
                           _text(history[-1][0])))
        events.extend((complaint_id, _text(at), before, after) for at, before, after in history)
        if len(complaints) >= CHUNK:
            connection.executemany(complaint_sql, complaints)
            connection.executemany(event_sql, events)
            complaints, events = [], []
    connection.executemany(complaint_sql, complaints)
    connection.executemany(event_sql, events)


if __name__ == "__main__":
    print(ensure(echo=lambda text: print(text, file=sys.stderr)))
