"""The numbers a supervisor blocked, held in memory for the SIP thread.

A ringing call must not wait for the database more than the one write
before its 180, so the engine does not look its caller up there: it asks
whether the number is in a frozenset (a lookup of a fraction of a
microsecond), which is read again every REFRESH_EVERY_S, on the call log's
thread, and at once when this process hears of a change of blocks. The
set is replaced whole, never changed in place: the SIP thread reads it
without a lock. A block or a lift made by another process (the supervisor's
window, `safedesk callers block`) is in force here within REFRESH_EVERY_S;
so is the end of a block's time.
"""
from __future__ import annotations

import logging
import threading
import time

from dispatch.block_lookup import blocked_numbers
from dispatch.events import ChangeEvent
from dispatch.storage import Database
from dispatch.timeutil import utcnow

log = logging.getLogger(__name__)
REFRESH_EVERY_S = 2.0


class BlockedNumbers:
    def __init__(self, database: Database, *, refresh_every_s: float = REFRESH_EVERY_S) -> None:
        self.database = database
        self.refresh_every_s = refresh_every_s
        self.numbers: frozenset[str] = frozenset()
        self._due = 0.0              # time.monotonic() of the next refresh
        self._in_flight = False      # a refresh is queued or running
        self._failing = False
        self._refreshed = threading.Condition()
        self._generation = 0         # refreshes done, for whoever waits for one
        self._unsubscribe = None

    def holds(self, number: str | None) -> bool:
        return number is not None and number in self.numbers

    # ----------------------------------------------- the call log's thread

    def load(self) -> None:
        """Read the blocks in force now. When the database cannot answer,
        the desk keeps the numbers it knew (said once in the log)."""
        try:
            with self.database.engine.connect() as connection:
                numbers = blocked_numbers(connection, utcnow())
        except Exception as exc:  # noqa: BLE001 - the phone rings on; blocks wait
            if not self._failing:
                log.warning("softphone: cannot read the blocked numbers (%s); keeping the "
                            "%d known", type(exc).__name__, len(self.numbers))
            self._failing = True
            return
        if self._failing:
            log.info("softphone: blocked numbers read again")
        self._failing = False
        self.numbers = numbers
        self._due = time.monotonic() + self.refresh_every_s
        with self._refreshed:
            self._generation += 1
            self._refreshed.notify_all()

    def refresh(self) -> None:
        try:
            self.load()
        finally:
            self._in_flight = False

    # ------------------------------------------------------ the SIP thread

    def due(self, now: float) -> bool:
        """Whether to queue a refresh now (then it counts as queued)."""
        if self._in_flight or now < self._due:
            return False
        self._in_flight = True
        self._due = now + self.refresh_every_s
        return True

    # ------------------------------------------------------------- others

    def listen_for_changes(self) -> None:
        """Blocks changed through this process's database: refresh at once."""
        if self._unsubscribe is None:
            self._unsubscribe = self.database.bus.subscribe(self._heard)

    def stop_listening(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _heard(self, event: ChangeEvent) -> None:
        if "block" in event.entity:
            self._due = 0.0

    @property
    def generation(self) -> int:
        with self._refreshed:
            return self._generation

    def wait_for_refresh(self, *, after: int, timeout_s: float = 10.0) -> bool:
        """Wait until a refresh later than `after` (a `generation`) is done."""
        deadline = time.monotonic() + timeout_s
        with self._refreshed:
            while self._generation <= after:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._refreshed.wait(remaining)
            return True
