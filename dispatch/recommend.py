"""Nearest-unit recommendation: which unit reaches an incident first.

The ranking works on a `Fleet` (dispatch/fleet.py), the unit table as numpy
arrays: where every unit starts from, its straight-line ETA and the best N
are a few array expressions; only the N chosen become `Recommendation`s.
With an OSRM server, the best `ROAD_SHORT_LIST` by straight line are asked
for road times and re-ranked by them; the rest keep their straight-line
figures and order, after the short list.

A unit starts from its last reported position when that fix is at most
`max_position_age` old (and not implausibly in the future), otherwise from
its station. Ties on ETA are broken by distance, then callsign, then unit
id, on the unrounded figures, so the same input always gives the same list.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

import numpy as np
from sqlalchemy.orm import Session

from dispatch.enums import UnitStatus
from dispatch.errors import IllegalTransition
from dispatch.eta import (
    SOURCE_STRAIGHT_LINE,
    EtaProvider,
    StraightLineEta,
    haversine_m_prepared,
)
from dispatch.fleet import AVAILABLE, NO_INCIDENT, UNIT_STATUSES, Fleet, FleetSnapshot
from dispatch.incidents import OPEN_STATES, destination_of, get_incident
from dispatch.models import Incident
from dispatch.road_ranking import (
    ROAD_SHORT_LIST,
    Ranking,
    ask_each,
    close_if_ours,
    providers,
    road_short_list,
    split_providers,
)
from dispatch.settings import POSITION_MAX_AGE_S, Settings
from dispatch.timeutil import utcnow

ORIGIN_POSITION = "position"
ORIGIN_STATION = "station"

# A unit's tracker clock may run a little ahead of the desk's; a fix further
# in the future than this is not believable and the station is used instead.
ALLOWED_CLOCK_SKEW = timedelta(minutes=2)
_ALLOWED_CLOCK_SKEW_S = ALLOWED_CLOCK_SKEW.total_seconds()
_NO_TIME = timedelta(0)

# How many units, best by straight line, one recommendation asks the routing
# server about: a cap on external calls, whatever the size of the fleet.

# On another incident: offered with include_busy, after every available unit.
_BUSY_STATUSES = {UnitStatus.DISPATCHED.value, UnitStatus.EN_ROUTE.value, UnitStatus.ON_SCENE.value}
_BUSY = np.array([status in _BUSY_STATUSES for status in UNIT_STATUSES])  # by status code
_BUSY_BY_CODE = _BUSY.tolist()
_NO_TIERS = np.zeros(64, dtype=np.intp)  # the tier of every unit of a one-tier ranking
_NO_TIERS.flags.writeable = False


@dataclass(frozen=True, slots=True)
class UnitCandidate:
    unit_id: int
    callsign: str
    kind: str
    station_code: str
    station_name: str
    station_lat: float
    station_lon: float
    position_lat: float | None = None
    position_lon: float | None = None
    position_at: datetime | None = None  # aware, UTC


class Recommendation(NamedTuple):
    """One ranked unit: an immutable value. A ranking builds up to N of
    them per call; a frozen dataclass's __init__ cost five times as much,
    which at ten units was as much as all the ranking's arithmetic."""

    unit_id: int
    callsign: str
    kind: str
    station: str  # station code
    station_name: str
    eta_s: float  # whole seconds
    distance_m: float  # whole metres
    origin: str  # ORIGIN_POSITION or ORIGIN_STATION
    source: str  # which provider produced the estimate
    status: str = UnitStatus.AVAILABLE.value  # the unit's status
    assigned_incident_id: int | None = None  # the incident it is on, if busy


# ---- the database's answers


