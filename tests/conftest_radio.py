"""Fixtures for the radio tests: socat pty pairs, simulators, event logs.

Loaded with ``pytest_plugins = ["conftest_radio"]`` from the test modules
(tests/ is on sys.path through tests/conftest.py).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from radio.simulator import Simulator
from radio.socat import SocatPair


@pytest.fixture
def socat_pair(tmp_path):
    try:
        pair = SocatPair(tmp_path).plug()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield pair
    pair.unplug()


@pytest.fixture
def simulators():
    """Start simulators through this; every one is stopped at the end."""
    started: list[Simulator] = []

    def start(protocol: str, **kwargs) -> Simulator:
        simulator = Simulator(protocol, **kwargs)
        simulator.start()
        started.append(simulator)
        return simulator

    yield start
    for simulator in started:
        simulator.stop()


class EventLog:
    """Collects OnAirController events; tests wait on it, never sleep."""

    def __init__(self) -> None:
        self.events: list = []
        self._changed = threading.Condition()

    def __call__(self, event) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def kinds(self) -> list[str]:
        with self._changed:
            return [event.kind for event in self.events]

    def wait_for(self, kind: str, timeout: float, after: int = 0,
                 where: Callable[[object], bool] = lambda _e: True):
        """The first event of this kind at index >= after; fails on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for event in self.events[after:]:
                    if event.kind == kind and where(event):
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no {kind!r} event within {timeout} s; "
                                         f"got {[e.kind for e in self.events]}")
                self._changed.wait(left)


@pytest.fixture
def event_log():
    return EventLog()
