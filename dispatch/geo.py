"""Coordinates people type, checked before anything is written, and the
great-circle distance between two of them (stdlib only: a command that
does not rank units never pays for importing numpy)."""
from __future__ import annotations

import math

from dispatch.errors import InvalidInput


def check_coordinates(lat: float, lon: float) -> tuple[float, float]:
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise InvalidInput(f"coordinates must be numbers, got {lat!r}, {lon!r}",
                           code="place.not_numbers", lat=repr(lat), lon=repr(lon)) from None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise InvalidInput("coordinates must be finite numbers", code="place.not_finite")
    if not -90.0 <= lat <= 90.0:
        raise InvalidInput(f"latitude {lat} is out of range (-90 to 90)", code="place.out_of_range",
                           axis="latitude", value=lat, low=-90, high=90)
    if not -180.0 <= lon <= 180.0:
        raise InvalidInput(f"longitude {lon} is out of range (-180 to 180)",
                           code="place.out_of_range", axis="longitude", value=lon, low=-180,
                           high=180)
    return lat, lon


# IUGG mean Earth radius: the best single sphere for distances anywhere.
EARTH_RADIUS_M = 6_371_008.8


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two WGS84 points (degrees)."""
    phi1 = math.radians(lat1)
    phi2 = math.radians(lat2)
    half_dphi = (phi2 - phi1) * 0.5
    half_dlambda = math.radians(lon2 - lon1) * 0.5
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    # min() guards asin against a hair above 1.0 from rounding near antipodes.
    return 2.0 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, a)))
