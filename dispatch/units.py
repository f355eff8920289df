"""Units and their status machine.

    available ──assign──▶ dispatched ──▶ en_route ──▶ on_scene
        ▲  │                  │              │            │
        │  └▶ out_of_service  └──────────────┴────────────┴──▶ available ("clear")

A unit is dispatched only through an assignment (it needs an incident);
going back to available clears the unit's assignment with a timestamp.
The operations that move a unit on an incident live in
dispatch/assignments.py, with the incident's; this module knows the unit alone.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from dispatch.enums import UnitStatus
from dispatch.errors import InvalidInput, NotFound
from dispatch.events import ChangeEvent, announce
from dispatch.geo import check_coordinates
from dispatch.models import Station, Unit
from dispatch.permissions import Permission, authorize
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
        raise NotFound(f"unknown unit {callsign!r}", code="unit.not_found", callsign=callsign)
    return unit


def list_units(session: Session) -> list[Unit]:
    return list(session.scalars(select(Unit).join(Station)
                                .options(joinedload(Unit.station))
                                .order_by(Station.code, Unit.callsign)))


def status_label(status: UnitStatus) -> str:
    """A status as a sentence says it: "on scene", "out of service"."""
    return str(status).replace("_", " ")


def report_position(session: Session, *, callsign: str, lat: float, lon: float,
                    at: datetime | None = None, actor: str = "avl") -> Unit:
    authorize(session, Permission.CHANGE_UNIT_STATUS)
    unit = get_unit(session, callsign)
    lat, lon = check_coordinates(lat, lon)
    at = at or utcnow()
    if at.tzinfo is None:
        raise InvalidInput("position time must carry a time zone", code="time.no_zone")
    unit.lat, unit.lon, unit.position_at = lat, lon, at
    announce(session, ChangeEvent("unit", unit.callsign, "position",
                                  detail={"lat": lat, "lon": lon}))
    return unit
