"""Which kecamatan a point lies in, for the month's figures by kecamatan.

The gazetteer holds no boundaries, only named points: a point takes the
kecamatan of the nearest named place (a desa, kelurahan, landmark…), whose
`kecamatan` field the seed fills; the kecamatan's own centre point is the
fallback when no such place exists. A few hundred rows: one small read.
"""
from __future__ import annotations

import math

from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch.geo import haversine_m
from dispatch.models import GazetteerPlace


def kecamatan_of(session: Session, lat: float | None, lon: float | None) -> str | None:
    """The kecamatan of the gazetteer place nearest (lat, lon); None for an
    unknown place or an empty gazetteer."""
    if lat is None or lon is None:
        return None
    best, best_m = None, math.inf
    centres, centres_m = None, math.inf
    for name, kind, kecamatan, place_lat, place_lon in session.execute(select(
            GazetteerPlace.name, GazetteerPlace.kind, GazetteerPlace.kecamatan,
            GazetteerPlace.lat, GazetteerPlace.lon)):
        distance = haversine_m(lat, lon, place_lat, place_lon)
        if kind == "kecamatan":
            if distance < centres_m:
                centres, centres_m = name, distance
        elif kecamatan and distance < best_m:
            best, best_m = kecamatan, distance
    return best or centres
