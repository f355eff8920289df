"""Plain-data views of one incident, whole, for the detail dock and the
checks made before a unit is sent.

Like ui/snapshots.py: each function runs on a worker thread inside a short
session and returns frozen values the GUI may keep.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch.geocode import KIND_RANK
from dispatch.incidents import get_incident, is_located
from dispatch.models import AuditEntry, Call, GazetteerPlace, Incident, UnitKind
from dispatch.phone import format_for_display
from dispatch.units import get_unit


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor: str
    kind: str  # created, note, corrected, located, report, unit, status
    text: str  # the domain's English, shown as written where `data` is None
    data: dict | None  # the entry's values (dispatch/incidents.py add_timeline)


@dataclass(frozen=True)
class UnitOnIncident:
    callsign: str
    kind_name_id: str
    kind_name_en: str
    status: str  # the unit's status now (its latest assignment's, once cleared: "cleared")
    dispatched_at: datetime
    en_route_at: datetime | None
    on_scene_at: datetime | None
    cleared_at: datetime | None


@dataclass(frozen=True)
class LinkedCall:
    call_id: int
    opened_it: bool  # the call the incident was made from; else a later report
    started_at: datetime
    caller_display: str | None
    caller_name: str | None
    withheld: bool
    status: str


@dataclass(frozen=True)
class IncidentDetail:
    id: int
    type_code: str
    type_name_id: str
    type_name_en: str
    priority: int
    status: str
    disposition: str | None
    lat: float | None
    lon: float | None
    address: str
    notes: str
    caller_number: str | None  # E.164: the number to call back
    caller_display: str | None
    caller_name: str | None
    created_at: datetime
    created_by: str
    closed_at: datetime | None
    units: tuple[UnitOnIncident, ...]
    calls: tuple[LinkedCall, ...]
    timeline: tuple[TimelineEntry, ...]  # oldest first

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def is_open(self) -> bool:
        return self.status in ("open", "dispatched", "on_scene")


@dataclass(frozen=True)
class AssignCheck:
    """What the dispatcher must know before a unit goes: whether the place
    is known, and whether every kind of unit the type needs is on it already."""
    incident_id: int
    callsign: str
    located: bool
    covered_kinds: tuple[tuple[str, str], ...]  # (name_id, name_en); empty unless all covered


def read_incident_detail(session: Session, incident_id: int) -> IncidentDetail:
    incident = get_incident(session, incident_id)
    kinds = {kind.code: kind for kind in session.scalars(select(UnitKind))}
    calls = _linked_calls(session, incident)
    opening = next((call for call in calls if call.opened_it), None)
    caller_display = format_for_display(incident.caller_number) or incident.caller_number
    if caller_display is None and opening is not None and not opening.withheld:
        caller_display = opening.caller_display
    return IncidentDetail(
        id=incident.id, type_code=incident.type_code, type_name_id=incident.type.name_id,
        type_name_en=incident.type.name_en, priority=incident.priority,
        status=str(incident.status), disposition=incident.disposition, lat=incident.lat,
        lon=incident.lon, address=incident.address, notes=incident.notes,
        caller_number=incident.caller_number, caller_display=caller_display,
        caller_name=opening.caller_name if opening is not None else None,
        created_at=incident.created_at, created_by=incident.created_by,
        closed_at=incident.closed_at,
        units=tuple(_unit_on_incident(assignment, kinds)
                    for assignment in sorted(incident.assignments,
                                             key=lambda a: (a.dispatched_at, a.id))),
        calls=calls,
        timeline=tuple(TimelineEntry(event.at, event.actor, event.kind, event.text, event.data)
                       for event in sorted(incident.events, key=lambda e: (e.at, e.id))))


def _unit_on_incident(assignment, kinds: dict[str, UnitKind]) -> UnitOnIncident:
    unit = assignment.unit
    kind = kinds.get(unit.kind_code)
    return UnitOnIncident(
        callsign=unit.callsign, kind_name_id=kind.name_id if kind else unit.kind_code,
        kind_name_en=kind.name_en if kind else unit.kind_code,
        status="cleared" if assignment.cleared_at is not None else str(unit.status),
        dispatched_at=assignment.dispatched_at, en_route_at=assignment.en_route_at,
        on_scene_at=assignment.on_scene_at, cleared_at=assignment.cleared_at)


def _linked_calls(session: Session, incident: Incident) -> tuple[LinkedCall, ...]:
    """The call that opened the incident, then the calls that reported it
    again (their ids are in the audit entries of incident.report)."""
    reported = session.scalars(
        select(AuditEntry.after).where(AuditEntry.entity == "incident",
                                       AuditEntry.entity_id == str(incident.id),
                                       AuditEntry.action == "incident.report")
        .order_by(AuditEntry.id))
    ids = [incident.call_id] if incident.call_id is not None else []
    ids += [after["call_id"] for after in reported
            if after and after.get("call_id") is not None and after["call_id"] not in ids]
    found = {call.id: call for call in session.scalars(select(Call).where(Call.id.in_(ids)))}
    return tuple(LinkedCall(
        call_id=call.id, opened_it=call.id == incident.call_id, started_at=call.started_at,
        caller_display=None if call.caller_withheld else (
            format_for_display(call.caller_number) or call.caller_number),
        caller_name=call.caller_name, withheld=call.caller_withheld, status=str(call.status))
        for call in (found[i] for i in ids if i in found))


def read_assign_check(session: Session, incident_id: int, callsign: str) -> AssignCheck:
    """Read on the writer's worker right before the write, so it sees every
    assignment this desk made a moment ago."""
    incident = get_incident(session, incident_id)
    get_unit(session, callsign)  # an unknown unit: refused here, in one line
    needed = list(incident.type.unit_kinds or ())
    sent = {assignment.unit.kind_code for assignment in incident.assignments
            if assignment.cleared_at is None}
    covered: tuple[tuple[str, str], ...] = ()
    if sent and set(needed) <= sent:
        names = {kind.code: (kind.name_id, kind.name_en)
                 for kind in session.scalars(select(UnitKind))}
        covered = tuple(names.get(code, (code, code)) for code in (needed or sorted(sent)))
    return AssignCheck(incident.id, callsign, is_located(incident), covered)


def read_area_names(session: Session) -> tuple[str, ...]:
    """The gazetteer's places a unit can be sent to while an incident's place
    is unknown: kecamatan first, then desa/kelurahan, then landmarks."""
    rows = session.execute(select(GazetteerPlace.name, GazetteerPlace.kind))
    rank_of: dict[str, int] = {}
    for name, kind in rows:  # a name both a kelurahan and a landmark ranks as the first
        rank_of[name] = min(rank_of.get(name, 99), KIND_RANK.get(kind, 4))
    return tuple(sorted(rank_of, key=lambda name: (rank_of[name], name)))
