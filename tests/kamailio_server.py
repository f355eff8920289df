"""A throw-away kamailio (Debian `kamailio`) as the desks' registrar and
proxy: the config in tests/kamailio/ rendered into a temp dir, started in
the foreground by PID, stopped by PID (its process group: kamailio forks
its workers). Every wait is bounded.

    server = KamailioServer(tmp_path / "kamailio").start()
    try:
        ... register desks at server.registrar, call server.address ...
        server.contacts("desk")     # what usrloc holds for the AoR
    finally:
        server.stop()
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from telephony.testing import _free, free_port

TEMPLATE = Path(__file__).resolve().parent / "kamailio" / "kamailio.cfg"
SBIN = ("/usr/sbin", "/usr/local/sbin")


def _which(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path=os.pathsep.join(SBIN))


def kamailio_binary() -> str | None:
    return _which("kamailio")


def kamcmd_binary() -> str | None:
    return _which("kamcmd")


class KamailioServer:
    def __init__(self, workdir: Path, *, username: str = "desk", password: str = "pelangi-7",
                 realm: str = "safedesk.test", port: int | None = None) -> None:
        self.workdir = Path(workdir)
        self.username, self.password, self.realm = username, password, realm
        self.port = port or free_port()
        self.ctl = self.workdir / "ctl.sock"
        self.cfg = self.workdir / "kamailio.cfg"
        self.log_path = self.workdir / "kamailio.log"
        self.process: subprocess.Popen | None = None
        self._log_handle = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def registrar(self) -> str:
        return f"sip:{self.address}"

    def render(self) -> Path:
        self.workdir.mkdir(parents=True, exist_ok=True)
        text = TEMPLATE.read_text(encoding="utf-8")
        for token, value in (("@PORT@", str(self.port)), ("@CTL@", str(self.ctl)),
                             ("@REALM@", self.realm), ("@USERNAME@", self.username),
                             ("@PASSWORD@", self.password)):
            text = text.replace(token, value)
        self.cfg.write_text(text, encoding="utf-8")
        return self.cfg

    def start(self, timeout_s: float = 10.0) -> KamailioServer:
        binary = kamailio_binary()
        if binary is None:
            raise RuntimeError("kamailio is not installed (Debian package `kamailio`)")
        self.render()
        check = subprocess.run([binary, "-c", "-f", str(self.cfg)], capture_output=True,
                               text=True, timeout=timeout_s)
        if check.returncode != 0:
            raise RuntimeError(f"kamailio rejects its config:\n{check.stderr[-3000:]}")
        self._log_handle = self.log_path.open("wb")
        # -DD: stay in the foreground (workers still fork), -E: log to stderr.
        # Its own session, so stop() can end the workers by the group's id.
        self.process = subprocess.Popen(
            [binary, "-DD", "-E", "-f", str(self.cfg), "-Y", str(self.workdir),
             "-w", str(self.workdir), "-m", "32", "-M", "8"],
            cwd=self.workdir, stdin=subprocess.DEVNULL, stdout=self._log_handle,
            stderr=subprocess.STDOUT, start_new_session=True)
        try:
            self._wait_ready(timeout_s)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"kamailio exited with {self.process.returncode}:\n"
                                   + self.log()[-3000:])
            if (self.ctl.exists() and not _free("127.0.0.1", self.port, socket.SOCK_DGRAM)
                    and self._kamcmd_ok("core.uptime")):
                return
            time.sleep(0.05)
        raise RuntimeError("kamailio did not come up in time:\n" + self.log()[-3000:])

    def _kamcmd_ok(self, *args: str) -> bool:
        try:
            return self.kamcmd(*args, check=False).returncode == 0
        except subprocess.TimeoutExpired:
            return False

    def kamcmd(self, *args: str, check: bool = True,
               timeout_s: float = 5.0) -> subprocess.CompletedProcess:
        result = subprocess.run([kamcmd_binary() or "kamcmd", "-s", f"unix:{self.ctl}", *args],
                                capture_output=True, text=True, timeout=timeout_s)
        if check and result.returncode != 0:
            raise RuntimeError(f"kamcmd {' '.join(args)} failed: {result.stderr or result.stdout}")
        return result

    def contacts(self, aor: str | None = None) -> list[str]:
        """The contact URIs usrloc holds for the AoR (none: empty list)."""
        result = self.kamcmd("ul.lookup", "location", aor or self.username, check=False)
        if result.returncode != 0:
            return []  # 404 AOR not found
        return re.findall(r"^\s*Address:\s*(\S+)", result.stdout, re.MULTILINE)

    def wait_for_contacts(self, count: int, *, aor: str | None = None,
                          timeout_s: float = 10.0) -> list[str]:
        deadline = time.monotonic() + timeout_s
        while True:
            found = self.contacts(aor)
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                raise TimeoutError(f"usrloc holds {found} for {aor or self.username}, "
                                   f"wanted {count} contact(s)\n" + self.log()[-2000:])
            time.sleep(0.05)

    def log(self) -> str:
        try:
            return self.log_path.read_text("utf-8", "replace")
        except OSError:
            return ""

    def stop(self, timeout_s: float = 5.0) -> None:
        process = self.process
        if process is not None and process.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(process.pid, sig)  # the group kamailio leads: its workers
                except ProcessLookupError:
                    break
                try:
                    process.wait(timeout_s)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if process is not None:
            try:  # workers left behind after the main process went
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self._log_handle is not None:
            self._log_handle.close()
            self._log_handle = None
