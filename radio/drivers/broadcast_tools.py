"""Broadcast Tools ASCII "burst mode" (SS 4.2, SS 4x4, SRC-8, SRC-16 family).

Per the Broadcast Tools manuals: ``*uORrL`` latches relay r of unit u,
``*uORrF`` unlatches it, ``*uSR`` asks for every relay and the unit answers
``SuR,x,x,x,x<CR><LF>`` (1 = closed). With acknowledgements enabled the unit
also sends ``RRR`` for a good command and ``EEE`` for a bad one.

Terminator: the SS switchers take fixed-length commands without one, while
the SRC-16 and SRC-8/RMT require a carriage return. We always send CR: the
units that do not need it wait for the next ``*`` and skip it.
"""
from __future__ import annotations

import re
import time

from radio.drivers.base import RelayDriver, RelayFault

TERMINATOR = b"\r"
# The SRC-8 III manual prints the relay status reply as SuA; the SS manuals
# print SuR. Both are accepted; the unit digit must be ours.
_STATUS = re.compile(rb"S(\d)[RA],([01](?:,[01])*)")
_MAX_LINES = 16


def switch_command(unit: int, channel: int, on: bool) -> bytes:
    return b"*%dOR%d%s" % (unit, channel, b"L" if on else b"F") + TERMINATOR


def status_command(unit: int) -> bytes:
    return b"*%dSR" % unit + TERMINATOR


def parse_status(line: bytes, unit: int) -> dict[int, bool] | None:
    match = _STATUS.search(line)
    if match is None or int(match.group(1)) != unit:
        return None
    flags = match.group(2).split(b",")
    return {index: flag == b"1" for index, flag in enumerate(flags, start=1)}


class BroadcastToolsDriver(RelayDriver):
    protocol = "broadcast-tools"
    default_relays = 4  # SS 4.2 / SS 4x4: four relays
    max_relays = 9      # the one-digit relay field of *uORrL
    reports_state = True

    def __init__(self, *args, unit: int = 0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not 0 <= unit <= 7:
            raise RelayFault(f"Broadcast Tools unit id is 0 to 7, not {unit}",
                             code="relay.bad_unit_id", unit=unit)
        self.unit = unit

    def _switch(self, channel: int, on: bool) -> None:
        self.link.write(switch_command(self.unit, channel, on))

    def _read_states(self, channels: list[int]) -> dict[int, bool]:
        self.link.write(status_command(self.unit))
        deadline = time.monotonic() + self.link.reply_timeout
        # Other lines may come first: RRR acknowledgements, input-change
        # reports, replies of other units on a multi-drop line.
        for _ in range(_MAX_LINES):
            line = self.link.read_until(b"\n", f"the relay status request *{self.unit:d}SR",
                                        f"*{self.unit:d}SR")
            if b"EEE" in line:
                raise RelayFault(f"relay on {self.link.name} rejected a command (EEE)",
                                 code="relay.rejected", port=self.link.name)
            states = parse_status(line, self.unit)
            if states is not None:
                missing = [c for c in channels if c not in states]
                if missing:
                    raise RelayFault(f"relay on {self.link.name} reports {len(states)} relays, "
                                     f"channel {missing[0]} is not among them",
                                     code="relay.missing_channel", port=self.link.name,
                                     count=len(states), channel=missing[0])
                return {c: states[c] for c in channels}
            if time.monotonic() >= deadline:
                break
        raise RelayFault(f"relay on {self.link.name} sent no relay status (S{self.unit}R) "
                         f"within {self.link.reply_timeout:g} s", link_lost=True,
                         code="relay.no_status", port=self.link.name, command=f"S{self.unit}R",
                         timeout=self.link.reply_timeout)