def recommend_for_incident(
    session: Session,
    *,
    incident_id: int,
    settings: Settings,
    provider: EtaProvider | None = None,
    now: datetime | None = None,
    limit: int | None = None,
    include_busy: bool = False,
    fleet: Fleet | None = None,
    area: str | None = None,
) -> list[Recommendation]:
    """Units of the kinds the open incident needs, nearest first.

    `include_busy`: also units on another incident (dispatched, en route,
    on scene), after all the available ones. Out-of-service units never
    appear. `fleet`: one the caller keeps fresh (the window); without it the
    units are read now. An incident whose place is not known yet is ranked
    from a named `area` (a gazetteer place), or refused.
    """
    incident = get_incident(session, incident_id)
    if incident.status not in OPEN_STATES:
        raise IllegalTransition(f"incident {incident_id} is {incident.status}: nothing to send",
                                code="incident.closed", incident=incident_id,
                                status=incident.status)
    lat, lon = destination_of(session, incident, area)
    fleet = fleet if fleet is not None else Fleet.load(session)
    straight_line, road = providers(fleet, settings, provider)
    try:
        return rank_fleet(
            fleet, incident_lat=lat, incident_lon=lon,
            needed_kinds=incident.type.unit_kinds or (), now=now or utcnow(),
            max_position_age=timedelta(seconds=settings.get(POSITION_MAX_AGE_S)),
            straight_line=straight_line, road=road, limit=limit,
            include_busy=include_busy, incident_id=incident.id,
        )
    finally:
        close_if_ours(road, provider)


def estimate_for_unit(
    session: Session,
    *,
    incident: Incident,
    unit_id: int,
    settings: Settings,
    provider: EtaProvider | None = None,
    now: datetime | None = None,
    destination: tuple[float, float] | None = None,
) -> Recommendation | None:
    """The ETA of one unit to the incident (or to `destination`, where an
    incident without a place yet has its unit sent), whatever its status
    (the one being sent); None when there is no such unit."""
    lat, lon = destination if destination is not None else (incident.lat, incident.lon)
    fleet = Fleet.load(session, unit_ids=[unit_id])
    if not len(fleet):
        return None
    straight_line, road = providers(fleet, settings, provider)
    try:
        ranked = _rank(
            fleet.snapshot, [np.arange(len(fleet))],
            incident_lat=lat, incident_lon=lon, now=now or utcnow(),
            max_position_age=timedelta(seconds=settings.get(POSITION_MAX_AGE_S)),
            straight_line=straight_line, road=road, limit=1,
        )
    finally:
        close_if_ours(road, provider)
    return ranked[0] if ranked else None


# ---- ranking


def recommend_units(
    *,
    incident_lat: float,
    incident_lon: float,
    needed_kinds: Collection[str],
    candidates: Sequence[UnitCandidate],
    provider: EtaProvider,
    now: datetime,
    max_position_age: timedelta,
    limit: int | None = None,
) -> list[Recommendation]:
    """Rank the candidates (taken as available) of the needed kinds by ETA.

    An empty `needed_kinds` means every kind. See the module's docstring for
    where a unit starts from and how ties are broken.
    """
    fleet = Fleet.from_candidates(candidates)
    straight_line, road = split_providers(provider)
    return rank_fleet(
        fleet, incident_lat=incident_lat, incident_lon=incident_lon, needed_kinds=needed_kinds,
        now=now, max_position_age=max_position_age, straight_line=straight_line, road=road,
        limit=limit,
    )


def rank_fleet(
    fleet: Fleet,
    *,
    incident_lat: float,
    incident_lon: float,
    needed_kinds: Collection[str],
    now: datetime,
    max_position_age: timedelta,
    straight_line: StraightLineEta | EtaProvider,
    road: EtaProvider | None = None,
    limit: int | None = None,
    include_busy: bool = False,
    incident_id: int | None = None,
) -> list[Recommendation]:
    """The fleet's available units of the needed kinds, nearest first.

    `straight_line` estimates every wanted unit (a provider other than a
    StraightLineEta is called with one Origin per unit); `road`, when given,
    re-ranks the best ROAD_SHORT_LIST. `include_busy` adds the units on an
    incident other than `incident_id`, after all the available ones.
    """
    snapshot = fleet.snapshot  # one consistent table, whatever a refresh does meanwhile
    tiers = _tiers(snapshot, needed_kinds, include_busy, incident_id)
    return _rank(
        snapshot, tiers, incident_lat=incident_lat, incident_lon=incident_lon, now=now,
        max_position_age=max_position_age, straight_line=straight_line, road=road, limit=limit,
    )


