"""Exact bytes of every relay protocol, through pyserial's loop://.

loop:// hands back whatever is written to it. Each test first writes the
device's canned answers into the loop, then lets the driver talk: the driver
reads those answers (in order) and what is left in the loop afterwards is
exactly, and only, what the driver sent.
"""
from __future__ import annotations

import time

import pytest
import serial

from radio.drivers import (
    BroadcastToolsDriver,
    KMTronicDriver,
    LcusDriver,
    NumatoDriver,
    RelayFault,
    driver_class,
    open_driver,
)
from radio.drivers.base import READ_SLICE_S

REPLY_TIMEOUT = 0.3


def on_loop(cls, answers: bytes = b"", **kwargs):
    port = serial.serial_for_url("loop://", timeout=READ_SLICE_S)
    driver = cls(port, name="loop://", reply_timeout=REPLY_TIMEOUT, **kwargs)
    port.write(answers)
    return driver


def sent(driver) -> bytes:
    """Everything still in the loop: the bytes the driver wrote."""
    return driver.link.unread() + driver.port.read(driver.port.in_waiting)


def h(text: str) -> bytes:
    return bytes.fromhex(text)


# (driver class, constructor kwargs, operation, canned answers, bytes sent, result)
CASES = [
    # Broadcast Tools burst mode, unit 0: *0OR1L / *0OR1F / *0SR, CR-terminated
    (BroadcastToolsDriver, {}, ("set", 1, True), b"S0R,1,0,0,0\r\n",
     b"*0OR1L\r*0SR\r", None),
    (BroadcastToolsDriver, {}, ("set", 1, False), b"S0R,0,0,0,0\r\n",
     b"*0OR1F\r*0SR\r", None),
    (BroadcastToolsDriver, {}, ("set", 4, True), b"S0R,0,0,0,1\r\n",
     b"*0OR4L\r*0SR\r", None),
    (BroadcastToolsDriver, {"unit": 2}, ("set", 3, True), b"S2R,0,0,1,0\r\n",
     b"*2OR3L\r*2SR\r", None),
    (BroadcastToolsDriver, {}, ("status",), b"S0R,1,0,1,0\r\n",
     b"*0SR\r", {1: True, 2: False, 3: True, 4: False}),
    (BroadcastToolsDriver, {}, ("all_off",), b"S0R,0,0,0,0\r\n",
     b"*0OR1F\r*0OR2F\r*0OR3F\r*0OR4F\r*0SR\r", None),
    # acknowledgements on, an input report and another unit's answer first
    (BroadcastToolsDriver, {}, ("set", 2, True),
     b"RRR\r\nS0P,A,0,1,0,0\r\nS1R,0,0,0,0\r\nRRRS0R,0,1,0,0\r\n", b"*0OR2L\r*0SR\r", None),
    # the SRC-8 III manual's spelling of the same answer
    (BroadcastToolsDriver, {"relays": 8}, ("status", [8]), b"S0A,0,0,0,0,0,0,0,1\r\n",
     b"*0SR\r", {8: True}),

    # Numato: text + CR; the module echoes, answers, then prompts with ">"
    (NumatoDriver, {}, ("set", 1, True), b"relay on 0\n\r>relay read 0\n\ron\n\r>",
     b"relay on 0\rrelay read 0\r", None),
    (NumatoDriver, {}, ("set", 1, False), b"relay off 0\n\r>relay read 0\n\roff\n\r>",
     b"relay off 0\rrelay read 0\r", None),
    (NumatoDriver, {"relays": 16}, ("set", 12, True),
     b"relay on B\n\r>relay read B\n\ron\n\r>", b"relay on B\rrelay read B\r", None),
    (NumatoDriver, {}, ("status", [2, 3]),
     b"relay read 1\n\ron\n\r>relay read 2\n\roff\n\r>",
     b"relay read 1\rrelay read 2\r", {2: True, 3: False}),
    (NumatoDriver, {"relays": 2}, ("all_off",),
     b"relay off 0\n\r>relay off 1\n\r>relay read 0\n\roff\n\r>relay read 1\n\roff\n\r>",
     b"relay off 0\rrelay off 1\rrelay read 0\rrelay read 1\r", None),

    # KMTronic: FF 0n 01 on, FF 0n 00 off; FF 09 00 status on 4/8-relay boards
    (KMTronicDriver, {}, ("set", 1, True), h("01 00 00 00 00 00 00 00"),
     h("FF 01 01 FF 09 00"), None),
    (KMTronicDriver, {}, ("set", 8, False), h("00 00 00 00 00 00 00 00"),
     h("FF 08 00 FF 09 00"), None),
    (KMTronicDriver, {"relays": 4}, ("status",), h("00 01 00 01"),
     h("FF 09 00"), {1: False, 2: True, 3: False, 4: True}),
    # one- and two-relay boards: FF 0n 03 answered by FF 0n xx
    (KMTronicDriver, {"relays": 2}, ("set", 2, True), h("FF 02 01"),
     h("FF 02 01 FF 02 03"), None),
    (KMTronicDriver, {"relays": 1}, ("status",), h("FF 01 00"),
     h("FF 01 03"), {1: False}),

    # LCUS: A0, address, 01/00, sum of the three; nothing comes back
    (LcusDriver, {}, ("set", 1, True), b"", h("A0 01 01 A2"), None),
    (LcusDriver, {}, ("set", 1, False), b"", h("A0 01 00 A1"), None),
    (LcusDriver, {}, ("set", 2, True), b"", h("A0 02 01 A3"), None),
    (LcusDriver, {}, ("set", 2, False), b"", h("A0 02 00 A2"), None),
    (LcusDriver, {}, ("all_off",), b"", h("A0 01 00 A1 A0 02 00 A2"), None),
    (LcusDriver, {}, ("status",), b"", b"", None),
    (LcusDriver, {}, ("pulse", 1, 20), b"", h("A0 01 01 A2 A0 01 00 A1"), None),
]


