"""The studio relay's lifeline: the relay stays keyed only while the desk lives.

The desk never opens the relay's serial port itself. It starts a small child
process (radio/relay_child.py) that owns the port and runs the on-air
sequence of radio/onair.py, safety timeout included, and talks to it over the
child's stdin and stdout, one JSON object a line. That pipe is the lifeline:
however the desk ends (SIGKILL, a crash, a closed session), the kernel closes
its end, the child reads end-of-file, forces every channel off, reads them
back and exits. The child also watches its parent's pid, for a pipe some
other process inherited and keeps open.

``RelayLifeline`` offers what the window used of OnAirController: ``start``,
``stop``, ``close``, ``connected``, ``on_air``, ``seconds_left``,
``safety_timeout_s``, ``channels``, and the same events (Keyed, Released,
Fault, Reconnected, SafetyTimeout), handed to ``on_event`` from its reader
thread in the order the child sent them; a handler that wants to command the
relay hops to another thread first. If the child itself dies, that is a
Fault; with ``respawn`` a new child is started, which forces every channel
off as it opens the port, and its arrival is a Reconnected.

Wire format. Desk to child: ``{"id": n, "op": "start" | "stop" | "status" |
"close"}``. Child to desk: ``{"reply": n, "ok": true, "value": ...}`` or
``{"reply": n, "ok": false, "error": {...}}`` (reply 0 says the child is
ready, or why it cannot be), and events as ``RadioEvent.to_dict()``. A
command's events are written before its reply.
"""
from __future__ import annotations

import itertools
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from dispatch.errors import DeskError
from dispatch.settings import Settings
from radio import settings as radio_settings
from radio.drivers.base import RelayFault
from radio.onair import Fault, Keyed, RadioEvent, Reconnected, Released, SafetyTimeout

log = logging.getLogger(__name__)

READY_S = 30.0  # Python start-up plus opening the port and forcing it off
CLOSE_S = 20.0  # the controller's close waits up to 10 s for its monitor
EXIT_S = 10.0
RESPAWN_BACKOFF_S = (0.25, 0.5, 1.0, 2.0, 5.0)
EVENT_TYPES: dict[str, type[RadioEvent]] = {
    cls.kind: cls for cls in (Keyed, Released, Fault, Reconnected, SafetyTimeout)}


@dataclass(frozen=True)
class RelayConfig:
    """Everything the child needs to open the relay, resolved by the desk, so
    the child reads no settings file of its own."""
    protocol: str
    port: str
    channels: tuple[int, ...]
    safety_timeout_s: float
    baudrate: int = 9600
    relays: int | None = None
    reply_timeout_s: float = 0.5
    poll_interval_s: float = 1.0

    @classmethod
    def from_settings(cls, settings: Settings) -> RelayConfig | None:
        """The configured relay; None when none is set up. Bad channels raise
        InvalidInput here, in the desk, as they did before the child."""
        if not settings.get(radio_settings.PORT):
            return None
        return cls(protocol=settings.get(radio_settings.PROTOCOL),
                   port=settings.get(radio_settings.PORT),
                   channels=tuple(radio_settings.on_air_channels(settings)),
                   safety_timeout_s=float(settings.get(radio_settings.SAFETY_TIMEOUT_S)),
                   baudrate=settings.get(radio_settings.BAUDRATE),
                   relays=settings.get(radio_settings.RELAY_COUNT) or None,
                   reply_timeout_s=settings.get(radio_settings.REPLY_TIMEOUT_S),
                   poll_interval_s=settings.get(radio_settings.POLL_INTERVAL_S))

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> RelayConfig:
        values = json.loads(text)
        values["channels"] = tuple(int(c) for c in values["channels"])
        return cls(**values)

    def command_timeout_s(self) -> float:
        """Longest a start or stop may take in the child: a switch and its
        read-back per channel, each bounded by the reply timeout, behind one
        probe of the monitor."""
        return max(10.0, 4 * self.reply_timeout_s * (len(self.channels) + 1))


