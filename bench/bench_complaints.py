"""Complaint search over 100,000 tickets on a SQLite file (target: p95
under 50 ms for every typical query).

Two years of synthetic Halo Denpasar tickets are bulk-inserted (with their
search words) into a fresh, migrated desk database with the Denpasar seed;
then each typical query runs through `search_complaints` in a new session,
as the desk's search box would, and its p50/p95 are printed.

    python -m bench.bench_complaints
"""
from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from dispatch.complaint_search import search_complaints
from dispatch.complaints import OPEN_STATES, format_ticket, search_words
from dispatch.enums import ComplaintChannel, ComplaintStatus, Role
from dispatch.models import Complaint, ComplaintCategory, ComplaintWord
from dispatch.permissions import Principal
from dispatch.seed import load_seed_file
from dispatch.storage import open_database
from dispatch.timeutil import to_wita, utcnow

TICKETS = 100_000
CALLERS = 30_000
DAYS = 730
RUNS_PER_QUERY = 60
TARGET_MS = 50.0
_BATCH = 5_000

STREETS = ("Gatot Subroto Timur", "Gatot Subroto Barat", "Teuku Umar", "Diponegoro",
           "Gajah Mada", "Hayam Wuruk", "Sudirman", "Imam Bonjol", "Cokroaminoto",
           "Raya Puputan", "Kamboja", "Nangka", "Sedap Malam", "Tukad Badung", "Waturenggong",
           "Sesetan", "Bypass Ngurah Rai", "Mahendradatta", "Gunung Agung", "Hang Tuah")
DETAILS = ("sejak tiga hari", "sejak kemarin malam", "sudah lama", "dekat pasar",
           "depan sekolah", "di ujung gang", "dekat banjar", "setiap malam", "membahayakan",
           "pengendara motor", "warga sekitar resah", "mohon segera diperbaiki", "rawan kecelakaan",
           "air menggenang", "bau menyengat", "anak-anak bermain",
           "sudah dilaporkan kepala lingkungan")


def _synthetic_rows(categories: list[tuple[str, int, int]], rng: random.Random, tickets: int):
    """Tickets oldest first (so ids follow time), with their search words."""
    now = utcnow()
    start = now - timedelta(days=DAYS)
    step = timedelta(days=DAYS) / tickets
    callers = [f"+62812{rng.randrange(10**8):08d}" for _ in range(CALLERS)]
    sequences: dict[int, int] = {}
    for index in range(tickets):
        created = start + step * index + timedelta(seconds=rng.uniform(0, 30))
        code, agency_id, target_hours = rng.choice(categories)
        year = to_wita(created).year
        sequences[year] = sequences.get(year, 0) + 1
        age_days = (now - created).days
        if age_days > 60 or rng.random() < 0.5:
            status = ComplaintStatus.RESOLVED if rng.random() < 0.93 else ComplaintStatus.REJECTED
        else:
            status = rng.choice(OPEN_STATES)
        street = rng.choice(STREETS)
        address = f"Jalan {street} No. {rng.randrange(1, 300)}"
        # One ticket in a thousand names something unusual: the rare-word query.
        rare = f" dekat pura {'tamanayun' if index % 1000 == 7 else 'dalem'}"
        description = f"{code.replace('_', ' ')} {rng.choice(DETAILS)}, {rng.choice(DETAILS)}{rare}"
        yield ({"ticket": format_ticket(year, sequences[year]), "year": year,
                "sequence": sequences[year], "category_code": code, "agency_id": agency_id,
                "status": status, "channel": ComplaintChannel.CALL, "lat": -8.65, "lon": 115.22,
                "address": address, "description": description, "reporter_name": None,
                "reporter_phone": rng.choice(callers), "call_id": None, "created_at": created,
                "created_by": "bench", "due_at": created + timedelta(hours=target_hours),
                "updated_at": created}, search_words(description, address))


