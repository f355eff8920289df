"""Change events: every change of state is announced once it is committed.

Operations call :func:`announce` inside their session; the events travel
only when the transaction commits (a rolled-back change announces nothing).
In-process subscribers (the window, the softphone's log) get them from
:class:`EventBus`; other desks get them through PostgreSQL NOTIFY, which is
transactional in the same way.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from dispatch.timeutil import iso_utc, utcnow

log = logging.getLogger(__name__)
NOTIFY_CHANNEL = "safedesk_changes"
ORIGIN_KEY = "safedesk_origin"  # session.info: which Database (desk) made the change
_PENDING = "safedesk_pending_events"


@dataclass(frozen=True)
class ChangeEvent:
    entity: str  # call, incident, unit, assignment, complaint, bulletin, seed, ...
    entity_id: str
    action: str  # created, status, assigned, updated, ...
    at: datetime = field(default_factory=utcnow)
    detail: dict = field(default_factory=dict)  # plain values only, no personal data
    origin: str = ""  # the Database that committed it: its own listener skips it

    def to_json(self) -> str:
        data = asdict(self)
        data["at"] = iso_utc(self.at)
        return json.dumps(data, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, payload: str) -> ChangeEvent:
        data = json.loads(payload)
        data["at"] = datetime.fromisoformat(data["at"])
        return cls(**data)


Subscriber = Callable[[ChangeEvent], None]


class EventBus:
    """Fan-out to subscribers; a failing subscriber is logged, never fatal,
    because a broken panel must not stop the softphone from logging calls."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)
        return unsubscribe

    def publish(self, events: list[ChangeEvent]) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for event in events:
            for subscriber in subscribers:
                try:
                    subscriber(event)
                except Exception:  # noqa: BLE001 - isolate subscribers from each other
                    log.exception("event subscriber failed on %s %s", event.entity, event.action)


def announce(session: Session, event: ChangeEvent) -> None:
    if not event.origin:
        event = dataclasses.replace(event, origin=session.info.get(ORIGIN_KEY, ""))
    session.info.setdefault(_PENDING, []).append(event)
    if session.get_bind().dialect.name == "postgresql":
        # NOTIFY inside the transaction is delivered only if it commits.
        session.execute(text("SELECT pg_notify(:channel, :payload)"),
                        {"channel": NOTIFY_CHANNEL, "payload": event.to_json()})


def take_pending(session: Session) -> list[ChangeEvent]:
    return session.info.pop(_PENDING, [])


def drop_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)
