"""The one interface every studio relay driver offers, and the serial plumbing
they share.

Channels are numbered from 1 everywhere in the desk (the labels on the studio
console and on most relay boxes); a driver whose device counts from 0 maps
them itself.
"""
from __future__ import annotations

import socket
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import ClassVar

import serial

from dispatch.errors import DeviceFault

# How long one blocking read may wait before the driver looks at its own
# deadline again. Small, so a reply deadline is kept to within a few tens of
# milliseconds; changing the port's timeout per call would cost a tcsetattr
# on POSIX each time.
READ_SLICE_S = 0.05


class RelayFault(DeviceFault):
    """The relay did not do, or could not confirm, what the desk asked: it is
    unplugged, silent, or reports another state. The message names the port.
    ``link_lost`` is true when the port itself failed (gone or silent), so
    sending it anything more is pointless until it is reopened. ``code`` and
    the params name the fault for the window, as for every DeskError."""

    def __init__(self, message: str, *, link_lost: bool = False, code: str = "",
                 **params: object) -> None:
        super().__init__(message, code=code, **params)
        self.link_lost = link_lost


class SerialLink:
    """A pyserial port with deadlines and one kind of failure (RelayFault)."""

    def __init__(self, port: serial.SerialBase, name: str, reply_timeout: float,
                 device: str = "relay") -> None:
        self.port = port
        self.name = name
        self.device = device
        self.reply_timeout = reply_timeout
        # Bytes read past the end of one answer belong to the next.
        self._pending = bytearray()

    def _vanished(self, exc: BaseException) -> RelayFault:
        return RelayFault(f"{self.device} on {self.name} disappeared ({exc}); "
                          "check the cable and power", link_lost=True, code="relay.vanished",
                          device=self.device, port=self.name, detail=str(exc))

    def _silent(self, what: str, command: str | None) -> RelayFault:
        return RelayFault(f"{self.device} on {self.name} did not answer {what} within "
                          f"{self.reply_timeout:g} s", link_lost=True, code="relay.silent",
                          device=self.device, port=self.name, command=command or what,
                          timeout=self.reply_timeout)

    def write(self, data: bytes) -> None:
        # No flush(): on POSIX it is tcdrain(), which has no timeout and can
        # hang on a stalled adapter; write() itself is bounded by write_timeout.
        try:
            self.port.write(data)
        except (serial.SerialException, OSError) as exc:
            raise self._vanished(exc) from None

    def _read_some(self) -> bytes:
        try:
            waiting = self.port.in_waiting
            return self.port.read(waiting if waiting else 1)
        except (serial.SerialException, OSError) as exc:
            raise self._vanished(exc) from None

    def read_exact(self, size: int, what: str, command: str | None = None) -> bytes:
        """`what` names the request in the English message; `command` is the
        bare command (FF 01 00) the window shows in its own sentence."""
        deadline = time.monotonic() + self.reply_timeout
        while len(self._pending) < size:
            if time.monotonic() >= deadline:
                raise self._silent(what, command)
            self._pending += self._read_some()
        data = bytes(self._pending[:size])
        del self._pending[:size]
        return data

    def read_until(self, terminator: bytes, what: str, command: str | None = None) -> bytes:
        deadline = time.monotonic() + self.reply_timeout
        while (end := self._pending.find(terminator)) < 0:
            if time.monotonic() >= deadline:
                raise self._silent(what, command)
            self._pending += self._read_some()
        end += len(terminator)
        data = bytes(self._pending[:end])
        del self._pending[:end]
        return data

    def unread(self) -> bytes:
        """Bytes received but not consumed by any answer (and forget them)."""
        data = bytes(self._pending)
        self._pending.clear()
        return data

    def check_alive(self) -> None:
        """Raise if the port has gone away. A read is the only check that works
        on every backend: a hung-up tty and a closed socket both report
        readable and then fail or return EOF, which pyserial turns into
        SerialException. Stray bytes from a device that never talks are
        dropped."""
        try:
            self.port.read(self.port.in_waiting or 1)
        except (serial.SerialException, OSError) as exc:
            raise self._vanished(exc) from None

    def close(self) -> None:
        sock = getattr(self.port, "_socket", None)
        if isinstance(sock, socket.socket) and self.port.is_open:
            # pyserial's socket:// close() leaks the socket when shutdown()
            # fails (as it does once the far end has gone) and then pauses
            # 0.3 s, which would hold up the on-air controller; do it here.
            sock.close()
            self.port._socket = None
            self.port.is_open = False
            return
        try:
            self.port.close()
        except (serial.SerialException, OSError):
            pass  # closing a port that already vanished is not news


