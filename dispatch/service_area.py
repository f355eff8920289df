"""The area the centre serves, and the slips that put a typed place outside it.

The seed declares the area as a polygon of [lat, lon] points (table
`service_areas`). A place outside it is nearly always a typing slip: a lost
minus sign (+8.65 instead of -8.65), a longitude typed negative, latitude
and longitude swapped. `check_place` refuses such a place with one sentence
naming the slip; a real call from beyond the border goes through once the
operator confirms it (`outside_area=True`). A database without an area (an
old one, a seed without one) checks nothing.

The polygon is a ring in plain degrees (it closes by itself, must not cross
itself or the antimeridian); a point on an edge or a corner is inside.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch.errors import InvalidInput
from dispatch.geo import EARTH_RADIUS_M, check_coordinates
from dispatch.models import ServiceAreaRecord

# The sphere dispatch/eta.py measures on (not imported: eta pulls in requests).
# A point this close to an edge (in degrees, about 0.1 mm) lies on it.
ON_EDGE_DEGREES = 1e-9

Point = tuple[float, float]


@dataclass(frozen=True)
class ServiceArea:
    """A named polygon of (lat, lon) points; see the module docstring."""

    name: str
    points: tuple[Point, ...]
    approximate: bool = True

    def __post_init__(self) -> None:
        problem = polygon_error(self.points)
        if problem is not None:
            raise InvalidInput(f"service area {self.name}: {problem}", code="area.bad_polygon",
                               area=self.name, problem=problem)

    def edges(self) -> Iterator[tuple[Point, Point]]:
        return zip(self.points, self.points[1:] + self.points[:1])

    def contains(self, lat: float, lon: float) -> bool:
        """True inside the polygon and on its edges and corners."""
        if not (math.isfinite(lat) and math.isfinite(lon)):
            return False
        inside = False
        for (a_lat, a_lon), (b_lat, b_lon) in self.edges():
            if _on_segment(lat, lon, a_lat, a_lon, b_lat, b_lon):
                return True
            # Ray towards growing longitude; an edge counts when it spans the
            # point's latitude half-open, so a corner on the ray counts once.
            if (a_lat > lat) != (b_lat > lat):
                crossing = a_lon + (lat - a_lat) * (b_lon - a_lon) / (b_lat - a_lat)
                if lon < crossing:
                    inside = not inside
        return inside

    def distance_outside_m(self, lat: float, lon: float) -> float:
        """Metres from the place to the nearest edge; 0 inside. Measured on a
        plane tangent at the place: good to a few per cent within a few
        hundred kilometres, which is all a sentence to an operator needs."""
        lat, lon = check_coordinates(lat, lon)
        if self.contains(lat, lon):
            return 0.0
        metres_per_degree = EARTH_RADIUS_M * math.pi / 180.0
        east = metres_per_degree * math.cos(math.radians(lat))

        def plane(point: Point) -> tuple[float, float]:
            d_lon = (point[1] - lon + 180.0) % 360.0 - 180.0
            return d_lon * east, (point[0] - lat) * metres_per_degree

        return min(_distance_to_segment(plane(a), plane(b)) for a, b in self.edges())

    def slip_hint(self, lat: float, lon: float) -> str | None:
        """None when the place is inside the area; otherwise one sentence
        naming the likely slip (or how far outside the place is). The
        window shows it while the operator types; check_place raises it."""
        slip = self.slip(lat, lon)
        return None if slip is None else str(slip)

    def slip(self, lat: float, lon: float) -> InvalidInput | None:
        """slip_hint's sentence as the refusal check_place raises, with its
        code and values (for the window's own language)."""
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            return _coordinates_problem(lat, lon)
        if self.contains(lat, lon):
            return None
        if self.contains(lon, lat):
            return InvalidInput(
                f"{_degrees(lat)} and {_degrees(lon)} look swapped: latitude comes first "
                f"({self.name} is at {_degrees(lon)}, {_degrees(lat)})",
                code="place.swapped", lat=_degrees(lat), lon=_degrees(lon), area=self.name)
        problem = _coordinates_problem(lat, lon)
        if problem is not None:
            return problem
        if lat > 0 and self.contains(-lat, lon):
            return InvalidInput(
                f"latitude {_degrees(lat, sign=True)} is north of the equator; "
                f"{self.name} is at {_degrees(-lat)}",
                code="place.north_of_equator", lat=_degrees(lat, sign=True),
                area=self.name, area_lat=_degrees(-lat))
        if lon < 0 and self.contains(lat, -lon):
            return InvalidInput(
                f"longitude {_degrees(lon)} is west of Greenwich; "
                f"{self.name} is at {_degrees(-lon, sign=True)}",
                code="place.west_of_greenwich", lon=_degrees(lon), area=self.name,
                area_lon=_degrees(-lon, sign=True))
        distance = _distance_text(self.distance_outside_m(lat, lon))
        return InvalidInput(
            f"{_degrees(lat)}, {_degrees(lon)} is {distance} outside the service area "
            f"({self.name}); for a real call from beyond the border, confirm it "
            "(--outside-area)", code="place.outside_area", lat=_degrees(lat),
            lon=_degrees(lon), distance=distance, area=self.name)


def load_service_area(session: Session) -> ServiceArea | None:
    """The area the centre serves, or None when no seed declared one."""
    row = session.scalars(select(ServiceAreaRecord).order_by(ServiceAreaRecord.id)).first()
    if row is None:
        return None
    return ServiceArea(name=row.name,
                       points=tuple((float(lat), float(lon)) for lat, lon in row.polygon),
                       approximate=row.approximate)


def check_place(session: Session, lat: float, lon: float, *, outside_area: bool = False) -> None:
    """Refuse (InvalidInput, one line) a place outside the service area,
    unless the operator confirmed it is (`outside_area`). Checks nothing
    when the database holds no area."""
    if outside_area:
        return
    area = load_service_area(session)
    if area is None:
        return
    slip = area.slip(lat, lon)
    if slip is not None:
        raise slip


def polygon_problem(points: Sequence[Sequence[float]]) -> str | None:
    """What makes these (lat, lon) points no usable service area, or None.
    Points are named as `polygon[i]`, as in the seed file."""
    problem = polygon_error(points)
    return None if problem is None else str(problem)


def polygon_error(points: Sequence[Sequence[float]]) -> InvalidInput | None:
    """polygon_problem's sentence with its code and values."""
    if len(points) < 3:
        return InvalidInput(f"a polygon needs at least 3 points, got {len(points)}",
                            code="polygon.too_few_points", count=len(points))
    for index, point in enumerate(points):
        if (len(point) != 2 or not all(isinstance(value, (int, float)) for value in point)
                or not all(math.isfinite(value) for value in point)):
            return InvalidInput(f"polygon[{index}] is not a pair of finite numbers",
                                code="polygon.bad_point", index=index)
    count = len(points)
    for index in range(count):
        following = (index + 1) % count
        if tuple(points[index]) == tuple(points[following]):
            return InvalidInput(
                f"polygon[{following}] repeats polygon[{index}]: leave repeated points out "
                "(the ring closes by itself)", code="polygon.repeated_point",
                index=following, repeats=index)
    edges = [(points[i], points[(i + 1) % count]) for i in range(count)]
    for first in range(count):
        for second in range(first + 1, count):
            adjacent = second == first + 1 or (first == 0 and second == count - 1)
            if _edges_clash(*edges[first], *edges[second], adjacent=adjacent):
                return InvalidInput(
                    f"the edges from polygon[{first}] and from polygon[{second}] cross "
                    "or overlap: the polygon must not cross itself", code="polygon.crosses",
                    first=first, second=second)
    if _signed_area(points) == 0.0:
        return InvalidInput("the points lie on one line: the polygon has no area",
                            code="polygon.flat")
    return None


def _coordinates_problem(lat: object, lon: object) -> InvalidInput | None:
    """dispatch/geo.py's refusal for coordinates that are no place at all."""
    try:
        check_coordinates(lat, lon)
    except InvalidInput as exc:
        return exc
    return None


def _on_segment(lat: float, lon: float, a_lat: float, a_lon: float, b_lat: float,
                b_lon: float) -> bool:
    if not (min(a_lat, b_lat) - ON_EDGE_DEGREES <= lat <= max(a_lat, b_lat) + ON_EDGE_DEGREES
            and min(a_lon, b_lon) - ON_EDGE_DEGREES <= lon <= max(a_lon, b_lon) + ON_EDGE_DEGREES):
        return False
    length = math.hypot(b_lat - a_lat, b_lon - a_lon)
    cross = (b_lat - a_lat) * (lon - a_lon) - (b_lon - a_lon) * (lat - a_lat)
    return abs(cross) <= ON_EDGE_DEGREES * length


def _distance_to_segment(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from the origin to segment ab, in the plane."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length_squared = dx * dx + dy * dy
    t = 0.0 if length_squared == 0 else max(0.0, min(1.0, -(a[0] * dx + a[1] * dy)
                                                     / length_squared))
    return math.hypot(a[0] + t * dx, a[1] + t * dy)


def _orientation(p: Sequence[float], q: Sequence[float], r: Sequence[float]) -> float:
    return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])


