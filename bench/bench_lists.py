"""Lists over the big database (bench/big_database.py: 1,000,000 calls,
100,000 incidents, 100,000 complaints): wall time, CPU time and peak memory
of `safedesk … list` processes, first page and `--all`. Goal (issue 15):
`calls list --all` under 60 s and 300 MB.

    python -m bench lists              # every row below
    python -m bench.bench_lists calls  # only the rows whose command starts so

Each command runs in a fresh `python` parent that only waits for it, so
getrusage(RUSAGE_CHILDREN) is that one process's peak RSS and CPU; its
output goes to a file and is counted (one JSON object a line for --all).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.big_database import cli_env, ensure

SAFEDESK = str(Path(sys.executable).parent / "safedesk")
GOAL_S, GOAL_MIB = 60.0, 300.0
COMMANDS = [
    ("calls", "list", "--json"),
    ("calls", "list", "--status", "abandoned", "--json"),
    ("incidents", "list", "--json"),
    ("complaints", "list", "--json"),
    ("audit", "--json"),
    ("calls", "list", "--all"),
    ("incidents", "list", "--all"),
    ("complaints", "list", "--all"),
]
# What the parent prints: exit code, peak RSS (KiB), CPU seconds of its child.
_MEASURE = ("import resource, subprocess, sys;"
            "out = open(sys.argv.pop(1), 'w');"
            "code = subprocess.call(sys.argv[1:], stdout=out);"
            "usage = resource.getrusage(resource.RUSAGE_CHILDREN);"
            "print(code, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)")


def measure(command: tuple[str, ...], env: dict, out: Path) -> dict:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(out), SAFEDESK, *command],
                          capture_output=True, text=True, env=env, timeout=1800)
    wall = time.perf_counter() - started
    code, peak_kib, cpu = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr}")
    with open(out, encoding="utf-8") as produced:
        rows = (sum(1 for _ in produced) if "--all" in command
                else len(json.load(produced)))
    return {"command": "safedesk " + " ".join(command), "rows": rows, "wall_s": wall,
            "cpu_s": float(cpu), "peak_mib": int(peak_kib) / 1024}


def main(wanted: list[str] | tuple[str, ...] = ()) -> None:
    path = ensure()
    env = cli_env(path)
    print(f"database: {path} ({path.stat().st_size / 2**20:.0f} MiB)")
    print(f"{'command':<52} {'rows':>9} {'wall s':>8} {'cpu s':>7} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for command in COMMANDS:
            if wanted and command[0] not in wanted:
                continue
            result = measure(command, env, Path(folder) / "out")
            verdict = ""
            if command[:3] == ("calls", "list", "--all"):
                met = result["wall_s"] < GOAL_S and result["peak_mib"] < GOAL_MIB
                verdict = (f"  goal <{GOAL_S:.0f} s, <{GOAL_MIB:.0f} MB: "
                           f"{'met' if met else 'MISSED'}")
            print(f"{result['command']:<52} {result['rows']:>9,} {result['wall_s']:>8.1f} "
                  f"{result['cpu_s']:>7.1f} {result['peak_mib']:>9.0f}{verdict}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
