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
from sqlalchemy.orm import Session, joinedload, selectinload

from dispatch import paging
from dispatch.audit import record_audit
from dispatch.call_types import default_call_type
from dispatch.enums import CallType, IncidentStatus
from dispatch.errors import DeskError, IllegalTransition, InvalidInput, NotFound
from dispatch.events import ChangeEvent, announce
from dispatch.geo import check_coordinates, haversine_m
from dispatch.geocode import find_place
from dispatch.kecamatan import kecamatan_of
from dispatch.models import Assignment, Call, Caller, Incident, IncidentEvent, IncidentType
from dispatch.permissions import Permission, authorize
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
            "(--not-a-duplicate)", code="incident.likely_duplicate", incident=best.incident_id,
            type=best.type_code, distance_m=round(best.distance_m), minutes=minutes,
            more=len(matches) - 1)


def get_incident(session: Session, incident_id: int) -> Incident:
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound(f"no incident {incident_id}", code="incident.not_found",
                       incident=incident_id)
    return incident


def get_incident_type(session: Session, code: str) -> IncidentType:
    incident_type = session.get(IncidentType, code)
    if incident_type is None:
        known = ", ".join(session.scalars(select(IncidentType.code).order_by(IncidentType.code)))
        raise NotFound(f"unknown incident type {code!r} "
                       f"(known: {known or 'none — run safedesk init'})",
                       code="incident.unknown_type", type=code)
    return incident_type


def add_timeline(session: Session, incident: Incident, kind: str, text: str, actor: str,
                 **data) -> None:
    """One entry on the incident's timeline: `text` in English for the log
    and the command line, and `data`, the same facts as plain JSON values,
    for a reader that says them in its own language (the window). A note
    has no values: its text is the operator's own words.

    created: type, priority, place_unknown; corrected, located: changes
    ([field, before, after], ...); report: call_id, note; unit: callsign,
    step (dispatched, en_route, on_scene, clear, ...), area (sent to a named
    area before the place is known), reason (of a clear: closed, cancelled,
    clear, or reassigned with to_incident and note); status: before, after,
    disposition, note."""
    incident.events.append(IncidentEvent(at=utcnow(), kind=kind, text=text, actor=actor,
                                         data=data or None))


def create_incident(session: Session, *, type_code: str, lat: float | None,
                    lon: float | None, actor: str, address: str = "", notes: str = "",
                    caller: str | None = None, priority: int | None = None,
                    call_id: int | None = None, outside_area: bool = False,
                    not_a_duplicate: bool = False) -> Incident:
    """Open an incident. Its place may be unknown (both coordinates None: a
    caller who cannot say where they are); it is located later and cannot
    be dispatched before (dispatch/assignments.py). A place outside the
    service area is refused unless `outside_area` (a real call from beyond
    the border, confirmed); one that looks like a second report of an open
    incident raises LikelyDuplicate unless `not_a_duplicate`."""
    authorize(session, Permission.CREATE_INCIDENTS)
    incident_type = get_incident_type(session, type_code)
    lat, lon = _place(session, lat, lon, outside_area)
    priority = _priority(incident_type.default_priority if priority is None else priority)
    address = _text(address, MAX_ADDRESS, "address")
    notes = _text(notes, MAX_NOTES, "notes")
    caller_number = _caller_number(caller)
    _check_call(session, call_id)
    now = utcnow()
    if not not_a_duplicate and lat is not None:
        matches = likely_duplicates(session, type_code=incident_type.code, lat=lat, lon=lon,
                                    at=now)
        if matches:
            raise LikelyDuplicate(matches, now)
    incident = Incident(type_code=incident_type.code, priority=priority, lat=lat, lon=lon,
                        address=address, notes=notes, caller_number=caller_number,
                        call_id=call_id, created_at=now, created_by=actor,
                        status=IncidentStatus.OPEN, kecamatan=kecamatan_of(session, lat, lon))
    session.add(incident)
    add_timeline(session, incident, "created", f"{incident_type.code} P{priority}"
                 + ("" if lat is not None else " (place unknown)"), actor,
                 type=incident_type.code, priority=priority, place_unknown=lat is None)
    if caller_number and lat is not None:
        _remember_caller_location(session, caller_number, lat, lon, now)
    session.flush()
    record_audit(session, actor=actor, action="incident.create", entity="incident",
                 entity_id=incident.id,
                 after={"type": incident.type_code, "priority": priority, "lat": lat, "lon": lon,
                        "status": incident.status})
    announce(session, ChangeEvent("incident", str(incident.id), "created"))
    default_call_type(session, call_id=call_id, call_type=CallType.EMERGENCY, actor=actor)
    return incident


