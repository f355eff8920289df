"""A relay device simulator for demos without hardware and for the tests.

It plays one of the simulated devices (radio.devices) behind a virtual serial
port and reports every command and state change as a dict:

- ``pty``: a pseudo-terminal pair from ``pty.openpty()``; the desk opens the
  slave path. POSIX only (Linux, macOS); on Windows use ``tcp``.
- ``tcp``: a listening socket, as a serial-to-Ethernet box offers; the desk
  opens ``socket://HOST:PORT``. One client at a time, the newest wins.
- ``attach``: an existing serial port by pyserial URL, e.g. one end of a
  socat pty pair, while the desk opens the other end.

``Simulator(...).start()`` returns the URL the desk should open;
``safedesk radio simulate`` prints it on its first line, then one JSON line
per event, until SIGINT/SIGTERM.
"""
from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable

import serial

from dispatch.errors import DeskError, InvalidInput
from radio.devices import DEVICES, SimulatedDevice

# Longest the I/O thread blocks before it looks at the stop flag and the
# device's timers again; data wakes it at once.
_WAKE_S = 0.05


class _PtyTransport:
    def __init__(self) -> None:
        try:
            import pty
            import tty
        except ImportError:
            raise DeskError("a pty simulator needs a POSIX system; use --tcp HOST:PORT",
                            code="simulator.needs_posix") from None
        self._master, self._slave = pty.openpty()
        # Raw, so the line discipline neither echoes nor rewrites our bytes
        # before the desk has opened (and configured) the other end. The
        # slave stays open here so that the desk closing and reopening it
        # does not hang the master up.
        tty.setraw(self._slave)
        self.url = os.ttyname(self._slave)

    def read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self._master], [], [], timeout)
        if not ready:
            return b""
        try:
            return os.read(self._master, 4096)
        except OSError:
            return b""  # no reader on the other side yet

    def write(self, data: bytes) -> None:
        os.write(self._master, data)

    def close(self) -> None:
        for fd in (self._master, self._slave):
            try:
                os.close(fd)
            except OSError:
                pass