# -- the wire -------------------------------------------------------------------

def fault_to_plain(error: BaseException) -> dict:
    """A refusal as JSON, its code and params kept so the window can say it
    in its own language; a nested refusal (a ``fault`` param) likewise."""
    if isinstance(error, DeskError):
        return {"message": str(error), "code": error.code,
                "params": {str(k): _plain(v) for k, v in error.params.items()},
                "link_lost": bool(getattr(error, "link_lost", False))}
    return {"message": f"{type(error).__name__}: {error}", "code": "", "params": {},
            "link_lost": False}


def _plain(value: Any) -> Any:
    if isinstance(value, DeskError):
        return {"__fault__": fault_to_plain(value)}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return str(value)


def _unplain(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"__fault__"}:
            return fault_from_plain(value["__fault__"])
        return {key: _unplain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unplain(item) for item in value]
    return value


def fault_from_plain(plain: dict) -> RelayFault:
    """The child's refusal as a RelayFault with the same message, code and
    params. Built without __init__ because the code is not a literal here:
    the literal is at the raise site in the child (tests/test_error_codes.py)."""
    error = RelayFault.__new__(RelayFault)
    Exception.__init__(error, str(plain.get("message") or "the relay process refused"))
    error.code = str(plain.get("code") or "")
    error.params = _unplain(plain.get("params") or {})
    error.link_lost = bool(plain.get("link_lost"))
    return error


def event_to_plain(event: RadioEvent) -> dict:
    return _plain(event.to_dict())


def event_from_plain(plain: dict) -> RadioEvent | None:
    """None for a kind this side does not know (a newer child)."""
    cls = EVENT_TYPES.get(plain.get("event", ""))
    if cls is None:
        return None
    values = {k: v for k, v in plain.items() if k != "event"}
    if "channels" in values:
        values["channels"] = tuple(values["channels"])
    if "params" in values:
        values["params"] = _unplain(values["params"])
    return cls(**values)


# -- the desk's side ---------------------------------------------------------------

class _Waiter:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.reply: dict | None = None


