"""Numato Lab USB relay modules (1 to 32 channels, USB CDC serial).

Per Numato's documentation and demo code: commands are typed text ended by a
carriage return (``relay on 0\\r``, ``relay off 0\\r``, ``relay read 0\\r``).
The module echoes every character it receives, then answers after the
carriage return; a read answers ``on`` or ``off``, and every answer ends with
the ``>`` prompt. Relays count from 0 on the module; desk channel N is
module relay N-1. Modules with more than ten relays name them 0-9 then A-V.
"""
from __future__ import annotations

from radio.drivers.base import RelayDriver, RelayFault

TERMINATOR = b"\r"
PROMPT = b">"
_RELAY_NAMES = "0123456789ABCDEFGHIJKLMNOPQRSTUV"


def relay_name(channel: int) -> str:
    return _RELAY_NAMES[channel - 1]


def switch_command(channel: int, on: bool) -> bytes:
    return f"relay {'on' if on else 'off'} {relay_name(channel)}".encode("ascii") + TERMINATOR


def read_command(channel: int) -> bytes:
    return f"relay read {relay_name(channel)}".encode("ascii") + TERMINATOR


def parse_read(reply: bytes, command: bytes) -> bool | None:
    """The state in the answer to ``relay read N``, or None if it has none.
    Only what follows the echoed command counts, so the ``read`` or the relay
    name in the echo is never mistaken for the answer."""
    text = reply.decode("ascii", "replace")
    echo = command.rstrip(TERMINATOR).decode("ascii")
    at = text.rfind(echo)
    answer = text[at + len(echo):] if at >= 0 else text
    words = answer.replace(PROMPT.decode(), " ").split()
    states = [word.lower() for word in words if word.lower() in ("on", "off")]
    if len(states) != 1:
        return None
    return states[0] == "on"


class NumatoDriver(RelayDriver):
    protocol = "numato"
    default_relays = 8
    max_relays = len(_RELAY_NAMES)
    reports_state = True

    def _exchange(self, command: bytes) -> bytes:
        self.link.write(command)
        return self.link.read_until(PROMPT, repr(command.decode("ascii").strip()),
                                    command.decode("ascii").strip())

    def _switch(self, channel: int, on: bool) -> None:
        # The echo and prompt must be consumed here, or the next read-back
        # would find them first.
        self._exchange(switch_command(channel, on))

    def _read_states(self, channels: list[int]) -> dict[int, bool]:
        states = {}
        for channel in channels:
            command = read_command(channel)
            reply = self._exchange(command)
            state = parse_read(reply, command)
            if state is None:
                raise RelayFault(f"relay on {self.link.name} gave no on/off answer to "
                                 f"{command.decode('ascii').strip()!r}: {reply!r}",
                                 code="relay.no_answer", port=self.link.name,
                                 command=command.decode("ascii").strip(), reply=repr(reply))
            states[channel] = state
        return states
