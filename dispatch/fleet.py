"""The unit table as numpy arrays, for ranking thousands of units at once.

A `Fleet` holds, per unit, what the nearest-unit ranking reads: id,
callsign, kind, station and its place, last reported position and its time,
status and the incident the unit is on; and a speed per kind. It is loaded
with one Core SELECT (units joined with their stations, no ORM objects) plus
the small unit_kinds table, or built from `UnitCandidate`s for the pure
functions and their tests.

The window keeps one Fleet and calls `refresh(session, unit_ids=...)` when
units change; a command builds one and drops it. Each load or refresh
replaces one immutable `FleetSnapshot` in a single assignment, so a ranking
that runs on another thread reads one consistent table from start to end.
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np
from sqlalchemy import String, select, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from dispatch.enums import UnitStatus
from dispatch.models import Assignment, Station, Unit, UnitKind

# Status codes are positions in this tuple.
UNIT_STATUSES: tuple[str, ...] = tuple(status.value for status in UnitStatus)
STATUS_CODES: dict[str, int] = {status: code for code, status in enumerate(UNIT_STATUSES)}
AVAILABLE = STATUS_CODES[UnitStatus.AVAILABLE.value]
NO_INCIDENT = -1  # assigned_incident_id of a unit on no incident


@dataclass(frozen=True, eq=False)
class FleetSnapshot:
    """Per-unit columns, all of one length and in one order; never changed once built.

    A position is usable when `position_valid` (coordinates present and on
    the globe); whether it is fresh enough depends on the moment of asking.
    """

    unit_id: np.ndarray  # int64
    callsign: np.ndarray  # str (numpy unicode): sorts as Python sorts str
    kind: np.ndarray  # int: index into `kinds`
    station_code: np.ndarray  # object (str)
    station_name: np.ndarray  # object (str)
    station_lat: np.ndarray  # float64
    station_lon: np.ndarray  # float64
    position_lat: np.ndarray  # float64, NaN when none
    position_lon: np.ndarray  # float64, NaN when none
    position_at: np.ndarray  # float64 seconds since the epoch (UTC), NaN when none
    position_valid: np.ndarray  # bool: a position is there and on the globe
    station_valid: np.ndarray  # bool: the station's coordinates are on the globe
    status: np.ndarray  # int8: index into UNIT_STATUSES
    assigned_incident_id: np.ndarray  # int64, NO_INCIDENT when on none
    kinds: tuple[str, ...]
    speed_kmh: np.ndarray  # float64 per kind, NaN when the table does not say
    # What rankings work out from these columns and can reuse while the
    # snapshot lives (rows of the wanted kinds, starting points in radians,
    # inverse speeds): a snapshot never changes, so neither do they.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for column in vars(self).values():
            if isinstance(column, np.ndarray):
                column.flags.writeable = False

    def __len__(self) -> int:
        return len(self.unit_id)


def _on_the_globe(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    # In-range tests, so NaN (no position) is never on the globe.
    return (lat >= -90.0) & (lat <= 90.0) & (lon >= -180.0) & (lon <= 180.0)


class Fleet:
    """The units as arrays; `snapshot` is the current table."""

    def __init__(self, snapshot: FleetSnapshot) -> None:
        self.snapshot = snapshot

    def __len__(self) -> int:
        return len(self.snapshot)

    @property
    def speeds_kmh(self) -> dict[str, float]:
        """The speed of each kind the unit_kinds table gives one for."""
        snapshot = self.snapshot
        return {
            kind: speed
            for kind, speed in zip(snapshot.kinds, snapshot.speed_kmh.tolist())
            if not np.isnan(speed)
        }

    # ---- building

    @classmethod
    def from_candidates(
        cls,
        candidates: Sequence,
        *,
        statuses: Sequence[str] | None = None,
        assigned_incident_ids: Sequence[int | None] | None = None,
    ) -> Fleet:
        """A fleet of `UnitCandidate`s, in their order: available and on no
        incident unless `statuses` / `assigned_incident_ids` say otherwise
        (one per candidate). Kinds get no speed: the ETA provider has them."""
        count = len(candidates)
        if statuses is None:
            statuses = [UnitStatus.AVAILABLE.value] * count
        if assigned_incident_ids is None:
            assigned_incident_ids = [None] * count
        if len(statuses) != count or len(assigned_incident_ids) != count:
            raise ValueError("statuses and assigned_incident_ids need one entry per candidate")
        kinds = tuple(dict.fromkeys(candidate.kind for candidate in candidates))
        return cls(_snapshot(
            unit_id=[c.unit_id for c in candidates],
            callsign=[c.callsign for c in candidates],
            kind=[c.kind for c in candidates],
            station_code=[c.station_code for c in candidates],
            station_name=[c.station_name for c in candidates],
            station_lat=[c.station_lat for c in candidates],
            station_lon=[c.station_lon for c in candidates],
            position_lat=[c.position_lat for c in candidates],
            position_lon=[c.position_lon for c in candidates],
            position_at=[_epoch_s(c.position_at) for c in candidates],
            status=[str(status) for status in statuses],
            assigned_incident_id=assigned_incident_ids,
            kinds=kinds,
            speed_kmh=[np.nan] * len(kinds),
        ))

    @classmethod
    def load(cls, session, *, unit_ids: Collection[int] | None = None) -> Fleet:
        """Every unit in the database (or only `unit_ids`), with every kind's speed.

        `session` is a Session or a Connection: this reads plain rows.
        """
        return cls(_read_snapshot(session, _units_query(unit_ids=unit_ids)))

    def refresh(self, session, *, unit_ids: Collection[int] | None = None,
                callsigns: Collection[str] | None = None) -> None:
        """Read the units again: all of them, or only those that changed, by
        id or by callsign (as change events name them). A listed unit that is
        gone is dropped, a new one added."""
        if unit_ids is not None and callsigns is not None:
            raise ValueError("refresh by unit_ids or by callsigns, not both")
        if unit_ids is None and callsigns is None:
            self.snapshot = _read_snapshot(session, _units_query())
            return
        old = self.snapshot
        if unit_ids is not None:
            unit_ids = list(unit_ids)
            replaced = np.isin(old.unit_id, np.array(unit_ids, dtype=np.int64))
        else:
            callsigns = list(callsigns)
            replaced = np.isin(old.callsign, np.array(callsigns, dtype=str))
        fresh = _read_snapshot(session, _units_query(unit_ids=unit_ids, callsigns=callsigns))
        self.snapshot = _merge(old, fresh, keep=~replaced)


# ---- reading the database

# The unit's current incident: its latest assignment not cleared yet.
_ACTIVE_INCIDENT = (
    select(Assignment.__table__.c.incident_id)
    .where(Assignment.__table__.c.unit_id == Unit.__table__.c.id,
           Assignment.__table__.c.cleared_at.is_(None))
    .order_by(Assignment.__table__.c.id.desc())
    .limit(1)
    .correlate(Unit.__table__)
    .scalar_subquery()
)


class _utc_text(FunctionElement):
    """A naive UTC time column as ISO 8601 text, which numpy reads in bulk
    (a datetime object per row costs more than the whole query)."""

    type = String()
    inherit_cache = True


@compiles(_utc_text, "sqlite")
def _utc_text_sqlite(element, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)  # stored as "YYYY-MM-DD HH:MM:SS.ffffff"


@compiles(_utc_text, "postgresql")
def _utc_text_postgresql(element, compiler, **kw) -> str:
    # Spelled out: a plain cast would follow the server's DateStyle.
    column = compiler.process(element.clauses, **kw)
    return f"to_char({column}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"


def _units_query(*, unit_ids: Collection[int] | None = None,
                 callsigns: Collection[str] | None = None):
    units, stations = Unit.__table__, Station.__table__
    query = select(
        units.c.id,
        units.c.callsign,
        units.c.kind_code,
        type_coerce(units.c.status, String),  # the stored string, not an enum per row
        units.c.lat,
        units.c.lon,
        _utc_text(units.c.position_at),
        stations.c.code,
        stations.c.name,
        stations.c.lat,
        stations.c.lon,
        _ACTIVE_INCIDENT,
    ).join_from(units, stations, units.c.station_id == stations.c.id)
    if unit_ids is not None:
        query = query.where(units.c.id.in_(list(unit_ids)))
    if callsigns is not None:
        query = query.where(units.c.callsign.in_(list(callsigns)))
    return query


def _read_snapshot(session, query) -> FleetSnapshot:
    kinds, speeds = _read_kinds(session)
    # Ten thousand rows are ten thousand tuples, none of them in a cycle: the
    # collector would walk the whole heap for nothing (in a fresh command,
    # about as long as the read itself).
    with _collector_paused():
        rows = session.execute(query).all()
        return _snapshot_from_rows(rows, kinds, speeds)


@contextmanager
def _collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_kinds(session) -> tuple[tuple[str, ...], list[float]]:
    table = UnitKind.__table__
    rows = session.execute(select(table.c.code, table.c.speed_kmh).order_by(table.c.code)).all()
    return tuple(code for code, _ in rows), [speed for _, speed in rows]


def _snapshot_from_rows(rows: list, kinds: tuple[str, ...], speeds: list[float]) -> FleetSnapshot:
    columns = list(zip(*rows)) if rows else [()] * 12
    (unit_id, callsign, kind, status, lat, lon, position_at,
     station_code, station_name, station_lat, station_lon, incident) = columns
    # A kind missing from unit_kinds cannot happen (foreign key); kept safe anyway.
    known = set(kinds)
    extra = tuple(dict.fromkeys(k for k in kind if k not in known))
    return _snapshot(
        unit_id=unit_id, callsign=callsign, kind=kind,
        station_code=station_code, station_name=station_name,
        station_lat=station_lat, station_lon=station_lon,
        position_lat=lat, position_lon=lon,
        position_at=_epoch_s_array(position_at),
        status=status, assigned_incident_id=incident,
        kinds=kinds + extra, speed_kmh=list(speeds) + [np.nan] * len(extra),
    )


def _snapshot(*, unit_id, callsign, kind, station_code, station_name, station_lat, station_lon,
              position_lat, position_lon, position_at, status, assigned_incident_id,
              kinds: tuple[str, ...], speed_kmh) -> FleetSnapshot:
    kind_code = {k: code for code, k in enumerate(kinds)}
    station_lat = np.array(station_lat, dtype=np.float64)
    station_lon = np.array(station_lon, dtype=np.float64)
    # None becomes NaN: no position.
    position_lat = np.array(position_lat, dtype=np.float64)
    position_lon = np.array(position_lon, dtype=np.float64)
    return FleetSnapshot(
        unit_id=np.array(unit_id, dtype=np.int64),
        callsign=np.array(callsign, dtype=str),
        kind=np.array([kind_code[k] for k in kind], dtype=np.intp),
        station_code=np.array(station_code, dtype=object),
        station_name=np.array(station_name, dtype=object),
        station_lat=station_lat,
        station_lon=station_lon,
        position_lat=position_lat,
        position_lon=position_lon,
        position_at=np.asarray(position_at, dtype=np.float64),
        position_valid=_on_the_globe(position_lat, position_lon),
        station_valid=_on_the_globe(station_lat, station_lon),
        status=np.array([STATUS_CODES[s] for s in status], dtype=np.int8),
        assigned_incident_id=np.array(
            [NO_INCIDENT if i is None else i for i in assigned_incident_id], dtype=np.int64),
        kinds=tuple(kinds),
        speed_kmh=np.array(speed_kmh, dtype=np.float64),
    )


def _merge(old: FleetSnapshot, fresh: FleetSnapshot, *, keep: np.ndarray) -> FleetSnapshot:
    """The rows of `old` to `keep`, then `fresh` (the others' rows as read now)."""
    # Kind codes of both halves in the newly read kinds table.
    kinds = fresh.kinds + tuple(k for k in old.kinds if k not in fresh.kinds)
    speed_kmh = np.concatenate([fresh.speed_kmh, np.full(len(kinds) - len(fresh.kinds), np.nan)])
    recode = np.array([kinds.index(k) for k in old.kinds], dtype=np.intp)

    def joined(name: str) -> np.ndarray:
        return np.concatenate([getattr(old, name)[keep], getattr(fresh, name)])

    return FleetSnapshot(
        unit_id=joined("unit_id"),
        callsign=joined("callsign"),
        kind=np.concatenate([recode[old.kind[keep]], fresh.kind]),
        station_code=joined("station_code"),
        station_name=joined("station_name"),
        station_lat=joined("station_lat"),
        station_lon=joined("station_lon"),
        position_lat=joined("position_lat"),
        position_lon=joined("position_lon"),
        position_at=joined("position_at"),
        position_valid=joined("position_valid"),
        station_valid=joined("station_valid"),
        status=joined("status"),
        assigned_incident_id=joined("assigned_incident_id"),
        kinds=kinds,
        speed_kmh=speed_kmh,
    )


# ---- times

_MICROSECOND = np.timedelta64(1, "us")


def _epoch_s_array(utc_texts: Sequence[str | None]) -> np.ndarray:
    """Seconds since the epoch for ISO 8601 UTC times (None: NaN), read in bulk."""
    moments = np.array(utc_texts, dtype="datetime64[us]")
    # Whole microseconds divided by 1e6, as datetime.timestamp() does: the same float.
    return (moments - np.datetime64(0, "us")) / _MICROSECOND / 1e6


def _epoch_s(moment: datetime | None) -> float:
    if moment is None:
        return np.nan
    if moment.tzinfo is None:
        # SQLite hands datetimes back without their zone; the desk stores
        # every time in UTC, so that is what a naive one means.
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()
