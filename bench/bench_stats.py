"""`safedesk stats` for one month and for one year beside `safedesk units
list --json`, on the big database (bench/big_database.py: 1,000,000 calls,
100,000 incidents, 100,000 complaints over ~18 months).

Goal: a month's stats costs at most 2x `units list` on the same database.
Each command runs as a whole process (start-up, sign-in, query, JSON out),
in turn A B C A B C … over several rounds, so a drift of the machine's speed
hits all three alike; the table gives each one's median wall time and peak
memory, and the median of the per-round ratios to `units list`.

    python -m bench stats            # or: python -m bench.bench_stats [ROUNDS]
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from bench.big_database import cli_env, ensure

ROUNDS = 5
GOAL_RATIO = 2.0
SAFEDESK = str(Path(sys.executable).with_name("safedesk"))


def _last_full_month(today: date) -> tuple[date, date]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def commands(today: date) -> dict[str, list[str]]:
    first, last = _last_full_month(today)
    # Twelve full months ending with that one.
    year_first = (date(last.year, 1, 1) if last.month == 12
                  else date(last.year - 1, last.month + 1, 1))
    return {
        "units list --json": [SAFEDESK, "units", "list", "--json"],
        f"stats month {first:%Y-%m}": [SAFEDESK, "stats", "--from", first.isoformat(),
                                        "--to", last.isoformat(), "--json"],
        f"stats year {year_first}..{last}": [SAFEDESK, "stats", "--from",
                                             year_first.isoformat(), "--to", last.isoformat(),
                                             "--json"],
    }


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv[1:])} failed ({process.returncode}): {errors}")
    return wall, usage.ru_maxrss / 1024  # Linux reports KiB


def main(rounds: int = ROUNDS) -> None:
    path = ensure()
    env = cli_env(path)
    runs = commands(date.today())
    names = list(runs)
    for name in names:  # warm-up: the file into the page cache, Python's bytecode
        run_once(runs[name], env)
    walls: dict[str, list[float]] = {name: [] for name in names}
    peaks: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(rounds):
        for name in names:
            wall, peak = run_once(runs[name], env)
            walls[name].append(wall)
            peaks[name].append(peak)
    baseline = names[0]
    print(f"database: {path} ({path.stat().st_size / 2**20:.0f} MiB), {rounds} rounds, "
          "whole processes in turn")
    print(f"{'command':<36} {'wall median s':>13} {'min':>6} {'max':>6} {'peak MiB':>9} "
          f"{'x units list':>13}")
    for name in names:
        ratios = [mine / base for mine, base in zip(walls[name], walls[baseline])]
        print(f"{name:<36} {statistics.median(walls[name]):>13.2f} {min(walls[name]):>6.2f} "
              f"{max(walls[name]):>6.2f} {max(peaks[name]):>9.0f} "
              f"{statistics.median(ratios):>13.2f}")
    month = names[1]
    ratio = statistics.median(m / b for m, b in zip(walls[month], walls[baseline]))
    verdict = "met" if ratio <= GOAL_RATIO else "MISSED"
    print(f"goal: a month's stats at most {GOAL_RATIO:g}x units list: {ratio:.2f}x, {verdict}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS)
