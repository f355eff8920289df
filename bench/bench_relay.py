"""Relay command round trip: switch one relay and read it back, at 9600 baud,
through a socat pty pair against the simulator, for every protocol.

    python -m bench.bench_relay [--round-trips N]

A pty moves bytes at memory speed whatever baud rate is set on it, so the
measured times are the desk's own cost (driver, pyserial, kernel, simulator).
The ``wire ms`` column adds what a real 9600 8N1 line needs for the same bytes
(10 bits each): measured + wire is what a studio relay on a cable would take,
before the device's own processing time.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time

from radio.drivers import PROTOCOLS, open_driver
from radio.simulator import Simulator
from radio.socat import SocatPair

BAUDRATE = 9600
ROUND_TRIPS = 200
WARM_UP = 10


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def _settle(simulator: Simulator, switches: int) -> None:
    def switched(sim: Simulator) -> int:
        return sum(1 for e in sim.events if e["event"] == "relay")
    if not simulator.wait_for(lambda sim: switched(sim) >= switches, 10.0):
        raise RuntimeError(f"the {simulator.protocol} simulator did not switch {switches} times")


def _bench_protocol(protocol: str, round_trips: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-relay-") as directory, \
            SocatPair(directory) as pair:
        simulator = Simulator(protocol, attach=pair.b, baudrate=BAUDRATE)
        simulator.start()
        try:
            driver = open_driver(protocol, pair.a, baudrate=BAUDRATE, reply_timeout=2.0)
            try:
                for index in range(WARM_UP):
                    driver.set(1, index % 2 == 0)
                # A write-only device (LCUS) gives nothing back, so wait until
                # the simulator has taken every warm-up command before counting.
                _settle(simulator, WARM_UP)
                start_in, start_out = simulator.bytes_in, simulator.bytes_out
                samples = []
                for index in range(round_trips):
                    started = time.perf_counter()
                    driver.set(1, index % 2 == 0)
                    samples.append((time.perf_counter() - started) * 1000.0)
                _settle(simulator, WARM_UP + round_trips)
                wire_bytes = (simulator.bytes_in - start_in + simulator.bytes_out - start_out)
                reads_back = driver.reports_state
            finally:
                driver.close()
        finally:
            simulator.stop()
    per_trip = wire_bytes / round_trips
    return {
        "protocol": protocol,
        "transport": "socat pty pair",
        "baudrate": BAUDRATE,
        "round_trips": round_trips,
        "reads_back": reads_back,
        "p50_ms": round(statistics.median(samples), 3),
        "p99_ms": round(_percentile(samples, 0.99), 3),
        "max_ms": round(max(samples), 3),
        "wire_bytes": round(per_trip, 1),
        "wire_ms": round(per_trip * 10 * 1000.0 / BAUDRATE, 1),
    }


def run(round_trips: int = ROUND_TRIPS) -> list[dict]:
    return [_bench_protocol(protocol, round_trips) for protocol in PROTOCOLS]


def format_table(rows: list[dict]) -> str:
    header = ("protocol", "read back", "trips", "p50 ms", "p99 ms", "max ms",
              "bytes/trip", "wire ms @9600")
    lines = [header] + [
        (row["protocol"], "yes" if row["reads_back"] else "no (write only)",
         str(row["round_trips"]), f"{row['p50_ms']:.3f}", f"{row['p99_ms']:.3f}",
         f"{row['max_ms']:.3f}", f"{row['wire_bytes']:g}", f"{row['wire_ms']:g}")
        for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = [" | ".join(cell.ljust(width) for cell, width in zip(line, widths)) for line in lines]
    out.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_relay", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--round-trips", type=int, default=ROUND_TRIPS)
    args = parser.parse_args(argv)
    if sys.platform == "win32":
        print("bench_relay needs socat ptys (Linux/macOS)", file=sys.stderr)
        return 2
    print(f"relay round trip (set + read back), {BAUDRATE} baud, socat pty pair, simulator")
    print(format_table(run(args.round_trips)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
