"""The studio relay's lifeline (radio/lifeline.py, radio/relay_child.py): the
relay stays keyed only while the process that keyed it lives.

The desk's side runs for real as its own process (``safedesk radio on
--hold`` or a few lines of Python using RelayLifeline, as the window does),
with the relay child under it and the simulator in this test process, so the
test can SIGKILL the desk and watch the relay itself."""
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

from dispatch.errors import InvalidInput
from dispatch.settings import Settings
from radio.cli import add_commands
from radio.drivers.base import RelayFault
from radio.lifeline import RelayConfig, RelayLifeline, spawn_on_air

pytest_plugins = ["conftest_radio"]
pytestmark = pytest.mark.serial

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).with_name("safedesk")
SAFEDESK = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "dispatch.cli.main"]
STARTUP_S = 60.0  # two Python start-ups late in a loaded full run
RELEASE_S = 3.0  # what the studio allows between the desk's death and the release
WAIT_S = 5.0
CHANNELS = (1, 2)

# A desk in a few lines: keys through the lifeline as OnAirLink does, prints
# the relay child's pid, then waits to be killed. With "fork", a forked copy
# keeps the desk's end of the lifeline open after the desk dies, as a
# careless fork without exec would.
DESK = r"""
import json, os, sys, time
from radio.lifeline import RelayConfig, RelayLifeline
lifeline = RelayLifeline(RelayConfig.from_json(sys.argv[1]), lambda event: None)
lifeline.start()
holder = 0
if sys.argv[2] == "fork":
    holder = os.fork()
    if holder == 0:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # the test reads the others' output
        os.dup2(1, 2)
        time.sleep(120)
        os._exit(0)
print(json.dumps({"relay_pid": lifeline.child_pid, "holder_pid": holder}), flush=True)
time.sleep(120)
"""


def all_off(sim) -> bool:
    return not any(sim.relays.values())


def keyed(sim) -> bool:
    return all(sim.relays[c] for c in CHANNELS)