# A snapshot's memo (fleet.py) holds what rankings work out from its columns;
# it is dropped whole past this many entries (kinds asked for, busy views).
_MEMO_LIMIT = 64


def _memo_put(snapshot: FleetSnapshot, key, value):
    memo = snapshot.memo
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[key] = value
    return value


def _tiers(snapshot: FleetSnapshot, needed_kinds: Collection[str], include_busy: bool,
           incident_id: int | None) -> tuple[np.ndarray, ...]:
    """Rows of the wanted units: available ones, then (include_busy) those
    on another incident. The same for every ranking of this snapshot."""
    key = ("tiers", frozenset(needed_kinds), include_busy, incident_id if include_busy else None)
    found = snapshot.memo.get(key)
    if found is not None:
        return found
    wanted = _kind_mask(snapshot, needed_kinds)
    status = snapshot.status
    tiers = [np.flatnonzero(wanted & (status == AVAILABLE))]
    if include_busy:
        busy = wanted & _BUSY[status]
        if incident_id is not None:
            busy &= snapshot.assigned_incident_id != incident_id
        tiers.append(np.flatnonzero(busy))
    return _memo_put(snapshot, key, tuple(tiers))


def _kind_mask(snapshot: FleetSnapshot, needed_kinds: Collection[str]) -> np.ndarray:
    # A lookup table indexed by kind code: what np.isin does, without its
    # fixed cost, which dominates a small fleet.
    if not needed_kinds:
        return np.ones(len(snapshot), dtype=bool)
    needed = set(needed_kinds)
    kind_wanted = np.array([kind in needed for kind in snapshot.kinds], dtype=bool)
    return kind_wanted[snapshot.kind]


def _rank(
    snapshot: FleetSnapshot,
    tiers: Sequence[np.ndarray],
    *,
    incident_lat: float,
    incident_lon: float,
    now: datetime,
    max_position_age: timedelta,
    straight_line: StraightLineEta | EtaProvider,
    road: EtaProvider | None,
    limit: int | None,
) -> list[Recommendation]:
    """Rank the units at `tiers` (snapshot rows), each tier after the one before."""
    _check_coordinates(incident_lat, incident_lon, "incident")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime (UTC)")
    if max_position_age < _NO_TIME:
        raise ValueError(f"max_position_age must not be negative, got {max_position_age}")
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be None or >= 0, got {limit}")

    rows = np.concatenate(tiers) if len(tiers) > 1 else tiers[0]
    if len(rows) == 0 or limit == 0:
        return []
    now_s = now.timestamp()
    # Every unit, in order (the usual case when any kind will do): the
    # columns themselves, not a copy of each.
    picked = None if len(tiers) == 1 and len(rows) == len(snapshot) else rows
    start = _starting_points(
        snapshot, rows,
        oldest_fresh_fix=now_s - max_position_age.total_seconds(),
        newest_believable_fix=now_s + _ALLOWED_CLOCK_SKEW_S,
    )
    if isinstance(straight_line, StraightLineEta):
        phi, cos_phi, lon, speeds = (start.phi, start.cos_phi, start.lon,
                                     _speeds(snapshot, straight_line))
        if picked is not None:
            phi, cos_phi, lon, speeds = phi[picked], cos_phi[picked], lon[picked], speeds[picked]
        distance_m = haversine_m_prepared(phi, cos_phi, lon, incident_lat, incident_lon)
        distance_m *= straight_line.detour_factor
        eta_s = distance_m / speeds
        sources = None  # every one straight_line
    else:
        eta_s, distance_m, sources = ask_each(straight_line, snapshot, rows, start.lat[rows],
                                          start.lon[rows], incident_lat, incident_lon)

    # Best first, tier by tier. The road's short list needs its own length
    # even when the caller wants fewer.
    keep = limit if road is None or limit is None else max(limit, ROAD_SHORT_LIST)
    if len(tiers) == 1:
        order = _best(snapshot, rows, eta_s, distance_m, keep)
        tier = _NO_TIERS[:len(order)] if len(order) <= len(_NO_TIERS) else np.zeros(
            len(order), dtype=np.intp)
    else:
        order, tier = _best_of_tiers(snapshot, tiers, eta_s, distance_m, keep)
    ranking = Ranking(order, tier, eta_s[order], distance_m[order],
                       [SOURCE_STRAIGHT_LINE] * len(order) if sources is None
                       else [sources[i] for i in order.tolist()])
    if road is not None:
        ranking = road_short_list(ranking, road, snapshot, rows, start.lat[rows],
                                   start.lon[rows], incident_lat, incident_lon)
    return _recommendations(snapshot, rows, start.fresh_by_row, ranking, limit)


