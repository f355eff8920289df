"""Finding a place: the gazetteer first (works offline), then Nominatim.

The call-taker types while the caller talks, so `suggest_places` must answer
from memory in well under a frame; the network geocoder is asked only for a
full address search, with a short timeout, and its failure degrades to the
gazetteer instead of an error.
"""
from __future__ import annotations

import logging
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch.geo import check_coordinates, haversine_m
from dispatch.models import GazetteerPlace

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)
USER_AGENT = "SafeCommunityDesk/0.1 (Denpasar call centre)"
# Denpasar with a margin: Nominatim is asked to prefer results inside it.
DENPASAR_VIEWBOX = (115.15, -8.56, 115.29, -8.76)  # left, top, right, bottom
KIND_RANK = {"kecamatan": 0, "kelurahan": 1, "desa": 1, "hospital": 2, "landmark": 3}
# A kecamatan's centre point says little about a spot inside it.
TOO_BROAD_TO_BE_NEAR = {"kecamatan"}


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    kecamatan: str
    lat: float
    lon: float
    source: str  # gazetteer | nominatim
    approximate: bool = True

    @property
    def label(self) -> str:
        return f"{self.name}, {self.kecamatan}" if self.kecamatan and self.kecamatan != self.name \
            else self.name


def fold(text: str) -> str:
    """Case- and accent-blind, punctuation as spaces: 'Jl. Teuku Umar' ~ 'jl teuku umar'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch if ch.isalnum() else " " for ch in decomposed
                   if not unicodedata.combining(ch))
    return " ".join(kept.split())


class Gazetteer:
    """The gazetteer held in memory for type-ahead (a few hundred rows)."""

    def __init__(self, places: Iterable[tuple[Place, Sequence[str]]]) -> None:
        self._entries = [(place, [fold(place.name), *map(fold, aliases)])
                         for place, aliases in places]

    @classmethod
    def load(cls, session: Session) -> Gazetteer:
        rows = session.scalars(select(GazetteerPlace).order_by(GazetteerPlace.name))
        return cls((Place(r.name, r.kind, r.kecamatan, r.lat, r.lon, "gazetteer", r.approximate),
                    r.aliases or []) for r in rows)

    def __len__(self) -> int:
        return len(self._entries)

    def _entries_by_rank(self) -> list[tuple[Place, list[str]]]:
        return sorted(self._entries, key=lambda entry: (KIND_RANK.get(entry[0].kind, 4),
                                                        entry[0].name))

    def nearest(self, lat: float, lon: float, *,
                within_m: float | None = None) -> Place | None:
        """The named place closest to a point (a desa, kelurahan, landmark…,
        never a kecamatan), or None when none lies within `within_m` metres."""
        best, best_m = None, math.inf
        for place, _names in self._entries:
            if place.kind in TOO_BROAD_TO_BE_NEAR:
                continue
            distance = haversine_m(lat, lon, place.lat, place.lon)
            if distance < best_m:
                best, best_m = place, distance
        if within_m is not None and best_m > within_m:
            return None
        return best

    def suggest(self, typed: str, limit: int = 10) -> list[Place]:
        """Prefix matches on any word of a name or alias beat matches inside
        a word; then kecamatan before desa before landmarks; then by name."""
        query = fold(typed)
        if not query:
            return []
        scored = []
        for place, names in self._entries:
            best = None
            for name in names:
                if name.startswith(query):
                    score = 0
                elif (" " + query) in (" " + name) or all(
                        any(word.startswith(part) for word in name.split())
                        for part in query.split()):
                    score = 1
                elif query in name:
                    score = 2
                else:
                    continue
                best = score if best is None else min(best, score)
            if best is not None:
                scored.append((best, KIND_RANK.get(place.kind, 4), place.name, place))
        scored.sort(key=lambda item: item[:3])
        return [item[3] for item in scored[:limit]]


def find_place(session: Session, name: str) -> Place | None:
    """The gazetteer place called exactly `name` (or with it as an alias,
    case- and accent-blind); a kecamatan before a desa before a landmark."""
    wanted = fold(name or "")
    if not wanted:
        return None
    for place, names in Gazetteer.load(session)._entries_by_rank():
        if wanted in names:
            return place
    return None


class NominatimGeocoder:
    """Address search on a Nominatim server (an own one, or the public one
    within its usage policy). Never raises: a failure returns []."""

    def __init__(self, base_url: str, timeout_s: float = 3.0,
                 session: requests.Session | None = None) -> None:
        import requests  # only a desk with a geocoder pays for importing it
        self._requests = requests
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self._http = session or requests.Session()
        self._http.headers.setdefault("User-Agent", USER_AGENT)

    def search(self, text: str, limit: int = 5) -> list[Place]:
        params = {"q": text, "format": "jsonv2", "limit": limit, "countrycodes": "id",
                  "viewbox": ",".join(map(str, DENPASAR_VIEWBOX)), "bounded": 0,
                  "accept-language": "id"}
        try:
            response = self._http.get(f"{self.base_url}/search", params=params,
                                      timeout=self.timeout_s)
            response.raise_for_status()
            rows = response.json()
        except (self._requests.RequestException, ValueError) as exc:
            log.warning("geocoder unavailable (%s): using the gazetteer", type(exc).__name__)
            return []
        places = []
        for row in rows if isinstance(rows, list) else []:
            try:
                lat, lon = check_coordinates(row["lat"], row["lon"])
            except Exception:  # noqa: BLE001 - skip a malformed row, keep the rest
                continue
            places.append(Place(str(row.get("display_name", ""))[:200], "address", "", lat, lon,
                                "nominatim", approximate=False))
        return places


def search_places(text: str, gazetteer: Gazetteer, geocoder: NominatimGeocoder | None,
                  limit: int = 8) -> list[Place]:
    """Address search for the incident form: the geocoder's answers first
    when it has any, the gazetteer's always (offline, they are all there is)."""
    found = geocoder.search(text, limit=limit) if geocoder else []
    seen = {(p.lat, p.lon) for p in found}
    for place in gazetteer.suggest(text, limit=limit):
        if (place.lat, place.lon) not in seen:
            found.append(place)
    return found[:limit]
