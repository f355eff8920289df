"""`python -m bench [NAME...]`: run the benchmarks and print their tables.

Timings live here, not in the tests: these machines are noisy, so each
benchmark compares its alternatives side by side in one run.
"""
from __future__ import annotations

import importlib
import subprocess
import sys

BENCHMARKS = {
    "recommend": "bench.bench_recommend",
    "intake": "bench.bench_intake",
    "call_log": "bench.bench_call_log",
    "map": "bench.bench_map",
    "relay": "bench.bench_relay",
    "complaints": "bench.bench_complaints",
    "window": "bench.bench_window",
    "audit_chain": "bench.bench_audit_chain",
    "lists": "bench.bench_lists",
    "stats": "bench.bench_stats",
    "supervisor_panel": "bench.bench_supervisor_panel",
}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}",
              file=sys.stderr)
        return 2
    if len(names) > 1:
        # One process per benchmark: Qt and pjsua2 allow one application
        # (and one endpoint) per process, set up the way each bench needs.
        failed = [name for name in names
                  if subprocess.call([sys.executable, "-m", "bench", name]) != 0]
        return 1 if failed else 0
    name = names[0]
    print(f"\n== {name} ==", flush=True)
    module = importlib.import_module(BENCHMARKS[name])
    module.main() if hasattr(module, "main") else module.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
