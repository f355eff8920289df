"""The three sections of the figures (calls, incidents, complaints), each a
handful of aggregate queries over indexed columns (see dispatch/stats.py for
what each figure means). Nothing here loads a call, incident or complaint:
only counts per group and duration histograms come back.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from dispatch.call_types import NUISANCE_TYPES
from dispatch.complaints import OPEN_STATES
from dispatch.enums import CallDirection, CallStatus, CallType, ComplaintStatus
from dispatch.models import (
    Agency,
    Assignment,
    Call,
    CallerBlock,
    Complaint,
    ComplaintEvent,
    Incident,
    Line,
    Station,
    Unit,
)
from dispatch.stats_sql import Histogram, bucket_of, duration_ms, wita_hour

ANSWER_BUCKET_MS = 100        # answer times to the tenth of a second
RESPONSE_BUCKET_MS = 1_000    # response and handling times to the second
WITHIN_15S_MS = 15_000
WITHIN_20S_MS = 20_000
WITHIN_15MIN_MS = 15 * 60_000
FIRST_RESPONSE_DAYS = 3
SETTLED_DAYS = 5
SETTLED_STATES = (ComplaintStatus.RESOLVED, ComplaintStatus.REJECTED)


@dataclass(frozen=True)
class Scope:
    """The period and the filters, resolved to ids the columns hold."""
    start: datetime
    end: datetime
    line_id: int | None = None
    call_type: CallType | None = None
    kecamatan: str | None = None
    agency_id: int | None = None

    @property
    def through_call(self) -> bool:
        return self.line_id is not None or self.call_type is not None

    def call_conditions(self, call=Call) -> list:
        """The call-side filters (line and type), on `call` (Call or an alias)."""
        conditions = []
        if self.line_id is not None:
            conditions.append(call.line_id == self.line_id)
        if self.call_type is not None:
            conditions.append(call.classification == self.call_type)
        return conditions


def _not_nuisance():
    return or_(Call.classification.is_(None), Call.classification.notin_(NUISANCE_TYPES))


def _blocked_when_called():
    """The engine marked the call blocked: its number was blocked when it
    came in (telephony/intake.py writes identity_headers["blocked"])."""
    return Call.identity_headers["blocked"].as_boolean()


# ------------------------------------------------------------------ calls

def calls_section(session: Session, scope: Scope) -> dict:
    where = [Call.direction == CallDirection.INBOUND, Call.started_at >= scope.start,
             Call.started_at < scope.end, *scope.call_conditions()]
    if scope.kecamatan is not None:  # calls that became an incident there
        where.append(Call.id.in_(select(Incident.call_id).where(
            Incident.kecamatan == scope.kecamatan)))
    if scope.agency_id is not None:  # calls that became a ticket for that agency
        where.append(Call.id.in_(select(Complaint.call_id).where(
            Complaint.agency_id == scope.agency_id)))
    # One pass over the period's calls, grouped by everything the counts
    # split on: a few hundred groups come back, never a call.
    any_block = session.scalar(select(CallerBlock.id).where(
        CallerBlock.blocked_at < scope.end, CallerBlock.blocked_until > scope.start).limit(1))
    answered_flag = case((Call.answered_at.is_not(None), 1), else_=0).label("answered")
    hour = wita_hour(session, Call.started_at).label("hour")
    groups = [Line.display, Call.classification, hour, Call.status, answered_flag]
    # A call is marked blocked only while a block exists: a period that no
    # block overlaps skips reading every call's identity for the mark.
    if any_block is not None:
        groups.append(case((_blocked_when_called(), 1), else_=0).label("blocked"))
    total = answered = blocked = 0
    unanswered = {CallStatus.ABANDONED: 0, CallStatus.TIMED_OUT: 0, CallStatus.REJECTED: 0}
    by_line: dict[str, int] = {}
    by_classification = {kind.value: 0 for kind in CallType} | {"unclassified": 0}
    by_hour = [0] * 24
    for row in session.execute(select(*groups, func.count()).select_from(Call)
                               .outerjoin(Line, Line.id == Call.line_id).where(*where)
                               .group_by(*groups)):
        display, kind, at_hour, status, was_answered = row[:5]
        was_blocked, n = (row[5], row[6]) if any_block is not None else (0, row[5])
        total += n
        by_line[display or "unknown"] = by_line.get(display or "unknown", 0) + n
        by_classification[kind.value if kind is not None else "unclassified"] += n
        by_hour[int(at_hour)] += n
        if was_blocked:
            blocked += n
        elif was_answered:
            answered += n
        elif status in unanswered:
            unanswered[status] += n
    abandoned, timed_out, rejected = unanswered.values()

    # What centres publish: answered calls, prank, ghost and blocked left out.
    waited = duration_ms(session, Call.answered_at, Call.started_at)
    bucket = bucket_of(waited, ANSWER_BUCKET_MS).label("bucket")
    answer = Histogram(session.execute(
        select(bucket, func.count()).where(
            *where, Call.answered_at.is_not(None), _not_nuisance(),
            *([] if any_block is None else [or_(_blocked_when_called().is_(None),
                                                 ~_blocked_when_called())])).group_by(bucket)),
        ANSWER_BUCKET_MS)
    return {
        "total": total, "answered": answered,
        "unanswered": {"total": abandoned + timed_out + rejected + blocked,
                       "abandoned": abandoned, "timed_out": timed_out, "rejected": rejected,
                       "blocked": blocked},
        "by_line": by_line, "by_classification": by_classification,
        "answer_time_s": {"n": answer.total, "p50": answer.percentile_s(0.5),
                          "p90": answer.percentile_s(0.9)},
        "answered_within_15s": answer.share_within(WITHIN_15S_MS),
        "answered_within_20s": answer.share_within(WITHIN_20S_MS),
        "by_hour": by_hour,
    }


# -------------------------------------------------------------- incidents

def _incident_conditions(scope: Scope) -> list:
    where = [Incident.created_at >= scope.start, Incident.created_at < scope.end]
    if scope.kecamatan is not None:
        where.append(Incident.kecamatan == scope.kecamatan)
    if scope.through_call:  # incidents made from a call on that line / of that type
        source = aliased(Call)  # an alias: some queries below join Call themselves
        where.append(exists(select(source.id).where(source.id == Incident.call_id,
                                                    *scope.call_conditions(source))))
    return where


def _not_from_nuisance_call():
    source = aliased(Call)
    return ~exists(select(source.id).where(source.id == Incident.call_id,
                                           source.classification.in_(NUISANCE_TYPES)))


def incidents_section(session: Session, scope: Scope) -> dict:
    where = _incident_conditions(scope)
    by_type: dict[str, int] = {}
    by_priority: dict[str, int] = {}
    by_kecamatan: dict[str, int] = {}
    for type_code, priority, kecamatan, n in session.execute(
            select(Incident.type_code, Incident.priority, Incident.kecamatan, func.count())
            .where(*where).group_by(Incident.type_code, Incident.priority, Incident.kecamatan)):
        by_type[type_code] = by_type.get(type_code, 0) + n
        by_priority[str(priority)] = by_priority.get(str(priority), 0) + n
        place = kecamatan or "unknown"
        by_kecamatan[place] = by_kecamatan.get(place, 0) + n
    counted = where + [_not_from_nuisance_call()]

    first_assigned = (select(func.min(Assignment.dispatched_at))
                      .where(Assignment.incident_id == Incident.id).scalar_subquery())
    to_assignment = (select(duration_ms(session, first_assigned, Call.answered_at).label("d"))
                     .select_from(Incident).join(Call, Call.id == Incident.call_id)
                     .where(*counted, Call.answered_at.is_not(None)).subquery())
    assignment = _histogram(session, to_assignment.c.d, None)[None]

    first_on_scene = (select(func.min(Assignment.on_scene_at))
                      .where(Assignment.incident_id == Incident.id).scalar_subquery())
    to_scene = (select(duration_ms(session, first_on_scene, Incident.created_at).label("d"))
                .where(*counted).subquery())
    on_scene = _histogram(session, to_scene.c.d, None)[None]
    return {
        "total": sum(by_type.values()), "by_type": by_type, "by_priority": by_priority,
        "by_kecamatan": by_kecamatan,
        "answer_to_first_assignment_s": {"n": assignment.total,
                                         "p50": assignment.percentile_s(0.5),
                                         "p90": assignment.percentile_s(0.9)},
        "created_to_first_on_scene_s": {"n": on_scene.total, "p50": on_scene.percentile_s(0.5),
                                        "p90": on_scene.percentile_s(0.9)},
        "on_scene_within_15min": on_scene.share_within(WITHIN_15MIN_MS),
        "by_unit_kind": _on_scene_by(session, counted, Unit.kind_code),
        "by_station": _on_scene_by(session, counted, Station.code),
    }


def _on_scene_by(session: Session, counted: list, group) -> dict:
    """Per unit kind (or station): incident created → the first unit of that
    kind (or station) on scene."""
    per_incident = (select(group.label("g"), duration_ms(
        session, func.min(Assignment.on_scene_at), Incident.created_at).label("d"))
        .select_from(Assignment).join(Incident, Incident.id == Assignment.incident_id)
        .join(Unit, Unit.id == Assignment.unit_id).join(Station, Station.id == Unit.station_id)
        .where(*counted, Assignment.on_scene_at.is_not(None))
        .group_by(Incident.id, Incident.created_at, group).subquery())
    histograms = _histogram(session, per_incident.c.d, per_incident.c.g)
    return {name: {"n": h.total, "p50": h.percentile_s(0.5), "p90": h.percentile_s(0.9),
                   "within_15min": h.share_within(WITHIN_15MIN_MS)}
            for name, h in sorted(histograms.items())}


def _histogram(session: Session, duration, group) -> dict:
    """{group value: Histogram} of a subquery's duration column (one group,
    None, when `group` is None)."""
    bucket = bucket_of(duration, RESPONSE_BUCKET_MS).label("bucket")
    columns = [bucket, func.count()] if group is None else [group, bucket, func.count()]
    query = select(*columns).where(duration.is_not(None))
    query = query.group_by(bucket) if group is None else query.group_by(group, bucket)
    rows: dict = {None: []} if group is None else {}
    for row in session.execute(query):
        key, value = (None, row[:2]) if group is None else (row[0], row[1:])
        rows.setdefault(key, []).append(tuple(value))
    return {key: Histogram(values, RESPONSE_BUCKET_MS) for key, values in rows.items()}


# ------------------------------------------------------------- complaints

def _complaint_conditions(scope: Scope) -> list:
    where = []
    if scope.agency_id is not None:
        where.append(Complaint.agency_id == scope.agency_id)
    if scope.through_call:  # tickets made from a call on that line / of that type
        source = aliased(Call)
        where.append(exists(select(source.id).where(source.id == Complaint.call_id,
                                                    *scope.call_conditions(source))))
    return where


def complaints_section(session: Session, scope: Scope, now: datetime) -> dict:
    filtered = _complaint_conditions(scope)
    where = [Complaint.created_at >= scope.start, Complaint.created_at < scope.end, *filtered]
    by_category: dict[str, int] = {}
    by_agency: dict[str, int] = {}
    by_status = {status.value: 0 for status in ComplaintStatus}
    for category, agency, status, n in session.execute(
            select(Complaint.category_code, Agency.code, Complaint.status, func.count())
            .join(Agency, Agency.id == Complaint.agency_id).where(*where)
            .group_by(Complaint.category_code, Agency.code, Complaint.status)):
        by_category[category] = by_category.get(category, 0) + n
        by_agency[agency] = by_agency.get(agency, 0) + n
        by_status[status.value] += n

    # Per ticket, its first change after "received" and its settling, in one
    # grouped pass over its history (a grouped subquery is computed once,
    # where correlated ones would be re-run for each use below).
    history = (select(Complaint.created_at.label("created"),
                      func.min(case((ComplaintEvent.from_status.is_not(None), ComplaintEvent.at)))
                      .label("responded_at"),
                      func.min(case((ComplaintEvent.to_status.in_(SETTLED_STATES),
                                     ComplaintEvent.at))).label("settled_at"))
               .join(ComplaintEvent, ComplaintEvent.complaint_id == Complaint.id)
               .where(*where).group_by(Complaint.id, Complaint.created_at).subquery())
    timed = select(history.c.created,
                   duration_ms(session, history.c.responded_at, history.c.created)
                   .label("response"),
                   duration_ms(session, history.c.settled_at, history.c.created).label("settled")
                   ).subquery()
    respond_by = FIRST_RESPONSE_DAYS * 86_400_000
    settle_by = SETTLED_DAYS * 86_400_000
    # A ticket still inside its time, with nothing done yet, is neither in
    # time nor late: it waits out of the share until it is one or the other.
    row = session.execute(select(
        _count(and_(timed.c.response.is_not(None), timed.c.response <= respond_by)),
        _count(or_(timed.c.response.is_not(None),
                   timed.c.created <= now - timedelta(days=FIRST_RESPONSE_DAYS))),
        _count(and_(timed.c.settled.is_not(None), timed.c.settled <= settle_by)),
        _count(or_(timed.c.settled.is_not(None),
                   timed.c.created <= now - timedelta(days=SETTLED_DAYS))))).one()
    responded, due_response, settled_in_time, due_settled = (int(n) for n in row)
    overdue = session.scalar(select(func.count()).select_from(Complaint).where(
        Complaint.status.in_(OPEN_STATES), Complaint.due_at < now, *filtered))
    return {
        "received": sum(by_category.values()), "by_category": by_category,
        "by_agency": by_agency, "by_status": by_status,
        "first_response_within_3d": responded / due_response if due_response else None,
        "settled_within_5d": settled_in_time / due_settled if due_settled else None,
        "judged": {"first_response": due_response, "settled": due_settled},
        "overdue_now": int(overdue or 0),
    }


def _count(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)
