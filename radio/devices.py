"""Simulated relay devices: each takes the bytes a desk sends and returns the
bytes the real device would answer, reporting every command and every relay
change as a plain dict (one JSON line each in ``safedesk radio simulate``).

They hold no port and no thread; radio.simulator moves the bytes.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from radio.drivers import kmtronic, lcus

Emit = Callable[[dict], None]


class SimulatedDevice:
    protocol = ""
    default_relays = 1

    def __init__(self, emit: Emit, *, relays: int | None = None,
                 initial: dict[int, bool] | None = None, silent: bool = False) -> None:
        self.relays = {channel: False for channel in range(1, (relays or self.default_relays) + 1)}
        for channel, on in (initial or {}).items():
            if channel in self.relays:
                self.relays[channel] = bool(on)
        self.silent = silent  # a device that takes commands but never answers
        self._emit = emit
        self._buffer = bytearray()

    def feed(self, data: bytes) -> bytes:
        self._buffer += data
        reply = self._consume()
        return b"" if self.silent else reply

    def tick(self, now: float) -> None:
        """Called often by the simulator loop, for timed behaviour."""

    def _consume(self) -> bytes:
        raise NotImplementedError

    def _command(self, text: str) -> None:
        self._emit({"event": "command", "protocol": self.protocol, "command": text})

    def _reject(self, data: bytes, why: str) -> None:
        self._emit({"event": "rejected", "protocol": self.protocol,
                    "bytes": data.hex(" ").upper(), "reason": why})

    def _switch(self, channel: int, on: bool) -> None:
        if channel not in self.relays:
            self._emit({"event": "rejected", "protocol": self.protocol,
                        "reason": f"no relay {channel}"})
            return
        if self.relays[channel] != on:
            self.relays[channel] = on
            self._emit({"event": "relay", "channel": channel, "on": on})


class BroadcastToolsDevice(SimulatedDevice):
    protocol = "broadcast-tools"
    default_relays = 4
    # Fixed-length commands, so no terminator is needed (SS manuals); CR and
    # LF between them are skipped.
    _COMMAND = re.compile(rb"\*(\d)(?:OR(\d)([LFP])|SR)")
    PULSE_S = 0.5

    def __init__(self, emit: Emit, *, unit: int = 0, **kwargs) -> None:
        super().__init__(emit, **kwargs)
        self.unit = unit
        self._pulses: dict[int, float | None] = {}

    def _consume(self) -> bytes:
        reply = bytearray()
        while True:
            start = self._buffer.find(b"*")
            if start < 0:
                self._buffer.clear()
                return bytes(reply)
            del self._buffer[:start]
            match = self._COMMAND.match(self._buffer)
            if match is None:
                if len(self._buffer) < 6 or self._buffer.find(b"*", 1) < 0:
                    return bytes(reply)  # maybe a command still arriving
                nxt = self._buffer.find(b"*", 1)
                self._reject(bytes(self._buffer[:nxt]), "not a burst command")
                del self._buffer[:nxt]
                continue
            # Copy the groups out first: they view the buffer trimmed below.
            text, unit, relay, action = (bytes(g) if g is not None else None
                                         for g in match.group(0, 1, 2, 3))
            del self._buffer[:match.end()]
            self._command(text.decode("ascii"))
            if int(unit) != self.unit:
                continue  # another unit on the multi-drop line
            if relay is None:
                flags = ",".join("1" if on else "0" for on in self.relays.values())
                reply += f"S{self.unit}R,{flags}\r\n".encode("ascii")
                continue
            channel = int(relay)
            if action == b"P":
                self._switch(channel, True)
                self._pulses[channel] = None  # deadline set on the next tick
            else:
                self._pulses.pop(channel, None)
                self._switch(channel, action == b"L")

    def tick(self, now: float) -> None:
        for channel, deadline in list(self._pulses.items()):
            if deadline is None:
                self._pulses[channel] = now + self.PULSE_S
            elif now >= deadline:
                del self._pulses[channel]
                self._switch(channel, False)


class NumatoDevice(SimulatedDevice):
    protocol = "numato"
    default_relays = 8
    _NAMES = "0123456789ABCDEFGHIJKLMNOPQRSTUV"

    def __init__(self, emit: Emit, **kwargs) -> None:
        super().__init__(emit, **kwargs)
        self._line = bytearray()

    def _consume(self) -> bytes:
        reply = bytearray()
        while self._buffer:
            byte = self._buffer[:1]
            del self._buffer[:1]
            if byte == b"\n":
                continue
            if byte != b"\r":
                self._line += byte
                reply += byte  # the module echoes what is typed
                continue
            line = bytes(self._line)
            self._line.clear()
            reply += b"\n\r" + self._answer(line.decode("ascii", "replace").strip()) + b">"
        return bytes(reply)

    def _answer(self, line: str) -> bytes:
        if not line:
            return b""
        self._command(line)
        words = line.split()
        if len(words) == 3 and words[0] == "relay" and words[1] in ("on", "off", "read"):
            index = self._NAMES.find(words[2].upper()) if len(words[2]) == 1 else -1
            channel = index + 1
            if channel in self.relays:
                if words[1] == "read":
                    return (b"on" if self.relays[channel] else b"off") + b"\n\r"
                self._switch(channel, words[1] == "on")
                return b""
        if line == "reset":
            for channel in self.relays:
                self._switch(channel, False)
            return b""
        if line == "ver":
            return b"00000008\n\r"
        self._reject(line.encode("ascii", "replace"), "unknown command")
        return b""


class KMTronicDevice(SimulatedDevice):
    protocol = "kmtronic"
    default_relays = 8

    def _consume(self) -> bytes:
        reply = bytearray()
        while True:
            start = self._buffer.find(bytes((kmtronic.START,)))
            if start < 0:
                if self._buffer:
                    self._reject(bytes(self._buffer), "no FF start byte")
                self._buffer.clear()
                break
            if start:
                self._reject(bytes(self._buffer[:start]), "no FF start byte")
                del self._buffer[:start]
            if len(self._buffer) < 3:
                break
            frame = bytes(self._buffer[:3])
            del self._buffer[:3]
            self._command(frame.hex(" ").upper())
            reply += self._answer(frame)
        return bytes(reply)

    def _answer(self, frame: bytes) -> bytes:
        _, address, action = frame
        if frame == kmtronic.STATUS_ALL and len(self.relays) > 2:
            return bytes(1 if on else 0 for on in self.relays.values())
        if action == 0x03 and len(self.relays) <= 2 and address in self.relays:
            return bytes((kmtronic.START, address, 1 if self.relays[address] else 0))
        if action in (0x00, 0x01) and address in self.relays:
            self._switch(address, action == 0x01)
            return b""
        self._reject(frame, "unknown command")
        return b""


class LcusDevice(SimulatedDevice):
    protocol = "lcus"
    default_relays = 2

    def _consume(self) -> bytes:
        while True:
            start = self._buffer.find(bytes((lcus.START,)))
            if start < 0:
                if self._buffer:
                    self._reject(bytes(self._buffer), "no A0 start byte")
                self._buffer.clear()
                return b""
            if start:
                self._reject(bytes(self._buffer[:start]), "no A0 start byte")
                del self._buffer[:start]
            if len(self._buffer) < 4:
                return b""
            frame = bytes(self._buffer[:4])
            del self._buffer[:4]
            self._command(frame.hex(" ").upper())
            if lcus.checksum(frame[:3]) != frame[3]:
                self._reject(frame, "bad check byte")
            elif frame[2] in (0x00, 0x01):
                self._switch(frame[1], frame[2] == 0x01)
            else:
                self._reject(frame, "unknown operation")


class RdsEncoderDevice(SimulatedDevice):
    """An RDS encoder taking ASCII ``RT1=``/``TEXT=`` lines. It stays silent,
    as the encoder manuals advise one-way links for automation systems."""
    protocol = "rds"
    default_relays = 0

    def __init__(self, emit: Emit, **kwargs) -> None:
        super().__init__(emit, **kwargs)
        self.radiotext = ""

    def _consume(self) -> bytes:
        while (end := self._buffer.find(b"\r")) >= 0:
            line = bytes(self._buffer[:end]).strip(b"\n")
            del self._buffer[:end + 1]
            text = line.decode("ascii", "replace")
            self._command(text)
            key, sep, value = text.partition("=")
            if sep and key.upper() in ("RT1", "TEXT"):
                self.radiotext = value
                self._emit({"event": "radiotext", "text": value})
            else:
                self._reject(line, "unknown command")
        return b""


DEVICES: dict[str, type[SimulatedDevice]] = {
    cls.protocol: cls
    for cls in (BroadcastToolsDevice, NumatoDevice, KMTronicDevice, LcusDevice, RdsEncoderDevice)
}