class _Child:
    """One relay child process and the replies it owes."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.ready = _Waiter()
        self.waiters: dict[int, _Waiter] = {0: self.ready}
        self.gone = False  # its stdout ended: no reply will come

    def send(self, message: dict) -> None:
        self.process.stdin.write(json.dumps(message).encode() + b"\n")
        self.process.stdin.flush()


def _spawn(config: RelayConfig) -> subprocess.Popen:
    # The child imports this package however the desk was started (installed
    # or from a checkout), so its root goes first on the child's path.
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    extra: dict[str, Any] = {}
    if os.name == "posix":
        # Its own process group: Ctrl-C in a terminal, or a kill of the desk's
        # whole group (`kill -9 %1`), must not end the child before it has let
        # go. It still hears the desk's death through the pipe.
        extra["process_group"] = 0
    else:
        extra["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    return subprocess.Popen(
        [sys.executable, "-m", "radio.relay_child", "--config", config.to_json()],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, **extra)


class RelayLifeline:
    def __init__(self, config: RelayConfig, on_event: Callable[[RadioEvent], None], *,
                 respawn: bool = True, ready_timeout_s: float = READY_S) -> None:
        self.config = config
        self.channels = config.channels
        self.safety_timeout_s = config.safety_timeout_s
        self._on_event = on_event
        self._respawn = respawn
        self._lock = threading.Lock()
        self._command_lock = threading.Lock()  # the child answers one command at a time
        self._closing = threading.Event()
        self._next_id = 1
        self._on_air = False
        self._keyed_at = 0.0
        self._connected = False
        self.last_fault: str | None = None

        child = self._child = self._start_child()
        self._thread = threading.Thread(target=self._supervise, args=(child,),
                                        name="radio-lifeline", daemon=True)
        self._thread.start()
        if not child.ready.done.wait(ready_timeout_s):
            self._closing.set()
            child.process.kill()  # it has keyed nothing yet: nothing is left on air
            self._thread.join(EXIT_S)
            raise RelayFault(f"cannot start the relay process: no answer within "
                             f"{ready_timeout_s:g} s", code="lifeline.cannot_start",
                             detail=f"> {ready_timeout_s:g} s")
        reply = child.ready.reply or {}
        if not reply.get("ok"):
            self._closing.set()
            self._thread.join(EXIT_S)
            raise fault_from_plain(reply.get("error") or {})
        self._connected = bool(reply["value"].get("connected"))

    # -- state for the UI -------------------------------------------------------
    @property
    def on_air(self) -> bool:
        return self._on_air

    @property
    def connected(self) -> bool:
        return self._connected

    @property
    def seconds_left(self) -> float | None:
        if not self._on_air:
            return None
        return max(0.0, self._keyed_at + self.safety_timeout_s - time.monotonic())

    @property
    def child_pid(self) -> int | None:
        child = self._child
        return child.process.pid if child is not None else None

    # -- commands -------------------------------------------------------------------
    def start(self) -> None:
        """Key the configured channels in the child. Raises RelayFault as
        OnAirController.start does, its Keyed event delivered first."""
        self._command("start", self.config.command_timeout_s())

    def stop(self) -> None:
        self._command("stop", self.config.command_timeout_s())

    def status(self) -> dict:
        """The child's own view: on_air, connected, seconds_left, last_fault, pid."""
        return self._command("status", self.config.command_timeout_s())

    def close(self) -> None:
        """Have the child force every channel off and exit; waits for it.
        Never raises. Safe to call twice."""
        first = not self._closing.is_set()
        self._closing.set()
        child = self._child
        if first and child is not None and child.process.poll() is None:
            try:
                self._command("close", CLOSE_S, closing=True)
            except RelayFault as exc:
                log.warning("relay process: %s", exc)
            try:
                child.process.stdin.close()  # end of file: it lets go and exits whatever else
            except OSError:
                pass
            try:
                child.process.wait(EXIT_S)
            except subprocess.TimeoutExpired:
                log.error("relay process %s did not exit after letting go; killing it",
                          child.process.pid)
                child.process.kill()
        self._thread.join(EXIT_S + 5)
        self._on_air = self._connected = False

    def __enter__(self) -> RelayLifeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _command(self, op: str, timeout: float, *, closing: bool = False) -> Any:
        if threading.current_thread() is self._thread:
            # Its reply would come through this very thread: hop first, as
            # the window does with to_gui.
            raise RuntimeError(f"an on-air event handler may not call {op}() directly")
        with self._command_lock:
            child = self._child
            if self._closing.is_set() and not closing:
                raise RelayFault("the on-air controller is closed", code="onair.closed")
            if child is None or child.process.poll() is not None:
                raise self._gone(child)
            waiter = _Waiter()
            with self._lock:
                if child.gone:
                    raise self._gone(child)
                number, self._next_id = self._next_id, self._next_id + 1
                child.waiters[number] = waiter
            try:
                child.send({"id": number, "op": op})
            except (OSError, ValueError):  # its stdin is closed: it is gone or going
                with self._lock:
                    child.waiters.pop(number, None)
                raise self._gone(child) from None
            if not waiter.done.wait(timeout):
                with self._lock:
                    child.waiters.pop(number, None)
                raise RelayFault(f"the relay process did not answer {op} within {timeout:g} s",
                                 code="lifeline.no_answer", command=op, timeout=timeout)
        reply = waiter.reply or {}
        if not reply.get("ok"):
            raise fault_from_plain(reply.get("error") or {})
        return reply.get("value")

    @staticmethod
    def _gone(child: _Child | None) -> RelayFault:
        status = child.process.poll() if child is not None else None
        return RelayFault(f"the relay process ended unexpectedly (status {status})",
                          code="lifeline.child_gone", status=status)

    # -- the reader thread ------------------------------------------------------------
    def _start_child(self) -> _Child:
        try:
            return _Child(_spawn(self.config))
        except OSError as exc:
            raise RelayFault(f"cannot start the relay process: {exc}",
                             code="lifeline.cannot_start", detail=str(exc)) from None

    def _supervise(self, child: _Child) -> None:
        respawned = False
        while True:
            self._read(child, respawned)
            try:
                status = child.process.wait(EXIT_S)
            except subprocess.TimeoutExpired:  # stdout closed, yet still running
                child.process.kill()
                status = child.process.wait()
            was_ready = child.ready.done.is_set()
            with self._lock:
                waiters, child.waiters, child.gone = child.waiters, {}, True
            for number, waiter in waiters.items():
                error = self._gone(child) if number else RelayFault(
                    f"cannot start the relay process: it exited with status {status}",
                    code="lifeline.cannot_start", detail=f"status {status}")
                waiter.reply = {"ok": False, "error": fault_to_plain(error)}
                waiter.done.set()
            if self._closing.is_set():
                return
            if was_ready and (self._connected or not respawned):
                # Once per loss: a respawned child that never reached the
                # device adds nothing the window does not already show.
                self._deliver(Fault.of(self._gone(child), was_on_air=self._on_air))
            if not self._respawn:
                return
            child = self._respawn_child(status)
            if child is None:
                return
            respawned = True

    def _respawn_child(self, status: int | None) -> _Child | None:
        for attempt in itertools.count():
            pause = RESPAWN_BACKOFF_S[min(attempt, len(RESPAWN_BACKOFF_S) - 1)]
            if self._closing.wait(pause):
                return None
            try:
                child = self._start_child()
            except RelayFault as exc:
                log.warning("relay process (ended with status %s): %s", status, exc)
                continue
            with self._command_lock:
                if self._closing.is_set():
                    child.process.kill()
                    child.process.wait()
                    return None
                self._child = child
            return child
        return None  # not reached: count() has no end

    def _read(self, child: _Child, respawned: bool) -> None:
        for line in child.process.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                log.warning("relay process wrote a line that is not JSON: %r", line[:200])
                continue
            if "reply" in message:
                self._answer(child, message, respawned)
            elif "event" in message:
                event = event_from_plain(message)
                if event is not None:
                    self._deliver(event)

    def _answer(self, child: _Child, message: dict, respawned: bool) -> None:
        with self._lock:
            waiter = child.waiters.pop(message["reply"], None)
        if waiter is None:
            return  # its asker gave up waiting
        waiter.reply = message
        waiter.done.set()
        if waiter is child.ready and respawned and message.get("ok"):
            value = message.get("value") or {}
            if value.get("connected"):
                # The new child forced every channel off as it opened the port.
                self._deliver(Reconnected(bool(value.get("reports_state"))))

    def _deliver(self, event: RadioEvent) -> None:
        if isinstance(event, Keyed):
            self._keyed_at, self._on_air = time.monotonic(), True
        elif isinstance(event, Released):
            self._on_air = False
        elif isinstance(event, Fault):
            self._on_air = self._connected = False
            self.last_fault = event.message
        elif isinstance(event, Reconnected):
            self._connected, self.last_fault = True, None
        try:
            self._on_event(event)
        except Exception:
            log.exception("on-air event handler failed on %s", event.kind)


def spawn_on_air(settings: Settings,
                 on_event: Callable[[RadioEvent], None]) -> RelayLifeline | None:
    """The desk's on-air sequence as configured, in a relay child process;
    None when no relay is set up."""
    config = RelayConfig.from_settings(settings)
    if config is None:
        return None
    return RelayLifeline(config, on_event)
