"""The on-air sequence: key the studio relay for a reading, release it after.

No Qt here; the UI wraps it. Rules, all of them tested:

- On construction and on ``close()`` every channel of the device is forced
  off; on ``start()`` the configured channels are keyed and read back.
- A safety timeout releases them if nobody presses "Off air".
- A monitor thread checks the device while it is connected. A device that
  vanishes, goes silent or reports another state is reported at once
  (``Fault``), then reopened with backoff; on reconnect every channel is
  forced off (``Reconnected``). The desk never re-keys by itself: after a
  fault the reading is off air until somebody presses "On air" again.
- Events are plain dataclasses given to ``on_event`` from whichever thread
  noticed them (the caller's, or the monitor's), in order, and never while
  the controller's lock is held, so a handler may call back in.
"""
from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import ClassVar

from radio.drivers.base import RelayDriver, RelayFault

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RadioEvent:
    kind: ClassVar[str] = "event"
    at: float = field(default_factory=time.time, kw_only=True)

    def to_dict(self) -> dict:
        return {"event": self.kind, **asdict(self)}


@dataclass(frozen=True)
class Keyed(RadioEvent):
    kind: ClassVar[str] = "keyed"
    channels: tuple[int, ...]
    verified: bool  # read back from the device, not just commanded


@dataclass(frozen=True)
class Released(RadioEvent):
    kind: ClassVar[str] = "released"
    channels: tuple[int, ...]
    verified: bool
    reason: str  # "stop", "timeout" or "close"


@dataclass(frozen=True)
class Fault(RadioEvent):
    """``message`` is the English line (log, command line); ``code`` and
    ``params`` name the fault for the window, as a DeskError's do."""
    kind: ClassVar[str] = "fault"
    message: str
    was_on_air: bool
    code: str = field(default="", kw_only=True)
    params: dict = field(default_factory=dict, kw_only=True)

    @classmethod
    def of(cls, error: RelayFault, *, was_on_air: bool) -> Fault:
        return cls(str(error), was_on_air=was_on_air, code=error.code, params=dict(error.params))


@dataclass(frozen=True)
class Reconnected(RadioEvent):
    kind: ClassVar[str] = "reconnected"
    verified: bool  # every channel read back off


@dataclass(frozen=True)
class SafetyTimeout(RadioEvent):
    kind: ClassVar[str] = "timeout"
    after_s: float


