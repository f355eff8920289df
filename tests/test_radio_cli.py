"""``safedesk radio …`` through the real executable, plus the parser built by
add_commands on its own (fast, in-process)."""
from __future__ import annotations

import argparse
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dispatch.errors import DeskError
from radio.cli import add_commands
from radio.drivers import open_driver

pytest_plugins = ["conftest_radio"]
pytestmark = pytest.mark.serial

SCRIPT = Path(sys.executable).with_name("safedesk")
SAFEDESK = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "dispatch.cli.main"]
RUN_S = 60


def safedesk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*SAFEDESK, *args], capture_output=True, text=True, timeout=RUN_S,
                          stdin=subprocess.DEVNULL)


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="safedesk")
    add_commands(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def commands_seen(sim) -> list[str]:
    return [e["command"] for e in sim.events if e["event"] == "command"]


class LineReader:
    """Lines from a child's stdout, each wait bounded by a deadline."""

    def __init__(self, stream) -> None:
        self._fd = stream.fileno()
        self._buffer = b""

    def line(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._fd], [], [], max(0.0, left))
            chunk = os.read(self._fd, 4096) if ready else b""
            if not chunk:
                raise AssertionError(f"no line within {timeout} s; got {self._buffer!r}")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()


def test_on_status_off_as_json(simulators):
    sim = simulators("broadcast-tools", tcp=("127.0.0.1", 0))
    device = ["--port", sim.url, "--protocol", "broadcast-tools"]

    result = safedesk("radio", "on", *device, "--channel", "1", "--channel", "3", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "port": sim.url, "protocol": "broadcast-tools", "action": "on", "reports_state": True,
        "channels": {"1": True, "3": True}, "commanded": {"1": True, "3": True}}
    assert sim.relays == {1: True, 2: False, 3: True, 4: False}

    result = safedesk("radio", "status", *device, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["channels"] == {"1": True, "2": False, "3": True, "4": False}

    result = safedesk("radio", "off", *device, "--channel", "1", "--channel", "3")
    assert result.returncode == 0, result.stderr
    assert "relay 1: off (read back" in result.stdout
    assert not any(sim.relays.values())


@pytest.mark.parametrize("args,needle", [
    (["--protocol", "morse"], "unknown relay protocol 'morse'"),
    (["--protocol", "numato", "--channel", "9"], "channel 9 is out of range"),
])
def test_bad_input_exits_2_with_one_line_and_sends_nothing(args, needle, simulators):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    result = safedesk("radio", "on", "--port", sim.url, *args)
    assert result.returncode == 2
    assert needle in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == ""
    assert commands_seen(sim) == []


def test_a_port_that_cannot_be_opened_is_a_device_fault_exit_4():
    result = safedesk("radio", "status", "--port", "/nonexistent/ttyUSB7", "--protocol", "lcus")
    assert result.returncode == 4
    assert "cannot open relay port '/nonexistent/ttyUSB7'" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("where", ["tcp", "pty"])
def test_simulate_prints_the_url_then_json_lines(where):
    extra = ["--tcp", "127.0.0.1:0"] if where == "tcp" else []
    child = subprocess.Popen([*SAFEDESK, "radio", "simulate", "--protocol", "kmtronic", *extra],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL)
    try:
        lines = LineReader(child.stdout)
        url = lines.line(RUN_S)
        assert url.startswith("socket://127.0.0.1:") if where == "tcp" else url.startswith("/dev/")
        assert json.loads(lines.line(5))["event"] == "ready"
        with open_driver("kmtronic", url, reply_timeout=1.0) as driver:
            driver.set(2, True)
        events = [json.loads(lines.line(5)) for _ in range(3 + (where == "tcp"))]
        if where == "tcp":
            assert events.pop(0) == {"event": "client", "state": "connected"}
        assert events == [
            {"event": "command", "protocol": "kmtronic", "command": "FF 02 01"},
            {"event": "relay", "channel": 2, "on": True},
            {"event": "command", "protocol": "kmtronic", "command": "FF 09 00"},
        ]
        child.send_signal(signal.SIGTERM if where == "tcp" else signal.SIGINT)
        assert child.wait(timeout=10) == 0
        rest = child.stdout.read().decode().splitlines()
        assert json.loads(rest[-1]) == {"event": "stopped", "protocol": "kmtronic"}
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
        child.stdout.close()
        child.stderr.close()


# -- the same parser in-process, as the lead's main builds it -----------------

def test_every_leaf_has_a_handler():
    for argv in (["radio", "on", "--port", "loop://", "--protocol", "lcus"],
                 ["radio", "off", "--port", "loop://", "--protocol", "lcus"],
                 ["radio", "status", "--port", "loop://", "--protocol", "lcus"],
                 ["radio", "simulate", "--protocol", "lcus"]):
        assert callable(parse(*argv).handler)


def test_in_process_on_with_a_device_that_cannot_confirm(capsys):
    args = parse("radio", "on", "--port", "loop://", "--protocol", "lcus", "--json")
    assert args.handler(args) == 0
    # No --channel: the on-air channels from the settings (default 1 and 2).
    assert json.loads(capsys.readouterr().out) == {
        "port": "loop://", "protocol": "lcus", "action": "on", "reports_state": False,
        "channels": None, "commanded": {"1": True, "2": True}}


def test_in_process_settings_fill_the_gaps(monkeypatch, simulators, capsys):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    monkeypatch.setenv("SAFEDESK_RADIO_PORT", sim.url)
    monkeypatch.setenv("SAFEDESK_RADIO_PROTOCOL", "numato")
    monkeypatch.setenv("SAFEDESK_RADIO_CHANNELS_ON_AIR", "2")
    args = parse("radio", "on")
    assert args.handler(args) == 0
    assert "relay 2: on (read back" in capsys.readouterr().out
    assert sim.relays[2] and not sim.relays[1]


@pytest.mark.parametrize("args,needle", [
    (["--protocol", "numato", "--channel", "0"], "channel 0 is out of range"),
    (["--protocol", "numato", "--relays", "40"], "1 to 32 relays"),
    (["--protocol", "lcus", "--relays", "4", "--channel", "5"], "channels 1 to 4"),
])
def test_in_process_bad_input_is_a_desk_error_before_any_byte(args, needle, simulators):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    parsed = parse("radio", "on", "--port", sim.url, *args)
    with pytest.raises(DeskError, match=needle) as caught:
        parsed.handler(parsed)
    assert "\n" not in str(caught.value)
    assert commands_seen(sim) == []
    assert not [e for e in sim.events if e["event"] == "client"], "the port was opened"


@pytest.mark.parametrize("args,needle", [
    (["--protocol", "morse"], "unknown device protocol 'morse'"),
    (["--protocol", "numato", "--tcp", "7000"], "--tcp wants HOST:PORT"),
    (["--protocol", "numato", "--relays", "0"], "at least 1"),
])
def test_in_process_simulate_bad_input(args, needle):
    parsed = parse("radio", "simulate", *args)
    with pytest.raises(DeskError, match=needle):
        parsed.handler(parsed)


def test_in_process_no_port_anywhere_is_a_desk_error():
    args = parse("radio", "status", "--protocol", "numato")
    with pytest.raises(DeskError, match="no relay port"):
        args.handler(args)