def build_database(path: Path, rng: random.Random, tickets: int = TICKETS):
    database = open_database(f"sqlite:///{path}")
    database.principal = Principal("bench", Role.SUPERVISOR)
    load_seed_file(database, None, actor="bench")
    with database.reading() as session:
        categories = [(c.code, c.agency_id, c.target_hours)
                      for c in session.scalars(select(ComplaintCategory))]
    complaints, words = [], []
    # The word rows are plain pairs straight to the driver: over a million of
    # them, and the ORM's per-row work would be most of the build time.
    add_words = f"INSERT INTO {ComplaintWord.__tablename__} (word, complaint_id) VALUES (?, ?)"
    with database.engine.begin() as connection:
        for complaint_id, (row, row_words) in enumerate(
                _synthetic_rows(categories, rng, tickets), 1):
            complaints.append({"id": complaint_id, **row})
            words.extend((word, complaint_id) for word in row_words)
            if len(complaints) >= _BATCH:
                connection.execute(insert(Complaint), complaints)
                connection.exec_driver_sql(add_words, words)
                complaints, words = [], []
        if complaints:
            connection.execute(insert(Complaint), complaints)
            connection.exec_driver_sql(add_words, words)
    with database.engine.connect() as connection:
        # A desk's file is checkpointed as it goes; a WAL holding the whole
        # bulk load would make every read of this run consult it.
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return database


def _queries(session, rng: random.Random) -> dict:
    tickets = list(session.scalars(select(Complaint.ticket).order_by(Complaint.id)))
    phones = list(session.scalars(select(Complaint.reporter_phone).limit(5000)))
    categories = list(session.scalars(select(ComplaintCategory.code)))
    today = to_wita(utcnow()).date()

    def national(e164: str) -> str:
        return "0" + e164[3:6] + "-" + e164[6:10] + "-" + e164[10:]
    return {
        "by ticket": lambda: {"ticket": rng.choice(tickets)},
        "ticket typed in search box": lambda: {"text": rng.choice(tickets).lower()},
        "by caller number": lambda: {"caller_number": national(rng.choice(phones))},
        "category + status": lambda: {"category": rng.choice(categories),
                                      "status": rng.choice(OPEN_STATES)},
        "agency + open statuses": lambda: {"agency": "DLHK", "status": list(OPEN_STATES)},
        "text: common word": lambda: {"text": rng.choice(("lampu", "jalan", "sampah", "dekat"))},
        "text: street, two words": lambda: {"text": "gatot subroto"},
        "text: rare word": lambda: {"text": "tamanayun"},
        "text: prefix": lambda: {"text": rng.choice(("lamp", "drain", "puput", "sese"))},
        "text + category": lambda: {"text": "waturenggong", "category": rng.choice(categories)},
        # The hard case: each word common, the two rarely together.
        "text: common words, rare pair": lambda: {"text": rng.choice(
            ("lampu waturenggong", "sampah sesetan", "pohon kamboja"))},
        "overdue": lambda: {"overdue": True},
        "overdue + agency": lambda: {"overdue": True, "agency": "DISHUB"},
        "one day": lambda: {"date_from": today - timedelta(days=rng.randrange(1, 700)),
                            "date_to": None},
        "newest, no filter": lambda: {},
    }


def _day_query(filters: dict) -> dict:
    if "date_from" in filters and isinstance(filters["date_from"], date):
        filters["date_to"] = filters["date_from"]
    return filters


def run(tickets: int = TICKETS) -> list[dict]:
    rng = random.Random(244444)
    results = []
    with tempfile.TemporaryDirectory(prefix="safedesk-bench-") as folder:
        started = time.perf_counter()
        database = build_database(Path(folder) / "complaints.sqlite3", rng, tickets)
        build_s = time.perf_counter() - started
        try:
            with database.reading() as session:
                queries = _queries(session, rng)
            for name, make_filters in queries.items():
                timings, rows = [], 0
                for _ in range(RUNS_PER_QUERY):
                    filters = _day_query(make_filters())
                    begin = time.perf_counter()
                    with database.reading() as session:
                        rows = len(search_complaints(session, **filters))
                    timings.append((time.perf_counter() - begin) * 1000)
                timings.sort()
                results.append({"query": name, "rows": rows,
                                "p50_ms": round(statistics.median(timings), 2),
                                "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
                                "tickets": tickets, "build_s": round(build_s, 1)})
        finally:
            database.dispose()
    return results


def main() -> None:
    results = run()
    print(f"complaint search, {results[0]['tickets']:,} tickets on SQLite "
          f"(built in {results[0]['build_s']} s), {RUNS_PER_QUERY} runs each")
    print(f"{'query':<30} {'rows':>5} {'p50 ms':>8} {'p95 ms':>8}")
    for row in results:
        flag = "" if row["p95_ms"] < TARGET_MS else "  over target"
        print(f"{row['query']:<30} {row['rows']:>5} {row['p50_ms']:>8.2f}"
              f" {row['p95_ms']:>8.2f}{flag}")


if __name__ == "__main__":
    main()
