"""The on-air sequence against the simulator. The invariant throughout: the
relay is never left keyed after stop, close, the safety timeout or a fault."""
from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radio.drivers import PROTOCOLS, RelayFault, open_driver
from radio.onair import OnAirController

pytest_plugins = ["conftest_radio"]
pytestmark = pytest.mark.serial

CHANNELS = (1, 2)
WAIT_S = 3.0
FAST = dict(poll_interval_s=0.1, retry_initial_s=0.05, retry_max_s=0.2)


# The simulator answers from a thread of this test process: late in a full
# run, a garbage collection of the large test heap can hold the GIL for a
# few hundred milliseconds. A real relay answers from its own hardware.
REPLY_TIMEOUT_S = 1.0


def factory(protocol, url, relays=None):
    return lambda: open_driver(protocol, url, relays=relays, reply_timeout=REPLY_TIMEOUT_S)


def all_off(sim) -> bool:
    return not any(sim.relays.values())


def keyed(sim) -> bool:
    return all(sim.relays[c] for c in CHANNELS)


@pytest.fixture
def controllers():
    made = []

    def make(*args, **kwargs):
        controller = OnAirController(*args, **{**FAST, **kwargs})
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.close()


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_start_keys_stop_releases(protocol, simulators, controllers, event_log):
    sim = simulators(protocol, tcp=("127.0.0.1", 0),
                     initial={1: True, 2: True})  # left keyed by a crashed desk
    controller = controllers(factory(protocol, sim.url), CHANNELS, 60, event_log)
    assert sim.wait_for(all_off, WAIT_S), "start-up must force every channel off"
    assert controller.connected and not controller.on_air

    controller.start()
    assert sim.wait_for(keyed, WAIT_S)
    event = event_log.wait_for("keyed", WAIT_S)
    assert event.channels == CHANNELS
    assert event.verified is (protocol != "lcus")  # LCUS cannot read back
    assert controller.on_air and 59 < controller.seconds_left <= 60

    controller.stop()
    released = event_log.wait_for("released", WAIT_S)
    assert released.reason == "stop"
    assert sim.wait_for(all_off, WAIT_S)
    assert "fault" not in event_log.kinds()


def test_the_safety_timeout_releases_the_relay(simulators, controllers, event_log):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    controller = controllers(factory("numato", sim.url), CHANNELS, 0.5, event_log)
    started = time.monotonic()
    controller.start()
    assert sim.wait_for(keyed, WAIT_S)
    timeout = event_log.wait_for("timeout", WAIT_S)
    assert timeout.after_s == 0.5
    assert event_log.wait_for("released", WAIT_S).reason == "timeout"
    assert time.monotonic() - started >= 0.5
    assert sim.wait_for(all_off, WAIT_S)
    assert not controller.on_air


def test_close_forces_every_channel_off(simulators, event_log):
    sim = simulators("broadcast-tools", tcp=("127.0.0.1", 0))
    controller = OnAirController(factory("broadcast-tools", sim.url), CHANNELS, 60, event_log,
                                 **FAST)
    controller.start()
    assert sim.wait_for(keyed, WAIT_S)
    sim.set_relay(4, True)  # even one the desk never keyed
    controller.close()
    assert event_log.wait_for("released", WAIT_S).reason == "close"
    assert all_off(sim)
    with pytest.raises(RelayFault, match="closed"):
        controller.start()


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("transport", ["socket", "socat"])
def test_unplugged_during_a_reading(transport, protocol, simulators, socat_pair, controllers,
                                    event_log):
    if transport == "socket":
        sim = simulators(protocol, tcp=("127.0.0.1", 0))
        url = sim.url
    else:
        sim = simulators(protocol, attach=socat_pair.b)
        url = socat_pair.a
    controller = controllers(factory(protocol, url), CHANNELS, 60, event_log)
    controller.start()
    assert sim.wait_for(keyed, WAIT_S)

    if transport == "socket":
        sim.stop()
    else:
        socat_pair.unplug()
    fault = event_log.wait_for("fault", WAIT_S)
    assert fault.was_on_air and url in fault.message
    assert not controller.on_air and not controller.connected
    faults = len(event_log.events)
    with pytest.raises(RelayFault, match="not connected"):
        controller.start()
    with pytest.raises(RelayFault, match="forced off as soon as it answers"):
        controller.stop()

    # The device comes back still latched on, as a relay box that kept its
    # state while the cable was out.
    if transport == "socket":
        back = simulators(protocol, tcp=("127.0.0.1", int(url.rsplit(":", 1)[1])),
                          initial={1: True, 2: True})
    else:
        socat_pair.plug()
        back = simulators(protocol, attach=socat_pair.b, initial={1: True, 2: True})
    reconnected = event_log.wait_for("reconnected", 5.0, after=faults)
    assert reconnected.verified is (protocol != "lcus")
    assert back.wait_for(all_off, WAIT_S)
    assert not controller.on_air
    assert not [e for e in back.events if e["event"] == "relay" and e["on"]], "never re-keyed"