def is_located(incident: Incident) -> bool:
    return incident.lat is not None and incident.lon is not None


def destination_of(session: Session, incident: Incident,
                   area: str | None = None) -> tuple[float, float]:
    """Where units go for the incident: its place, or while that is not
    known, the named area the dispatcher chose (a gazetteer place)."""
    if is_located(incident):
        return incident.lat, incident.lon
    if not (area or "").strip():
        raise IllegalTransition(
            f"incident {incident.id} has no place yet: locate it first, or send the unit to "
            "a named area (--area)", code="incident.unlocated", incident=incident.id)
    place = find_place(session, area)
    if place is None:
        raise NotFound(f"no place called {area!r} in the gazetteer", code="place.unknown_area",
                       area=area)
    return place.lat, place.lon


def correct_incident(session: Session, *, incident_id: int, actor: str,
                     type_code: str | None = None, priority: int | None = None,
                     lat: float | None = None, lon: float | None = None,
                     address: str | None = None, outside_area: bool = False) -> Incident:
    """Correct what the call-taker got wrong or could not know: the type,
    the priority, the place (locating an incident saved without one), the
    address. Each change is audited before → after and on the timeline."""
    authorize(session, Permission.CREATE_INCIDENTS)
    incident = _open_incident(session, incident_id)
    before: dict = {}
    after: dict = {}

    def change(field: str, value) -> None:
        if value != getattr(incident, field):
            before[field], after[field] = getattr(incident, field), value
            setattr(incident, field, value)

    if type_code is not None:
        change("type_code", get_incident_type(session, type_code).code)
    if priority is not None:
        change("priority", _priority(priority))
    if (lat is None) != (lon is None):
        raise InvalidInput("give both latitude and longitude", code="place.both_coordinates")
    if lat is not None:
        lat, lon = _place(session, lat, lon, outside_area)
        change("lat", lat)
        change("lon", lon)
        incident.kecamatan = kecamatan_of(session, lat, lon)  # derived: not audited
        if incident.caller_number:
            _remember_caller_location(session, incident.caller_number, lat, lon, utcnow())
    if address is not None:
        change("address", _text(address, MAX_ADDRESS, "address"))
    if not after:
        raise InvalidInput(f"incident {incident_id}: nothing to change",
                           code="incident.nothing_to_change", incident=incident_id)
    located = "lat" in after and before.get("lat") is None
    text = ("located: " if located else "corrected: ") + ", ".join(
        f"{field} {before[field]} → {after[field]}" for field in after)
    add_timeline(session, incident, "located" if located else "corrected", text, actor,
                 changes=[[field, before[field], after[field]] for field in after])
    record_audit(session, actor=actor, action="incident.correct", entity="incident",
                 entity_id=incident.id, before=before, after=after)
    announce(session, ChangeEvent("incident", str(incident.id), "updated"))
    return incident


def add_note(session: Session, *, incident_id: int, text: str, actor: str) -> Incident:
    """A note on the incident's timeline, timestamped and signed: what a
    caller added, what a unit radioed."""
    authorize(session, Permission.CREATE_INCIDENTS)
    incident = get_incident(session, incident_id)
    text = _text(text, MAX_NOTES, "note")
    if not text:
        raise InvalidInput("the note is empty", code="incident.empty_note")
    add_timeline(session, incident, "note", text, actor)
    record_audit(session, actor=actor, action="incident.note", entity="incident",
                 entity_id=incident.id, after={"length": len(text)})
    announce(session, ChangeEvent("incident", str(incident.id), "note"))
    return incident


def _open_incident(session: Session, incident_id: int) -> Incident:
    incident = get_incident(session, incident_id)
    if incident.status not in OPEN_STATES:
        raise InvalidInput(f"incident {incident_id} is {incident.status}: it can no longer be "
                           "changed", code="incident.closed", incident=incident_id,
                           status=incident.status)
    return incident


def _place(session: Session, lat: float | None, lon: float | None,
           outside_area: bool) -> tuple[float | None, float | None]:
    if lat is None and lon is None:
        return None, None
    if lat is None or lon is None:
        raise InvalidInput("give both latitude and longitude, or neither (place unknown)",
                           code="place.both_coordinates")
    check_place(session, lat, lon, outside_area=outside_area)  # first: it names swaps
    return check_coordinates(lat, lon)


