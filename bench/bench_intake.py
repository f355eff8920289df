"""Call intake: how fast the desk rings, and that a surge loses no call.

The desk's telephony engine is its own process (`safedesk serve`), and the
window is a client of it (telephony/link): the question is how fast the
engine rings with and without a real window open beside it. In one run,
with SIPp (Debian sip-tester) as the callers:

1. engine, calm:  100 calls at 10/s, each cancelled 20 ms after ringing.
2. bare pjsua2, surge: 500 calls at 50/s, at most 3 at once (`sipp -r 50
   -l 3 -m 500`: the desk's sip.max_calls), against bench/bare_ringer.py,
   pjsua2 that only rings (no database, no parsing).
3. engine alone, surge: the same load against `safedesk serve`; half the
   calls cancelled while ringing, half answered by a scripted operator,
   an EngineClient in this process (as a window would, over the link).
   Answering a call holds the one the operator was talking to (a
   re-INVITE, which tests/sip/uac_surge.xml answers).
4. engine + window, surge: the same, with the real desk window open under
   Xvfb (`safedesk gui`, connected to that engine, its boards and map
   following every call) while the scripted operator answers.
(5. where /dev/shm exists: the engine surge with the database on tmpfs:
   not durable, only to tell the disk's fsync apart from the desk's work.)

Every engine run has BLOCKS_IN_TABLE numbers blocked by a supervisor, and
one caller in BLOCKED_EVERY among them: under the default policy ("log")
their calls ring as any other, marked blocked. The engine re-reads the
blocks every 2 s beside the calls; the ringing path looks the caller up
in memory (telephony/blocked_numbers.py).

Where tcpdump can capture on loopback, INVITE → 180 is also timed on the
wire (bench/wire_timing.py), to the microsecond. INVITE → 180 is what SIPp
measures (`rtd` on the 180, `-trace_rtt`). Its clock here advances in 4 ms
steps (every rtd it writes is a multiple of 4), so a figure is "how many
4 ms ticks passed": 0 or 4 for a 180 that left within 4 ms, 8 only past
4 ms. Inside the engine: INVITE → row committed (SQLite file, WAL,
synchronous=FULL) → the RINGING event in the operator's process, timed
from the moment pjsua2 hands the INVITE to onIncomingCall (CLOCK_MONOTONIC,
the same in every process). Afterwards every call must be in the database
with the status its plan implies.

    python -m bench.bench_intake
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import select

from bench.wire_timing import WireCapture, unavailable_reason
from dispatch.permissions import SYSTEM
from ui.qt.virtual_display import VirtualDisplay

SURGE_CALLS, SURGE_RATE, SURGE_LIMIT = 500, 50, 3  # -l 3: the desk's sip.max_calls
CALM_CALLS, CALM_RATE = 100, 10
BLOCKS_IN_TABLE, BLOCKED_EVERY = 1000, 9  # odd: answered and cancelled callers
SIPP_CLOCK_STEP_MS = 4.0
TMPFS = Path("/dev/shm")
ROOT = Path(__file__).resolve().parent.parent


def make_plan(calls: int, *, answered_share: float) -> list[tuple[str, str]]:
    """(plan, national number) per call; every caller has a number of their own."""
    every = round(1 / answered_share) if answered_share else 0
    return [("answer" if every and n % every == 0 else "cancel", f"0812{70000000 + n:08d}")
            for n in range(calls)]


def write_injection(plan: list[tuple[str, str]], path: Path) -> Path:
    path.write_text("SEQUENTIAL\n" + "".join(f"{p};{number}\n" for p, number in plan))
    return path


def unexpected_messages(errors: str) -> dict[str, int]:
    """SIPp's error log boiled down to "expected X, got Y" counts."""
    counts: dict[str, int] = {}
    for line in errors.splitlines():
        marker = line.find("while expecting")
        if marker >= 0:
            got = line.find("received '")
            key = line[marker:marker + 40]
            if got >= 0:
                key += " / " + line[got + 10:got + 40]
            counts[key] = counts.get(key, 0) + 1
        elif "Dead call" in line and "(successful)" in line and "received 'INVITE" in line:
            # The desk held a call (answering the next) as its caller hung up:
            # the hold crossed the BYE, the call had ended well on both sides,
            # and SIPp absorbed the hold (and its retransmissions).
            key = "hold re-INVITE after a finished call (absorbed)"
            counts[key] = counts.get(key, 0) + 1
        elif "timed out" in line or "Dead call" in line:
            key = line.split(":", 3)[-1].strip()[:60]
            counts[key] = counts.get(key, 0) + 1
    return counts


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def durable_commit_ms(directory: Path, commits: int = 200) -> tuple[float, float]:
    """p50/p99 of a bare durable SQLite commit here (WAL, synchronous=FULL):
    the floor under the desk's INVITE → commit, set by the disk."""
    import sqlite3
    connection = sqlite3.connect(directory / "fsync.sqlite3", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    times = []
    for _ in range(commits):
        start = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t (v) VALUES (?)", ("x" * 200,))
        connection.execute("COMMIT")
        times.append((time.perf_counter() - start) * 1000)
    connection.close()
    return percentile(times, 0.50), percentile(times, 0.99)


class EngineUnderTest:
    """`safedesk serve` on a seeded SQLite file of its own, in a data
    directory of its own, and (optionally) the real window beside it."""

    def __init__(self, workdir: Path, *, db_dir: Path | None = None,
                 blocked: list[str] | None = None) -> None:
        from telephony.testing import free_port
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        self.url = f"sqlite:///{(db_dir or workdir) / 'desk.sqlite3'}"
        self.port = free_port()
        self.listen = f"127.0.0.1:{self.port}"
        # The window signs in as a kiosk would; `init` makes that supervisor
        # on the fresh file. The engine acts as the system and signs in as nobody.
        self.env = {**os.environ, "SAFEDESK_DATA_DIR": str(workdir / "data"),
                    "SAFEDESK_CONFIG_DIR": str(workdir / "config"),
                    "SAFEDESK_OPERATOR": "bench", "SAFEDESK_PASSWORD": "bench-sandi-1"}
        self.env.pop("SAFEDESK_DB", None)
        self.processes: list[subprocess.Popen] = []
        self._safedesk("init")
        self._block(blocked or [])
        self.engine = self._start("serve", "--listen", self.listen, log="engine.log")

    def _block(self, callers: list[str]) -> None:
        """BLOCKS_IN_TABLE blocks, as supervisors leave them: `callers` and
        numbers that never call."""
        from datetime import timedelta

        from dispatch.models import CallerBlock
        from dispatch.storage import open_database
        from dispatch.timeutil import utcnow
        others = [f"+6281390{n:06d}" for n in range(BLOCKS_IN_TABLE - len(callers))]
        now = utcnow()
        database = open_database(self.url, migrate=False)
        try:
            with database.session() as session:
                session.add_all(CallerBlock(number=number, reason="bench", blocked_at=now,
                                            blocked_until=now + timedelta(hours=24),
                                            blocked_by="bench") for number in [*callers, *others])
        finally:
            database.dispose()

    def _safedesk(self, *args: str) -> None:
        subprocess.run([sys.executable, "-m", "dispatch.cli.main", "--db", self.url, *args],
                       env=self.env, cwd=ROOT, check=True, capture_output=True)

    def _start(self, *args: str, log: str, env: dict | None = None) -> subprocess.Popen:
        out = open(self.workdir / log, "ab")
        process = subprocess.Popen([sys.executable, "-m", "dispatch.cli.main", "--db", self.url,
                                    *args], env=env or self.env, cwd=ROOT, stdout=out,
                                   stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def place(self):
        from telephony.link.place import EnginePlace
        return EnginePlace(self.workdir / "data")

    def open_window(self, display: str) -> None:
        # The window is a call-taker's, as at a desk where calls ring (a
        # supervisor's window shows every panel, the figures among them).
        subprocess.run([sys.executable, "-m", "dispatch.cli.main", "--db", self.url,
                        "operators", "add", "penerima", "--role", "call_taker",
                        "--password-file", "-"], input="bench-sandi-2\n", text=True,
                       env=self.env, cwd=ROOT, check=True, capture_output=True)
        env = {**self.env, "DISPLAY": display, "SAFEDESK_OPERATOR": "penerima",
               "SAFEDESK_PASSWORD": "bench-sandi-2"}
        env.pop("QT_QPA_PLATFORM", None)  # a real X window, not offscreen
        self._start("gui", log="window.log", env=env)

    def close(self) -> None:
        from telephony.link.control import stop_engine
        for process in self.processes[1:]:  # windows first, by PID
            process.terminate()
        for process in self.processes[1:]:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
        stop_engine(self.place(), timeout=20)
        try:
            self.engine.wait(20)
        except subprocess.TimeoutExpired:
            self.engine.kill()


def window_unavailable_reason() -> str | None:
    if shutil.which("Xvfb") is None:
        return "Xvfb is not installed (Debian: xvfb, libxcb-icccm4, libxcb-keysyms1)"
    return None


def run_engine(label: str, plan: list[tuple[str, str]], *, rate: int, limit: int | None,
               workdir: Path, db_dir: Path | None = None, with_window: bool = False) -> dict:
    from dispatch.enums import CallStatus
    from dispatch.models import Call
    from dispatch.phone import normalise_number
    from dispatch.storage import open_database
    from telephony.events import EventKind
    from telephony.link.client import EngineClient
    from telephony.testing import Sipp

    blocked = [normalise_number(number).e164 for _, number in plan[::BLOCKED_EVERY]]
    desk = EngineUnderTest(workdir, db_dir=db_dir, blocked=blocked)
    display = VirtualDisplay("1920x1080x24") if with_window else None
    operator = EngineClient(desk.place(), role="bench-operator")
    expected = {normalise_number(number).e164: p for p, number in plan}
    samples: list[tuple[int, int, int]] = []
    finished: list[str] = []
    all_finished = threading.Event()
    final = (EventKind.ENDED, EventKind.ABANDONED, EventKind.REJECTED, EventKind.TIMED_OUT,
             EventKind.TAKEN_ELSEWHERE)

    def on_event(event) -> None:
        if event.kind is EventKind.RINGING:
            samples.append((event.received_ns, event.committed_ns, time.perf_counter_ns()))
            if expected.get(event.caller) == "answer":
                operator.answer(event.sip_call_id)
        elif event.kind in final:
            finished.append(event.sip_call_id)
            if len(finished) >= len(plan):
                all_finished.set()

    operator.add_listener(on_event)
    capture = None
    try:
        operator.connect(timeout=30)
        if display is not None:
            desk.open_window(display.display)
            _wait_for_windows(operator, 1, timeout_s=60)
            time.sleep(5)  # the window's first reads, the map page, the boards
        sipp = Sipp("uac_surge.xml", desk.listen, workdir=workdir / "sipp",
                    calls=len(plan), rate=rate, limit=limit, timeout_s=180, trace_rtt=True,
                    trace_stat=True, injection=write_injection(plan, workdir / "plan.csv"))
        capture = _start_capture(desk.port, workdir)
        try:
            result = sipp.run()
            all_finished.wait(15)
        finally:
            if capture is not None:
                capture.stop()
        windows = _windows(operator)
    finally:
        operator.close()
        desk.close()
        if display is not None:
            display.stop()
    database = open_database(desk.url, migrate=False)
    database.principal = SYSTEM  # the engine's writer
    with database.reading() as session:
        rows = list(session.execute(select(Call.caller_number, Call.status,
                                           Call.identity_headers)))
    database.dispose()
    wanted = {"answer": CallStatus.ENDED, "cancel": CallStatus.ABANDONED}
    right = sum(1 for number, status, _ in rows if wanted.get(expected.get(number)) is status)
    logged = {number for number, _, _ in rows}
    marked = {number for number, _, identity in rows if (identity or {}).get("blocked")}
    commit_ms = [(c - r) / 1e6 for r, c, _ in samples]
    heard_ms = [(d - r) / 1e6 for r, _, d in samples]
    return {"run": label, "calls": len(plan), "sipp_ok": result.count("SuccessfulCall(C)"),
            "sipp_failed": result.count("FailedCall(C)"),
            "ring_p50_ms": percentile(result.rtt_ms, 0.50),
            "ring_p99_ms": percentile(result.rtt_ms, 0.99),
            "commit_p50_ms": percentile(commit_ms, 0.50),
            "commit_p99_ms": percentile(commit_ms, 0.99),
            "heard_p50_ms": percentile(heard_ms, 0.50),
            "heard_p99_ms": percentile(heard_ms, 0.99),
            **_wire_figures(capture),
            "rows": len(rows), "right_status": right,
            "lost": sum(1 for number in expected if number not in logged),
            "blocked_marked": f"{len(marked & set(blocked))}/{len(blocked)}"
                              + (f" (+{len(marked - set(blocked))} not blocked)"
                                 if marked - set(blocked) else ""),
            "windows": windows, "sipp_errors": unexpected_messages(result.errors)}


def _windows(client) -> int | None:
    try:
        return int(client.status().result(5).get("windows", 0))
    except Exception:  # noqa: BLE001 - a figure for the table, not a failure
        return None


def _wait_for_windows(client, count: int, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if (_windows(client) or 0) >= count:
            return
        time.sleep(0.5)
    raise RuntimeError("the desk window did not connect to the engine (see window.log)")


def run_bare(label: str, plan: list[tuple[str, str]], *, rate: int, limit: int | None,
             workdir: Path) -> dict:
    from telephony.testing import Sipp, free_port
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    ringer = subprocess.Popen([sys.executable, "-m", "bench.bare_ringer", "--listen",
                               f"127.0.0.1:{port}"], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        # pjlib prints a few lines of its own before the ringer says "ready".
        for _ in range(50):
            line = ringer.stdout.readline()
            if not line or line.strip() == "ready":
                break
        if line.strip() != "ready":
            raise RuntimeError("bench/bare_ringer.py did not start")
        capture = _start_capture(port, workdir)
        try:
            result = Sipp("uac_surge.xml", f"127.0.0.1:{port}", workdir=workdir / "sipp",
                          calls=len(plan), rate=rate, limit=limit, timeout_s=180,
                          trace_rtt=True, trace_stat=True,
                          injection=write_injection(plan, workdir / "plan.csv")).run()
        finally:
            if capture is not None:
                capture.stop()
    finally:
        ringer.terminate()
        try:
            ringer.wait(15)
        except subprocess.TimeoutExpired:
            ringer.kill()
    return {"run": label, "calls": len(plan), "sipp_ok": result.count("SuccessfulCall(C)"),
            "sipp_failed": result.count("FailedCall(C)"),
            "ring_p50_ms": percentile(result.rtt_ms, 0.50),
            "ring_p99_ms": percentile(result.rtt_ms, 0.99),
            "commit_p50_ms": None, "commit_p99_ms": None, "heard_p50_ms": None,
            "heard_p99_ms": None, **_wire_figures(capture), "rows": None, "right_status": None,
            "lost": None, "windows": None, "sipp_errors": unexpected_messages(result.errors)}


def _start_capture(port: int, workdir: Path) -> WireCapture | None:
    if unavailable_reason() is not None:
        return None
    try:
        return WireCapture(port, workdir / "wire.txt")
    except RuntimeError as exc:
        print(f"(no wire timing: {exc})")
        return None


def _wire_figures(capture: WireCapture | None) -> dict:
    if capture is None:
        return {"wire_p50_ms": None, "wire_p99_ms": None, "wire_max_ms": None}
    times = capture.ringing_ms()
    return {"wire_p50_ms": percentile(times, 0.50), "wire_p99_ms": percentile(times, 0.99),
            "wire_max_ms": max(times) if times else None}


def run() -> list[dict]:
    from telephony.testing import sipp_binary
    if sipp_binary() is None:
        raise SystemExit("SIPp is not installed (Debian package sip-tester)")
    no_window = window_unavailable_reason()
    with tempfile.TemporaryDirectory(prefix="bench-intake-") as tmp:
        commit_p50, commit_p99 = durable_commit_ms(Path(tmp))
        calm = make_plan(CALM_CALLS, answered_share=0)
        surge = make_plan(SURGE_CALLS, answered_share=0.5)
        results = [
            run_engine("engine, calm (10/s)", calm, rate=CALM_RATE, limit=None,
                       workdir=Path(tmp) / "calm"),
            run_bare("bare pjsua2, surge", surge, rate=SURGE_RATE, limit=SURGE_LIMIT,
                     workdir=Path(tmp) / "bare"),
            run_engine("engine alone, surge", surge, rate=SURGE_RATE, limit=SURGE_LIMIT,
                       workdir=Path(tmp) / "alone"),
        ]
        if no_window is None:
            results.append(run_engine("engine + window", surge, rate=SURGE_RATE,
                                      limit=SURGE_LIMIT, workdir=Path(tmp) / "window",
                                      with_window=True))
        if TMPFS.is_dir():
            # Not durable, so not the desk's configuration: it separates
            # the cost of fsync on this disk from the desk's own work.
            with tempfile.TemporaryDirectory(dir=TMPFS) as memory:
                results.append(run_engine("engine, tmpfs*", surge, rate=SURGE_RATE,
                                          limit=SURGE_LIMIT, workdir=Path(tmp) / "tmpfs",
                                          db_dir=Path(memory)))
    print(f"bare durable SQLite commit on this disk: p50 {commit_p50:.2f} ms, "
          f"p99 {commit_p99:.2f} ms; load average {os.getloadavg()[0]:.2f} "
          f"on {os.cpu_count()} CPUs")
    print_table(results)
    if no_window is not None:
        print(f"engine + window: not measured ({no_window})")
    return results


def print_table(results: list[dict]) -> None:
    def ms(value) -> str:
        return "-" if value is None else f"{value:.2f}"

    def count(value) -> str:
        return "-" if value is None else str(value)

    header = (f"{'run':<20} {'calls':>5} {'SIPp ok/fail':>12}  {'INVITE→180 p50/p99':>19}  "
              f"{'wire p50/p99/max':>17}  {'→commit p50/p99':>16}  {'→operator p50/p99':>18}  "
              f"{'rows':>4} {'right':>5} {'lost':>4}")
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r['run']:<20} {r['calls']:>5} {r['sipp_ok']:>6}/{r['sipp_failed']:<5}  "
              f"{ms(r['ring_p50_ms']):>9}/{ms(r['ring_p99_ms']):<9}  "
              f"{ms(r['wire_p50_ms']):>5}/{ms(r['wire_p99_ms'])}/{ms(r['wire_max_ms']):<5}  "
              f"{ms(r['commit_p50_ms']):>7}/{ms(r['commit_p99_ms']):<8}  "
              f"{ms(r['heard_p50_ms']):>8}/{ms(r['heard_p99_ms']):<9}  "
              f"{count(r['rows']):>4} {count(r['right_status']):>5} {count(r['lost']):>4}")
    for r in results:
        if r.get("blocked_marked"):
            print(f"  {r['run']}: blocked callers marked blocked {r['blocked_marked']}")
        for what, count in r.get("sipp_errors", {}).items():
            print(f"  {r['run']}: {count} x {what}")
    if any(r["run"].endswith("*") for r in results):
        print("* database on tmpfs: not durable, for comparison only (fsync cost left out)")
    if all(r["wire_p99_ms"] is None for r in results):
        print(f"wire: not measured ({unavailable_reason() or 'capture refused'})")
    alone = next((r for r in results if r["run"] == "engine alone, surge"), None)
    window = next((r for r in results if r["run"] == "engine + window"), None)
    if alone is not None and window is not None:
        for clock, key in (("SIPp's 4 ms clock", "ring_p99_ms"), ("on the wire", "wire_p99_ms")):
            if alone[key] is None or window[key] is None:
                continue
            within = window[key] - alone[key] <= SIPP_CLOCK_STEP_MS
            lost = (window["lost"] or 0) + (alone["lost"] or 0)
            print(f"goal (with the window open, p99 within {SIPP_CLOCK_STEP_MS:.0f} ms of the "
                  f"engine alone, no call lost), {clock}: {window[key]:.2f} vs "
                  f"{alone[key]:.2f} ms: {'met' if within and not lost else 'NOT met'}")


if __name__ == "__main__":
    run()
