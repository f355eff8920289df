"""Plain-data views of the database for the window's panels.

Every function here runs on the worker thread inside a short session and
returns frozen values, so nothing the GUI holds can lazy-load from a closed
session or be touched by two threads.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch.caller_blocks import PrankPolicy, blocked_numbers, flagged_numbers
from dispatch.calls import callback_list, caller_history, list_calls
from dispatch.enums import CallDirection, CallStatus
from dispatch.incidents import incidents_page, list_incidents
from dispatch.models import Assignment, Call, Caller, IncidentType, Line, Station, UnitKind
from dispatch.paging import MAX_LIMIT
from dispatch.phone import format_for_display, normalise_number
from dispatch.units import list_units


@dataclass(frozen=True)
class IncidentRow:
    id: int
    type_code: str
    type_name_id: str
    type_name_en: str
    priority: int
    status: str
    address: str
    lat: float | None  # None while the place is not known (the caller could not say)
    lon: float | None
    created_at: datetime
    units: tuple[str, ...]
    caller_number: str | None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class UnitRow:
    callsign: str
    kind: str
    kind_name_id: str
    kind_name_en: str
    station_code: str
    station_name: str
    status: str
    status_since: datetime
    incident_id: int | None
    lat: float  # the last position, or the station's when none is known
    lon: float


@dataclass(frozen=True)
class CallRow:
    id: int
    sip_call_id: str | None
    caller_number: str | None
    caller_display: str | None  # national format, or None when withheld/unknown
    caller_name: str | None
    withheld: bool
    line: str
    started_at: datetime
    status: str
    callback_note: str | None = None
    classification: str | None = None  # the call's type (dispatch/call_types.py)
    # Ringing: prank/ghost calls from this number within prank.window_days,
    # when at least prank.flag_after (else 0); and the end of a block on it.
    nuisance: int = 0
    blocked_until: datetime | None = None


@dataclass(frozen=True)
class IncidentTypeChoice:
    code: str
    name_id: str
    name_en: str
    default_priority: int


@dataclass(frozen=True)
class BoardSnapshot:
    incidents: tuple[IncidentRow, ...]  # every open one: never paged, never dropped
    units: tuple[UnitRow, ...]
    # The board's history below the open ones: the newest finished (closed or
    # cancelled) incidents, as many as it asked for; `more_finished`: older exist.
    finished: tuple[IncidentRow, ...] = ()
    more_finished: bool = False


@dataclass(frozen=True)
class CallsSnapshot:
    ringing: tuple[CallRow, ...]
    callbacks: tuple[CallRow, ...]
    # E.164 → "emergency" / "complaints": the panel opens the form that fits the line.
    line_purposes: dict[str, str] = field(default_factory=dict)
    line_displays: dict[str, str] = field(default_factory=dict)  # E.164 → as the centre writes it
    # Ringing calls from a blocked number: shown apart, below, never hidden.
    blocked: tuple[CallRow, ...] = ()
    types: dict[int, str] = field(default_factory=dict)  # call id → type, of the calls asked about


@dataclass(frozen=True)
class StationPoint:
    code: str
    name: str
    lat: float
    lon: float


def read_boards(session: Session, finished: int = 0) -> BoardSnapshot:
    """Every unit and every open incident, and the newest `finished` finished
    incidents (the board's "load more"): the read never grows with the years
    of closed incidents behind them."""
    kinds = {kind.code: kind for kind in session.scalars(select(UnitKind))}
    types = {kind.code: kind for kind in session.scalars(select(IncidentType))}
    active = list(session.scalars(select(Assignment).where(Assignment.cleared_at.is_(None))))
    incident_of_unit = {a.unit_id: a.incident_id for a in active}
    units_of_incident: dict[int, list[int]] = {}
    for assignment in active:
        units_of_incident.setdefault(assignment.incident_id, []).append(assignment.unit_id)
    units = []
    callsign_of: dict[int, str] = {}
    for unit in list_units(session):
        callsign_of[unit.id] = unit.callsign
        kind = kinds.get(unit.kind_code)
        has_position = unit.lat is not None and unit.lon is not None
        units.append(UnitRow(
            callsign=unit.callsign, kind=unit.kind_code,
            kind_name_id=kind.name_id if kind else unit.kind_code,
            kind_name_en=kind.name_en if kind else unit.kind_code,
            station_code=unit.station.code, station_name=unit.station.name,
            status=str(unit.status), status_since=unit.status_since,
            incident_id=incident_of_unit.get(unit.id),
            lat=unit.lat if has_position else unit.station.lat,
            lon=unit.lon if has_position else unit.station.lon))
    def row(incident) -> IncidentRow:
        kind = types.get(incident.type_code)
        return IncidentRow(
            id=incident.id, type_code=incident.type_code,
            type_name_id=kind.name_id if kind else incident.type_code,
            type_name_en=kind.name_en if kind else incident.type_code,
            priority=incident.priority, status=str(incident.status), address=incident.address,
            lat=incident.lat, lon=incident.lon, created_at=incident.created_at,
            units=tuple(callsign_of.get(u, "?") for u in units_of_incident.get(incident.id, ())),
            caller_number=incident.caller_number)
    incidents = [row(incident) for incident in list_incidents(session, open_only=True)]
    # One row more than shown (at least one) tells whether "load more" has more.
    history = incidents_page(session, closed_only=True, limit=min(finished + 1, MAX_LIMIT))
    return BoardSnapshot(tuple(incidents), tuple(units),
                         tuple(row(incident) for incident in history.rows[:finished]),
                         len(history.rows) > finished or history.next_before is not None)


def _call_row(call, lines: dict[int, str]) -> CallRow:
    return CallRow(id=call.id, sip_call_id=call.sip_call_id, caller_number=call.caller_number,
                   caller_display=format_for_display(call.caller_number),
                   caller_name=call.caller_name, withheld=call.caller_withheld,
                   line=lines.get(call.line_id, "") if call.line_id else "",
                   started_at=call.started_at, status=str(call.status),
                   callback_note=call.callback_note,
                   classification=str(call.classification) if call.classification else None)


def read_calls(session: Session, *, policy: PrankPolicy | None = None,
               known_call_ids: tuple[int, ...] = ()) -> CallsSnapshot:
    """The ringing calls (flagged or blocked by their number's record),
    the callback list, and the types of `known_call_ids` (the calls the
    panel lists from the phone's events)."""
    all_lines = list(session.scalars(select(Line)))
    lines = {line.id: line.display for line in all_lines}
    ringing = [call for call in list_calls(session, status=CallStatus.RINGING)
               if call.direction is CallDirection.INBOUND]
    numbers = [call.caller_number for call in ringing if call.caller_number]
    flagged = flagged_numbers(session, numbers, policy=policy or PrankPolicy())
    blocked = blocked_numbers(session, numbers)
    rows = [replace(_call_row(call, lines), nuisance=flagged.get(call.caller_number, 0),
                    blocked_until=blocked.get(call.caller_number)) for call in ringing]
    types = {}
    if known_call_ids:
        query = select(Call.id, Call.classification).where(Call.id.in_(known_call_ids),
                                                           Call.classification.is_not(None))
        types = {call_id: str(kind) for call_id, kind in session.execute(query)}
    return CallsSnapshot(tuple(row for row in rows if row.blocked_until is None),
                         tuple(_call_row(call, lines) for call in callback_list(session)),
                         {line.number: str(line.purpose) for line in all_lines},
                         {line.number: line.display for line in all_lines},
                         blocked=tuple(row for row in rows if row.blocked_until is not None),
                         types=types)


def read_call(session: Session, call_id: int) -> CallRow | None:
    call = session.get(Call, call_id)
    if call is None:
        return None
    lines = {line.id: line.display for line in session.scalars(select(Line))}
    return _call_row(call, lines)


def read_incident_types(session: Session) -> tuple[IncidentTypeChoice, ...]:
    rows = session.scalars(select(IncidentType).order_by(IncidentType.default_priority,
                                                         IncidentType.name_id))
    return tuple(IncidentTypeChoice(t.code, t.name_id, t.name_en, t.default_priority)
                 for t in rows)


def read_stations(session: Session) -> tuple[StationPoint, ...]:
    return tuple(StationPoint(s.code, s.name, s.lat, s.lon)
                 for s in session.scalars(select(Station).order_by(Station.code)))


def read_history(session: Session, number: str, exclude_call_id: int | None):
    if not normalise_number(number).e164:
        return ()
    return tuple(caller_history(session, number, exclude_call_id=exclude_call_id, limit=30))


def read_caller_location(session: Session, number: str) -> tuple[float, float, datetime] | None:
    e164 = normalise_number(number).e164
    if not e164:
        return None
    caller = session.scalar(select(Caller).where(Caller.number == e164))
    if caller is None or caller.last_lat is None or caller.last_lon is None:
        return None
    return caller.last_lat, caller.last_lon, caller.last_location_at
