"""Tools to drive the softphone from outside: SIPp (Debian `sip-tester`)
as the caller, free ports, and a log of engine events to wait on. Used by
the tests, the intake bench and demos; never by the desk at run time.

Each SIPp run gets its own working directory (SIPp writes its traces into
the current directory) and is always killed if it overstays its timeout.
"""
from __future__ import annotations

import csv
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from telephony.events import CallEvent, EventKind

SCENARIOS = Path(__file__).resolve().parent.parent / "tests" / "sip"
G711A_PCAP = Path("/usr/share/sip-tester/g711a.pcap")
EMERGENCY_LINE = "0361223333"
COMPLAINTS_LINE = "0361244444"


def sipp_binary() -> str | None:
    return shutil.which("sipp")


def free_port(host: str = "127.0.0.1", kind: int = socket.SOCK_DGRAM, *, even: bool = False) -> int:
    """A port free for both UDP and TCP right now (RTP wants an even one)."""
    for _ in range(200):
        with socket.socket(socket.AF_INET, kind) as probe:
            probe.bind((host, 0))
            port = probe.getsockname()[1]
        if even and port % 2:
            continue
        if _free(host, port, socket.SOCK_DGRAM) and _free(host, port, socket.SOCK_STREAM):
            return port
    raise RuntimeError("no free port found")


def _free(host: str, port: int, kind: int) -> bool:
    with socket.socket(socket.AF_INET, kind) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


@dataclass
class SippResult:
    returncode: int
    stdout: str
    stderr: str
    workdir: Path
    errors: str = ""
    rtt_ms: list[float] = field(default_factory=list)
    stats: dict[str, str] = field(default_factory=dict)

    def count(self, column: str) -> int:
        """A cumulative counter from -trace_stat, e.g. "SuccessfulCall(C)"."""
        try:
            return int(float(self.stats.get(column, "0")))
        except ValueError:
            return 0

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def explain(self) -> str:
        return (f"sipp exit {self.returncode}\n--- stderr\n{self.stderr[-2000:]}\n"
                f"--- errors\n{self.errors[-3000:]}")


