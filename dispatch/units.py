"""Units and their status machine.

    available ──assign──▶ dispatched ──▶ en_route ──▶ on_scene
        ▲  │                  │              │            │
        │  └▶ out_of_service  └──────────────┴────────────┴──▶ available ("clear")

A unit is dispatched only through an assignment (it needs an incident);
going back to available clears the unit's assignment with a timestamp.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from dispatch.audit import record_audit
from dispatch.enums import IncidentStatus, UnitStatus
from dispatch.errors import IllegalTransition, InvalidInput, NotFound
from dispatch.events import ChangeEvent, announce
from dispatch.geo import check_coordinates
from dispatch.models import Assignment, Station, Unit
from dispatch.timeutil import utcnow

S = UnitStatus
LEGAL_TRANSITIONS: dict[UnitStatus, frozenset[UnitStatus]] = {
    S.AVAILABLE: frozenset({S.DISPATCHED, S.OUT_OF_SERVICE}),
    S.DISPATCHED: frozenset({S.EN_ROUTE, S.ON_SCENE, S.AVAILABLE}),
    S.EN_ROUTE: frozenset({S.ON_SCENE, S.AVAILABLE}),
    S.ON_SCENE: frozenset({S.AVAILABLE}),
    S.OUT_OF_SERVICE: frozenset({S.AVAILABLE}),
}
ASSIGNED_STATES = frozenset({S.DISPATCHED, S.EN_ROUTE, S.ON_SCENE})
_ALIASES = {"clear": S.AVAILABLE, "cleared": S.AVAILABLE, "oos": S.OUT_OF_SERVICE}


def parse_unit_status(text: str) -> UnitStatus:
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    return _ALIASES.get(key) or UnitStatus.parse(key)


def is_legal(before: UnitStatus, after: UnitStatus) -> bool:
    return after in LEGAL_TRANSITIONS[before]


def get_unit(session: Session, callsign: str) -> Unit:
    unit = session.scalars(select(Unit).where(Unit.callsign == callsign.strip().upper())
                           .options(joinedload(Unit.station))).one_or_none()
    if unit is None:
        unit = session.scalars(select(Unit).where(Unit.callsign == callsign.strip())).one_or_none()
    if unit is None:
        raise NotFound(f"unknown unit {callsign!r}")
    return unit


def list_units(session: Session) -> list[Unit]:
    return list(session.scalars(select(Unit).join(Station)
                                .options(joinedload(Unit.station))
                                .order_by(Station.code, Unit.callsign)))


def active_assignment(session: Session, unit: Unit) -> Assignment | None:
    return session.scalars(select(Assignment).where(Assignment.unit_id == unit.id,
                                                    Assignment.cleared_at.is_(None))
                           .order_by(Assignment.id.desc())).first()


def _set_status(session: Session, unit: Unit, status: UnitStatus, actor: str,
                incident_id: int | None = None) -> None:
    before = unit.status
    unit.status = status
    unit.status_since = utcnow()
    record_audit(session, actor=actor, action="unit.status", entity="unit", entity_id=unit.callsign,
                 before={"status": before}, after={"status": status, "incident": incident_id})
    announce(session, ChangeEvent("unit", unit.callsign, "status",
                                  detail={"status": str(status), "incident": incident_id}))


def clear_assignment(session: Session, assignment: Assignment, actor: str,
                     reason: str = "clear") -> None:
    from dispatch.incidents import add_timeline
    assignment.cleared_at = utcnow()
    unit = assignment.unit
    add_timeline(session, assignment.incident, "unit", f"{unit.callsign} clear ({reason})", actor)
    if unit.status != S.AVAILABLE:
        _set_status(session, unit, S.AVAILABLE, actor, assignment.incident_id)


def change_unit_status(session: Session, *, callsign: str, status: UnitStatus | str,
                       actor: str) -> Unit:
    from dispatch.incidents import add_timeline, set_incident_status
    unit = get_unit(session, callsign)
    target = parse_unit_status(status) if isinstance(status, str) else status
    before = unit.status
    if target == before:
        raise IllegalTransition(f"unit {unit.callsign} is already {before}")
    if target == S.DISPATCHED:
        raise IllegalTransition(f"unit {unit.callsign} is dispatched by assigning it to an "
                                "incident (safedesk assign INCIDENT CALLSIGN)")
    if not is_legal(before, target):
        raise IllegalTransition(f"unit {unit.callsign} cannot go from {before} to {target}")
    assignment = active_assignment(session, unit)
    if target == S.AVAILABLE and assignment is not None:
        clear_assignment(session, assignment, actor)
        return unit
    _set_status(session, unit, target, actor, assignment.incident_id if assignment else None)
    if assignment is not None:
        now = utcnow()
        incident = assignment.incident
        if target == S.EN_ROUTE:
            assignment.en_route_at = now
        elif target == S.ON_SCENE:
            assignment.on_scene_at = now
            # On scene means at the incident: the map and the ETA should know.
            unit.lat, unit.lon, unit.position_at = incident.lat, incident.lon, now
            if incident.status in (IncidentStatus.OPEN, IncidentStatus.DISPATCHED):
                set_incident_status(session, incident, IncidentStatus.ON_SCENE, actor)
        add_timeline(session, incident, "unit", f"{unit.callsign} {target}", actor)
    return unit


def report_position(session: Session, *, callsign: str, lat: float, lon: float,
                    at: datetime | None = None, actor: str = "avl") -> Unit:
    unit = get_unit(session, callsign)
    lat, lon = check_coordinates(lat, lon)
    at = at or utcnow()
    if at.tzinfo is None:
        raise InvalidInput("position time must carry a time zone")
    unit.lat, unit.lon, unit.position_at = lat, lon, at
    announce(session, ChangeEvent("unit", unit.callsign, "position",
                                  detail={"lat": lat, "lon": lon}))
    return unit
