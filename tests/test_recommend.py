"""Nearest-unit recommendation: who starts where, who comes first, and why."""

from __future__ import annotations

import math
from dataclasses import fields
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dispatch.eta import Estimate, Origin, StraightLineEta, haversine_m
from dispatch.recommend import Recommendation, UnitCandidate, recommend_units

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


def test_recommendations_are_complete_frozen_dataclasses():
    # recommend_units builds them without __init__; they must still behave
    # exactly like ordinary instances.
    (rec,) = recommend([unit(1, "PMK-1")])
    assert set(vars(rec)) == {f.name for f in fields(Recommendation)}
    twin = Recommendation(**vars(rec))
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
