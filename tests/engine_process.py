"""`safedesk` as a user runs it, for the tests: one-shot commands, and a
`safedesk serve` engine process whose log lines can be waited for. Each
test has its own data directory (conftest), so its own engine. Processes
are stopped by their PID only."""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time

from telephony.testing import free_port


def safedesk(*args: str, db: str | None = None, timeout: float = 60,
             env: dict | None = None) -> subprocess.CompletedProcess:
    database = ["--db", db] if db else []
    return subprocess.run([sys.executable, "-m", "dispatch.cli.main", *database, *args],
                          capture_output=True, text=True, timeout=timeout,
                          env=None if env is None else {**os.environ, **env})


def initialised_sqlite(folder) -> str:
    """`safedesk init` on a new SQLite file in `folder`: its URL."""
    url = f"sqlite:///{folder / 'desk.sqlite3'}"
    result = safedesk("init", db=url)
    assert result.returncode == 0, result.stderr
    return url


class Serve:
    """A `safedesk serve` process whose log lines can be waited for."""

    def __init__(self, db: str, *extra: str, port: int | None = None,
                 env: dict | None = None, global_options: tuple[str, ...] = ()) -> None:
        self.port = port or free_port()
        self.listen = f"127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dispatch.cli.main", *global_options, "--db", db, "serve",
             "--listen", self.listen, *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=None if env is None else {**os.environ, **env})
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read(self) -> None:
        for line in self.process.stderr:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, text: str, timeout: float = 15.0, *, count: int = 1) -> str:
        """The `count`-th log line holding `text` (waiting for it)."""
        deadline = time.monotonic() + timeout
        found = [line for line in self.lines if text in line]
        while len(found) < count and time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
            if text in line:
                found.append(line)
        if len(found) >= count:
            return found[count - 1]
        raise AssertionError(f"serve never logged {text!r} ({count}x); log:\n"
                             + "\n".join(self.lines))

    def log_text(self) -> str:
        """Every line logged so far (waiting a moment for what is on its way)."""
        self._drain(0.2)
        return "\n".join(self.lines)

    def wait_exit(self, timeout: float = 15.0) -> int:
        try:
            return self.process.wait(timeout)
        finally:
            self.kill()
            self._drain()

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> int:
        self.process.send_signal(sig)
        return self.wait_exit(timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)

    def _drain(self, wait_s: float = 2.0) -> None:
        while True:  # what is left of the log
            try:
                line = self._queue.get(timeout=wait_s)
            except queue.Empty:
                return
            if line is None:
                return
            self.lines.append(line)
