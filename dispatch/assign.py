"""Recommending and assigning units to an incident (the dispatcher's work)."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from dispatch.audit import record_audit
from dispatch.enums import IncidentStatus, UnitStatus
from dispatch.errors import IllegalTransition
from dispatch.eta import EtaProvider, OsrmTableEta, StraightLineEta
from dispatch.events import ChangeEvent, announce
from dispatch.incidents import OPEN_STATES, add_timeline, get_incident, set_incident_status
from dispatch.models import Assignment, Incident, Station, Unit, UnitKind
from dispatch.recommend import Recommendation, UnitCandidate, recommend_units
from dispatch.settings import ETA_DETOUR, OSRM_URL, POSITION_MAX_AGE_S, ROUTING_TIMEOUT_S, Settings
from dispatch.timeutil import as_utc, utcnow
from dispatch.units import _set_status, get_unit


def eta_provider(session: Session, settings: Settings) -> EtaProvider:
    """Offline estimate from each kind's speed; OSRM in front of it when set."""
    speeds = {kind.code: kind.speed_kmh for kind in session.scalars(select(UnitKind))}
    offline = StraightLineEta(speeds, detour_factor=settings.get(ETA_DETOUR))
    url = settings.get(OSRM_URL)
    if url:
        return OsrmTableEta(url, offline, timeout_s=settings.get(ROUTING_TIMEOUT_S))
    return offline


def _candidates(session: Session, units: list[Unit]) -> list[UnitCandidate]:
    return [UnitCandidate(unit_id=unit.id, callsign=unit.callsign, kind=unit.kind_code,
                          station_code=unit.station.code, station_name=unit.station.name,
                          station_lat=unit.station.lat, station_lon=unit.station.lon,
                          position_lat=unit.lat, position_lon=unit.lon,
                          position_at=as_utc(unit.position_at)) for unit in units]


def recommend_for_incident(session: Session, *, incident_id: int, settings: Settings,
                           provider: EtaProvider | None = None, now: datetime | None = None,
                           limit: int | None = None) -> list[Recommendation]:
    incident = get_incident(session, incident_id)
    if incident.status not in OPEN_STATES:
        raise IllegalTransition(f"incident {incident_id} is {incident.status}: nothing to send")
    available = list(session.scalars(
        select(Unit).join(Station).where(Unit.status == UnitStatus.AVAILABLE)
        .options(joinedload(Unit.station))))
    return recommend_units(
        incident_lat=incident.lat, incident_lon=incident.lon,
        needed_kinds=incident.type.unit_kinds or (), candidates=_candidates(session, available),
        provider=provider or eta_provider(session, settings), now=now or utcnow(),
        max_position_age=timedelta(seconds=settings.get(POSITION_MAX_AGE_S)), limit=limit)


def assign_unit(session: Session, *, incident_id: int, callsign: str, actor: str,
                settings: Settings, provider: EtaProvider | None = None) -> Assignment:
    incident: Incident = get_incident(session, incident_id)
    if incident.status not in OPEN_STATES:
        raise IllegalTransition(f"incident {incident_id} is {incident.status}: "
                                "a unit cannot be sent to it")
    unit = get_unit(session, callsign)
    if unit.status != UnitStatus.AVAILABLE:
        raise IllegalTransition(f"unit {unit.callsign} is {unit.status}, not available")
    estimate = _estimate_for(session, incident, unit, settings, provider)
    now = utcnow()
    assignment = Assignment(incident=incident, unit=unit, assigned_by=actor, dispatched_at=now,
                            eta_s=int(estimate.eta_s) if estimate else None,
                            distance_m=int(estimate.distance_m) if estimate else None)
    session.add(assignment)
    _set_status(session, unit, UnitStatus.DISPATCHED, actor, incident.id)
    add_timeline(session, incident, "unit", f"{unit.callsign} dispatched", actor)
    if incident.status == IncidentStatus.OPEN:
        set_incident_status(session, incident, IncidentStatus.DISPATCHED, actor)
    session.flush()
    record_audit(session, actor=actor, action="incident.assign", entity="assignment",
                 entity_id=assignment.id,
                 after={"incident": incident.id, "unit": unit.callsign,
                        "eta_s": assignment.eta_s, "distance_m": assignment.distance_m})
    announce(session, ChangeEvent("assignment", str(assignment.id), "created",
                                  detail={"incident": incident.id, "unit": unit.callsign}))
    return assignment


def _estimate_for(session, incident, unit, settings, provider) -> Recommendation | None:
    ranked = recommend_units(
        incident_lat=incident.lat, incident_lon=incident.lon, needed_kinds=(),
        candidates=_candidates(session, [unit]),
        provider=provider or eta_provider(session, settings), now=utcnow(),
        max_position_age=timedelta(seconds=settings.get(POSITION_MAX_AGE_S)))
    return ranked[0] if ranked else None
