"""Where the engine of a data directory lives: one lock, one facts file,
one link address. One engine per data directory, because pjsua2 allows one
Endpoint per process and two engines would both answer the desk's calls.

    <data_dir>/engine.lock   held (fcntl.flock / msvcrt.locking) by the
                             running engine for its whole life: the lock,
                             not engine.json, says whether an engine runs
                             (the OS frees it when the engine dies, even by
                             kill -9)
    <data_dir>/engine.json   0600: pid, link address and authkey, SIP
                             transport and address, desk, database (password
                             hidden), started_at. May be stale after a kill.
    <data_dir>/engine.log    what an engine started by a window prints

The link address is derived from the resolved data directory: an abstract
AF_UNIX name on Linux (nothing left on disk after a kill -9), a named pipe
on Windows, a socket file in the data directory elsewhere.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
import time
from pathlib import Path

from dispatch import paths
from dispatch.errors import DeskError

LOCK_FILE, FACTS_FILE, LOG_FILE = "engine.lock", "engine.json", "engine.log"
# A window or `safedesk engine status` holds the lock for a moment to see
# whether it is free; an engine starting then retries for this long.
LOCK_RETRY_S = 2.0

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl


class EngineAlreadyRunning(DeskError):
    """Another engine holds this data directory."""


def link_address(data_dir: Path) -> tuple[str, str]:
    """(multiprocessing.connection family, address) for this data directory."""
    digest = hashlib.sha256(str(data_dir).encode("utf-8")).hexdigest()[:16]
    if sys.platform == "win32":
        return "AF_PIPE", rf"\\.\pipe\safedesk-engine-{digest}"
    if sys.platform.startswith("linux"):
        return "AF_UNIX", f"\0safedesk-engine-{digest}"
    return "AF_UNIX", str(data_dir / "engine.sock")


def printable_address(address: str) -> str:
    """An abstract socket name as `ss -x` shows it: @ for the leading NUL."""
    return "@" + address[1:] if address.startswith("\0") else address


class EngineLock:
    """An exclusive OS lock on engine.lock; released by release() or death."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @classmethod
    def try_take(cls, path: Path) -> EngineLock | None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if sys.platform == "win32":
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        return cls(fd)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if sys.platform == "win32":
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


class EnginePlace:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.lock_path = self.data_dir / LOCK_FILE
        self.facts_path = self.data_dir / FACTS_FILE
        self.log_path = self.data_dir / LOG_FILE
        self.family, self.address = link_address(self.data_dir)

    @classmethod
    def current(cls) -> EnginePlace:
        """The place of `dispatch.paths.data_dir()` (SAFEDESK_DATA_DIR wins)."""
        return cls(paths.data_dir())

    # ---- the lock

    def take_lock(self) -> EngineLock:
        """The engine's lock, or EngineAlreadyRunning naming the one that has it."""
        deadline = time.monotonic() + LOCK_RETRY_S
        while True:
            lock = EngineLock.try_take(self.lock_path)
            if lock is not None:
                return lock
            if time.monotonic() >= deadline:
                raise EngineAlreadyRunning(self.describe_running(), code="engine.already_running")
            time.sleep(0.05)

    def engine_running(self) -> bool:
        """True while some engine holds the lock (taken and given back at once)."""
        lock = EngineLock.try_take(self.lock_path)
        if lock is None:
            return True
        lock.release()
        return False

    def wait_until_stopped(self, timeout: float) -> bool:
        """Block (in the OS, not polling) until no engine holds the lock."""
        freed = threading.Event()
        threading.Thread(target=self._take_when_free, args=(freed,), daemon=True,
                         name="engine-lock-wait").start()
        return freed.wait(timeout)

    def _take_when_free(self, freed: threading.Event) -> None:
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if sys.platform == "win32":
                while True:
                    try:
                        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for 10 s, then raises
                        break
                    except OSError:
                        continue
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                fcntl.flock(fd, fcntl.LOCK_EX)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
        freed.set()

    # ---- engine.json

    def write_facts(self, facts: dict) -> None:
        """Atomically, readable by this user only (it holds the authkey)."""
        temporary = self.facts_path.with_name(FACTS_FILE + ".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(facts, out, indent=2)
        if sys.platform != "win32":
            os.chmod(temporary, 0o600)
        os.replace(temporary, self.facts_path)

    def read_facts(self) -> dict | None:
        try:
            facts = json.loads(self.facts_path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return facts if isinstance(facts, dict) else None

    def remove_facts(self, pid: int) -> None:
        """Delete engine.json if it is still the one engine `pid` wrote."""
        facts = self.read_facts()
        if facts is not None and facts.get("pid") == pid:
            try:
                self.facts_path.unlink()
            except OSError:
                pass

    def describe_running(self) -> str:
        """One line naming the engine that holds this data directory."""
        facts = self.read_facts()
        if facts is None:
            return f"an engine is already running for {self.data_dir} (still starting)"
        return (f"an engine is already running for {self.data_dir}: pid {facts.get('pid')}, "
                f"{facts.get('transport')} {facts.get('listen')}, "
                f"link {printable_address(str(facts.get('address', '')))}")

    def nothing_running(self) -> str:
        return f"no engine is running for {self.data_dir}"