def _best_of_tiers(snapshot: FleetSnapshot, tiers: Sequence[np.ndarray], eta_s: np.ndarray,
                   distance_m: np.ndarray, keep: int | None) -> tuple[np.ndarray, np.ndarray]:
    best_of_tiers: list[np.ndarray] = []
    start = kept = 0
    for tier_rows in tiers:
        stop = start + len(tier_rows)
        budget = None if keep is None else keep - kept
        if budget == 0:
            break
        best = start + _best(snapshot, tier_rows, eta_s[start:stop], distance_m[start:stop],
                             budget)
        best_of_tiers.append(best)
        kept += len(best)
        start = stop
    return (np.concatenate(best_of_tiers),
            np.repeat(np.arange(len(best_of_tiers)), [len(b) for b in best_of_tiers]))


@dataclass(frozen=True)
class _StartingPoints:
    """Where every unit of the snapshot starts, for one set of fresh fixes."""

    fresh: np.ndarray  # bool: from its own position
    lat: np.ndarray  # degrees
    lon: np.ndarray  # degrees
    phi: np.ndarray  # latitude in radians
    cos_phi: np.ndarray
    broken: np.ndarray  # bool: from a station whose coordinates are off the globe
    any_broken: bool
    fresh_by_row: list[bool]  # `fresh` as Python values, for the few rows a ranking keeps


def _starting_points(snapshot: FleetSnapshot, rows: np.ndarray, *, oldest_fresh_fix: float,
                     newest_believable_fix: float) -> _StartingPoints:
    """Where each unit starts: its position when fresh, else its station.
    Which fixes are fresh changes only when one ages out or a new one comes:
    the starting points (and their trigonometry) are kept per set of fresh
    fixes, so most rankings only look two times up."""
    times = snapshot.memo.get("fix_times")
    if times is None:  # NaN for no usable position: it fails both comparisons
        usable_at = np.where(snapshot.position_valid, snapshot.position_at, np.nan)
        times = _memo_put(snapshot, "fix_times",
                          (usable_at, sorted(usable_at[~np.isnan(usable_at)].tolist())))
    usable_at, in_order = times
    # Which fixes are fresh is decided by where the two limits fall among the
    # fixes' times, in order: the same two places, the same starting points.
    key = ("start", bisect_left(in_order, oldest_fresh_fix),
           bisect_right(in_order, newest_believable_fix))
    start = snapshot.memo.get(key)
    if start is None:
        fresh = (usable_at >= oldest_fresh_fix) & (usable_at <= newest_believable_fix)
        lat = np.where(fresh, snapshot.position_lat, snapshot.station_lat)
        lon = np.where(fresh, snapshot.position_lon, snapshot.station_lon)
        phi = np.radians(lat)
        broken = ~fresh & ~snapshot.station_valid
        start = _memo_put(snapshot, key, _StartingPoints(
            fresh=fresh, lat=lat, lon=lon, phi=phi, cos_phi=np.cos(phi), broken=broken,
            any_broken=bool(broken.any()), fresh_by_row=fresh.tolist()))
    if start.any_broken:
        broken_rows = np.flatnonzero(start.broken[rows])
        if len(broken_rows):
            row = rows[broken_rows[0]]
            _check_coordinates(float(snapshot.station_lat[row]),
                               float(snapshot.station_lon[row]),
                               f"station of unit {str(snapshot.callsign[row])!r}")
    return start


