"""Sending units to incidents, and everything that touches both at once.

This module owns the operations that span incidents and units: assigning
(and reassigning) a unit, its status changes while it is on an incident,
clearing it, and closing or cancelling an incident (which clears its
units). `dispatch.incidents` and `dispatch.units` each know only their own
table and never import each other.

Two desks may act on the same unit or incident at the same moment (on
PostgreSQL, several desks share one database). Each operation is one
transaction that locks what it changes: the incident's row (`SELECT … FOR
UPDATE` on PostgreSQL; on SQLite every writer already holds the database's
write lock from BEGIN IMMEDIATE), and the unit through a conditional
`UPDATE units … WHERE status = <what this desk saw>`, whose row count
decides. The desk that loses writes nothing and is told, in one line, who
won: "PMK-SEL-1 was just sent to incident 41 by dispatcher Made Wirawan".
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from dispatch.audit import record_audit
from dispatch.enums import IncidentStatus, UnitStatus
from dispatch.errors import IllegalTransition, InvalidInput
from dispatch.eta import EtaProvider
from dispatch.events import ChangeEvent, announce
from dispatch.incidents import (
    OPEN_STATES,
    add_timeline,
    destination_of,
    get_incident,
    is_located,
    set_incident_status,
)
from dispatch.models import Assignment, AuditEntry, Incident, Operator, Unit
from dispatch.permissions import Permission, authorize
from dispatch.recommend import estimate_for_unit
from dispatch.settings import Settings
from dispatch.timeutil import format_wita, utcnow
from dispatch.units import ASSIGNED_STATES, get_unit, is_legal, parse_unit_status, status_label

S = UnitStatus
MAX_REASON = 512
# How an incident ended, for the record and the supervisor's figures.
CLOSE_DISPOSITIONS = ("handled", "referred", "no_action_needed")
CANCEL_DISPOSITIONS = ("false_alarm", "duplicate", "prank", "caller_cancelled")
# A desk that finds a unit sent this recently lost a race for it, as far as
# its operator can tell: say "just sent", and by whom.
JUST_NOW = timedelta(minutes=2)


# ------------------------------------------------------------- assigning

def assign_unit(session: Session, *, incident_id: int, callsign: str, actor: str,
                settings: Settings, provider: EtaProvider | None = None,
                reassign_reason: str | None = None, area: str | None = None) -> Assignment:
    """Send the unit to the incident. A unit already on another incident
    goes only with `reassign_reason` (it leaves that incident, and the
    audit says why); a unit already on this one is refused. An incident
    whose place is still unknown takes a unit only sent to a named `area`
    (a kecamatan, a landmark of the gazetteer) the dispatcher chose."""
    authorize(session, Permission.ASSIGN_UNITS)
    incident = _locked_incident(session, incident_id)
    if incident.status not in OPEN_STATES:
        raise IllegalTransition(f"incident {incident_id} is {incident.status}: "
                                "a unit cannot be sent to it", code="incident.closed",
                                incident=incident_id, status=incident.status)
    destination = destination_of(session, incident, area)
    unit = get_unit(session, callsign)
    current = active_assignment(session, unit)
    if current is not None and current.incident_id == incident.id:
        raise IllegalTransition(f"{unit.callsign} is already on incident {incident.id} "
                                f"(sent {format_wita(current.dispatched_at)})",
                                code="unit.already_on_incident", callsign=unit.callsign,
                                incident=incident.id, at=format_wita(current.dispatched_at))
    reason = (reassign_reason or "").strip()
    if len(reason) > MAX_REASON:
        raise InvalidInput(f"the reason is longer than {MAX_REASON} characters",
                           code="text.too_long", what="reason", limit=MAX_REASON)
    if current is not None:
        if not reason:
            raise _busy(session, unit, current)
        _claim(session, unit, frm=unit.status, to=S.DISPATCHED, actor=actor,
               incident_id=incident.id)
        _close_assignment(session, current, actor, "reassigned", to_incident=incident.id,
                          note=reason)
    else:
        if unit.status is not S.AVAILABLE:
            raise IllegalTransition(f"{unit.callsign} is {status_label(unit.status)}, "
                                    "not available", code="unit.not_available",
                                    callsign=unit.callsign, status=unit.status)
        _claim(session, unit, frm=S.AVAILABLE, to=S.DISPATCHED, actor=actor,
               incident_id=incident.id)
    estimate = estimate_for_unit(session, incident=incident, unit_id=unit.id, settings=settings,
                                 provider=provider, destination=destination)
    now = utcnow()
    assignment = Assignment(incident=incident, unit=unit, assigned_by=actor, dispatched_at=now,
                            eta_s=int(estimate.eta_s) if estimate else None,
                            distance_m=int(estimate.distance_m) if estimate else None)
    session.add(assignment)
    to_area = area is not None and not is_located(incident)
    add_timeline(session, incident, "unit", f"{unit.callsign} dispatched"
                 + (f" to {area} (the place is not known yet)" if to_area else ""), actor,
                 callsign=unit.callsign, step="dispatched", **({"area": area} if to_area else {}))
    if incident.status == IncidentStatus.OPEN:
        set_incident_status(session, incident, IncidentStatus.DISPATCHED, actor)
    session.flush()
    after = {"incident": incident.id, "unit": unit.callsign, "eta_s": assignment.eta_s,
             "distance_m": assignment.distance_m}
    if current is not None:
        after.update(reassigned_from=current.incident_id, reason=reason)
    if area is not None and not is_located(incident):
        after["area"] = area
    record_audit(session, actor=actor,
                 action="incident.reassign" if current is not None else "incident.assign",
                 entity="assignment", entity_id=assignment.id, after=after)
    announce(session, ChangeEvent("assignment", str(assignment.id), "created",
                                  detail={"incident": incident.id, "unit": unit.callsign}))
    return assignment


def active_assignment(session: Session, unit: Unit) -> Assignment | None:
    return session.scalars(select(Assignment).where(Assignment.unit_id == unit.id,
                                                    Assignment.cleared_at.is_(None))
                           .order_by(Assignment.id.desc())).first()


# ------------------------------------------------------ a unit's status

def change_unit_status(session: Session, *, callsign: str, status: UnitStatus | str,
                       actor: str) -> Unit:
    """en_route, on_scene, available ("clear"), out_of_service: with a
    timestamp on the unit's assignment at each step, the incident on scene
    with its first unit there, and the assignment closed on clear."""
    authorize(session, Permission.CHANGE_UNIT_STATUS)
    unit = get_unit(session, callsign)
    target = parse_unit_status(status) if isinstance(status, str) else status
    before = unit.status
    if target == before:
        raise IllegalTransition(f"{unit.callsign} is already {status_label(before)}",
                                code="unit.already", callsign=unit.callsign, status=before)
    if target == S.DISPATCHED:
        raise IllegalTransition(f"{unit.callsign} is dispatched by assigning it to an "
                                "incident (safedesk assign INCIDENT CALLSIGN)",
                                code="unit.dispatch_by_assigning", callsign=unit.callsign)
    if not is_legal(before, target):
        raise IllegalTransition(f"{unit.callsign} cannot go from {status_label(before)} to "
                                f"{status_label(target)}", code="unit.cannot_change",
                                callsign=unit.callsign, before=before, after=target)
    assignment = active_assignment(session, unit)
    incident = None if assignment is None else _locked_incident(session, assignment.incident_id)
    _claim(session, unit, frm=before, to=target, actor=actor,
           incident_id=None if assignment is None else assignment.incident_id)
    if assignment is None:
        return unit
    now = utcnow()
    if target == S.AVAILABLE:
        _close_assignment(session, assignment, actor, "clear")
        return unit
    if target == S.EN_ROUTE:
        assignment.en_route_at = now
    elif target == S.ON_SCENE:
        assignment.on_scene_at = now
        # On scene means at the incident: the map and the ETA should know.
        if is_located(incident):
            unit.lat, unit.lon, unit.position_at = incident.lat, incident.lon, now
        if incident.status in (IncidentStatus.OPEN, IncidentStatus.DISPATCHED):
            set_incident_status(session, incident, IncidentStatus.ON_SCENE, actor)
    add_timeline(session, incident, "unit", f"{unit.callsign} {target}", actor,
                 callsign=unit.callsign, step=str(target))
    return unit


# ------------------------------------------------------ closing incidents

def close_incident(session: Session, *, incident_id: int, actor: str, cancel: bool = False,
                   note: str = "", disposition: str | None = None) -> Incident:
    """Close (or cancel) an incident with its disposition (CLOSE_DISPOSITIONS,
    CANCEL_DISPOSITIONS; by default handled, or false_alarm); its units
    still on it are cleared."""
    authorize(session, Permission.CREATE_INCIDENTS)
    incident = _locked_incident(session, incident_id)
    if incident.status not in OPEN_STATES:
        raise IllegalTransition(f"incident {incident_id} is already {incident.status}",
                                code="incident.closed", incident=incident_id,
                                status=incident.status)
    target = IncidentStatus.CANCELLED if cancel else IncidentStatus.CLOSED
    allowed = CANCEL_DISPOSITIONS if cancel else CLOSE_DISPOSITIONS
    disposition = disposition or allowed[0]
    if disposition not in allowed:
        raise InvalidInput(f"{disposition!r} is not a way to {'cancel' if cancel else 'close'} "
                           f"an incident: one of {', '.join(allowed)}",
                           code="incident.bad_disposition", disposition=disposition)
    if cancel and incident.status == IncidentStatus.ON_SCENE:
        raise IllegalTransition(f"incident {incident_id} has a unit on scene: close it, "
                                "do not cancel it", code="incident.cancel_on_scene",
                                incident=incident_id)
    for assignment in incident.assignments:
        if assignment.cleared_at is None:
            unit = assignment.unit
            if unit.status in ASSIGNED_STATES:
                _claim(session, unit, frm=unit.status, to=S.AVAILABLE, actor=actor,
                       incident_id=incident.id)
            _close_assignment(session, assignment, actor, str(target))
    incident.disposition = disposition
    set_incident_status(session, incident, target, actor, disposition=disposition, note=note)
    return incident


# -------------------------------------------------------------- helpers

def _locked_incident(session: Session, incident_id: int) -> Incident:
    """The incident, its row locked until the transaction ends (PostgreSQL;
    SQLite's writers hold the whole database's lock already)."""
    get_incident(session, incident_id)  # NotFound, one line
    return session.scalars(select(Incident).where(Incident.id == incident_id)
                           .with_for_update().execution_options(populate_existing=True)).one()


def _claim(session: Session, unit: Unit, *, frm: UnitStatus, to: UnitStatus, actor: str,
           incident_id: int | None = None) -> None:
    """Move the unit from `frm` to `to` if it is still `frm`; else another
    desk got there first: nothing written, and the operator told who."""
    now = utcnow()
    moved = session.execute(
        update(Unit.__table__).where(Unit.__table__.c.id == unit.id,
                                     Unit.__table__.c.status == frm)
        .values(status=to, status_since=now)).rowcount
    if moved != 1:
        session.refresh(unit)
        raise _taken(session, unit)
    session.refresh(unit, ["status", "status_since"])
    record_audit(session, actor=actor, action="unit.status", entity="unit",
                 entity_id=unit.callsign, before={"status": frm},
                 after={"status": to, "incident": incident_id})
    announce(session, ChangeEvent("unit", unit.callsign, "status",
                                  detail={"status": str(to), "incident": incident_id}))


def _close_assignment(session: Session, assignment: Assignment, actor: str, reason: str, *,
                      to_incident: int | None = None, note: str = "") -> None:
    """reason: closed, cancelled (the incident was), clear (the unit said so),
    or reassigned (to_incident, with the dispatcher's note why)."""
    assignment.cleared_at = utcnow()
    moved = {"to_incident": to_incident, "note": note} if reason == "reassigned" else {}
    said = f"reassigned to incident {to_incident}: {note}" if moved else reason
    add_timeline(session, assignment.incident, "unit",
                 f"{assignment.unit.callsign} clear ({said})", actor,
                 callsign=assignment.unit.callsign, step="clear", reason=reason, **moved)


def _busy(session: Session, unit: Unit, current: Assignment) -> IllegalTransition:
    """The refusal to send a unit that is on another incident: who sent it,
    and how to move it all the same."""
    by = _who(session, current.assigned_by)
    if utcnow() - current.dispatched_at <= JUST_NOW:
        return IllegalTransition(
            f"{unit.callsign} was just sent to incident {current.incident_id} by {by}; "
            "to send it here instead, reassign it and say why", code="unit.just_sent",
            callsign=unit.callsign, incident=current.incident_id, by=by)
    at = format_wita(current.dispatched_at)
    return IllegalTransition(
        f"{unit.callsign} is on incident {current.incident_id} (sent by {by} {at}); "
        "to send it here instead, reassign it and say why", code="unit.on_other_incident",
        callsign=unit.callsign, incident=current.incident_id, by=by, at=at)


def _taken(session: Session, unit: Unit) -> IllegalTransition:
    """The refusal for the desk that lost a race for `unit`."""
    current = active_assignment(session, unit)
    if unit.status is S.DISPATCHED and current is not None:
        return _busy(session, unit, current)
    changed_by = session.scalar(
        select(AuditEntry.actor).where(AuditEntry.entity == "unit",
                                       AuditEntry.entity_id == unit.callsign,
                                       AuditEntry.action == "unit.status")
        .order_by(AuditEntry.id.desc()).limit(1))
    by = _who(session, changed_by) if changed_by else "another desk"
    if current is not None:
        return IllegalTransition(
            f"{unit.callsign} was just changed to {status_label(unit.status)} on incident "
            f"{current.incident_id} by {by}", code="unit.just_changed_on_incident",
            callsign=unit.callsign, status=unit.status, incident=current.incident_id, by=by)
    return IllegalTransition(
        f"{unit.callsign} was just changed to {status_label(unit.status)} by {by}",
        code="unit.just_changed", callsign=unit.callsign, status=unit.status, by=by)


def _who(session: Session, actor: str) -> str:
    """An actor as operators say it: "dispatcher Made Wirawan"."""
    operator = session.scalar(select(Operator).where(Operator.username == actor))
    if operator is None:
        return actor
    role = str(operator.role).replace("_", "-")
    return f"{role} {operator.full_name or operator.username}"

