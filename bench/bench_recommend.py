"""How long a nearest-unit recommendation takes, by number of units.

Three tables, in one run:

1. In-process ranking of a Fleet already built (`rank_fleet`, the best 10,
   as the window asks) beside a minimal numpy baseline on the same data:
   haversine, argpartition and a sort of the best 10, nothing else. The two
   alternate sample by sample, so a busy machine slows both alike.
2. Building a Fleet from a SQLite database of the seed plus 10,000 units
   (one SELECT), and refreshing one unit of it.
3. The whole command, `python -m dispatch.cli.main --db URL recommend ID
   --json`, on the seed's 18 units and on the seed plus 10,000, run in turn
   (A B A B ...), each process timed from outside.

Synthetic units stand at four stations (in the command's databases, the
seed's); half report a fresh position and half a stale one (they start
from their station). The in-process table asks for every kind, the most
work a ranking can do; the command's incident is a traffic accident
(ambulances and rescue units), so it lists two thirds of the units.

    python -m bench.bench_recommend [--keep-databases DIR] [--cli-runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
from sqlalchemy import insert, select

from dispatch.enums import Role
from dispatch.eta import EARTH_RADIUS_M, StraightLineEta
from dispatch.fleet import Fleet
from dispatch.permissions import Principal
from dispatch.recommend import Recommendation, UnitCandidate, rank_fleet

UNIT_COUNTS = (10, 1_000, 10_000, 100_000)
TOP_N = 10  # what the window's recommendation panel shows
SOUTH, NORTH = -8.74, -8.58
WEST, EAST = 115.17, 115.27
KINDS = ("pmk", "ambulans", "rescue")
SPEEDS_KMH = {"pmk": 35.0, "ambulans": 45.0, "rescue": 40.0}
DETOUR = 1.35
MAX_POSITION_AGE = timedelta(minutes=5)
INCIDENT = (-8.6705, 115.2126)  # central Denpasar
CLI_INCIDENT_TYPE = "laka_lantas"  # needs ambulances and rescue units
CLI_EXTRA_UNITS = 10_000

# The four corner stations of the city (synthetic, inside the bounding box).
STATIONS = (
    ("PMK-UTARA", "Pos Utara", -8.59, 115.18),
    ("PMK-TIMUR", "Pos Timur", -8.60, 115.26),
    ("PMK-SELATAN", "Pos Selatan", -8.73, 115.26),
    ("PMK-BARAT", "Pos Barat", -8.72, 115.18),
)

# Enough repetitions for a stable median without making the large sizes slow.
TIME_BUDGET_S = 1.0
MIN_RUNS = 20
MAX_RUNS = 2_000


def synthetic_units(count: int, now: datetime, seed: int = 361) -> list[UnitCandidate]:
    rng = random.Random(seed)
    units = []
    for unit_id in range(1, count + 1):
        code, name, station_lat, station_lon = STATIONS[unit_id % len(STATIONS)]
        fresh = unit_id % 2 == 0
        reported_ago = (timedelta(seconds=rng.uniform(0, 240)) if fresh
                        else timedelta(hours=rng.uniform(1, 12)))
        units.append(
            UnitCandidate(
                unit_id=unit_id,
                callsign=f"U{unit_id:06d}",
                kind=KINDS[unit_id % len(KINDS)],
                station_code=code,
                station_name=name,
                station_lat=station_lat,
                station_lon=station_lon,
                position_lat=rng.uniform(SOUTH, NORTH),
                position_lon=rng.uniform(WEST, EAST),
                position_at=now - reported_ago,
            )
        )
    return units


def numpy_baseline(lat: np.ndarray, lon: np.ndarray, speed_ms: np.ndarray,
                   dest_lat: float, dest_lon: float, top_n: int) -> tuple[np.ndarray, np.ndarray]:
    """The least a vectorised ranking can do: indices of the top_n by ETA, and the ETAs."""
    phi1 = np.radians(lat)
    phi2 = np.radians(dest_lat)
    a = (np.sin((phi2 - phi1) * 0.5) ** 2
         + np.cos(phi1) * np.cos(phi2) * np.sin(np.radians(dest_lon - lon) * 0.5) ** 2)
    eta_s = 2.0 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(1.0, a))) * DETOUR / speed_ms
    best = np.argpartition(eta_s, top_n - 1)[:top_n] if top_n < len(eta_s) else np.arange(
        len(eta_s))
    return best[np.argsort(eta_s[best])], eta_s


def _summary(samples_ms: list[float]) -> tuple[float, float]:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def time_in_process(count: int) -> dict:
    now = datetime(2025, 3, 1, 4, 30, tzinfo=timezone.utc)
    fleet = Fleet.from_candidates(synthetic_units(count, now))
    straight_line = StraightLineEta(SPEEDS_KMH, detour_factor=DETOUR)

    # The baseline's data: the same origins (fresh position or station) and speeds.
    snapshot = fleet.snapshot
    fresh = (snapshot.position_valid
             & (snapshot.position_at >= (now - MAX_POSITION_AGE).timestamp())
             & (snapshot.position_at <= now.timestamp()))
    lat = np.where(fresh, snapshot.position_lat, snapshot.station_lat)
    lon = np.where(fresh, snapshot.position_lon, snapshot.station_lon)
    speed_ms = straight_line.speeds_ms(snapshot.kinds)[snapshot.kind]

    def desk() -> list:
        return rank_fleet(fleet, incident_lat=INCIDENT[0], incident_lon=INCIDENT[1],
                          needed_kinds=(), now=now, max_position_age=MAX_POSITION_AGE,
                          straight_line=straight_line, limit=TOP_N)

    def baseline() -> tuple[np.ndarray, np.ndarray]:
        return numpy_baseline(lat, lon, speed_ms, INCIDENT[0], INCIDENT[1], TOP_N)

    # Both answer the same question (a tie may be settled differently).
    best, eta_s = baseline()
    answer = desk()
    assert [r.eta_s for r in answer] == [float(round(eta)) for eta in eta_s[best].tolist()]

    answer_fields = [tuple(r) for r in answer]

    def objects() -> list:
        # What any answer as a list of Recommendations pays, whatever ranked it.
        return [Recommendation(*fields) for fields in answer_fields]

    samples: dict[str, list[float]] = {"desk": [], "baseline": [], "objects": []}
    runs = (("desk", desk), ("baseline", baseline), ("objects", objects))
    started = time.perf_counter()
    while len(samples["desk"]) < MIN_RUNS or (
        len(samples["desk"]) < MAX_RUNS and time.perf_counter() - started < TIME_BUDGET_S
    ):
        for name, run in runs:
            t0 = time.perf_counter()
            run()
            samples[name].append((time.perf_counter() - t0) * 1000.0)
    desk_median, desk_p95 = _summary(samples["desk"])
    base_median, base_p95 = _summary(samples["baseline"])
    return {"units": count, "desk_median_ms": desk_median, "desk_p95_ms": desk_p95,
            "baseline_median_ms": base_median, "baseline_p95_ms": base_p95,
            "objects_median_ms": _summary(samples["objects"])[0],
            "ratio": desk_median / base_median, "runs": len(samples["desk"])}


# ---- databases for the Fleet load and the command


def build_database(path: Path, extra_units: int) -> tuple[str, int]:
    """A migrated SQLite file with the seed, `extra_units` synthetic units at
    the seed's stations, and one open incident; its URL and the incident's id."""
    from dispatch.models import Incident, Station, Unit
    from dispatch.seed import load_seed_file
    from dispatch.storage import open_database

    url = f"sqlite:///{path}"
    database = open_database(url)
    database.principal = Principal("bench", Role.SUPERVISOR)
    try:
        load_seed_file(database, None, actor="bench")
        now = datetime.now(timezone.utc)
        rng = random.Random(7)
        with database.session() as session:
            stations = session.execute(select(Station.id)).scalars().all()
            rows = []
            for number in range(1, extra_units + 1):
                fresh = number % 2 == 0
                ago = (timedelta(seconds=rng.uniform(0, 120)) if fresh
                       else timedelta(hours=rng.uniform(1, 12)))
                rows.append({
                    "callsign": f"SYN-{number:05d}", "kind_code": KINDS[number % len(KINDS)],
                    "station_id": stations[number % len(stations)], "status": "available",
                    "status_since": now, "lat": rng.uniform(SOUTH, NORTH),
                    "lon": rng.uniform(WEST, EAST), "position_at": now - ago,
                })
            if rows:
                session.execute(insert(Unit), rows)
            incident = Incident(type_code=CLI_INCIDENT_TYPE, priority=2, lat=INCIDENT[0],
                                lon=INCIDENT[1], address="bench", created_at=now,
                                created_by="bench")
            session.add(incident)
            session.flush()
            incident_id = incident.id
    finally:
        database.dispose()
    return url, incident_id


def time_fleet_load(url: str) -> dict:
    from dispatch.storage import open_database

    database = open_database(url, migrate=False)
    database.principal = Principal("bench", Role.SUPERVISOR)
    try:
        with database.reading() as session:
            fleet = Fleet.load(session)  # warm-up
            one_unit = [int(fleet.snapshot.unit_id[len(fleet) // 2])]
            load_ms, refresh_ms = [], []
            for _ in range(15):
                t0 = time.perf_counter()
                Fleet.load(session)
                load_ms.append((time.perf_counter() - t0) * 1000.0)
                t0 = time.perf_counter()
                fleet.refresh(session, unit_ids=one_unit)
                refresh_ms.append((time.perf_counter() - t0) * 1000.0)
    finally:
        database.dispose()
    return {"units": len(fleet), "load": _summary(load_ms), "refresh_one": _summary(refresh_ms)}


def cli_command(url: str, incident_id: int) -> list[str]:
    return [sys.executable, "-m", "dispatch.cli.main", "--db", url,
            "recommend", str(incident_id), "--json"]


def time_cli_pair(command_a: list[str], command_b: list[str], runs: int, home: Path) -> dict:
    """Each command `runs` times, in turn, after one warm-up of each: wall ms.
    `home` stands in for the desk's settings and data folders."""
    environment = {**os.environ, "SAFEDESK_CONFIG_DIR": str(home / "config"),
                   "SAFEDESK_DATA_DIR": str(home / "data")}
    samples: dict[str, list[float]] = {"a": [], "b": []}
    for counted in [False] + [True] * runs:
        for key, command in (("a", command_a), ("b", command_b)):
            t0 = time.perf_counter()
            # The output is read, as a script or a terminal would.
            finished = subprocess.run(command, capture_output=True, env=environment,
                                      check=False)
            elapsed = (time.perf_counter() - t0) * 1000.0
            if finished.returncode != 0:
                raise RuntimeError(f"{' '.join(command)} failed: {finished.stderr.decode()}")
            if counted:
                samples[key].append(elapsed)
    ratios = [a / b for a, b in zip(samples["a"], samples["b"])]
    return {"a_ms": statistics.median(samples["a"]), "b_ms": statistics.median(samples["b"]),
            "ratio": statistics.median(ratios), "runs": runs}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_recommend")
    parser.add_argument("--keep-databases", metavar="DIR",
                        help="build the two command databases in DIR and keep them")
    parser.add_argument("--cli-runs", type=int, default=7, metavar="N")
    # `python -m bench recommend` calls main() with its own arguments in sys.argv.
    args = parser.parse_args([] if argv is None else argv)

    print(f"In-process ranking, best {TOP_N}, every kind (ms; ratio of medians; 'objects':"
          f" building the {TOP_N} Recommendations alone):")
    print(f"{'units':>8} | {'desk med':>8} | {'desk p95':>8} | {'numpy med':>9} | "
          f"{'numpy p95':>9} | {'ratio':>5} | {'objects':>7} | {'runs':>5}")
    print(f"{'-' * 8}-+-{'-' * 8}-+-{'-' * 8}-+-{'-' * 9}-+-{'-' * 9}-+-{'-' * 5}-+-"
          f"{'-' * 7}-+-{'-' * 5}")
    for count in UNIT_COUNTS:
        row = time_in_process(count)
        print(f"{row['units']:>8,} | {row['desk_median_ms']:>8.3f} | {row['desk_p95_ms']:>8.3f} | "
              f"{row['baseline_median_ms']:>9.3f} | {row['baseline_p95_ms']:>9.3f} | "
              f"{row['ratio']:>5.2f} | {row['objects_median_ms']:>7.3f} | {row['runs']:>5}")

    directory = Path(args.keep_databases or tempfile.mkdtemp(prefix="bench-recommend-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        small_url, small_incident = build_database(directory / "seed.sqlite3", 0)
        large_url, large_incident = build_database(directory / "seed_10000.sqlite3",
                                                   CLI_EXTRA_UNITS)
        load = time_fleet_load(large_url)
        print(f"\nFleet from SQLite, {load['units']:,} units: load median "
              f"{load['load'][0]:.1f} ms (p95 {load['load'][1]:.1f}); refresh of one unit "
              f"median {load['refresh_one'][0]:.2f} ms (p95 {load['refresh_one'][1]:.2f})")

        small, large = cli_command(small_url, small_incident), cli_command(large_url,
                                                                             large_incident)
        print("\nThe command, each process timed whole (A B A B ..., medians):")
        print("  A: " + " ".join(large))
        print("  B: " + " ".join(small))
        pair = time_cli_pair(large, small, args.cli_runs, directory)
        print(f"  A (18 + {CLI_EXTRA_UNITS:,} units) {pair['a_ms']:.0f} ms, B (18 units) "
              f"{pair['b_ms']:.0f} ms, A/B {pair['ratio']:.2f} over {pair['runs']} pairs")
    finally:
        if not args.keep_databases:
            shutil.rmtree(directory, ignore_errors=True)
    # Wall-clock timings mean little on a busy machine; say how busy it was.
    if hasattr(os, "getloadavg"):
        print(f"load average (1 min) while measuring: {os.getloadavg()[0]:.2f}"
              f" on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main(sys.argv[1:])
