"""Nearest-unit recommendation: who starts where, who comes first, and why."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_eta import osrm_server  # noqa: F401  (the OSRM stand-in fixture)

from dispatch.eta import Estimate, Origin, OsrmTableEta, StraightLineEta, haversine_m
from dispatch.fleet import UNIT_STATUSES, Fleet
from dispatch.recommend import (
    ALLOWED_CLOCK_SKEW,
    ROAD_SHORT_LIST,
    Recommendation,
    UnitCandidate,
    rank_fleet,
    recommend_units,
)

NOW = datetime(2025, 3, 1, 4, 0, tzinfo=timezone.utc)  # 12:00 WITA
MAX_AGE = timedelta(minutes=10)
SPEEDS_KMH = {"pmk": 36.0, "ambulans": 54.0, "rescue": 36.0}
PROVIDER = StraightLineEta(SPEEDS_KMH, detour_factor=1.0)
INCIDENT = (-8.6705, 115.2126)  # central Denpasar

STATION_NORTH = ("UTARA", "Pos PMK Utara", -8.5900, 115.1900)
STATION_SOUTH = ("SELATAN", "Pos PMK Selatan", -8.7300, 115.2500)


def unit(
    unit_id: int,
    callsign: str,
    kind: str = "pmk",
    station: tuple[str, str, float, float] = STATION_NORTH,
    position: tuple[float, float] | None = None,
    reported_ago: timedelta | None = timedelta(minutes=1),
) -> UnitCandidate:
    code, name, lat, lon = station
    return UnitCandidate(
        unit_id=unit_id,
        callsign=callsign,
        kind=kind,
        station_code=code,
        station_name=name,
        station_lat=lat,
        station_lon=lon,
        position_lat=position[0] if position else None,
        position_lon=position[1] if position else None,
        position_at=NOW - reported_ago if position and reported_ago is not None else None,
    )


def recommend(
    candidates, *, needed_kinds=(), provider=PROVIDER, limit=None, incident=INCIDENT, now=NOW
):
    return recommend_units(
        incident_lat=incident[0],
        incident_lon=incident[1],
        needed_kinds=needed_kinds,
        candidates=candidates,
        provider=provider,
        now=now,
        max_position_age=MAX_AGE,
        limit=limit,
    )


class FixedEta:
    """A provider with hand-picked answers, for ties a map cannot produce on demand."""

    def __init__(self, by_callsign: dict[str, tuple[float, float]]) -> None:
        self.by_callsign = by_callsign

    def estimate(self, origins, dest_lat, dest_lon):
        return [Estimate(*self.by_callsign[o.key], "fixed") for o in origins]


def test_only_needed_kinds_are_recommended():
    candidates = [unit(1, "PMK-1", "pmk"), unit(2, "AMB-1", "ambulans"), unit(3, "RES-1", "rescue")]
    assert [r.callsign for r in recommend(candidates, needed_kinds={"ambulans"})] == ["AMB-1"]
    both = recommend(candidates, needed_kinds=["pmk", "rescue"])
    assert sorted(r.callsign for r in both) == ["PMK-1", "RES-1"]


def test_no_needed_kinds_means_every_kind():
    candidates = [unit(1, "PMK-1", "pmk"), unit(2, "AMB-1", "ambulans"), unit(3, "RES-1", "rescue")]
    assert sorted(r.unit_id for r in recommend(candidates, needed_kinds=())) == [1, 2, 3]


def test_fresh_position_is_used():
    near_incident = (-8.6710, 115.2130)
    (rec,) = recommend(
        [unit(1, "PMK-1", position=near_incident, reported_ago=timedelta(minutes=2))]
    )
    assert rec.origin == "position"
    assert rec.distance_m == round(haversine_m(*near_incident, *INCIDENT))


def test_stale_position_falls_back_to_the_station():
    (rec,) = recommend(
        [unit(1, "PMK-1", position=(-8.6710, 115.2130), reported_ago=timedelta(minutes=11))]
    )
    assert rec.origin == "station"
    assert rec.distance_m == round(haversine_m(*STATION_NORTH[2:], *INCIDENT))


def test_position_exactly_at_the_age_limit_still_counts():
    (rec,) = recommend([unit(1, "PMK-1", position=(-8.6710, 115.2130), reported_ago=MAX_AGE)])
    assert rec.origin == "position"


def test_position_from_the_future_counts_only_within_clock_skew():
    slightly_ahead = unit(
        1, "PMK-1", position=(-8.6710, 115.2130), reported_ago=-timedelta(minutes=1)
    )
    far_ahead = unit(2, "PMK-2", position=(-8.6710, 115.2130), reported_ago=-timedelta(minutes=5))
    origins = {r.callsign: r.origin for r in recommend([slightly_ahead, far_ahead])}
    assert origins == {"PMK-1": "position", "PMK-2": "station"}


def test_unit_without_a_position_starts_at_its_station():
    half_known = UnitCandidate(
        1, "PMK-1", "pmk", *STATION_NORTH, position_lat=-8.67, position_at=NOW
    )
    origins = [r.origin for r in recommend([unit(2, "PMK-2"), half_known])]
    assert origins == ["station", "station"]


def test_naive_position_time_is_read_as_utc():
    # SQLite returns datetimes without a zone; the desk stores UTC.
    naive = UnitCandidate(
        1, "PMK-1", "pmk", *STATION_NORTH,
        position_lat=-8.6710, position_lon=115.2130,
        position_at=(NOW - timedelta(minutes=1)).replace(tzinfo=None),
    )
    assert recommend([naive])[0].origin == "position"


def test_position_with_impossible_coordinates_is_ignored():
    (rec,) = recommend([unit(1, "PMK-1", position=(95.0, 115.2))])
    assert rec.origin == "station"


def test_nearest_unit_comes_first_and_fields_are_filled():
    north = unit(1, "PMK-UTARA-1", station=STATION_NORTH)
    south = unit(2, "PMK-SELATAN-1", station=STATION_SOUTH)
    closest = unit(3, "PMK-UTARA-2", station=STATION_NORTH, position=(-8.6600, 115.2100))
    ranked = recommend([north, south, closest])
    assert [r.unit_id for r in ranked] == [3, 2, 1]
    first = ranked[0]
    assert (first.kind, first.station, first.station_name, first.source) == (
        "pmk", "UTARA", "Pos PMK Utara", "straight_line",
    )
    assert first.eta_s == round(first.distance_m / 10.0)  # 36 km/h, no detour


def test_eta_and_distance_are_whole_numbers():
    for rec in recommend(
        [unit(1, "PMK-1"), unit(2, "AMB-1", "ambulans", position=(-8.66, 115.21))]
    ):
        assert isinstance(rec.eta_s, float) and rec.eta_s == math.floor(rec.eta_s)
        assert isinstance(rec.distance_m, float) and rec.distance_m == math.floor(rec.distance_m)


def test_two_units_at_the_same_spot_are_ordered_by_callsign():
    same_spot = (-8.6600, 115.2100)
    candidates = [unit(7, "PMK-B", position=same_spot), unit(9, "PMK-A", position=same_spot)]
    assert [r.callsign for r in recommend(candidates)] == ["PMK-A", "PMK-B"]
    assert [r.callsign for r in recommend(candidates[::-1])] == ["PMK-A", "PMK-B"]


def test_same_callsign_twice_is_ordered_by_unit_id():
    candidates = [unit(8, "PMK-A"), unit(3, "PMK-A")]
    assert [r.unit_id for r in recommend(candidates)] == [3, 8]


def test_ranking_uses_unrounded_eta_before_the_callsign():
    provider = FixedEta({"PMK-A": (100.4, 900.0), "PMK-Z": (100.3, 900.0)})
    ranked = recommend([unit(1, "PMK-A"), unit(2, "PMK-Z")], provider=provider)
    assert [r.callsign for r in ranked] == ["PMK-Z", "PMK-A"]
    assert [r.eta_s for r in ranked] == [100.0, 100.0]


def test_equal_eta_is_broken_by_distance():
    provider = FixedEta({"PMK-A": (120.0, 1500.0), "PMK-Z": (120.0, 1400.0)})
    ranked = recommend([unit(1, "PMK-A"), unit(2, "PMK-Z")], provider=provider)
    assert [r.callsign for r in ranked] == ["PMK-Z", "PMK-A"]
    assert ranked[0].source == "fixed"


def test_limit_keeps_the_best():
    candidates = [
        unit(i, f"PMK-{i}", position=(-8.6705 + i * 0.001, 115.2126)) for i in range(1, 6)
    ]
    assert [r.unit_id for r in recommend(candidates, limit=2)] == [1, 2]
    assert recommend(candidates, limit=0) == []
    assert len(recommend(candidates, limit=50)) == 5


def test_no_candidates_no_recommendations():
    assert recommend([]) == []
    assert recommend([unit(1, "PMK-1", "pmk")], needed_kinds={"ambulans"}) == []


def test_recommendations_are_complete_immutable_values():
    (rec,) = recommend([unit(1, "PMK-1")])
    assert set(rec._asdict()) == set(Recommendation._fields)
    assert None not in (rec.unit_id, rec.callsign, rec.kind, rec.eta_s, rec.origin, rec.source)
    twin = Recommendation(**rec._asdict())
    assert rec == twin and hash(rec) == hash(twin)
    with pytest.raises(AttributeError):
        rec.eta_s = 0.0  # type: ignore[misc]


def test_origins_handed_to_the_provider_are_complete():
    seen: list[Origin] = []

    class Recording:
        def estimate(self, origins, dest_lat, dest_lon):
            seen.extend(origins)
            return PROVIDER.estimate(origins, dest_lat, dest_lon)

    recommend([unit(4, "AMB-1", "ambulans", position=(-8.66, 115.21))], provider=Recording())
    (origin,) = seen
    assert origin == Origin("AMB-1", -8.66, 115.21, "ambulans")
    assert set(vars(origin)) == {f.name for f in fields(Origin)}


@pytest.mark.parametrize(
    "incident",
    [(-91.0, 115.2), (91.0, 115.2), (-8.6, 181.0), (-8.6, -181.0), (math.nan, 115.2)],
)
def test_out_of_range_incident_is_refused(incident):
    with pytest.raises(ValueError, match="incident"):
        recommend([unit(1, "PMK-1")], incident=incident)


def test_station_with_impossible_coordinates_is_refused():
    broken = UnitCandidate(1, "PMK-1", "pmk", "X", "Pos X", -8.6, 200.0)
    with pytest.raises(ValueError, match="PMK-1"):
        recommend([broken])


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="aware"):
        recommend([unit(1, "PMK-1")], now=NOW.replace(tzinfo=None))
    with pytest.raises(ValueError, match="limit"):
        recommend([unit(1, "PMK-1")], limit=-1)
    with pytest.raises(ValueError, match="max_position_age"):
        recommend_units(
            incident_lat=INCIDENT[0], incident_lon=INCIDENT[1], needed_kinds=(), candidates=[],
            provider=PROVIDER, now=NOW, max_position_age=timedelta(seconds=-1),
        )


def test_provider_returning_the_wrong_number_of_estimates_is_a_bug():
    class Short:
        def estimate(self, origins, dest_lat, dest_lon):
            return []

    with pytest.raises(RuntimeError, match="Short"):
        recommend([unit(1, "PMK-1")], provider=Short())


# --- properties ------------------------------------------------------------------

KINDS = ("pmk", "ambulans", "rescue")
denpasar_lat = st.floats(-8.74, -8.58)
denpasar_lon = st.floats(115.17, 115.27)


@st.composite
def candidate_lists(draw):
    count = draw(st.integers(0, 40))
    candidates = []
    for unit_id in range(1, count + 1):
        has_position = draw(st.booleans())
        candidates.append(
            UnitCandidate(
                unit_id=unit_id,
                callsign=draw(st.sampled_from(["PMK-1", "PMK-2", "AMB-1", "RES-1", "AMB-2"])),
                kind=draw(st.sampled_from(KINDS)),
                station_code="S",
                station_name="Pos",
                station_lat=draw(st.sampled_from([-8.59, -8.73])),
                station_lon=draw(st.sampled_from([115.18, 115.26])),
                position_lat=draw(denpasar_lat) if has_position else None,
                position_lon=draw(denpasar_lon) if has_position else None,
                position_at=(
                    NOW - timedelta(seconds=draw(st.integers(-300, 3600))) if has_position else None
                ),
            )
        )
    return candidates


# No per-example deadline: the suite shares a machine with SIPp and PostgreSQL,
# and a scheduling hiccup is not a failure of the property.
@settings(deadline=None)
@given(
    candidates=candidate_lists(),
    needed=st.sets(st.sampled_from(KINDS)),
    incident=st.tuples(denpasar_lat, denpasar_lon),
)
def test_result_is_sorted_and_a_permutation_of_the_wanted_units(candidates, needed, incident):
    ranked = recommend(candidates, needed_kinds=needed, incident=incident)
    wanted = [c.unit_id for c in candidates if not needed or c.kind in needed]
    assert sorted(r.unit_id for r in ranked) == sorted(wanted)
    etas = [r.eta_s for r in ranked]
    assert etas == sorted(etas)
    # The order of the input never changes the answer.
    assert recommend(candidates[::-1], needed_kinds=needed, incident=incident) == ranked


# --- the vectorised ranking against a plain-Python reference ----------------------

# The speeds the reference uses; "perahu" has none and drives at the default.
REFERENCE_KINDS = ("pmk", "ambulans", "rescue", "perahu")
REFERENCE_PROVIDER = StraightLineEta(SPEEDS_KMH, detour_factor=1.35, default_speed_kmh=20.0)
STATIONS = [STATION_NORTH, STATION_SOUTH, ("BARAT", "Pos Barat", -8.6550, 115.1880)]
SPOTS = [(-8.6600, 115.2100), (-8.6705, 115.2126), (-8.7000, 115.2300)]  # shared: ties


@dataclass(frozen=True)
class Expected:
    unit_id: int
    callsign: str
    kind: str
    station: str
    origin: str
    lat: float
    lon: float
    eta_s: float  # unrounded
    distance_m: float  # unrounded
    tier: int = 0
    status: str = "available"
    assigned_incident_id: int | None = None


def reference_ranking(candidates, *, needed, incident, now=NOW, max_age=MAX_AGE,
                      statuses=None, incidents=None, include_busy=False, incident_id=None):
    """haversine_m per unit and the tie rules, written out in plain Python."""
    rows = []
    for index, c in enumerate(candidates):
        status = statuses[index] if statuses else "available"
        on = incidents[index] if incidents else None
        if needed and c.kind not in needed:
            continue
        if status == "available":
            tier = 0
        elif include_busy and status in ("dispatched", "en_route", "on_scene") and (
                incident_id is None or on != incident_id):
            tier = 1
        else:
            continue
        at = c.position_at
        if at is not None and at.tzinfo is None:
            at = at.replace(tzinfo=timezone.utc)
        fresh = (
            at is not None and c.position_lat is not None and c.position_lon is not None
            and now - max_age <= at <= now + ALLOWED_CLOCK_SKEW
            and -90.0 <= c.position_lat <= 90.0 and -180.0 <= c.position_lon <= 180.0
        )
        lat, lon = (c.position_lat, c.position_lon) if fresh else (c.station_lat, c.station_lon)
        distance = haversine_m(lat, lon, *incident) * REFERENCE_PROVIDER.detour_factor
        speed_kmh = REFERENCE_PROVIDER.speeds_kmh.get(c.kind, REFERENCE_PROVIDER.default_speed_kmh)
        eta = distance / (speed_kmh / 3.6)
        expected = Expected(c.unit_id, c.callsign, c.kind, c.station_code,
                            "position" if fresh else "station", lat, lon, eta, distance, tier,
                            status, on if tier else None)
        rows.append(((tier, eta, distance, c.callsign, c.unit_id, index), expected))
    return [expected for _, expected in sorted(rows, key=lambda row: row[0])]


def assert_same_ranking(got: list[Recommendation], want: list[Expected], everyone: list[Expected]):
    """Equal, except that two units whose ETAs differ only by float noise
    (numpy's trigonometry may differ from math's in the last bit) may swap."""
    by_id = {e.unit_id: e for e in everyone}
    assert len(got) == len(want)
    for rec, expected in zip(got, want):
        if rec.unit_id != expected.unit_id:
            mine = by_id[rec.unit_id]
            assert mine.tier == expected.tier
            assert math.isclose(mine.eta_s, expected.eta_s, rel_tol=1e-12, abs_tol=1e-9)
            assert (mine.lat, mine.lon, mine.kind) != (expected.lat, expected.lon, expected.kind)
            expected = mine
        assert (rec.callsign, rec.kind, rec.station, rec.origin, rec.source, rec.status,
                rec.assigned_incident_id) == (
            expected.callsign, expected.kind, expected.station, expected.origin,
            "straight_line", expected.status, expected.assigned_incident_id)
        assert abs(rec.eta_s - expected.eta_s) <= 0.5 + 1e-6
        assert abs(rec.distance_m - expected.distance_m) <= 0.5 + 1e-6


odd_coordinate = st.sampled_from([math.nan, math.inf, 95.0, -200.0])


@st.composite
def positions(draw):
    choice = draw(st.sampled_from(["none", "spot", "random", "odd", "half"]))
    if choice == "none":
        return None, None
    if choice == "spot":
        return draw(st.sampled_from(SPOTS))
    if choice == "random":
        return draw(denpasar_lat), draw(denpasar_lon)
    if choice == "half":  # a latitude without a longitude
        return draw(denpasar_lat), None
    return draw(st.one_of(odd_coordinate, denpasar_lat)), draw(odd_coordinate)


@st.composite
def report_times(draw):
    choice = draw(st.sampled_from(["none", "ago", "edge", "naive"]))
    if choice == "none":
        return None
    if choice == "edge":  # exactly at the limits, and a microsecond past them
        return draw(st.sampled_from([
            NOW - MAX_AGE, NOW - MAX_AGE - timedelta(microseconds=1),
            NOW + ALLOWED_CLOCK_SKEW, NOW + ALLOWED_CLOCK_SKEW + timedelta(microseconds=1),
        ]))
    at = NOW - timedelta(microseconds=draw(st.integers(-600_000_000, 3_600_000_000)))
    return at.replace(tzinfo=None) if choice == "naive" else at


@st.composite
def fleets(draw, max_units=40):
    count = draw(st.integers(0, max_units))
    candidates = []
    for unit_id in draw(st.lists(st.integers(1, 10_000), min_size=count, max_size=count,
                                 unique=True)):
        lat, lon = draw(positions())
        code, name, station_lat, station_lon = draw(st.sampled_from(STATIONS))
        candidates.append(UnitCandidate(
            unit_id=unit_id,
            callsign=draw(st.sampled_from(["PMK-1", "PMK-2", "AMB-1", "RES-1", "AMB-10", "B"])),
            kind=draw(st.sampled_from(REFERENCE_KINDS)),
            station_code=code, station_name=name, station_lat=station_lat,
            station_lon=station_lon, position_lat=lat, position_lon=lon,
            position_at=draw(report_times()),
        ))
    return candidates


incidents = st.one_of(st.tuples(denpasar_lat, denpasar_lon), st.sampled_from(SPOTS))


@settings(deadline=None, max_examples=300)
@given(
    candidates=fleets(),
    needed=st.sets(st.sampled_from(REFERENCE_KINDS)),
    incident=incidents,
    limit=st.one_of(st.none(), st.integers(0, 45)),
)
def test_vectorised_ranking_equals_the_reference(candidates, needed, incident, limit):
    everyone = reference_ranking(candidates, needed=needed, incident=incident)
    got = recommend(candidates, needed_kinds=needed, provider=REFERENCE_PROVIDER,
                    limit=limit, incident=incident)
    assert_same_ranking(got, everyone[:limit], everyone)


@settings(deadline=None, max_examples=200)
@given(
    data=st.data(),
    candidates=fleets(),
    needed=st.sets(st.sampled_from(REFERENCE_KINDS)),
    incident=incidents,
    limit=st.one_of(st.none(), st.integers(0, 45)),
)
def test_include_busy_equals_the_reference(data, candidates, needed, incident, limit):
    count = len(candidates)
    statuses = data.draw(st.lists(st.sampled_from(UNIT_STATUSES), min_size=count,
                                  max_size=count))
    on = data.draw(st.lists(st.sampled_from([None, 7, 8]), min_size=count, max_size=count))
    fleet = Fleet.from_candidates(candidates, statuses=statuses, assigned_incident_ids=on)
    everyone = reference_ranking(candidates, needed=needed, incident=incident,
                                 statuses=statuses, incidents=on, include_busy=True,
                                 incident_id=7)
    got = rank_fleet(fleet, incident_lat=incident[0], incident_lon=incident[1],
                     needed_kinds=needed, now=NOW, max_position_age=MAX_AGE,
                     straight_line=REFERENCE_PROVIDER, limit=limit, include_busy=True,
                     incident_id=7)
    assert_same_ranking(got, everyone[:limit], everyone)
    without = rank_fleet(fleet, incident_lat=incident[0], incident_lon=incident[1],
                         needed_kinds=needed, now=NOW, max_position_age=MAX_AGE,
                         straight_line=REFERENCE_PROVIDER, limit=limit)
    # The available units come first, exactly as without include_busy.
    assert without == [r for r in got if r.status == "available"]


def test_ties_at_the_cut_are_settled_by_the_rules_not_by_the_partition():
    # Twenty units at one spot tie on ETA and distance; the best three are
    # the first three callsigns, wherever they stand in the fleet.
    same = [unit(100 - i, f"PMK-{i:02d}", position=SPOTS[0]) for i in range(20)]
    ranked = recommend(same[::-1], limit=3)
    assert [r.callsign for r in ranked] == ["PMK-00", "PMK-01", "PMK-02"]
    ranked = recommend(same + [unit(1, "PMK-99", position=SPOTS[1])], limit=2)
    assert [r.callsign for r in ranked] == ["PMK-99", "PMK-00"]


def test_from_candidates_wants_one_status_per_candidate():
    with pytest.raises(ValueError, match="one entry per candidate"):
        Fleet.from_candidates([unit(1, "PMK-1")], statuses=[])


# --- OSRM for the short list only -----------------------------------------------


def spread_units(count: int) -> list[UnitCandidate]:
    """Units on a line going north from the incident, the nearest first by unit id."""
    return [unit(i, f"U{i:03d}", "ambulans" if i % 2 else "pmk",
                 position=(INCIDENT[0] + 0.003 * i, INCIDENT[1]))
            for i in range(1, count + 1)]


def test_only_the_straight_line_short_list_goes_to_osrm(osrm_server):
    provider = OsrmTableEta(osrm_server.base_url, PROVIDER)
    ranked = recommend(spread_units(40), provider=provider)
    (path,) = osrm_server.requests  # one request, whatever the size of the fleet
    coordinates = urlsplit(path).path.removeprefix("/table/v1/driving/").split(";")
    assert len(coordinates) == 1 + ROAD_SHORT_LIST
    straight = recommend(spread_units(40))
    asked = set(coordinates[1:])
    expected = {f"{u.position_lon:.6f},{u.position_lat:.6f}" for u in spread_units(40)
                if u.callsign in {r.callsign for r in straight[:ROAD_SHORT_LIST]}}
    assert asked == expected
    assert [r.source for r in ranked] == ["osrm"] * ROAD_SHORT_LIST + ["straight_line"] * 30
    assert [r.callsign for r in ranked[ROAD_SHORT_LIST:]] == [
        r.callsign for r in straight[ROAD_SHORT_LIST:]]
    head = ranked[:ROAD_SHORT_LIST]
    assert [r.eta_s for r in head] == sorted(r.eta_s for r in head)


def test_osrm_answer_re_ranks_the_short_list(osrm_server):
    # Fire engines drive at 36 km/h and ambulances at 54 in the straight-line
    # estimate; the stand-in's road is 12 m/s for everyone, so by road the
    # nearest unit is first whatever its kind.
    provider = OsrmTableEta(osrm_server.base_url, PROVIDER)
    ranked = recommend(spread_units(12), provider=provider, limit=4)
    assert len(osrm_server.requests) == 1  # the whole short list, though 4 are wanted
    assert [r.callsign for r in ranked] == ["U001", "U002", "U003", "U004"]
    straight = recommend(spread_units(12), limit=4)
    assert straight[3].callsign == "U005"  # an ambulance, faster than fire engine U004


def test_short_list_falls_back_to_straight_line_when_osrm_cannot_answer(osrm_server):
    osrm_server.null_rows = {0}
    provider = OsrmTableEta(osrm_server.base_url, PROVIDER)
    ranked = recommend(spread_units(15), provider=provider)
    assert sorted(r.source for r in ranked[:ROAD_SHORT_LIST]) == (
        ["osrm"] * (ROAD_SHORT_LIST - 1) + ["straight_line"])
    osrm_server.mode = "status500"
    osrm_server.requests.clear()
    ranked = recommend(spread_units(15), provider=provider)
    assert len(osrm_server.requests) == 1
    assert ranked == recommend(spread_units(15))  # the straight line, as if offline
