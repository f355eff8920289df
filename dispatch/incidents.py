"""Incidents: opened from a call (or by hand), dispatched, closed.

Lifecycle: open → dispatched (first unit assigned) → on_scene (first unit
there) → closed; open or dispatched → cancelled (a false alarm). Closing or
cancelling clears the units still assigned, so none is left tied to it.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch.audit import record_audit
from dispatch.enums import IncidentStatus
from dispatch.errors import IllegalTransition, InvalidInput, NotFound
from dispatch.events import ChangeEvent, announce
from dispatch.geo import check_coordinates
from dispatch.models import Call, Caller, Incident, IncidentEvent, IncidentType
from dispatch.phone import normalise_number
from dispatch.timeutil import utcnow

OPEN_STATES = (IncidentStatus.OPEN, IncidentStatus.DISPATCHED, IncidentStatus.ON_SCENE)
MAX_NOTES = 8000
MAX_ADDRESS = 256


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
                    priority: int | None = None, call_id: int | None = None) -> Incident:
    incident_type = get_incident_type(session, type_code)
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
    caller_number = None
    if caller:
        parsed = normalise_number(caller)
        if parsed.e164 is None and not parsed.withheld:
            raise InvalidInput(f"{caller!r} is not a phone number")
        caller_number = parsed.e164
    if call_id is not None and session.get(Call, call_id) is None:
        raise NotFound(f"no call {call_id}")
    now = utcnow()
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


def close_incident(session: Session, *, incident_id: int, actor: str, cancel: bool = False,
                   note: str = "") -> Incident:
    from dispatch.units import clear_assignment  # circular: units clear incidents' assignments
    incident = get_incident(session, incident_id)
    if incident.status not in OPEN_STATES:
        raise IllegalTransition(f"incident {incident_id} is already {incident.status}")
    target = IncidentStatus.CANCELLED if cancel else IncidentStatus.CLOSED
    if cancel and incident.status == IncidentStatus.ON_SCENE:
        raise IllegalTransition(f"incident {incident_id} has a unit on scene: close it, "
                                "do not cancel it")
    for assignment in incident.assignments:
        if assignment.cleared_at is None:
            clear_assignment(session, assignment, actor, reason=str(target))
    set_incident_status(session, incident, target, actor, note)
    return incident


def list_incidents(session: Session, *, open_only: bool = False) -> list[Incident]:
    query = select(Incident)
    if open_only:
        query = query.where(Incident.status.in_(OPEN_STATES))
    # The board's order: most urgent first, then oldest first.
    return list(session.scalars(query.order_by(Incident.priority, Incident.created_at,
                                               Incident.id)))