def _edges_clash(a: Sequence[float], b: Sequence[float], c: Sequence[float],
                 d: Sequence[float], *, adjacent: bool) -> bool:
    """Whether edges ab and cd meet anywhere but the corner two adjacent
    edges share (there they clash only when they fold back over each other)."""
    if adjacent:
        shared, ends = (b, (a, d)) if tuple(b) == tuple(c) else (a, (b, c))
        if _orientation(shared, *ends) != 0.0:
            return False
        # Collinear: they overlap when both ends lie on the same side of the corner.
        return ((ends[0][0] - shared[0]) * (ends[1][0] - shared[0])
                + (ends[0][1] - shared[1]) * (ends[1][1] - shared[1])) > 0
    o1, o2 = _orientation(a, b, c), _orientation(a, b, d)
    o3, o4 = _orientation(c, d, a), _orientation(c, d, b)
    if ((o1 > 0) != (o2 > 0) and o1 != 0 and o2 != 0
            and (o3 > 0) != (o4 > 0) and o3 != 0 and o4 != 0):
        return True

    def within(p: Sequence[float], q: Sequence[float], r: Sequence[float]) -> bool:
        return (min(p[0], q[0]) <= r[0] <= max(p[0], q[0])
                and min(p[1], q[1]) <= r[1] <= max(p[1], q[1]))

    return ((o1 == 0 and within(a, b, c)) or (o2 == 0 and within(a, b, d))
            or (o3 == 0 and within(c, d, a)) or (o4 == 0 and within(c, d, b)))


def _signed_area(points: Iterable[Sequence[float]]) -> float:
    points = list(points)
    return 0.5 * sum(p[0] * q[1] - q[0] * p[1]
                     for p, q in zip(points, points[1:] + points[:1]))


def _degrees(value: float, *, sign: bool = False) -> str:
    """-8.4 → "-8.40", 115.2125 → "115.2125": as typed, at least two decimals."""
    whole, _, fraction = f"{value:.6f}".rstrip("0").partition(".")
    text = f"{whole}.{fraction:0<2}"
    return f"+{text}" if sign and value > 0 else text


def _distance_text(metres: float) -> str:
    if metres < 1000:
        return f"{max(1, round(metres))} m"
    if metres < 10_000:
        return f"{metres / 1000:.1f} km"
    return f"{metres / 1000:.0f} km"