def _speeds(snapshot: FleetSnapshot, straight_line: StraightLineEta) -> np.ndarray:
    """Each unit's speed (m/s) by the provider's speed for its kind."""
    last = snapshot.memo.get("speeds")
    if last is not None and last[0] is straight_line:  # the usual case: the same provider
        return last[1]
    key = ("speeds", straight_line.key)  # a new provider with the same speeds
    found = snapshot.memo.get(key)
    if found is None:
        found = _memo_put(snapshot, key, straight_line.speeds_ms(snapshot.kinds)[snapshot.kind])
    _memo_put(snapshot, "speeds", (straight_line, found))
    return found


def _best(
    snapshot: FleetSnapshot,
    rows: np.ndarray,
    eta_s: np.ndarray,
    distance_m: np.ndarray,
    budget: int | None,
) -> np.ndarray:
    """Positions (in `rows`) of the best `budget` (None: all), in order."""
    if budget is not None and budget < len(eta_s):
        nearest = np.argpartition(eta_s, budget - 1)[:budget]
        # A unit tied on ETA with the last of them may still win on the tie rules.
        pool = np.flatnonzero(eta_s <= eta_s[nearest].max())
        eta, distance = eta_s[pool], distance_m[pool]
    else:
        pool, eta, distance = None, eta_s, distance_m
    # By ETA; only when two ETAs are equal (rare: the costly case) do the
    # other rules come in: distance, callsign, unit id. lexsort's last key is
    # the first rule; it is stable, so the input order settles the rest.
    order = np.argsort(eta, kind="stable")
    ranked_eta = eta[order]
    if (ranked_eta[1:] == ranked_eta[:-1]).any():
        pool_rows = rows if pool is None else rows[pool]
        order = np.lexsort((snapshot.unit_id[pool_rows], snapshot.callsign[pool_rows],
                            distance, eta))
    best = order[:budget]
    return best if pool is None else pool[best]


def _recommendations(
    snapshot: FleetSnapshot,
    rows: np.ndarray,
    fresh: list[bool],  # by snapshot row: the unit starts from its own position
    ranking: Ranking,
    limit: int | None,
) -> list[Recommendation]:
    chosen = rows[ranking.position[:limit]]
    unit_id, callsign, kind, station, station_name, status, incident = _columns(snapshot)
    busy, statuses, new = _BUSY_BY_CODE, UNIT_STATUSES, tuple.__new__
    # Ranked on the unrounded figures; rounded only now, for people: rounding
    # first would turn a real 0.4-second lead into a tie settled by the alphabet.
    # (numpy rounds halves to even, as round() does.) Each value is built as
    # its tuple at once: a namedtuple's own __new__ is a Python function call.
    return [
        new(Recommendation, (
            unit_id[row], callsign[row], kind[row], station[row], station_name[row],
            eta_s, distance_m, ORIGIN_POSITION if fresh[row] else ORIGIN_STATION, source,
            statuses[status[row]],
            incident[row] if busy[status[row]] and incident[row] != NO_INCIDENT else None))
        for row, eta_s, distance_m, source in zip(
            chosen.tolist(),
            ranking.eta_s[:limit].round().tolist(),
            ranking.distance_m[:limit].round().tolist(),
            ranking.source[:limit],
        )
    ]


def _columns(snapshot: FleetSnapshot) -> tuple[list, ...]:
    """The columns a Recommendation is made of, as Python lists: a ranking
    picks its few rows out of them without a numpy call per column."""
    found = snapshot.memo.get("columns")
    if found is None:
        kinds = snapshot.kinds
        found = _memo_put(snapshot, "columns", (
            snapshot.unit_id.tolist(), snapshot.callsign.tolist(),
            [kinds[code] for code in snapshot.kind.tolist()], snapshot.station_code.tolist(),
            snapshot.station_name.tolist(), snapshot.status.tolist(),
            snapshot.assigned_incident_id.tolist()))
    return found


def _check_coordinates(lat: float, lon: float, what: str) -> None:
    # Written as in-range tests so that NaN, which fails every comparison, is refused too.
    if not -90.0 <= lat <= 90.0:
        raise ValueError(f"{what} latitude must be within -90..90 degrees, got {lat!r}")
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"{what} longitude must be within -180..180 degrees, got {lon!r}")
