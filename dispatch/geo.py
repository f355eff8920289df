"""Coordinates people type: checked before anything is written."""
from __future__ import annotations

import math

from dispatch.errors import InvalidInput


def check_coordinates(lat: float, lon: float) -> tuple[float, float]:
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise InvalidInput(f"coordinates must be numbers, got {lat!r}, {lon!r}") from None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise InvalidInput("coordinates must be finite numbers")
    if not -90.0 <= lat <= 90.0:
        raise InvalidInput(f"latitude {lat} is out of range (-90 to 90)")
    if not -180.0 <= lon <= 180.0:
        raise InvalidInput(f"longitude {lon} is out of range (-180 to 180)")
    return lat, lon
