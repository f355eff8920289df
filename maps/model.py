"""Plain data the map draws.

The map never sees ORM rows: the UI copies what it needs into these frozen
values, so a marker can cross to the page (as JSON) without dragging a
session along, and tests can build them by hand.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


def _check_position(what: str, lat: float, lon: float) -> None:
    # A NaN or swapped coordinate would not fail loudly in Leaflet; it would
    # silently put a unit in the sea or break fitAll for every marker.
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(f"{what}: position {lat!r}, {lon!r} is not a number")
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"{what}: position {lat}, {lon} is outside the globe")


@dataclass(frozen=True, slots=True)
class StationMarker:
    code: str
    name: str
    lat: float
    lon: float

    def __post_init__(self) -> None:
        _check_position(f"station {self.code}", self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class PlaceLabel:
    """A gazetteer entry drawn as text, so the map reads without tiles."""

    name: str
    kind: str  # kecamatan, desa, kelurahan, landmark, ...
    lat: float
    lon: float

    def __post_init__(self) -> None:
        _check_position(f"place {self.name}", self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class UnitMarker:
    callsign: str
    kind: str  # pmk, ambulans, polisi, ...
    status: str  # a dispatch.enums.UnitStatus value
    lat: float
    lon: float
    station: str = ""
    incident_id: int | None = None  # assigned to it: the map draws a line there

    def __post_init__(self) -> None:
        _check_position(f"unit {self.callsign}", self.lat, self.lon)

    def payload(self) -> dict[str, Any]:
        # Spelled out: dataclasses.asdict deep-copies and costs ~10x more,
        # which shows when 500 units move in one batch.
        return {"callsign": self.callsign, "kind": self.kind, "status": self.status,
                "lat": self.lat, "lon": self.lon, "station": self.station,
                "incident_id": self.incident_id}


@dataclass(frozen=True, slots=True)
class IncidentMarker:
    id: int
    type_code: str
    priority: int  # 1 is the most urgent
    lat: float
    lon: float
    label: str = ""  # drawn beside it, e.g. "#12 Kebakaran"
    detail: str = ""  # shown on hover, e.g. the address

    def __post_init__(self) -> None:
        _check_position(f"incident {self.id}", self.lat, self.lon)

    def payload(self) -> dict[str, Any]:
        return {"id": self.id, "type_code": self.type_code, "priority": self.priority,
                "lat": self.lat, "lon": self.lon, "label": self.label, "detail": self.detail}


def as_payload(markers: Iterable[UnitMarker | IncidentMarker]) -> list[dict[str, Any]]:
    """Markers as JSON-ready dicts; the field names are the page's too."""
    return [marker.payload() for marker in markers]