def process_gone(pid: int) -> bool:
    """Exited: no longer in /proc, or a zombie nobody reaped (an orphan's
    new parent here need not reap)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not process_gone(pid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)  # /proc has nothing to wait on
    return True


def first_line(child: subprocess.Popen, timeout: float = STARTUP_S) -> str:
    fd, data = child.stdout.fileno(), b""
    deadline = time.monotonic() + timeout
    while b"\n" not in data:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(fd, 4096) if ready else b""
        if not chunk:
            exited = child.poll() is not None
            raise AssertionError(f"no line within {timeout} s; got {data!r}, "
                                 f"stderr {child.stderr.read() if exited else ''!r}")
        data += chunk
    line, rest = data.split(b"\n", 1)
    child.leftover = rest  # what followed the first line, for the rest of the output
    return line.decode()


@pytest.fixture
def processes():
    """Popen through this; whatever is left, and any pid noted, is SIGKILLed by pid."""
    started: list[subprocess.Popen] = []
    pids: list[int] = []

    def start(argv: list[str], **kwargs) -> subprocess.Popen:
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 stdin=subprocess.DEVNULL, **kwargs)
        started.append(child)
        return child

    start.note = pids.append
    yield start
    for pid in pids:
        if not process_gone(pid):
            os.kill(pid, signal.SIGKILL)
    for child in started:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=10)
        child.stdout.close()
        child.stderr.close()


@pytest.fixture(params=["socket", "socat"])
def device(request, simulators):
    """(simulator, the URL the desk opens): a serial-to-Ethernet box, or a
    serial port (a socat pty pair)."""
    if request.param == "socket":
        sim = simulators("numato", tcp=("127.0.0.1", 0))
        return sim, sim.url
    socat_pair = request.getfixturevalue("socat_pair")
    return simulators("numato", attach=socat_pair.b), socat_pair.a


def hold(processes, url: str, *extra: str, **kwargs) -> subprocess.Popen:
    return processes([*SAFEDESK, "radio", "on", "--hold", "--json", "--port", url,
                      "--protocol", "numato", *extra], **kwargs)


def config(url: str, **changes) -> RelayConfig:
    # 1 s: the simulator answers from a thread of this test process.
    values = dict(protocol="numato", port=url, channels=CHANNELS, safety_timeout_s=60.0,
                  reply_timeout_s=1.0, poll_interval_s=0.1)
    return RelayConfig(**{**values, **changes})


# ---------------------------------------------------------------- the desk dies

def test_sigkill_of_the_keying_process_releases_every_channel_within_3_s(device, processes):
    sim, url = device
    sim.set_relay(4, True)  # left on by somebody: the lifeline's release covers it too
    holding = hold(processes, url)
    on_air = json.loads(first_line(holding))
    processes.note(on_air["relay_pid"])
    assert on_air["action"] == "hold" and on_air["verified"] is True
    assert on_air["channels"] == list(CHANNELS) and on_air["pid"] == holding.pid
    assert keyed(sim)

    os.kill(holding.pid, signal.SIGKILL)
    killed = time.monotonic()
    assert sim.wait_for(all_off, RELEASE_S), f"still keyed {RELEASE_S} s after SIGKILL"
    released_after = time.monotonic() - killed
    assert released_after < RELEASE_S
    assert holding.wait(timeout=WAIT_S) == -signal.SIGKILL
    # The child lets go, then exits: nothing holds the port any more.
    assert wait_gone(on_air["relay_pid"], WAIT_S)
    assert "its lifeline closed" in holding.stderr.read().decode()
    print(f"released {released_after * 1000:.0f} ms after SIGKILL")


def test_the_desk_killed_while_a_fork_keeps_the_pipe_open(simulators, processes):
    """Belt and braces: the pipe never ends, the child sees its parent change."""
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    desk = processes([sys.executable, "-c", DESK, config(sim.url).to_json(), "fork"],
                     env={**os.environ, "PYTHONPATH": str(ROOT)})
    pids = json.loads(first_line(desk))
    processes.note(pids["holder_pid"])
    processes.note(pids["relay_pid"])
    assert keyed(sim)

    os.kill(desk.pid, signal.SIGKILL)
    killed = time.monotonic()
    assert sim.wait_for(all_off, RELEASE_S), f"still keyed {RELEASE_S} s after SIGKILL"
    assert time.monotonic() - killed < RELEASE_S
    assert not process_gone(pids["holder_pid"]), "the fork must still hold the pipe open"
    assert wait_gone(pids["relay_pid"], WAIT_S)
    assert "the desk is gone (its pid changed)" in desk.stderr.read().decode()


def test_ctrl_c_in_the_terminal_releases_through_the_lifeline(simulators, processes):
    """SIGINT to the desk's whole process group: the child is in a group of
    its own and ignores SIGINT anyway, so it outlives the desk and lets go
    because the pipe closed, not because it was interrupted mid-command."""
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    desk = processes([sys.executable, "-c", DESK, config(sim.url).to_json(), "plain"],
                     env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True)
    pids = json.loads(first_line(desk))
    processes.note(pids["relay_pid"])
    assert keyed(sim)

    os.killpg(desk.pid, signal.SIGINT)
    assert sim.wait_for(all_off, RELEASE_S)
    assert desk.wait(timeout=WAIT_S) != 0  # KeyboardInterrupt: no close() ran
    assert wait_gone(pids["relay_pid"], WAIT_S)
    assert "its lifeline closed" in desk.stderr.read().decode()


# ---------------------------------------------------------------- radio on --hold

@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "Ctrl-C"])
def test_a_signal_ends_the_hold_and_releases(how, simulators, processes):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    holding = hold(processes, sim.url, start_new_session=True)
    on_air = json.loads(first_line(holding))
    processes.note(on_air["relay_pid"])
    assert keyed(sim)

    if how == "Ctrl-C":
        os.killpg(holding.pid, signal.SIGINT)  # the terminal's foreground group
    else:
        os.kill(holding.pid, getattr(signal, how))
    assert holding.wait(timeout=WAIT_S + RELEASE_S) == 0
    assert all_off(sim)  # before the command ended
    out = holding.leftover.decode() + holding.stdout.read().decode()
    assert json.loads(out) == {"action": "released", "port": sim.url,
                               "channels": list(CHANNELS), "verified": True}
    assert wait_gone(on_air["relay_pid"], WAIT_S)


def test_the_hold_says_how_to_release(simulators, processes):
    sim = simulators("broadcast-tools", tcp=("127.0.0.1", 0))
    holding = processes([*SAFEDESK, "radio", "on", "--hold", "--port", sim.url,
                         "--protocol", "broadcast-tools", "--channel", "3"])
    line = first_line(holding)
    assert line.startswith(f"on air: relay channel(s) 3 keyed on {sim.url} (read back); "
                           f"press Ctrl-C or `kill {holding.pid}` to release")
    assert "the safety timeout releases after 900 s" in line
    assert sim.relays == {1: False, 2: False, 3: True, 4: False}
    holding.send_signal(signal.SIGTERM)
    assert holding.wait(timeout=WAIT_S + RELEASE_S) == 0
    assert (holding.leftover.decode() + holding.stdout.read().decode()) == (
        f"released relay channel(s) 3 on {sim.url} (read back)\n")
    assert all_off(sim)


def test_the_safety_timeout_ends_the_hold(simulators, processes):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    holding = hold(processes, sim.url, "--timeout", "1")
    started = time.monotonic()
    on_air = json.loads(first_line(holding))
    assert on_air["safety_timeout_s"] == 1.0
    assert holding.wait(timeout=WAIT_S + RELEASE_S) == 1
    assert time.monotonic() - started >= 0.9
    assert all_off(sim)
    assert json.loads(holding.stderr.read().decode().splitlines()[0]) == {
        "error": "onair.timeout", "message": "the safety timeout (1 s) released the relay"}


def test_a_timeout_without_hold_is_refused_before_any_byte(simulators):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    parser = argparse.ArgumentParser(prog="safedesk")
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["radio", "on", "--port", sim.url, "--protocol", "numato",
                              "--timeout", "5"])
    with pytest.raises(InvalidInput, match="--timeout goes with --hold") as refused:
        args.handler(args)
    assert refused.value.code == "relay.timeout_without_hold"
    assert not [e for e in sim.events if e["event"] == "client"], "the port was opened"


def test_plain_on_warns_that_nothing_will_release(simulators):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    device = ["--port", sim.url, "--protocol", "numato"]
    result = subprocess.run([*SAFEDESK, "radio", "on", *device], capture_output=True,
                            text=True, timeout=STARTUP_S, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ("safedesk: warning: nothing will release the relay until "
                             "`safedesk radio off`; `radio on --hold` keys it only while that "
                             "command runs\n")
    assert keyed(sim)  # as it says
    result = subprocess.run([*SAFEDESK, "radio", "off", *device], capture_output=True,
                            text=True, timeout=STARTUP_S, stdin=subprocess.DEVNULL)
    assert result.returncode == 0 and result.stderr == ""
    assert all_off(sim)


# ---------------------------------------------------------------- the window's side

def test_the_window_side_close_releases_and_the_child_exits(simulators, event_log):
    sim = simulators("numato", tcp=("127.0.0.1", 0), initial={1: True, 2: True})
    settings = Settings.in_memory({"radio.port": sim.url, "radio.protocol": "numato",
                                   "radio.reply_timeout_s": 1.0, "radio.poll_interval_s": 0.1,
                                   "radio.safety_timeout_s": 120})
    lifeline = spawn_on_air(settings, event_log)
    try:
        assert all_off(sim), "a new child forces every channel off before it answers"
        assert lifeline.connected and lifeline.safety_timeout_s == 120
        relay_pid = lifeline.child_pid
        assert relay_pid != os.getpid()

        lifeline.start()
        assert keyed(sim) and lifeline.on_air and 119 < lifeline.seconds_left <= 120
        assert event_log.events[-1].kind == "keyed"  # delivered before start() returned
        assert event_log.events[-1].channels == CHANNELS and event_log.events[-1].verified
        assert lifeline.status()["on_air"] is True
        sim.set_relay(4, True)
    finally:
        lifeline.close()
    assert all_off(sim)  # close() returns once the child has let go
    assert event_log.wait_for("released", WAIT_S).reason == "close"
    assert process_gone(relay_pid)
    assert not lifeline.on_air and not lifeline.connected
    with pytest.raises(RelayFault, match="closed") as refused:
        lifeline.start()
    assert refused.value.code == "onair.closed"
    lifeline.close()  # twice is fine


def test_no_port_means_no_child():
    assert spawn_on_air(Settings.in_memory(), lambda _e: None) is None


def test_the_safety_timeout_runs_in_the_child(simulators, event_log):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    with RelayLifeline(config(sim.url, safety_timeout_s=0.5), event_log) as lifeline:
        lifeline.start()
        assert keyed(sim)
        assert event_log.wait_for("timeout", WAIT_S).after_s == 0.5
        assert event_log.wait_for("released", WAIT_S).reason == "timeout"
        assert all_off(sim) and not lifeline.on_air


def test_a_relay_fault_crosses_the_pipe_with_its_code(simulators, event_log):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    with RelayLifeline(config(sim.url), event_log) as lifeline:
        lifeline.start()
        sim.stop()  # the box is gone mid-reading
        fault = event_log.wait_for("fault", WAIT_S)
        assert fault.was_on_air and fault.code in ("relay.vanished", "relay.silent")
        assert fault.params["port"] == sim.url and sim.url in fault.message
        assert not lifeline.on_air and not lifeline.connected
        with pytest.raises(RelayFault) as refused:
            lifeline.start()
    assert refused.value.code == "relay.not_connected"
    nested = refused.value.params["fault"]
    assert isinstance(nested, RelayFault) and nested.code == fault.code


def test_a_killed_child_is_replaced_and_the_new_one_forces_the_relay_off(simulators,
                                                                         event_log):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    with RelayLifeline(config(sim.url), event_log) as lifeline:
        lifeline.start()
        first_pid = lifeline.child_pid
        os.kill(first_pid, signal.SIGKILL)  # nothing lets go: the relay stays keyed

        fault = event_log.wait_for("fault", WAIT_S)
        assert fault.code == "lifeline.child_gone" and fault.was_on_air
        assert fault.params == {"status": -signal.SIGKILL}
        assert event_log.wait_for("reconnected", WAIT_S).verified
        assert all_off(sim)  # the new child forced it off as it opened the port
        assert lifeline.connected and lifeline.child_pid != first_pid
        assert process_gone(first_pid)

        lifeline.start()  # and the desk may go on air again
        assert keyed(sim)
    assert all_off(sim)


def test_a_device_away_at_close_is_tried_once_more_and_said(simulators, event_log, capfd):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    lifeline = RelayLifeline(config(sim.url), event_log)
    relay_pid = lifeline.child_pid
    lifeline.start()
    sim.stop()
    event_log.wait_for("fault", WAIT_S)
    started = time.monotonic()
    lifeline.close()
    assert time.monotonic() - started < RELEASE_S
    at_exit = event_log.wait_for("fault", WAIT_S, after=event_log.kinds().index("fault") + 1)
    assert at_exit.code == "relay.not_connected_at_exit"
    assert process_gone(relay_pid)
    # The child's stderr is the desk's: the operator's log says what is unknown.
    assert "could not force the relay off before exiting" in capfd.readouterr().err