class Sipp:
    """One SIPp process. Use `run()` to wait for it, or `start()`/`wait()`."""

    def __init__(self, scenario: str | Path, target: str, *, workdir: Path,
                 service: str = EMERGENCY_LINE, calls: int = 1, rate: float | None = None,
                 limit: int | None = None,
                 duration_ms: int | None = None, local_ip: str = "127.0.0.1",
                 local_port: int | None = None, media_port: int | None = None,
                 transport: str = "udp", timeout_s: float = 30.0, server: bool = False,
                 injection: Path | None = None, trace_rtt: bool = False,
                 trace_stat: bool = False, extra: tuple[str, ...] = ()) -> None:
        scenario = Path(scenario)
        if not scenario.is_absolute() and not scenario.exists():
            scenario = SCENARIOS / scenario
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        self.local_port = local_port or free_port(local_ip)
        self.media_port = media_port or free_port(local_ip, even=True)
        self.timeout_s = timeout_s
        self.trace_rtt = trace_rtt
        self.stat_file = workdir / "stats.csv" if trace_stat else None
        self.error_file = workdir / "errors.log"
        self.rtt_prefix = scenario.stem
        command = [sipp_binary() or "sipp", "-sf", str(scenario), "-i", local_ip,
                   "-p", str(self.local_port), "-mp", str(self.media_port),
                   "-t", "t1" if transport == "tcp" else "u1", "-nostdin",
                   "-trace_err", "-error_file", str(self.error_file),
                   "-timeout", f"{int(timeout_s)}s", "-timeout_error", "-m", str(calls)]
        if not server:
            command += [target, "-s", service]
        if rate is not None:
            command += ["-r", str(rate)]
        if limit is not None:
            command += ["-l", str(limit)]
        if duration_ms is not None:
            command += ["-d", str(duration_ms)]
        if injection is not None:
            command += ["-inf", str(injection)]
        if trace_rtt:
            command += ["-trace_rtt", "-rtt_freq", "1"]
        if self.stat_file is not None:
            command += ["-trace_stat", "-stf", str(self.stat_file), "-fd", "1"]
        self.command = command + list(extra)
        self.process: subprocess.Popen | None = None

    def start(self) -> Sipp:
        self.process = subprocess.Popen(self.command, cwd=self.workdir, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        return self

    def wait(self, timeout_s: float | None = None) -> SippResult:
        assert self.process is not None, "start() first"
        try:
            stdout, stderr = self.process.communicate(timeout=timeout_s or self.timeout_s + 10)
        except subprocess.TimeoutExpired:
            self.kill()
            stdout, stderr = self.process.communicate()
        return self._result(stdout, stderr)

    def run(self) -> SippResult:
        self.start()
        try:
            return self.wait()
        finally:
            self.kill()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)

    def wait_until_listening(self, timeout_s: float = 5.0) -> None:
        """For server scenarios: SIPp has bound its port."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not _free("127.0.0.1", self.local_port, socket.SOCK_DGRAM):
                return
            if self.process is not None and self.process.poll() is not None:
                break
            time.sleep(0.02)
        raise RuntimeError(f"SIPp did not listen on {self.local_port}")

    def _result(self, stdout: bytes, stderr: bytes) -> SippResult:
        errors = self.error_file.read_text("utf-8", "replace") if self.error_file.exists() else ""
        result = SippResult(self.process.returncode, stdout.decode("utf-8", "replace"),
                            stderr.decode("utf-8", "replace"), self.workdir, errors)
        if self.trace_rtt:
            result.rtt_ms = read_rtt(self.workdir, self.rtt_prefix)
        if self.stat_file is not None:
            result.stats = read_stats(self.stat_file)
        return result


def read_rtt(workdir: Path, prefix: str) -> list[float]:
    """Every response time SIPp traced (ms), from <scenario>_<pid>_rtt.csv."""
    values: list[float] = []
    for path in workdir.glob(f"{prefix}_*_rtt.csv"):
        with path.open(newline="", encoding="utf-8", errors="replace") as handle:
            # Date_ms;response_time_ms;rtd_no — one line per call and timed response.
            for row in csv.reader(handle, delimiter=";"):
                if len(row) >= 2 and row[0] != "Date_ms":
                    try:
                        values.append(float(row[1]))
                    except ValueError:
                        continue
    return values


def read_stats(path: Path) -> dict[str, str]:
    """The last line of SIPp's -trace_stat CSV, by column name."""
    try:
        lines = [line for line in path.read_text("utf-8", "replace").splitlines() if line.strip()]
    except OSError:
        return {}
    if len(lines) < 2:
        return {}
    names = lines[0].split(";")
    return dict(zip(names, lines[-1].split(";")))


class EventLog:
    """Collects engine events (a listener) and lets a test wait for one."""

    def __init__(self) -> None:
        self.events: list[CallEvent] = []
        self._changed = threading.Condition()

    def __call__(self, event: CallEvent) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def of_kind(self, kind: EventKind) -> list[CallEvent]:
        with self._changed:
            return [event for event in self.events if event.kind is kind]

    def wait_for(self, predicate: Callable[[CallEvent], bool], *, count: int = 1,
                 timeout_s: float = 10.0) -> list[CallEvent]:
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while True:
                found = [event for event in self.events if predicate(event)]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = ", ".join(f"{e.kind}:{e.sip_call_id[:12]}" for e in self.events)
                    raise TimeoutError(f"waited {timeout_s} s for {count} event(s); saw {seen}")
                self._changed.wait(remaining)

    def wait_kind(self, kind: EventKind, *, count: int = 1, timeout_s: float = 10.0,
                  sip_call_id: str | None = None) -> list[CallEvent]:
        return self.wait_for(lambda e: e.kind is kind and (sip_call_id is None
                                                          or e.sip_call_id == sip_call_id),
                             count=count, timeout_s=timeout_s)
