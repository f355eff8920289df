"""The service area: the seed's polygon holds every place the seed knows, a
place typed with a slip is refused with the sentence naming it, and a
database without an area checks nothing. Storage on SQLite and PostgreSQL."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dispatch.errors import InvalidInput
from dispatch.seed import load_seed_file
from dispatch.service_area import (
    ServiceArea,
    check_place,
    load_service_area,
    polygon_problem,
)

SEED = json.loads((Path(__file__).resolve().parent.parent / "resources/seed/denpasar.json")
                  .read_text(encoding="utf-8"))
AREA = ServiceArea(name=SEED["service_area"]["name"],
                   points=tuple(tuple(p) for p in SEED["service_area"]["polygon"]),
                   approximate=SEED["service_area"]["approximate"])
METRES_PER_DEGREE = 6_371_008.8 * math.pi / 180

NORTH = "latitude +8.65 is north of the equator; Kota Denpasar is at -8.65"
WEST = "longitude -115.21 is west of Greenwich; Kota Denpasar is at +115.21"
SWAPPED = "115.21 and -8.65 look swapped: latitude comes first (Kota Denpasar is at -8.65, 115.21)"
FAR = re.compile(r"^-8\.40, 116\.10 is (\d+) km outside the service area \(Kota Denpasar\); "
                 r"for a real call from beyond the border, confirm it \(--outside-area\)$")


def _seed_places():
    return [(p["name"], p["lat"], p["lon"]) for p in SEED["stations"] + SEED["gazetteer"]]


def _metres_to_boundary(area: ServiceArea, lat: float, lon: float) -> float:
    east = METRES_PER_DEGREE * math.cos(math.radians(lat))
    best = math.inf
    for (a_lat, a_lon), (b_lat, b_lon) in area.edges():
        ax, ay = (a_lon - lon) * east, (a_lat - lat) * METRES_PER_DEGREE
        bx, by = (b_lon - lon) * east, (b_lat - lat) * METRES_PER_DEGREE
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def _just_across_each_edge(area: ServiceArea, metres: float):
    """For every edge, its midpoint moved `metres` outwards (positive) or inwards."""
    points = area.points
    twice_area = sum(p[1] * q[0] - q[1] * p[0] for p, q in area.edges())  # x = lon, y = lat
    clockwise = twice_area < 0
    for (a_lat, a_lon), (b_lat, b_lon) in area.edges():
        mid_lat, mid_lon = (a_lat + b_lat) / 2, (a_lon + b_lon) / 2
        east = METRES_PER_DEGREE * math.cos(math.radians(mid_lat))
        dx, dy = (b_lon - a_lon) * east, (b_lat - a_lat) * METRES_PER_DEGREE
        length = math.hypot(dx, dy)
        # Right-hand normal points out of a counter-clockwise ring.
        nx, ny = (dy / length, -dx / length) if not clockwise else (-dy / length, dx / length)
        yield mid_lat + ny * metres / METRES_PER_DEGREE, mid_lon + nx * metres / east
    assert len(points) >= 3


def test_the_seed_declares_kota_denpasar_approximately():
    assert AREA.name == "Kota Denpasar" and AREA.approximate is True
    lats = [lat for lat, _ in AREA.points]
    lons = [lon for _, lon in AREA.points]
    # The city's extent, about -8.74..-8.58 and 115.17..115.27, with about 2 km around it.
    assert -8.78 <= min(lats) <= -8.75 and -8.58 <= max(lats) <= -8.56
    assert 115.14 <= min(lons) <= 115.16 and 115.28 <= max(lons) <= 115.30


@pytest.mark.parametrize("name, lat, lon", _seed_places())
def test_every_station_and_place_of_the_seed_is_inside_with_room(name, lat, lon):
    assert AREA.contains(lat, lon), name
    assert AREA.slip_hint(lat, lon) is None
    assert AREA.distance_outside_m(lat, lon) == 0.0
    assert _metres_to_boundary(AREA, lat, lon) >= 2000, name  # docs/seed-format.md says so


@pytest.mark.parametrize("lat, lon, sentence", [
    (8.65, 115.21, NORTH),
    (-8.65, -115.21, WEST),
    (115.21, -8.65, SWAPPED),
])
def test_each_slip_is_named(lat, lon, sentence):
    assert AREA.slip_hint(lat, lon) == sentence


def test_a_place_far_outside_says_how_far():
    match = FAR.match(AREA.slip_hint(-8.40, 116.10))
    assert match, AREA.slip_hint(-8.40, 116.10)
    assert 85 <= int(match.group(1)) <= 100
    assert 85_000 <= AREA.distance_outside_m(-8.40, 116.10) <= 100_000


def test_coordinates_that_are_no_place_get_geos_sentence():
    assert AREA.slip_hint(math.nan, 115.2) == "coordinates must be finite numbers"
    assert AREA.slip_hint(95, 115.2) == "latitude 95.0 is out of range (-90 to 90)"
    assert AREA.slip_hint("abc", 115.2).startswith("coordinates must be numbers")


def test_just_inside_the_margin_passes_and_just_outside_is_refused():
    for lat, lon in _just_across_each_edge(AREA, -50):
        assert AREA.contains(lat, lon) and AREA.slip_hint(lat, lon) is None, (lat, lon)
    for lat, lon in _just_across_each_edge(AREA, 50):
        assert not AREA.contains(lat, lon), (lat, lon)
        assert 45 <= AREA.distance_outside_m(lat, lon) <= 55
        assert re.search(r" is \d+ m outside the service area \(Kota Denpasar\)",
                         AREA.slip_hint(lat, lon))


def test_edges_and_corners_count_as_inside():
    square = ServiceArea(name="square", points=((0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)))
    for lat, lon in square.points:
        assert square.contains(lat, lon)
    for lat, lon in [(0.0, 0.5), (1.0, 0.5), (0.5, 0.0), (0.5, 1.0), (0.3, 0.3)]:
        assert square.contains(lat, lon), (lat, lon)
    # On the line through a horizontal edge, beyond it; and the ray along an edge.
    for lat, lon in [(0.0, -0.5), (0.0, 1.5), (1.0, -0.5), (-0.5, 0.5), (1.0000001, 0.5)]:
        assert not square.contains(lat, lon), (lat, lon)
    diamond = ServiceArea(name="diamond", points=((0.0, 1.0), (1.0, 0.0), (0.0, -1.0),
                                                  (-1.0, 0.0)))
    assert diamond.contains(0.0, 0.0)  # the ray through a corner counts it once
    assert not diamond.contains(0.0, -2.0)  # ... and two corners twice
    assert not diamond.contains(0.0, 2.0)
    for (a_lat, a_lon), (b_lat, b_lon) in AREA.edges():
        for t in (0.0, 0.25, 0.5, 0.9):
            assert AREA.contains(a_lat + t * (b_lat - a_lat), a_lon + t * (b_lon - a_lon))


def test_distance_outside_is_measured_in_metres():
    square = ServiceArea(name="square", points=((-1.0, 0.0), (-1.0, 1.0), (1.0, 1.0), (1.0, 0.0)))
    assert square.distance_outside_m(0.0, 0.5) == 0.0
    assert square.distance_outside_m(0.0, 1.5) == pytest.approx(0.5 * METRES_PER_DEGREE,
                                                                rel=1e-6)
    with pytest.raises(InvalidInput):
        square.distance_outside_m(math.inf, 0.0)


@pytest.mark.parametrize("points, problem", [
    (((0, 0), (1, 1)), "at least 3 points"),
    (((0, 0), (0, 1), (1, 1), (0, 0)), "polygon[0] repeats polygon[3]"),
    (((0, 0), (1, 1), (0, 1), (1, 0)), "the edges from polygon[0] and from polygon[2] cross"),
    (((0, 0), (0, 1), (0, 2)), "must not cross itself"),
    (((0, 0), (0, 2), (1, 1), (0, 1)), "must not cross itself"),
    (((0, 0), (math.nan, 1), (1, 1)), "polygon[1] is not a pair of finite numbers"),
])
def test_unusable_polygons_are_named(points, problem):
    assert problem in polygon_problem(points)
    with pytest.raises(InvalidInput, match=re.escape(problem)):
        ServiceArea(name="bad", points=points)


def test_the_seed_polygon_is_usable():
    assert polygon_problem(SEED["service_area"]["polygon"]) is None


def _reference_inside(points, lat: float, lon: float) -> bool:
    """Plain ray casting, the ray going west this time (W. R. Franklin's pnpoly)."""
    inside = False
    for (a_lat, a_lon), (b_lat, b_lon) in zip(points, points[1:] + points[:1]):
        if (a_lat > lat) != (b_lat > lat):
            if lon > a_lon + (lat - a_lat) * (b_lon - a_lon) / (b_lat - a_lat):
                inside = not inside
    return inside


LATS = [lat for lat, _ in AREA.points]
LONS = [lon for _, lon in AREA.points]


@settings(max_examples=2000, deadline=None)
@given(st.floats(min(LATS), max(LATS)), st.floats(min(LONS), max(LONS)))
def test_contains_agrees_with_a_reference_ray_casting(lat, lon):
    assume(_metres_to_boundary(AREA, lat, lon) > 0.01)  # on an edge the two may differ
    assert AREA.contains(lat, lon) == _reference_inside(list(AREA.points), lat, lon)


# With the database: both backends.

def test_the_seed_stores_its_area(seeded):
    with seeded.reading() as session:
        assert load_service_area(session) == AREA


def test_check_place_refuses_a_slip_with_its_sentence(seeded):
    with seeded.reading() as session:
        check_place(session, -8.65, 115.21)
        with pytest.raises(InvalidInput, match=f"^{re.escape(NORTH)}$"):
            check_place(session, 8.65, 115.21)
        with pytest.raises(InvalidInput, match=FAR.pattern):
            check_place(session, -8.40, 116.10)
        with pytest.raises(InvalidInput, match=f"^{re.escape(WEST)}$"):
            check_place(session, -8.65, -115.21)


def test_a_confirmed_place_outside_passes(seeded):
    with seeded.reading() as session:
        check_place(session, -8.40, 116.10, outside_area=True)
        check_place(session, 8.65, 115.21, outside_area=True)


def test_without_an_area_every_place_passes(database):
    with database.reading() as session:
        assert load_service_area(session) is None
        check_place(session, 8.65, 115.21)
        check_place(session, -8.40, 116.10)


def test_a_seed_without_an_area_keeps_the_one_stored(seeded, tmp_path):
    path = tmp_path / "no-area.json"
    path.write_text(json.dumps({k: v for k, v in SEED.items() if k != "service_area"}))
    assert load_seed_file(seeded, path, actor="test")["counts"]["service_area"] == 0
    with seeded.reading() as session:
        assert load_service_area(session) == AREA


def test_a_seed_with_another_area_replaces_it(seeded, tmp_path):
    triangle = [[-8.60, 115.20], [-8.70, 115.25], [-8.70, 115.15]]
    path = tmp_path / "other-area.json"
    path.write_text(json.dumps({**SEED, "service_area": {
        "name": "Denpasar tengah", "polygon": triangle, "approximate": False}}))
    load_seed_file(seeded, path, actor="test")
    with seeded.reading() as session:
        area = load_service_area(session)
    assert area == ServiceArea(name="Denpasar tengah", points=tuple(map(tuple, triangle)),
                               approximate=False)
    load_seed_file(seeded, None, actor="test")  # and back, by the same name: an upsert
    with seeded.reading() as session:
        assert load_service_area(session) == AREA


def test_a_database_without_an_area_gets_it_from_the_seed(database):
    path = Path(__file__).resolve().parent.parent / "resources/seed/denpasar.json"
    loaded = load_seed_file(database, path, actor="test")
    assert loaded["counts"]["service_area"] == 1
    with database.reading() as session:
        assert load_service_area(session) == AREA
