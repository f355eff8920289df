"""How long one nearest-unit recommendation takes, by number of units.

Synthetic units are spread over Denpasar; half report a fresh position and
half a stale one (so they start from one of the four corner stations), and
every kind is asked for, which is the most work a recommendation can do.
ETAs come from the offline StraightLineEta, so this measures our own code.

    python -m bench.bench_recommend
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import datetime, timedelta, timezone

from dispatch.eta import StraightLineEta
from dispatch.recommend import UnitCandidate, recommend_units

UNIT_COUNTS = (10, 100, 1_000, 10_000)
SOUTH, NORTH = -8.74, -8.58
WEST, EAST = 115.17, 115.27
KINDS = ("pmk", "ambulans", "rescue")
SPEEDS_KMH = {"pmk": 35.0, "ambulans": 45.0, "rescue": 40.0}
MAX_POSITION_AGE = timedelta(minutes=5)

# The four corner stations of the city (synthetic, inside the bounding box).
STATIONS = (
    ("PMK-UTARA", "Pos Utara", -8.59, 115.18),
    ("PMK-TIMUR", "Pos Timur", -8.60, 115.26),
    ("PMK-SELATAN", "Pos Selatan", -8.73, 115.26),
    ("PMK-BARAT", "Pos Barat", -8.72, 115.18),
)

# Enough repetitions for a stable median without making the small sizes slow.
TIME_BUDGET_S = 0.5
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
                callsign=f"U{unit_id:05d}",
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


def time_recommendation(count: int) -> dict:
    now = datetime(2025, 3, 1, 4, 30, tzinfo=timezone.utc)
    units = synthetic_units(count, now)
    provider = StraightLineEta(SPEEDS_KMH)
    incident_lat, incident_lon = -8.6705, 115.2126  # central Denpasar

    def once() -> None:
        recommend_units(
            incident_lat=incident_lat,
            incident_lon=incident_lon,
            needed_kinds=(),
            candidates=units,
            provider=provider,
            now=now,
            max_position_age=MAX_POSITION_AGE,
        )

    once()  # warm-up: first-call costs are not what a dispatcher sees
    samples_ms: list[float] = []
    started = time.perf_counter()
    while len(samples_ms) < MIN_RUNS or (
        len(samples_ms) < MAX_RUNS and time.perf_counter() - started < TIME_BUDGET_S
    ):
        t0 = time.perf_counter()
        once()
        samples_ms.append((time.perf_counter() - t0) * 1000.0)

    samples_ms.sort()
    p95_index = min(len(samples_ms) - 1, round(0.95 * (len(samples_ms) - 1)))
    return {
        "bench": "recommend_units",
        "units": count,
        "median_ms": statistics.median(samples_ms),
        "p95_ms": samples_ms[p95_index],
        "runs": len(samples_ms),
    }


def run() -> list[dict]:
    return [time_recommendation(count) for count in UNIT_COUNTS]


def main() -> None:
    rows = run()
    print(f"{'units':>7} | {'median ms':>9} | {'p95 ms':>8} | {'runs':>5}")
    print(f"{'-' * 7}-+-{'-' * 9}-+-{'-' * 8}-+-{'-' * 5}")
    for row in rows:
        print(f"{row['units']:>7,} | {row['median_ms']:>9.3f} | {row['p95_ms']:>8.3f}"
              f" | {row['runs']:>5}")
    # Wall-clock timings mean little on a busy machine; say how busy it was.
    if hasattr(os, "getloadavg"):
        print(f"load average (1 min) while measuring: {os.getloadavg()[0]:.2f}"
              f" on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