def test_a_relay_switched_behind_the_desks_back_is_a_fault(simulators, controllers, event_log):
    sim = simulators("kmtronic", tcp=("127.0.0.1", 0))
    controllers(factory("kmtronic", sim.url), CHANNELS, 60, event_log).start()
    assert sim.wait_for(keyed, WAIT_S)
    sim.set_relay(2, False)
    fault = event_log.wait_for("fault", WAIT_S)
    assert "relay 2 reads off" in fault.message and fault.was_on_air
    event_log.wait_for("reconnected", WAIT_S)
    assert sim.wait_for(all_off, WAIT_S)


def test_a_device_gone_silent_during_a_reading(simulators, controllers, event_log):
    sim = simulators("broadcast-tools", tcp=("127.0.0.1", 0))
    controller = controllers(factory("broadcast-tools", sim.url), CHANNELS, 60, event_log)
    controller.start()
    assert sim.wait_for(keyed, WAIT_S)
    sim.device.silent = True  # e.g. its controller board hung
    fault = event_log.wait_for("fault", WAIT_S)
    assert fault.was_on_air and "did not answer the relay status request" in fault.message
    with pytest.raises(RelayFault):
        controller.stop()
    after = len(event_log.events)
    sim.device.silent = False
    event_log.wait_for("reconnected", WAIT_S, after=after)
    assert all_off(sim) and not controller.on_air


def test_no_device_at_start_up_then_it_appears(simulators, controllers, event_log):
    first = simulators("numato", tcp=("127.0.0.1", 0))
    url = first.url
    first.stop()  # now nothing listens there
    controller = controllers(factory("numato", url), CHANNELS, 60, event_log)
    fault = event_log.wait_for("fault", WAIT_S)
    assert "cannot open relay port" in fault.message and not fault.was_on_air
    with pytest.raises(RelayFault, match="not connected"):
        controller.start()
    sim = simulators("numato", tcp=("127.0.0.1", int(url.rsplit(":", 1)[1])),
                     initial={1: True})
    event_log.wait_for("reconnected", 5.0)
    assert sim.wait_for(all_off, WAIT_S)
    controller.start()
    assert sim.wait_for(keyed, WAIT_S)


def test_a_silent_device_is_a_fault_at_once(simulators, controllers, event_log):
    sim = simulators("broadcast-tools", tcp=("127.0.0.1", 0), silent=True)
    started = time.monotonic()
    controller = controllers(factory("broadcast-tools", sim.url), CHANNELS, 60, event_log)
    fault = event_log.wait_for("fault", WAIT_S)
    assert time.monotonic() - started < 1.5
    assert "no relay status" in fault.message or "did not answer" in fault.message
    assert not controller.connected


def test_an_event_handler_may_call_back_in(simulators, controllers):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    seen = []

    def stop_on_keyed(event):
        seen.append(event.kind)
        if event.kind == "keyed":
            controller.stop()  # would deadlock if events were sent under the lock

    controller = controllers(factory("numato", sim.url), CHANNELS, 60, stop_on_keyed)
    controller.start()
    assert seen[:2] == ["keyed", "released"]
    assert all_off(sim)


OPERATIONS = st.lists(st.sampled_from(["start", "stop", "panel", "hang-up"]),
                      min_size=1, max_size=6)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_never_left_keyed(operations, simulators, event_log):
    sim = simulators("numato", tcp=("127.0.0.1", 0), relays=4)
    controller = OnAirController(factory("numato", sim.url, 4), CHANNELS, 60, event_log, **FAST)
    assert controller.connected, event_log.kinds()
    try:
        for operation in operations:
            if operation == "start":
                try:
                    controller.start()
                    assert keyed(sim)
                except RelayFault:
                    assert not controller.on_air
            elif operation == "stop":
                try:
                    controller.stop()
                    assert not any(sim.relays[c] for c in CHANNELS)
                except RelayFault:
                    assert not controller.on_air  # reported; reconnecting forces them off
            elif operation == "panel":
                sim.set_relay(3, True)
            else:
                sim.drop_client()
    finally:
        controller.close()
    if not all_off(sim):
        # Closed while the link was down: the desk said so instead of
        # claiming the relay was off, and the next start-up forces it off.
        assert event_log.kinds()[-1] == "fault"
        OnAirController(factory("numato", sim.url, 4), CHANNELS, 60, event_log, **FAST).close()
        assert all_off(sim)
