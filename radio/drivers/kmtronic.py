"""KMTronic USB relay boards (1, 2, 4 and 8 relays; FTDI serial at 9600 8N1).

Per KMTronic's command table: ``FF 0n 01`` switches relay n on, ``FF 0n 00``
off. Status differs by board: the one- and two-relay boards answer
``FF 0n 03`` with ``FF 0n xx``; the four- and eight-relay boards answer
``FF 09 00`` with one byte per relay (``01`` on, ``00`` off). The relay
count therefore picks the status request, and must match the board.
"""
from __future__ import annotations

from radio.drivers.base import RelayDriver, RelayFault

START = 0xFF
STATUS_ALL = bytes((START, 0x09, 0x00))


def switch_command(channel: int, on: bool) -> bytes:
    return bytes((START, channel, 0x01 if on else 0x00))


def single_status_command(channel: int) -> bytes:
    return bytes((START, channel, 0x03))


def _flag(value: int, port: str) -> bool:
    if value not in (0x00, 0x01):
        raise RelayFault(f"relay on {port}: status byte {value:02X} is neither 00 nor 01",
                         code="relay.bad_status_byte", port=port, value=f"{value:02X}")
    return value == 0x01


class KMTronicDriver(RelayDriver):
    protocol = "kmtronic"
    default_relays = 8
    max_relays = 8  # FF 09 would address relay 9 on a bigger board, but means "status" here
    reports_state = True

    def _switch(self, channel: int, on: bool) -> None:
        self.link.write(switch_command(channel, on))

    def _read_states(self, channels: list[int]) -> dict[int, bool]:
        where = f"relay on {self.link.name}"
        if self.relays <= 2:
            states = {}
            for channel in channels:
                command = single_status_command(channel)
                self.link.write(command)
                reply = self.link.read_exact(3, "the status request " + command.hex(" ").upper(),
                                             command.hex(" ").upper())
                if reply[:2] != command[:2]:
                    raise RelayFault(f"{where}: status reply {reply.hex(' ').upper()} is "
                                     f"not for relay {channel}", code="relay.wrong_reply",
                                     port=self.link.name, reply=reply.hex(" ").upper(),
                                     channel=channel)
                states[channel] = _flag(reply[2], self.link.name)
            return states
        self.link.write(STATUS_ALL)
        reply = self.link.read_exact(self.relays, "the status request FF 09 00 (is the relay "
                                     f"count {self.relays} right?)", STATUS_ALL.hex(" ").upper())
        return {channel: _flag(reply[channel - 1], self.link.name) for channel in channels}
