"""LCUS-1 / LCUS-2 USB relay boards (CH340 serial, 9600 baud).

Per the boards' protocol sheet: four bytes, ``A0`` start, the switch address
(01 = first relay), ``01`` on / ``00`` off, then a check byte that is the sum
of the first three modulo 256 (``A0 01 01 A2`` on, ``A0 01 00 A1`` off).
The boards answer nothing and cannot be asked for their state, so this driver
never claims one: ``status()`` is None.
"""
from __future__ import annotations

from radio.drivers.base import RelayDriver

START = 0xA0


def checksum(frame: bytes) -> int:
    return sum(frame) & 0xFF


def switch_command(channel: int, on: bool) -> bytes:
    head = bytes((START, channel, 0x01 if on else 0x00))
    return head + bytes((checksum(head),))


class LcusDriver(RelayDriver):
    protocol = "lcus"
    default_relays = 2  # LCUS-2; set the relay count to 1 for an LCUS-1
    max_relays = 8
    reports_state = False

    def _switch(self, channel: int, on: bool) -> None:
        self.link.write(switch_command(channel, on))
