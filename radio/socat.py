"""A null-modem cable in software: two linked ptys made by a real ``socat``
process (Debian package socat). For the tests and the relay bench; POSIX
only, and the desk itself never imports it.
"""
from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

READY_S = 5.0


class SocatPair:
    """``a`` is the desk's end, ``b`` the device's. ``unplug()`` ends socat,
    which hangs both ptys up; ``plug()`` makes a new pair under the same
    names, as plugging the cable back in would."""

    def __init__(self, directory: Path | str) -> None:
        self.a = str(Path(directory) / "desk-end")
        self.b = str(Path(directory) / "device-end")
        self.process: subprocess.Popen | None = None
        self._drainer: threading.Thread | None = None

    def plug(self) -> SocatPair:
        socat = shutil.which("socat")
        if socat is None:
            raise RuntimeError("socat is not installed (Debian package socat; "
                               "`make test` installs it)")
        self.process = subprocess.Popen(
            [socat, "-d", "-d", f"pty,raw,echo=0,link={self.a}", f"pty,raw,echo=0,link={self.b}"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # socat logs "starting data transfer loop" once both ptys and both
        # links exist: read its log with a deadline instead of polling paths.
        log = b""
        deadline = time.monotonic() + READY_S
        fd = self.process.stderr.fileno()
        while b"starting data transfer loop" not in log:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(fd, 4096) if ready else b""
            if not chunk:
                self.unplug()
                raise RuntimeError(f"socat did not start within {READY_S} s: {log!r}")
            log += chunk
        # Keep draining the log so socat never blocks on a full pipe.
        self._drainer = threading.Thread(target=self._drain, args=(self.process,), daemon=True)
        self._drainer.start()
        return self

    @staticmethod
    def _drain(process: subprocess.Popen) -> None:
        try:
            while process.stderr.read(4096):
                pass
        except (OSError, ValueError):
            pass

    def unplug(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        if self._drainer is not None:
            self._drainer.join(timeout=5)  # socat has exited: its log ends
            self._drainer = None
        process.stderr.close()

    def __enter__(self) -> SocatPair:
        return self.plug()

    def __exit__(self, *exc: object) -> None:
        self.unplug()