def _ids(case) -> str:
    cls, kwargs, op = case[0], case[1], case[2]
    extra = ",".join(f"{k}={v}" for k, v in kwargs.items())
    return f"{cls.protocol}-{'-'.join(map(str, op))}{'-' + extra if extra else ''}"


@pytest.mark.parametrize("cls,kwargs,op,answers,expected,result", CASES, ids=map(_ids, CASES))
def test_exact_bytes(cls, kwargs, op, answers, expected, result):
    driver = on_loop(cls, answers, **kwargs)
    name, *args = op
    outcome = getattr(driver, name)(*args)
    assert sent(driver) == expected
    assert outcome == result


def test_pulse_reads_back_both_edges():
    driver = on_loop(NumatoDriver, b"relay on 0\n\r>relay read 0\n\ron\n\r>"
                                   b"relay off 0\n\r>relay read 0\n\roff\n\r>")
    started = time.monotonic()
    driver.pulse(1, 50)
    assert time.monotonic() - started >= 0.05
    assert sent(driver) == b"relay on 0\rrelay read 0\rrelay off 0\rrelay read 0\r"


@pytest.mark.parametrize("cls,answers,needle", [
    (BroadcastToolsDriver, b"S0R,0,0,0,0\r\n", "reads off after switching it on"),
    (NumatoDriver, b"relay on 0\n\r>relay read 0\n\roff\n\r>", "reads off after switching it on"),
    (KMTronicDriver, h("00 00 00 00 00 00 00 00"), "reads off after switching it on"),
    (KMTronicDriver, h("02 00 00 00 00 00 00 00"), "neither 00 nor 01"),
    (BroadcastToolsDriver, b"EEE\r\n", "rejected a command"),
    (NumatoDriver, b"relay on 0\n\r>relay read 0\n\rwhat\n\r>", "no on/off answer"),
])
def test_a_state_not_read_back_is_a_fault(cls, answers, needle):
    driver = on_loop(cls, answers)
    with pytest.raises(RelayFault, match=needle):
        driver.set(1, True)


@pytest.mark.parametrize("cls", [BroadcastToolsDriver, NumatoDriver, KMTronicDriver])
def test_a_silent_device_is_a_fault_within_the_reply_timeout(cls):
    # Nothing canned: the loop only echoes the driver's own bytes back,
    # which no protocol takes for an answer.
    driver = on_loop(cls)
    started = time.monotonic()
    with pytest.raises(RelayFault, match="did not answer|sent no relay status"):
        driver.set(1, True)
    assert time.monotonic() - started < REPLY_TIMEOUT + 0.5


@pytest.mark.parametrize("cls", [BroadcastToolsDriver, NumatoDriver, KMTronicDriver, LcusDriver])
def test_a_channel_out_of_range_sends_nothing(cls):
    driver = on_loop(cls)
    for channel in (0, driver.relays + 1):
        with pytest.raises(RelayFault, match="out of range"):
            driver.set(channel, True)
    assert sent(driver) == b""


def test_open_by_url_and_protocol_name():
    driver = open_driver("LCUS", "loop://", relays=1)
    try:
        assert isinstance(driver, LcusDriver) and driver.relays == 1
        driver.set(1, True)
        assert driver.port.read(4) == h("A0 01 01 A2")
    finally:
        driver.close()
    assert driver_class("broadcast_tools") is BroadcastToolsDriver


@pytest.mark.parametrize("protocol,url,needle", [
    ("morse", "loop://", "unknown relay protocol 'morse'"),
    ("numato", "", "no relay port configured"),
    ("numato", "/nonexistent/ttyUSB9", "cannot open relay port '/nonexistent/ttyUSB9'"),
    ("numato", "socket://127.0.0.1:1", "cannot open relay port"),
])
def test_bad_ports_and_protocols_are_one_line_desk_errors(protocol, url, needle):
    with pytest.raises(RelayFault, match=needle) as caught:
        open_driver(protocol, url)
    assert "\n" not in str(caught.value)


def test_relay_count_beyond_the_protocol_is_refused():
    with pytest.raises(RelayFault, match="1 to 8"):
        on_loop(KMTronicDriver, relays=9)