def open_port(url: str, *, baudrate: int, device: str = "relay") -> serial.SerialBase:
    """Open a pyserial URL (device path, socket://host:port, loop://)."""
    try:
        port = serial.serial_for_url(url, baudrate=baudrate, timeout=READ_SLICE_S,
                                     write_timeout=2.0)
    except (serial.SerialException, OSError, ValueError) as exc:
        raise RelayFault(f"cannot open {device} port {url!r}: {exc}", code="relay.cannot_open",
                         device=device, port=url, detail=str(exc)) from None
    # pyserial leaves Nagle on for socket://, so a switch followed at once by
    # its read-back would wait for the far end's delayed ACK (about 40 ms).
    sock = getattr(port, "_socket", None)
    if isinstance(sock, socket.socket):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        # Bytes from before we arrived (a boot banner, an old reply) would be
        # taken for the answer to our first question.
        port.reset_input_buffer()
    except (serial.SerialException, OSError) as exc:
        port.close()
        raise RelayFault(f"cannot open {device} port {url!r}: {exc}", code="relay.cannot_open",
                         device=device, port=url, detail=str(exc)) from None
    return port


class RelayDriver(ABC):
    """set / pulse / status / all_off / close over one serial port.

    Where the device can report state (``reports_state``) every switch is
    read back and a mismatch raises RelayFault; where it cannot, ``status()``
    returns None and nothing is claimed beyond "the command was written".
    """

    protocol: ClassVar[str]
    default_relays: ClassVar[int]
    max_relays: ClassVar[int]
    reports_state: ClassVar[bool]

    def __init__(self, port: serial.SerialBase, *, relays: int | None = None,
                 name: str | None = None, reply_timeout: float = 0.5) -> None:
        count = relays or self.default_relays
        if not 1 <= count <= self.max_relays:
            port.close()
            raise RelayFault(f"{self.protocol} relays number 1 to {self.max_relays}, "
                             f"not {count}", code="relay.bad_count", protocol=self.protocol,
                             most=self.max_relays, count=count)
        self.relays = count
        self.link = SerialLink(port, name or getattr(port, "name", None) or "?", reply_timeout)
        # One exchange (command, then its answer) at a time, whoever calls.
        self._lock = threading.Lock()

    @classmethod
    def open(cls, url: str, *, baudrate: int = 9600, relays: int | None = None,
             reply_timeout: float = 0.5) -> RelayDriver:
        return cls(open_port(url, baudrate=baudrate), relays=relays, name=url,
                   reply_timeout=reply_timeout)

    @property
    def port(self) -> serial.SerialBase:
        return self.link.port

    def check_channel(self, channel: int) -> None:
        if not isinstance(channel, int) or not 1 <= channel <= self.relays:
            raise RelayFault(f"channel {channel} is out of range: this {self.protocol} "
                             f"relay has channels 1 to {self.relays}", code="relay.bad_channel",
                             channel=channel, protocol=self.protocol, relays=self.relays)

    # -- what each device does differently -------------------------------
    @abstractmethod
    def _switch(self, channel: int, on: bool) -> None:
        """Send the command that switches one channel (and consume any
        immediate reply the device gives to it)."""

    def _read_states(self, channels: list[int]) -> dict[int, bool]:
        """Ask the device for the state of these channels."""
        raise NotImplementedError(f"{self.protocol} cannot report its relays")

    # -- the interface -----------------------------------------------------
    def set(self, channel: int, on: bool) -> None:
        self.check_channel(channel)
        with self._lock:
            self._switch(channel, on)
            if self.reports_state:
                self._verify({channel: on})

    def pulse(self, channel: int, ms: int) -> None:
        """Close the channel for ``ms`` milliseconds. The release runs even if
        the wait is interrupted, so a pulse never ends keyed."""
        self.check_channel(channel)
        if ms <= 0:
            raise RelayFault(f"pulse length must be positive, not {ms} ms",
                             code="relay.bad_pulse", ms=ms)
        self.set(channel, True)
        try:
            time.sleep(ms / 1000.0)
        finally:
            self.set(channel, False)

    def status(self, channels: Iterable[int] | None = None) -> dict[int, bool] | None:
        if not self.reports_state:
            return None
        wanted = sorted(set(channels)) if channels is not None else list(range(1, self.relays + 1))
        for channel in wanted:
            self.check_channel(channel)
        with self._lock:
            return self._read_states(wanted)

    def all_off(self) -> None:
        with self._lock:
            for channel in range(1, self.relays + 1):
                self._switch(channel, False)
            if self.reports_state:
                self._verify({channel: False for channel in range(1, self.relays + 1)})

    def probe(self, channels: Iterable[int]) -> dict[int, bool] | None:
        """Cheap health check for the on-air monitor: the state of these
        channels where the device can say, else just proof the port is there."""
        if self.reports_state:
            return self.status(channels)
        with self._lock:
            self.link.check_alive()
        return None

    def close(self) -> None:
        self.link.close()

    def _verify(self, expected: dict[int, bool]) -> None:
        states = self._read_states(sorted(expected))
        for channel, on in expected.items():
            if states.get(channel) is not on:
                got = {True: "on", False: "off", None: "nothing"}[states.get(channel)]
                raise RelayFault(f"relay {channel} on {self.link.name} reads {got} after "
                                 f"switching it {'on' if on else 'off'}",
                                 code="relay.reads_wrong", channel=channel,
                                 port=self.link.name, got=got, wanted="on" if on else "off")

    def __enter__(self) -> RelayDriver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