class OnAirController:
    def __init__(self, driver_factory: Callable[[], RelayDriver], channels: Sequence[int],
                 safety_timeout_s: float, on_event: Callable[[RadioEvent], None], *,
                 poll_interval_s: float = 1.0, retry_initial_s: float = 0.25,
                 retry_max_s: float = 5.0) -> None:
        if not channels:
            raise RelayFault("no relay channels configured for on air", code="onair.no_channels")
        if safety_timeout_s <= 0:
            raise RelayFault("the on-air safety timeout must be positive",
                             code="onair.bad_timeout", seconds=safety_timeout_s)
        self._factory = driver_factory
        self.channels = tuple(channels)
        self.safety_timeout_s = float(safety_timeout_s)
        self._on_event = on_event
        self._poll_s = poll_interval_s
        self._retry_initial_s, self._retry_max_s = retry_initial_s, retry_max_s

        self._lock = threading.Lock()
        self._emit_lock = threading.RLock()
        self._pending: list[RadioEvent] = []
        self._dead: list[RelayDriver] = []  # closed after their fault is reported
        self._wake = threading.Event()
        self._closing = threading.Event()
        self._closed = False

        self._driver: RelayDriver | None = None
        self._on_air = False
        self._deadline = 0.0
        self._next_probe = 0.0
        self._retry_s = retry_initial_s
        self._next_retry = 0.0
        self.last_fault: str | None = None
        self.last_fault_error: RelayFault | None = None  # last_fault with its code

        driver = self._open(first=True)
        with self._lock:
            self._driver = driver
            self._next_probe = time.monotonic() + self._poll_s
        self._flush()
        self._thread = threading.Thread(target=self._monitor, name="radio-onair", daemon=True)
        self._thread.start()

    # -- state for the UI ---------------------------------------------------
    @property
    def on_air(self) -> bool:
        return self._on_air

    @property
    def connected(self) -> bool:
        return self._driver is not None

    @property
    def seconds_left(self) -> float | None:
        return max(0.0, self._deadline - time.monotonic()) if self._on_air else None

    # -- commands -------------------------------------------------------------
    def start(self) -> None:
        """Key the configured channels, each read back where the device can.
        Raises RelayFault (after reporting it) if that cannot be done; the
        channels are then forced off or the device is being reconnected."""
        try:
            with self._lock:
                if self._closed:
                    raise RelayFault("the on-air controller is closed", code="onair.closed")
                driver = self._driver
                if driver is None:
                    raise RelayFault(f"relay not connected: {self.last_fault}",
                                     code="relay.not_connected",
                                     fault=self.last_fault_error or self.last_fault)
                try:
                    for channel in self.channels:
                        driver.set(channel, True)
                except RelayFault as exc:
                    self._fault(exc)
                    raise
                self._on_air = True
                self._deadline = time.monotonic() + self.safety_timeout_s
                self._next_probe = time.monotonic() + self._poll_s
                self._pending.append(Keyed(self.channels, driver.reports_state))
            self._wake.set()
        finally:
            self._flush()

    def stop(self) -> None:
        """Release the configured channels. Raises RelayFault (after
        reporting it) if the release could not be confirmed; the device is
        then reconnected and forced off as soon as it answers."""
        try:
            with self._lock:
                if self._closed:
                    return
                if self._driver is None:
                    self._on_air = False
                    raise RelayFault(f"relay not connected ({self.last_fault}); its channels "
                                     "will be forced off as soon as it answers again",
                                     code="relay.not_connected_off_later",
                                     fault=self.last_fault_error or self.last_fault)
                self._release("stop")
        finally:
            self._flush()

    def close(self) -> None:
        """Force every channel off and let go of the port. Never raises."""
        self._closing.set()
        self._wake.set()
        self._thread.join(timeout=10)
        with self._lock:
            if not self._closed:
                self._closed = True
                self._shut_down()
        self._flush()

    def __enter__(self) -> OnAirController:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- under the lock ---------------------------------------------------------
    def _shut_down(self) -> None:
        driver, was_on_air = self._driver, self._on_air
        self._on_air = False
        self._driver = None
        if driver is None:
            if was_on_air or self.last_fault:
                self._pending.append(Fault("relay not connected at exit; its channels could "
                                           "not be forced off", was_on_air=was_on_air,
                                           code="relay.not_connected_at_exit"))
            return
        try:
            driver.all_off()
            if was_on_air:
                self._pending.append(Released(self.channels, driver.reports_state, "close"))
        except RelayFault as exc:
            self._remember(exc)
            self._pending.append(Fault.of(exc, was_on_air=was_on_air))
        self._dead.append(driver)

    def _release(self, reason: str) -> None:
        driver, was_on_air = self._driver, self._on_air
        self._on_air = False
        try:
            for channel in self.channels:
                driver.set(channel, False)
        except RelayFault as exc:
            self._fault(exc, was_on_air=was_on_air)
            if reason == "stop":
                raise
            return
        self._pending.append(Released(self.channels, driver.reports_state, reason))

    def _fault(self, exc: RelayFault, *, was_on_air: bool | None = None) -> None:
        """Report, try to leave the channels off, drop the port, reconnect."""
        self._remember(exc)
        self._pending.append(Fault.of(exc, was_on_air=self._on_air if was_on_air is None
                                      else was_on_air))
        self._on_air = False
        driver, self._driver = self._driver, None
        if driver is not None:
            if not exc.link_lost:
                try:
                    driver.all_off()  # it still talks (e.g. a mismatch): use that
                except RelayFault:
                    pass  # the reconnect forces them off once the device is back
            self._dead.append(driver)
        self._retry_s = self._retry_initial_s
        self._next_retry = time.monotonic() + self._retry_s
        self._wake.set()

    def _check(self) -> float:
        """One round of the monitor while connected; returns how long it may
        sleep, or 0 to go round again at once."""
        now = time.monotonic()
        if self._on_air and now >= self._deadline:
            self._pending.append(SafetyTimeout(self.safety_timeout_s))
            self._release("timeout")
            return 0.0
        if now >= self._next_probe:
            self._next_probe = now + self._poll_s
            try:
                states = self._driver.probe(self.channels)
            except RelayFault as exc:
                self._fault(exc)
                return 0.0
            if states is not None:
                wrong = [c for c in self.channels if states.get(c) is not self._on_air]
                if wrong:
                    state = "off" if self._on_air else "on"
                    self._fault(RelayFault(f"relay {wrong[0]} reads {state} behind the desk's "
                                           "back", code="relay.changed_behind",
                                           channel=wrong[0], got=state))
                    return 0.0
        until = self._next_probe
        if self._on_air:
            until = min(until, self._deadline)
        return until - time.monotonic()

    # -- without the lock -----------------------------------------------------------
    def _open(self, *, first: bool) -> RelayDriver | None:
        """Open the device and force every channel off. Runs without the lock,
        since opening may wait on the network; nobody else sees the driver
        until it is published."""
        try:
            driver = self._factory()
        except RelayFault as exc:
            self._open_failed(exc, first)
            return None
        try:
            driver.all_off()
        except RelayFault as exc:
            driver.close()
            self._open_failed(exc, first)
            return None
        return driver

    def _open_failed(self, exc: RelayFault, first: bool) -> None:
        with self._lock:
            self._remember(exc)
            if first:
                # Reported once; the retries that follow stay quiet until one works.
                self._pending.append(Fault.of(exc, was_on_air=False))
            else:
                self._retry_s = min(self._retry_s * 2, self._retry_max_s)
            self._next_retry = time.monotonic() + self._retry_s

    def _reconnect(self) -> None:
        driver = self._open(first=False)
        if driver is None:
            return
        with self._lock:
            if self._closed or self._closing.is_set() or self._driver is not None:
                self._dead.append(driver)
                return
            self._driver = driver
            self._retry_s = self._retry_initial_s
            self._next_probe = time.monotonic() + self._poll_s
            self.last_fault = self.last_fault_error = None
            self._pending.append(Reconnected(driver.reports_state))

    def _remember(self, exc: RelayFault) -> None:
        # A copy, without the traceback that would keep the dead port's frames alive.
        self.last_fault, self.last_fault_error = str(exc), copy.copy(exc)

    def _monitor(self) -> None:
        while not self._closing.is_set():
            reconnect = False
            with self._lock:
                if self._closed:
                    return
                try:
                    if self._driver is None:
                        wait = self._next_retry - time.monotonic()
                        reconnect = wait <= 0
                    else:
                        wait = self._check()
                except Exception:  # a bug must not silently end the watch
                    log.exception("on-air monitor")
                    wait = self._poll_s
            if reconnect:
                self._reconnect()
                wait = 0.0
            self._flush()
            if wait > 0:
                self._wake.wait(wait)
            self._wake.clear()

    def _flush(self) -> None:
        """Hand out pending events in order, then close dead ports (slow on
        socket://, which pyserial closes with a 0.3 s pause) so that no event
        waits for them."""
        with self._emit_lock:
            with self._lock:
                events, self._pending = self._pending, []
                dead, self._dead = self._dead, []
            for event in events:
                try:
                    self._on_event(event)
                except Exception:
                    log.exception("on-air event handler failed on %s", event.kind)
            for driver in dead:
                driver.close()