class _TcpTransport:
    def __init__(self, host: str, port: int) -> None:
        self._listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        # A restarted simulator must get its port back at once, as a box
        # that was power-cycled would.
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self._listener.bind((host, port))
        except OSError as exc:
            self._listener.close()
            raise DeskError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                            code="simulator.cannot_listen", host=host, port=port,
                            detail=exc.strerror or str(exc)) from None
        self._listener.listen(1)
        bound_host, bound_port = self._listener.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        self.url = f"socket://{shown}:{bound_port}"
        self._client: socket.socket | None = None
        self.on_client: Callable[[str], None] = lambda _event: None

    def read(self, timeout: float) -> bytes:
        watched = [self._listener] + ([self._client] if self._client else [])
        ready, _, _ = select.select(watched, [], [], timeout)
        if self._listener in ready:
            client, _ = self._listener.accept()
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.drop_client()
            self._client = client
            self.on_client("connected")
        if self._client is not None and self._client in ready:
            try:
                data = self._client.recv(4096)
            except OSError:
                data = b""
            if not data:
                self.drop_client()
                self.on_client("disconnected")
            return data
        return b""

    def write(self, data: bytes) -> None:
        if self._client is not None:
            try:
                self._client.sendall(data)
            except OSError:
                self.drop_client()

    def drop_client(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def close(self) -> None:
        self.drop_client()
        self._listener.close()


class _AttachTransport:
    def __init__(self, url: str, baudrate: int) -> None:
        try:
            self._port = serial.serial_for_url(url, baudrate=baudrate, timeout=_WAKE_S)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeskError(f"cannot open {url!r} for the simulator: {exc}",
                            code="simulator.cannot_open", url=url, detail=str(exc)) from None
        self.url = url

    def read(self, timeout: float) -> bytes:
        try:
            return self._port.read(self._port.in_waiting or 1)
        except (serial.SerialException, OSError):
            raise EOFError from None

    def write(self, data: bytes) -> None:
        try:
            self._port.write(data)
        except (serial.SerialException, OSError):
            raise EOFError from None

    def close(self) -> None:
        self._port.close()


def parse_hostport(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise InvalidInput(f"--tcp wants HOST:PORT (e.g. 127.0.0.1:7000), not {text!r}",
                           code="simulator.bad_address", text=text)
    return host.strip("[]") or "127.0.0.1", int(port)


class Simulator:
    """Plays a relay device until stopped. Events go to ``on_event`` (from the
    simulator's own thread) and to ``events``; ``wait_for`` blocks on them."""

    def __init__(self, protocol: str, *, tcp: tuple[str, int] | None = None,
                 attach: str | None = None, relays: int | None = None,
                 initial: dict[int, bool] | None = None, silent: bool = False,
                 baudrate: int = 9600, on_event: Callable[[dict], None] | None = None) -> None:
        name = protocol.strip().lower().replace("_", "-")
        if name not in DEVICES:
            raise InvalidInput(f"unknown device protocol {protocol!r}; choose one of "
                               f"{', '.join(DEVICES)}", code="relay.unknown_protocol",
                               protocol=protocol, known=", ".join(DEVICES))
        if tcp is not None and attach is not None:
            raise InvalidInput("simulate over TCP or attached to a port, not both",
                               code="simulator.tcp_and_port")
        self.protocol = name
        self._tcp, self._attach, self._baudrate = tcp, attach, baudrate
        self._on_event = on_event
        self.events: list[dict] = []
        self._changed = threading.Condition()
        self.device: SimulatedDevice = DEVICES[name](self._record, relays=relays,
                                                     initial=initial, silent=silent)
        self._stop = threading.Event()
        self._drop = threading.Event()
        self._thread: threading.Thread | None = None
        self._transport = None
        self.url: str | None = None
        self.bytes_in = 0   # what the desk sent, for the bench's wire-time figures
        self.bytes_out = 0

    def start(self) -> str:
        if self._tcp is not None:
            self._transport = _TcpTransport(*self._tcp)
            self._transport.on_client = lambda what: self._record({"event": "client",
                                                                    "state": what})
        elif self._attach is not None:
            self._transport = _AttachTransport(self._attach, self._baudrate)
        else:
            self._transport = _PtyTransport()
        self.url = self._transport.url
        self._thread = threading.Thread(target=self._run, name=f"sim-{self.protocol}",
                                        daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    def __enter__(self) -> Simulator:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def relays(self) -> dict[int, bool]:
        with self._changed:
            return dict(self.device.relays)

    def set_relay(self, channel: int, on: bool) -> None:
        """Switch a relay as someone at the device would (front panel, reset)."""
        with self._changed:
            self._record({"event": "front-panel", "channel": channel, "on": on})
            self.device._switch(channel, on)

    def drop_client(self) -> None:
        """Hang up on the desk (TCP only), as a rebooting Ethernet box would;
        the relays keep their state. Returns once the line is down."""
        if self._tcp is None:
            raise InvalidInput("only a TCP simulator can hang up on the desk",
                               code="simulator.not_tcp")
        self._drop.set()
        if not self.wait_for(lambda sim: not sim._drop.is_set(), 5.0):
            raise RuntimeError("the simulator did not hang up within 5 s")

    def wait_for(self, predicate: Callable[[Simulator], bool], timeout: float) -> bool:
        """Block until predicate(self) holds, re-checking on every event."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True

    def _record(self, event: dict) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()
        if self._on_event is not None:
            self._on_event(event)

    def _run(self) -> None:
        if hasattr(signal, "pthread_sigmask"):
            # Leave SIGINT/SIGTERM to the main thread: one delivered here
            # would not interrupt the main thread's wait, and Python only
            # runs handlers there.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        transport = self._transport
        while not self._stop.is_set():
            if self._drop.is_set() and isinstance(transport, _TcpTransport):
                self._drop.clear()
                transport.drop_client()
                self._record({"event": "client", "state": "dropped"})
            try:
                data = transport.read(_WAKE_S)
                with self._changed:
                    reply = self.device.feed(data) if data else b""
                    self.device.tick(time.monotonic())
                    self.bytes_in += len(data)
                    self.bytes_out += len(reply)
                if reply:
                    transport.write(reply)
            except EOFError:
                self._record({"event": "port", "state": "gone"})
                return
            except OSError as exc:
                self._record({"event": "port", "state": "error", "error": str(exc)})
                return


class _Stopped(Exception):
    """Raised by the signal handler to end ``run``."""


def _stop_on_signal(signum: int, frame: object) -> None:
    # Raise rather than set an Event: Event.set() takes a lock that the main
    # thread may be holding at that very moment (inside Event.wait), and a
    # handler blocking on it never returns. A second signal while shutting
    # down is ignored, so it cannot interrupt the clean-up.
    for other in (signal.SIGINT, signal.SIGTERM):
        signal.signal(other, signal.SIG_IGN)
    raise _Stopped


def run(protocol: str, *, tcp: str | None = None, relays: int | None = None,
        silent: bool = False, out=None) -> int:
    """``safedesk radio simulate``: URL on the first line, then JSON lines,
    until SIGINT or SIGTERM."""
    out = out or sys.stdout
    lock = threading.Lock()

    def print_event(event: dict) -> None:
        with lock:
            out.write(json.dumps(event, sort_keys=True) + "\n")
            out.flush()

    simulator = Simulator(protocol, tcp=parse_hostport(tcp) if tcp else None, relays=relays,
                          silent=silent, on_event=print_event)
    previous = {signum: signal.signal(signum, _stop_on_signal)
                for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        with lock:  # the URL line comes first, before any event can be printed
            url = simulator.start()
            out.write(url + "\n")
            out.flush()
        print_event({"event": "ready", "protocol": simulator.protocol, "url": url,
                     "relays": {str(c): on for c, on in simulator.relays.items()}})
        while True:
            # The device lives in its own thread; a signal ends this sleep at
            # once. The bound is a backstop should a signal land elsewhere.
            time.sleep(1.0)
    except _Stopped:
        pass
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        simulator.stop()
    print_event({"event": "stopped", "protocol": simulator.protocol})
    return 0
