"""Nearest-unit recommendation: which available unit reaches an incident first.

Plain data in, plain data out. The caller turns database rows into
`UnitCandidate`s (only units whose status is available) and picks the ETA
provider; this module decides where each unit starts from and ranks them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from dispatch.eta import EtaProvider, Origin

ORIGIN_POSITION = "position"
ORIGIN_STATION = "station"

# A unit's tracker clock may run a little ahead of the desk's; a fix further
# in the future than this is not believable and the station is used instead.
ALLOWED_CLOCK_SKEW = timedelta(minutes=2)


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


@dataclass(frozen=True)
class Recommendation:
    # Built without __init__ by recommend_units (see there), so no __slots__
    # and no __post_init__ here.

    unit_id: int
    callsign: str
    kind: str
    station: str  # station code
    station_name: str
    eta_s: float  # whole seconds
    distance_m: float  # whole metres
    origin: str  # ORIGIN_POSITION or ORIGIN_STATION
    source: str  # which provider produced the estimate


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
    """Rank available units of the needed kinds by estimated arrival time.

    A unit starts from its last reported position when that fix is at most
    `max_position_age` old at `now` (and not implausibly in the future),
    otherwise from its station. Ties on ETA are broken by distance, then by
    callsign, then by unit id, so the same input always gives the same list.
    An empty `needed_kinds` means every kind.
    """
    _check_coordinates(incident_lat, incident_lon, "incident")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime (UTC)")
    if max_position_age < timedelta(0):
        raise ValueError(f"max_position_age must not be negative, got {max_position_age}")
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be None or >= 0, got {limit}")

    chosen, origins, origin_labels = _starting_points(
        candidates,
        wanted_kinds=frozenset(needed_kinds),
        oldest_fresh_fix=now - max_position_age,
        newest_believable_fix=now + ALLOWED_CLOCK_SKEW,
    )
    if not origins:
        return []
    estimates = provider.estimate(origins, incident_lat, incident_lon)
    if len(estimates) != len(origins):
        raise RuntimeError(
            f"{type(provider).__name__} returned {len(estimates)} estimates "
            f"for {len(origins)} origins"
        )

    # Rank on the unrounded figures: rounding first would turn a real
    # 0.4-second lead into a tie settled by the alphabet. The index makes
    # every key unique, so tuple comparison never reaches the objects after it.
    ranking = sorted(
        [
            (estimate.eta_s, estimate.distance_m, unit.callsign, unit.unit_id, index,
             unit, estimate, label)
            for index, (unit, estimate, label) in enumerate(zip(chosen, estimates, origin_labels))
        ]
    )
    return _recommendations(ranking if limit is None else ranking[:limit])


# The helpers below (and the provider's loop) are the whole cost of a
# recommendation, so they are written for speed: names bound to locals, and
# Origins and Recommendations given their field dict in one step, because a
# frozen dataclass __init__ pays one object.__setattr__ per field and that
# dominated the profile with a thousand units.


def _starting_points(
    candidates: Sequence[UnitCandidate],
    *,
    wanted_kinds: frozenset[str],
    oldest_fresh_fix: datetime,
    newest_believable_fix: datetime,
) -> tuple[list[UnitCandidate], list[Origin], list[str]]:
    """The wanted units, where each starts from, and whether that is its position or station."""
    new_instance, set_fields, origin_class = object.__new__, object.__setattr__, Origin
    from_position, from_station, utc = ORIGIN_POSITION, ORIGIN_STATION, timezone.utc
    chosen: list[UnitCandidate] = []
    origins: list[Origin] = []
    labels: list[str] = []
    for unit in candidates:
        kind = unit.kind
        if wanted_kinds and kind not in wanted_kinds:
            continue
        at, lat, lon = unit.position_at, unit.position_lat, unit.position_lon
        fresh_fix = False
        if at is not None and lat is not None and lon is not None:
            if at.tzinfo is None:
                # SQLite hands datetimes back without their zone; the desk
                # stores every time in UTC, so that is what a naive one means.
                at = at.replace(tzinfo=utc)
            fresh_fix = (
                oldest_fresh_fix <= at <= newest_believable_fix
                and -90.0 <= lat <= 90.0
                and -180.0 <= lon <= 180.0
            )
        if fresh_fix:
            label = from_position
        else:
            label = from_station
            lat, lon = unit.station_lat, unit.station_lon
            if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
                _check_coordinates(lat, lon, f"station of unit {unit.callsign!r}")
        origin = new_instance(origin_class)
        set_fields(origin, "__dict__", {"key": unit.callsign, "lat": lat, "lon": lon, "kind": kind})
        origins.append(origin)
        chosen.append(unit)
        labels.append(label)
    return chosen, origins, labels


def _recommendations(ranking: list[tuple]) -> list[Recommendation]:
    new_instance, set_fields, recommendation_class = (
        object.__new__, object.__setattr__, Recommendation
    )
    # round(x) then float() is several times cheaper than round(x, 0), which
    # goes through a decimal string conversion.
    whole, as_float = round, float
    recommendations = []
    append = recommendations.append
    for eta_s, distance_m, callsign, unit_id, _, unit, estimate, label in ranking:
        recommendation = new_instance(recommendation_class)
        set_fields(
            recommendation,
            "__dict__",
            {
                "unit_id": unit_id,
                "callsign": callsign,
                "kind": unit.kind,
                "station": unit.station_code,
                "station_name": unit.station_name,
                "eta_s": as_float(whole(eta_s)),
                "distance_m": as_float(whole(distance_m)),
                "origin": label,
                "source": estimate.source,
            },
        )
        append(recommendation)
    return recommendations


def _check_coordinates(lat: float, lon: float, what: str) -> None:
    # Written as in-range tests so that NaN, which fails every comparison, is refused too.
    if not -90.0 <= lat <= 90.0:
        raise ValueError(f"{what} latitude must be within -90..90 degrees, got {lat!r}")
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"{what} longitude must be within -180..180 degrees, got {lon!r}")
