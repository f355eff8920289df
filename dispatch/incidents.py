"""Incidents: opened from a call (or by hand), dispatched, closed.

Lifecycle: open → dispatched (first unit assigned) → on_scene (first unit
there) → closed; open or dispatched → cancelled (a false alarm). Closing or
cancelling clears the units still assigned, so none is left tied to it
(dispatch/assignments.py, which owns what touches incidents and units).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch.audit import record_audit
from dispatch.enums import IncidentStatus
from dispatch.errors import DeskError, InvalidInput, NotFound
from dispatch.events import ChangeEvent, announce
from dispatch.geo import check_coordinates, haversine_m
from dispatch.models import Call, Caller, Incident, IncidentEvent, IncidentType
from dispatch.phone import normalise_number
from dispatch.service_area import check_place
from dispatch.timeutil import utcnow

OPEN_STATES = (IncidentStatus.OPEN, IncidentStatus.DISPATCHED, IncidentStatus.ON_SCENE)
MAX_NOTES = 8000
MAX_ADDRESS = 256
# A new incident of the same type this close, this soon, to an open one is
# most likely a second caller reporting the same fire or the same crash.
DUPLICATE_RADIUS_M = 300.0
DUPLICATE_WINDOW = timedelta(minutes=30)


@dataclass(frozen=True)
class DuplicateMatch:
    incident_id: int
    type_code: str
    distance_m: float
    created_at: datetime


class LikelyDuplicate(DeskError):
    """The place and type of a new incident match an open one: the operator
    links the call to it, or says it is a different incident."""

    def __init__(self, matches: list[DuplicateMatch], now: datetime) -> None:
        self.matches = matches
        best = matches[0]
        minutes = max(0, round((now - best.created_at).total_seconds() / 60))
        others = f" (and {len(matches) - 1} more)" if len(matches) > 1 else ""
        super().__init__(
            f"incident {best.incident_id} ({best.type_code}, {best.distance_m:.0f} m away, "
            f"opened {minutes} min ago){others} looks like the same one: add this report to "
            f"it (incidents add-report {best.incident_id}), or open a new incident anyway "
            "(--not-a-duplicate)")


def get_incident(session: Session, incident_id: int) -> Incident:
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound(f"no incident {incident_id}")
    return incident


def get_incident_type(session: Session, code: str) -> IncidentType:
    incident_type = session.get(IncidentType, code)
    if incident_type is None:
        known = ", ".join(session.scalars(select(IncidentType.code).order_by(IncidentType.code)))
        raise NotFound(f"unknown incident type {code!r} "
                       f"(known: {known or 'none — run safedesk init'})")
    return incident_type


def add_timeline(session: Session, incident: Incident, kind: str, text: str, actor: str) -> None:
    incident.events.append(IncidentEvent(at=utcnow(), kind=kind, text=text, actor=actor))


def create_incident(session: Session, *, type_code: str, lat: float, lon: float, actor: str,
                    address: str = "", notes: str = "", caller: str | None = None,
                    priority: int | None = None, call_id: int | None = None,
                    outside_area: bool = False, not_a_duplicate: bool = False) -> Incident:
    """Open an incident. A place outside the service area is refused unless
    `outside_area` (a real call from beyond the border, confirmed); one that
    looks like a second report of an open incident raises LikelyDuplicate
    unless `not_a_duplicate`."""
    incident_type = get_incident_type(session, type_code)
    check_place(session, lat, lon, outside_area=outside_area)  # first: it names swaps
    lat, lon = check_coordinates(lat, lon)
    if priority is None:
        priority = incident_type.default_priority
    if not isinstance(priority, int) or not 1 <= priority <= 5:
        raise InvalidInput("priority must be a whole number from 1 (most urgent) to 5, "
                           f"got {priority!r}")
    if len(address) > MAX_ADDRESS:
        raise InvalidInput(f"address is longer than {MAX_ADDRESS} characters")
    if len(notes) > MAX_NOTES:
        raise InvalidInput(f"notes are longer than {MAX_NOTES} characters")
    caller_number = _caller_number(caller)
    _check_call(session, call_id)
    now = utcnow()
    if not not_a_duplicate:
        matches = likely_duplicates(session, type_code=incident_type.code, lat=lat, lon=lon,
                                    at=now)
        if matches:
            raise LikelyDuplicate(matches, now)
    incident = Incident(type_code=incident_type.code, priority=priority, lat=lat, lon=lon,
                        address=address.strip(), notes=notes.strip(), caller_number=caller_number,
                        call_id=call_id, created_at=now, created_by=actor,
                        status=IncidentStatus.OPEN)
    session.add(incident)
    add_timeline(session, incident, "created", f"{incident_type.code} P{priority}", actor)
    if caller_number:
        _remember_caller_location(session, caller_number, lat, lon, now)
    session.flush()
    record_audit(session, actor=actor, action="incident.create", entity="incident",
                 entity_id=incident.id,
                 after={"type": incident.type_code, "priority": priority, "lat": lat, "lon": lon,
                        "status": incident.status})
    announce(session, ChangeEvent("incident", str(incident.id), "created"))
    return incident


def likely_duplicates(session: Session, *, type_code: str, lat: float, lon: float,
                      at: datetime) -> list[DuplicateMatch]:
    """Open incidents of this type opened within DUPLICATE_WINDOW before `at`
    and DUPLICATE_RADIUS_M of the place, nearest first."""
    rows = session.execute(
        select(Incident.id, Incident.type_code, Incident.lat, Incident.lon, Incident.created_at)
        .where(Incident.type_code == type_code, Incident.status.in_(OPEN_STATES),
               Incident.created_at >= at - DUPLICATE_WINDOW))
    matches = [DuplicateMatch(incident_id, code, haversine_m(lat, lon, i_lat, i_lon), created)
               for incident_id, code, i_lat, i_lon, created in rows]
    return sorted((m for m in matches if m.distance_m <= DUPLICATE_RADIUS_M),
                  key=lambda m: (m.distance_m, m.incident_id))


def add_report(session: Session, *, incident_id: int, actor: str, call_id: int | None = None,
               caller: str | None = None, note: str = "") -> Incident:
    """Another caller reporting an incident already open: their call joins
    its timeline (and their place, the caller's history) instead of a
    duplicate incident that would send a second engine."""
    incident = get_incident(session, incident_id)
    if incident.status not in OPEN_STATES:
        raise InvalidInput(f"incident {incident_id} is {incident.status}: open a new one")
    _check_call(session, call_id)
    if len(note) > MAX_NOTES:
        raise InvalidInput(f"the note is longer than {MAX_NOTES} characters")
    caller_number = _caller_number(caller)
    text = "another report" + (f" (call {call_id})" if call_id is not None else "")
    add_timeline(session, incident, "report", f"{text}: {note.strip()}" if note.strip() else text,
                 actor)
    if caller_number:
        _remember_caller_location(session, caller_number, incident.lat, incident.lon, utcnow())
    record_audit(session, actor=actor, action="incident.report", entity="incident",
                 entity_id=incident.id, after={"call_id": call_id})
    announce(session, ChangeEvent("incident", str(incident.id), "report"))
    return incident


def _caller_number(caller: str | None) -> str | None:
    """The E.164 number of a caller typed in; None for none (or withheld)."""
    if not caller:
        return None
    parsed = normalise_number(caller)
    if parsed.e164 is None and not parsed.withheld:
        raise InvalidInput(f"{caller!r} is not a phone number")
    return parsed.e164


def _check_call(session: Session, call_id: int | None) -> None:
    if call_id is not None and session.get(Call, call_id) is None:
        raise NotFound(f"no call {call_id}")


def _remember_caller_location(session: Session, number: str, lat: float, lon: float, now) -> None:
    """The next call from this number can start from where it was last."""
    caller = session.scalars(select(Caller).where(Caller.number == number)).one_or_none()
    if caller is None:
        caller = Caller(number=number, first_seen_at=now)
        session.add(caller)
    caller.last_lat, caller.last_lon, caller.last_location_at = lat, lon, now


def set_incident_status(session: Session, incident: Incident, status: IncidentStatus,
                        actor: str, note: str = "") -> None:
    before = incident.status
    if before == status:
        return
    incident.status = status
    if status in (IncidentStatus.CLOSED, IncidentStatus.CANCELLED):
        incident.closed_at = utcnow()
    add_timeline(session, incident, "status",
                 f"{before} → {status}" + (f": {note}" if note else ""), actor)
    record_audit(session, actor=actor, action="incident.status", entity="incident",
                 entity_id=incident.id, before={"status": before}, after={"status": status})
    announce(session, ChangeEvent("incident", str(incident.id), "status",
                                  detail={"status": str(status)}))


def list_incidents(session: Session, *, open_only: bool = False) -> list[Incident]:
    query = select(Incident)
    if open_only:
        query = query.where(Incident.status.in_(OPEN_STATES))
    # The board's order: most urgent first, then oldest first.
    return list(session.scalars(query.order_by(Incident.priority, Incident.created_at,
                                               Incident.id)))
