"""A shift's call juggling in the real desk window, driven only by keys.

`safedesk gui` runs as a user starts it, on a real X display (Xvfb), as a
client of a `safedesk serve` engine on a seeded SQLite file. Two SIPp
callers ring (tests/sip/uac_juggled.xml: each answers the desk's hold and
resume re-INVITEs and ends when the desk hangs up). Then nothing but keys,
typed by xdotool into the focused window: F2 answers the caller who rang
first, F2 the second (the engine holds the first: that caller gets a hold
re-INVITE), F4 ends the second, F3 resumes the first, F4 ends it, and
Ctrl+Q, with no call left, closes the desk at once.

What the test reads is what is outside the window: the window's title
(the desk shows its call counts there, for the taskbar), the callers' own
SIP traces, and the database a supervisor would look at. Xvfb, xdotool
and SIPp are installed by `make test`; without them this test fails.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import require_tools
from engine_process import Serve, initialised_sqlite
from sip_trace import TRACE_ARGS, holds_received, requests_received
from sqlalchemy import select

from dispatch import calls
from dispatch.enums import CallStatus
from dispatch.models import AuditEntry
from dispatch.storage import open_database
from telephony.link.control import stop_engine
from telephony.link.place import EnginePlace
from telephony.testing import Sipp
from ui.qt.virtual_display import VirtualDisplay

pytestmark = [pytest.mark.sip, pytest.mark.timeout(90)]
TITLE = "Safe Community Desk"
ROOT = Path(__file__).resolve().parent.parent


def wait_for(what: str, check, timeout_s: float = 15.0, *, explain=lambda: ""):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"waited {timeout_s:.0f} s for {what}. {explain()}")


class KeyboardUser:
    """Types into the desk window with xdotool, as a person at the keyboard would."""

    def __init__(self, display: str) -> None:
        self.env = {**os.environ, "DISPLAY": display}
        self.window = ""

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                              timeout=10)
        return done.stdout.strip() if done.returncode == 0 else ""

    def find_window(self) -> str:
        found = self.xdotool("search", "--onlyvisible", "--name", TITLE).split()
        self.window = found[0] if found else ""
        return self.window

    def title(self) -> str:
        return self.xdotool("getwindowname", self.window)

    def key(self, key: str) -> None:
        self.xdotool("windowfocus", "--sync", self.window)
        self.xdotool("key", "--clearmodifiers", key)


def test_a_call_taker_juggles_two_callers_in_the_real_window_by_keys_alone(tmp_path):
    require_tools(Xvfb=shutil.which("Xvfb") is not None,
                  xdotool=shutil.which("xdotool") is not None,
                  sipp=shutil.which("sipp") is not None)
    url = initialised_sqlite(tmp_path)  # migrated, with the Denpasar seed
    quiet = {"SAFEDESK_UI_RING_TONE": "false"}  # no sound server here: the rows still flash
    engine = Serve(url, env=quiet, global_options=("-v",))
    display = window = sipp = None
    try:
        engine.wait_for("listening on", timeout=20)
        display = VirtualDisplay()
        user = KeyboardUser(display.display)
        window_env = {**os.environ, **quiet, "DISPLAY": display.display}
        window_env.pop("QT_QPA_PLATFORM", None)  # a real X window, not offscreen
        with (tmp_path / "window.log").open("wb") as window_stderr:  # the child keeps its own
            window = subprocess.Popen(
                [sys.executable, "-m", "dispatch.cli.main", "--db", url,
                 "gui"], env=window_env, cwd=ROOT, stdout=subprocess.DEVNULL,
                stderr=window_stderr)

        def window_log() -> str:
            return (tmp_path / "window.log").read_text("utf-8", "replace")[-3000:]
        engine.wait_for(f"window pid {window.pid} connected", timeout=30)
        wait_for("the desk window on the screen", user.find_window, 30, explain=window_log)

        def title_says(text: str) -> str:
            return wait_for(f"the title to say {text!r}", lambda: text in user.title() and
                            user.title(), explain=lambda: f"Title: {user.title()!r}\n"
                            f"--- window log\n{window_log()}\n--- engine log\n"
                            f"{engine.log_text()[-3000:]}")

        workdir = tmp_path / "sipp"
        sipp = Sipp("uac_juggled.xml", engine.listen, workdir=workdir, calls=2, limit=2,
                    rate=10, timeout_s=60, extra=TRACE_ARGS).start()
        title_says("2 berdering")
        ringing = open_database(url)
        try:
            with ringing.reading() as session:
                first, second = (call.sip_call_id for call in
                                 calls.list_calls(session, status=CallStatus.RINGING))
        finally:
            ringing.dispose()

        def caller_acknowledged(key: str, reinvites: int) -> bool:
            return (len(requests_received(workdir, "INVITE", key)) == reinvites
                    and len(requests_received(workdir, "ACK", key)) == reinvites)

        user.key("F2")  # the caller who rang first
        title_says("1 berdering · 1 terhubung")
        user.key("F2")  # the second: the first is held
        title_says("1 terhubung · 1 ditahan")
        wait_for("the first caller to get the hold", lambda: caller_acknowledged(first, 1))
        assert holds_received(workdir, first) == [True]
        user.key("F4")  # ends the second; the first is still the desk's, on hold
        title_says("— Denpasar · 1 ditahan")
        user.key("F3")  # the first caller comes back
        title_says("— Denpasar · 1 terhubung")
        wait_for("the first caller to be resumed", lambda: caller_acknowledged(first, 2))
        assert holds_received(workdir, first) == [True, False]
        user.key("F4")
        wait_for("no call left in the title", lambda: user.title().endswith("— Denpasar"))
        result = sipp.wait(20)
        assert result.ok, result.explain()

        user.key("ctrl+q")  # nothing rings or talks: the desk closes at once
        assert window.wait(20) == 0, window_log()
    finally:
        if sipp is not None:
            sipp.kill()
        if window is not None and window.poll() is None:
            window.terminate()
            window.wait(15)
        if display is not None:
            display.stop()
        stop_engine(EnginePlace.current(), timeout=15)
        engine.wait_exit(20)

    database = open_database(url)
    try:
        with database.reading() as session:
            rows = [calls.find_by_sip_call_id(session, key) for key in (first, second)]
            assert [(row.status, row.ended_by) for row in rows] == [
                (CallStatus.ENDED, "operator"), (CallStatus.ENDED, "operator")]

            def audit(call) -> list[str]:
                return list(session.scalars(select(AuditEntry.action).where(
                    AuditEntry.entity == "call", AuditEntry.entity_id == str(call.id))
                    .order_by(AuditEntry.id)))
            assert audit(rows[0]) == ["call.ringing", "call.answered", "call.hold",
                                      "call.resume", "call.ended"]
            assert audit(rows[1]) == ["call.ringing", "call.answered", "call.ended"]
    finally:
        database.dispose()
