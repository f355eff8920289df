"""Every relay protocol against the simulator, over a real socat pty pair,
over socket:// and over the simulator's own pty; plus unplugging and a device
that never answers."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from radio.devices import DEVICES, BroadcastToolsDevice
from radio.drivers import PROTOCOLS, RelayFault, open_driver

pytest_plugins = ["conftest_radio"]
pytestmark = pytest.mark.serial

TRANSPORTS = ["socat", "socket", "pty"]
WAIT_S = 3.0


def connect(transport, protocol, simulators, socat_pair, **kwargs):
    """Start a simulator on the transport; return it and the URL the desk opens."""
    if transport == "socat":
        sim = simulators(protocol, attach=socat_pair.b, **kwargs)
        return sim, socat_pair.a
    if transport == "socket":
        sim = simulators(protocol, tcp=("127.0.0.1", 0), **kwargs)
        return sim, sim.url
    sim = simulators(protocol, **kwargs)
    return sim, sim.url


def unplug(transport, sim, socat_pair):
    if transport == "socat":
        socat_pair.unplug()
    else:
        sim.stop()


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_switch_and_read_back(protocol, transport, simulators, socat_pair):
    sim, url = connect(transport, protocol, simulators, socat_pair)
    driver = open_driver(protocol, url, reply_timeout=1.0)
    try:
        driver.set(1, True)
        driver.set(2, True)
        # LCUS answers nothing, so for it we wait until the device has acted.
        assert sim.wait_for(lambda s: s.relays[1] and s.relays[2], WAIT_S)
        if driver.reports_state:
            assert driver.status() == sim.relays
        else:
            assert driver.status() is None
        driver.set(1, False)
        driver.all_off()
        assert sim.wait_for(lambda s: not any(s.relays.values()), WAIT_S)
        if driver.reports_state:
            assert driver.status([1, 2]) == {1: False, 2: False}
    finally:
        driver.close()
    changes = [(e["channel"], e["on"]) for e in sim.events if e["event"] == "relay"]
    assert changes == [(1, True), (2, True), (1, False), (2, False)]
    assert all(e.get("protocol") == sim.protocol for e in sim.events if e["event"] == "command")


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_unplugging_is_a_fault(protocol, transport, simulators, socat_pair):
    sim, url = connect(transport, protocol, simulators, socat_pair)
    driver = open_driver(protocol, url, reply_timeout=0.5)
    try:
        driver.set(1, True)
        assert sim.wait_for(lambda s: s.relays[1], WAIT_S)
        unplug(transport, sim, socat_pair)
        started = time.monotonic()
        with pytest.raises(RelayFault) as caught:
            # A closed socket can take one write before it reports; the
            # second check finds it at the latest.
            for _ in range(2):
                driver.probe([1])
        assert time.monotonic() - started < 2.0
        assert url in str(caught.value)
    finally:
        driver.close()


@pytest.mark.parametrize("protocol", [p for p in PROTOCOLS if DEVICES[p].default_relays])
def test_a_device_that_never_answers_is_a_fault(protocol, simulators, socat_pair):
    sim, url = connect("socat", protocol, simulators, socat_pair, silent=True)
    driver = open_driver(protocol, url, reply_timeout=0.4)
    try:
        if not driver.reports_state:
            driver.set(1, True)  # nothing to wait for, nothing claimed
            assert driver.status() is None
            return
        started = time.monotonic()
        with pytest.raises(RelayFault, match="did not answer|sent no relay status"):
            driver.set(1, True)
        assert time.monotonic() - started < 1.5
    finally:
        driver.close()


def test_nobody_on_the_far_end_is_a_fault(socat_pair):
    driver = open_driver("kmtronic", socat_pair.a, reply_timeout=0.3)
    try:
        with pytest.raises(RelayFault, match="did not answer"):
            driver.status()
    finally:
        driver.close()


def test_the_simulated_burst_unit_pulses_and_ignores_other_units():
    events = []
    device = BroadcastToolsDevice(events.append)
    assert device.feed(b"*1OR1L\r*0OR2P") == b""
    assert device.relays == {1: False, 2: True, 3: False, 4: False}
    device.tick(100.0)
    device.tick(100.0 + BroadcastToolsDevice.PULSE_S)
    assert device.relays[2] is False
    assert device.feed(b"*0S") == b""  # half a command waits for the rest
    assert device.feed(b"R") == b"S0R,0,0,0,0\r\n"
    assert [e["command"] for e in events if e["event"] == "command"] == [
        "*1OR1L", "*0OR2P", "*0SR"]


def test_the_simulated_lcus_refuses_a_bad_check_byte():
    events = []
    device = DEVICES["lcus"](events.append)
    device.feed(bytes.fromhex("A0 01 01 A3"))
    assert device.relays[1] is False
    assert events[-1]["event"] == "rejected" and events[-1]["reason"] == "bad check byte"


def test_a_restarted_tcp_simulator_gets_its_port_back(simulators):
    first = simulators("numato", tcp=("127.0.0.1", 0))
    port = int(first.url.rsplit(":", 1)[1])
    first.stop()
    second = simulators("numato", tcp=("127.0.0.1", port))
    assert second.url == first.url


def test_the_relay_bench_runs(monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent))
    from bench.bench_relay import format_table, run

    rows = run(round_trips=5)
    assert [row["protocol"] for row in rows] == list(PROTOCOLS)
    for row in rows:
        assert row["round_trips"] == 5 and 0 < row["p50_ms"] <= row["p99_ms"] <= row["max_ms"]
    assert rows[0]["wire_bytes"] == len(b"*0OR1L\r*0SR\r" + b"S0R,1,0,0,0\r\n")
    assert "p99 ms" in format_table(rows)
