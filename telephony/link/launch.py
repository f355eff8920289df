"""Starting the engine for a window that found none running.

The engine must outlive the window (ringing calls keep ringing and are
logged while the window is closed, or crashed), so it is started as
`python -m dispatch.cli.main [--db URL] serve [--listen HOST:PORT]` in a
session (POSIX) or process group (Windows) of its own: a window's crash or
a Ctrl+C in its terminal does not reach it. What it prints is appended to
<data_dir>/engine.log. A database URL holding a password goes through the
environment (SAFEDESK_DB), not the command line other users can read.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from telephony.link.place import EnginePlace

RESTART_EVERY_S = 5.0   # at most one start per this long, should each one fail
STARTING_FOR_S = 20.0   # an engine started this recently may still be coming up


class EngineLauncher:
    def __init__(self, place: EnginePlace, *, database_url: str | None = None,
                 listen: str | None = None) -> None:
        self.place = place
        self.database_url = database_url
        self.listen = listen
        self.process: subprocess.Popen | None = None
        self._started_at = 0.0
        self._log_offset = 0

    @property
    def started_here(self) -> bool:
        return self.process is not None

    def start(self) -> subprocess.Popen:
        command = [sys.executable, "-m", "dispatch.cli.main"]
        env = {**os.environ, "SAFEDESK_DATA_DIR": str(self.place.data_dir)}
        if self.database_url:
            if _has_password(self.database_url):
                env["SAFEDESK_DB"] = self.database_url
            else:
                command += ["--db", self.database_url]
        command.append("serve")
        if self.listen:
            command += ["--listen", self.listen]
        if sys.platform == "win32":
            detached = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP
                        | subprocess.DETACHED_PROCESS}
        else:
            detached = {"start_new_session": True}
        log_fd = os.open(self.place.log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            self._log_offset = os.fstat(log_fd).st_size
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log_fd,
                                            stderr=subprocess.STDOUT, env=env, close_fds=True,
                                            cwd=str(self.place.data_dir), **detached)
        finally:
            os.close(log_fd)
        self._started_at = time.monotonic()
        return self.process

    def exited(self) -> bool:
        """The engine this launcher started has already ended (reaping it)."""
        return self.process is not None and self.process.poll() is not None

    def restart_if_gone(self) -> None:
        """For the window's link keeper, called while no engine holds the lock."""
        since = time.monotonic() - self._started_at
        if self.process is not None and self.process.poll() is None and since < STARTING_FOR_S:
            return  # still starting (migrations, pjsua2)
        if self.process is not None and since < RESTART_EVERY_S:
            return
        self.start()

    def failure(self) -> str:
        """The line the engine this launcher started ended with, for the status bar."""
        try:
            with open(self.place.log_path, "rb") as log_file:
                log_file.seek(self._log_offset)
                lines = log_file.read().decode("utf-8", "replace").splitlines()
        except OSError:
            lines = []
        lines = [line.strip() for line in lines if line.strip()]
        errors = [line for line in lines if line.startswith("safedesk: error:")]
        line = (errors or lines or [f"the engine exited ({self.process.returncode})"])[-1]
        return line.removeprefix("safedesk: error:").strip()


def _has_password(url: str) -> bool:
    try:
        return bool(make_url(url).password)
    except ArgumentError:
        return True  # unreadable: keep it off the command line