def _priority(priority) -> int:
    if not isinstance(priority, int) or isinstance(priority, bool) or not 1 <= priority <= 5:
        raise InvalidInput("priority must be a whole number from 1 (most urgent) to 5, "
                           f"got {priority!r}", code="incident.bad_priority", priority=priority)
    return priority


def _text(value: str | None, limit: int, what: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInput(f"{what} is longer than {limit} characters", code="text.too_long",
                           what=what, limit=limit)
    return value


def likely_duplicates(session: Session, *, type_code: str, lat: float, lon: float,
                      at: datetime) -> list[DuplicateMatch]:
    """Open incidents of this type opened within DUPLICATE_WINDOW before `at`
    and DUPLICATE_RADIUS_M of the place, nearest first."""
    rows = session.execute(
        select(Incident.id, Incident.type_code, Incident.lat, Incident.lon, Incident.created_at)
        .where(Incident.type_code == type_code, Incident.status.in_(OPEN_STATES),
               Incident.lat.is_not(None),
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
    authorize(session, Permission.CREATE_INCIDENTS)
    incident = _open_incident(session, incident_id)
    _check_call(session, call_id)
    note = _text(note, MAX_NOTES, "note")
    caller_number = _caller_number(caller)
    text = "another report" + (f" (call {call_id})" if call_id is not None else "")
    add_timeline(session, incident, "report", f"{text}: {note}" if note else text, actor,
                 call_id=call_id, note=note)
    if caller_number and is_located(incident):
        _remember_caller_location(session, caller_number, incident.lat, incident.lon, utcnow())
    record_audit(session, actor=actor, action="incident.report", entity="incident",
                 entity_id=incident.id, after={"call_id": call_id})
    announce(session, ChangeEvent("incident", str(incident.id), "report"))
    default_call_type(session, call_id=call_id, call_type=CallType.EMERGENCY, actor=actor)
    return incident


def _caller_number(caller: str | None) -> str | None:
    """The E.164 number of a caller typed in; None for none (or withheld)."""
    if not caller:
        return None
    parsed = normalise_number(caller)
    if parsed.e164 is None and not parsed.withheld:
        raise InvalidInput(f"{caller!r} is not a phone number", code="phone.not_a_number",
                           number=caller)
    return parsed.e164


def _check_call(session: Session, call_id: int | None) -> None:
    if call_id is not None and session.get(Call, call_id) is None:
        raise NotFound(f"no call {call_id}", code="call.not_found", call=call_id)


def _remember_caller_location(session: Session, number: str, lat: float, lon: float, now) -> None:
    """The next call from this number can start from where it was last."""
    caller = session.scalars(select(Caller).where(Caller.number == number)).one_or_none()
    if caller is None:
        caller = Caller(number=number, first_seen_at=now)
        session.add(caller)
    caller.last_lat, caller.last_lon, caller.last_location_at = lat, lon, now


def set_incident_status(session: Session, incident: Incident, status: IncidentStatus,
                        actor: str, *, disposition: str | None = None, note: str = "") -> None:
    before = incident.status
    if before == status:
        return
    incident.status = status
    if status in (IncidentStatus.CLOSED, IncidentStatus.CANCELLED):
        incident.closed_at = utcnow()
    why = ": ".join(part for part in (disposition, note) if part)
    add_timeline(session, incident, "status", f"{before} → {status}" + (f": {why}" if why else ""),
                 actor, before=str(before), after=str(status), disposition=disposition,
                 note=note)
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


def _incidents_matching(open_only: bool, closed_only: bool):
    # What incident_to_dict reads, loaded with the rows rather than one query each.
    query = select(Incident).options(
        joinedload(Incident.type),
        selectinload(Incident.assignments).joinedload(Assignment.unit))
    if open_only:
        query = query.where(Incident.status.in_(OPEN_STATES))
    if closed_only:
        query = query.where(Incident.status.not_in(OPEN_STATES))
    return query


def incidents_page(session: Session, *, open_only: bool = False, closed_only: bool = False,
                   limit: int = paging.DEFAULT_LIMIT,
                   before: int | None = None) -> paging.Page[Incident]:
    """Newest first, `limit` incidents with an id below `before` (dispatch/paging.py)."""
    return paging.newest_page(session, _incidents_matching(open_only, closed_only), Incident.id,
                              limit=limit, before=before)


def stream_incidents(session: Session, *, open_only: bool = False, before: int | None = None):
    """Every (open) incident, newest first, in constant memory (dispatch/paging.py)."""
    return paging.stream_newest(session, _incidents_matching(open_only, False), Incident.id,
                                before=before)
