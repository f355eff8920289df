"""Call intake: how fast the desk rings, and that a surge loses no call.

Three runs, one after the other, with SIPp (Debian sip-tester) as caller:

1. desk, calm:  100 calls at 10/s, each cancelled 20 ms after ringing.
2. desk, surge: 500 calls at 50/s, at most 4 at once (`sipp -r 50 -l 4
   -m 500`), half cancelled while ringing, half answered by a scripted
   operator (on the Qt signal, through the engine's command queue).
3. bare pjsua2, surge: the same SIPp load against bench/bare_ringer.py,
   pjsua2 that only rings (no database, no Qt).
4. (where /dev/shm exists) the desk surge again with the database on tmpfs:
   not durable, only to tell the disk's fsync apart from the desk's work.

Where tcpdump can capture on loopback, INVITE → 180 is also timed on the
wire (bench/wire_timing.py), to the microsecond, for the desk and the bare
ringer alike. INVITE → 180 is what SIPp measures (`rtd` on the 180, `-trace_rtt`). Its
clock here advances in 4 ms steps (every rtd and Date_ms it writes is a
multiple of 4), so a figure is "how many 4 ms ticks passed": 0 or 4 for a
180 that left within 4 ms, 8 only past 4 ms; the 5 ms target therefore
reads as p99 <= 4. Inside the desk: INVITE → row committed (SQLite file,
WAL, synchronous=FULL) → ringing signal delivered on the Qt GUI thread,
timed from the moment pjsua2 hands the INVITE to onIncomingCall (pjsua2
sends the 180 only when that callback returns, 0.3-0.4 ms after it does;
the time before the callback, about 0.5 ms, is pjsua's own, as in the bare
ringer). Afterwards every call must be in the database with the status its
plan implies.

    python -m bench.bench_intake
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bench.wire_timing import WireCapture, unavailable_reason  # noqa: E402

SURGE_CALLS, SURGE_RATE, SURGE_LIMIT = 500, 50, 4
CALM_CALLS, CALM_RATE = 100, 10
TARGET_P99_MS = 5.0
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


def _wait_qt(app: QApplication, done, timeout_s: float) -> bool:
    """Run the Qt event loop until done() or the timeout (no sleeping)."""
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: loop.quit() if done() or time.monotonic() > deadline else None)
    timer.start()
    loop.exec()
    timer.stop()
    return done()


def run_desk(label: str, plan: list[tuple[str, str]], *, rate: int, limit: int | None,
             workdir: Path, app: QApplication, db_dir: Path | None = None) -> dict:
    from dispatch.enums import CallStatus
    from dispatch.models import Call
    from dispatch.phone import normalise_number
    from dispatch.seed import load_seed_file
    from dispatch.storage import open_database
    from telephony.engine import SoftphoneEngine
    from telephony.settings import SipConfig
    from telephony.testing import Sipp, free_port
    from ui.softphone_bridge import SoftphoneBridge

    workdir.mkdir(parents=True, exist_ok=True)
    database = open_database(f"sqlite:///{(db_dir or workdir) / 'desk.sqlite3'}")
    load_seed_file(database, None, actor="bench")
    expected = {normalise_number(number).e164: p for p, number in plan}
    engine = SoftphoneEngine(database, SipConfig(host="127.0.0.1", port=free_port(),
                                                 desk_name="bench"), actor="bench")
    bridge = SoftphoneBridge(engine)
    samples: list[tuple[int, int, int]] = []
    finished: list[str] = []

    def operator(event) -> None:
        delivered = time.perf_counter_ns()
        samples.append((event.received_ns, event.committed_ns, delivered))
        if expected.get(event.caller) == "answer":
            bridge.answer(event.sip_call_id)

    bridge.ringing.connect(operator)
    bridge.finished.connect(lambda event: finished.append(event.sip_call_id))
    engine.start()
    sipp = Sipp("uac_surge.xml", engine.config.listen, workdir=workdir / "sipp",
                calls=len(plan), rate=rate, limit=limit, timeout_s=180, trace_rtt=True,
                trace_stat=True, injection=write_injection(plan, workdir / "plan.csv"))
    capture = _start_capture(engine.config.port, workdir)
    try:
        sipp.start()
        _wait_qt(app, lambda: sipp.process.poll() is not None, 200)
        result = sipp.wait()
        _wait_qt(app, lambda: len(finished) >= len(plan), 15)
    finally:
        sipp.kill()
        if capture is not None:
            capture.stop()
        engine.stop()
        _wait_qt(app, lambda: False, 0.2)  # deliver the last queued signals
        bridge.close()
    with database.reading() as session:
        rows = list(session.execute(select(Call.caller_number, Call.status)))
    database.dispose()
    wanted = {"answer": CallStatus.ENDED, "cancel": CallStatus.ABANDONED}
    right = sum(1 for number, status in rows if wanted.get(expected.get(number)) is status)
    logged = {number for number, _ in rows}
    commit_ms = [(c - r) / 1e6 for r, c, _ in samples]
    qt_ms = [(d - r) / 1e6 for r, _, d in samples]
    return {"run": label, "calls": len(plan), "sipp_ok": result.count("SuccessfulCall(C)"),
            "sipp_failed": result.count("FailedCall(C)"),
            "ring_p50_ms": percentile(result.rtt_ms, 0.50),
            "ring_p99_ms": percentile(result.rtt_ms, 0.99),
            "commit_p50_ms": percentile(commit_ms, 0.50),
            "commit_p99_ms": percentile(commit_ms, 0.99),
            "qt_p50_ms": percentile(qt_ms, 0.50), "qt_p99_ms": percentile(qt_ms, 0.99),
            **_wire_figures(capture),
            "rows": len(rows), "right_status": right,
            "lost": sum(1 for number in expected if number not in logged),
            "largest_gui_batch": bridge.largest_batch,
            "sipp_errors": unexpected_messages(result.errors)}


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
            "commit_p50_ms": None, "commit_p99_ms": None, "qt_p50_ms": None, "qt_p99_ms": None,
            **_wire_figures(capture), "rows": None, "right_status": None, "lost": None, "largest_gui_batch": None,
            "sipp_errors": unexpected_messages(result.errors)}


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
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-intake-") as tmp:
        previous = os.environ.get("SAFEDESK_DATA_DIR")
        os.environ["SAFEDESK_DATA_DIR"] = str(Path(tmp) / "data")  # recordings go here
        try:
            commit_p50, commit_p99 = durable_commit_ms(Path(tmp))
            calm = make_plan(CALM_CALLS, answered_share=0)
            surge = make_plan(SURGE_CALLS, answered_share=0.5)
            results = [
                run_desk("desk, calm (10/s)", calm, rate=CALM_RATE, limit=None,
                         workdir=Path(tmp) / "calm", app=app),
                run_desk("desk, surge", surge, rate=SURGE_RATE, limit=SURGE_LIMIT,
                         workdir=Path(tmp) / "desk", app=app),
                run_bare("bare pjsua2, surge", surge, rate=SURGE_RATE, limit=SURGE_LIMIT,
                         workdir=Path(tmp) / "bare"),
            ]
            if TMPFS.is_dir():
                # Not durable, so not the desk's configuration: it separates
                # the cost of fsync on this disk from the desk's own work.
                with tempfile.TemporaryDirectory(dir=TMPFS) as memory:
                    results.append(run_desk("desk, surge, tmpfs*", surge, rate=SURGE_RATE,
                                            limit=SURGE_LIMIT, workdir=Path(tmp) / "tmpfs",
                                            app=app, db_dir=Path(memory)))
        finally:
            if previous is None:
                os.environ.pop("SAFEDESK_DATA_DIR", None)
            else:
                os.environ["SAFEDESK_DATA_DIR"] = previous
    print(f"bare durable SQLite commit on this disk: p50 {commit_p50:.2f} ms, "
          f"p99 {commit_p99:.2f} ms; load average {os.getloadavg()[0]:.2f} "
          f"on {os.cpu_count()} CPUs")
    print_table(results)
    return results


def print_table(results: list[dict]) -> None:
    def ms(value) -> str:
        return "-" if value is None else f"{value:.2f}"

    def count(value) -> str:
        return "-" if value is None else str(value)

    header = (f"{'run':<20} {'calls':>5} {'SIPp ok/fail':>12}  {'INVITE→180 p50/p99':>19}  "
              f"{'wire p50/p99/max':>17}  {'→commit p50/p99':>16}  {'→Qt p50/p99':>14}  "
              f"{'rows':>4} {'right':>5} {'lost':>4}")
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r['run']:<20} {r['calls']:>5} {r['sipp_ok']:>6}/{r['sipp_failed']:<5}  "
              f"{ms(r['ring_p50_ms']):>9}/{ms(r['ring_p99_ms']):<9}  "
              f"{ms(r['wire_p50_ms']):>5}/{ms(r['wire_p99_ms'])}/{ms(r['wire_max_ms']):<5}  "
              f"{ms(r['commit_p50_ms']):>7}/{ms(r['commit_p99_ms']):<8}  "
              f"{ms(r['qt_p50_ms']):>6}/{ms(r['qt_p99_ms']):<7}  "
              f"{count(r['rows']):>4} {count(r['right_status']):>5} {count(r['lost']):>4}")
    for r in results:
        for what, count in r.get("sipp_errors", {}).items():
            print(f"  {r['run']}: {count} x {what}")
    if any(r["run"].endswith("*") for r in results):
        print("* database on tmpfs: not durable, for comparison only (fsync cost left out)")
    if all(r["wire_p99_ms"] is None for r in results):
        print(f"wire: not measured ({unavailable_reason() or 'capture refused'})")
    desk = next((r for r in results if r["run"] == "desk, surge"), None)
    if desk is not None:
        for clock, key in (("SIPp's 4 ms clock", "ring_p99_ms"), ("on the wire", "wire_p99_ms")):
            if desk[key] is None:
                continue
            verdict = "met" if desk[key] <= TARGET_P99_MS and desk["lost"] == 0 else "NOT met"
            print(f"target (desk rings within {TARGET_P99_MS:.0f} ms at p99, row committed "
                  f"first, zero calls lost), {clock}: {verdict}")


if __name__ == "__main__":
    run()
