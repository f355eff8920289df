"""Travel-time estimates from unit origins to an incident.

Two providers share one small protocol so the nearest-unit ranking does not
care where a number came from:

* `StraightLineEta` works offline from great-circle distance, a detour factor
  and a speed per unit kind. It is the floor the desk can always stand on.
* `OsrmTableEta` asks an OSRM routing server (table service) for road
  durations and distances, and falls back to another provider for anything
  the server cannot answer. A dispatcher must never see an exception or wait
  long because the routing server is down.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
import requests

from dispatch.geo import EARTH_RADIUS_M, haversine_m  # noqa: F401 (the reference, and re-exported)

SOURCE_STRAIGHT_LINE = "straight_line"
SOURCE_OSRM = "osrm"

log = logging.getLogger(__name__)


def haversine_m_array(
    lat1: np.ndarray, lon1: np.ndarray, lat2: float, lon2: float
) -> np.ndarray:
    """`haversine_m` over arrays of points at once: the same formula, step by step."""
    phi1 = np.radians(lat1)
    return haversine_m_prepared(phi1, np.cos(phi1), lon1, lat2, lon2)


def haversine_m_prepared(
    phi1: np.ndarray, cos_phi1: np.ndarray, lon1: np.ndarray, lat2: float, lon2: float
) -> np.ndarray:
    """`haversine_m_array` for points whose latitude is already in radians,
    with its cosine: a ranking keeps them per starting point, so each call
    pays only for what depends on the destination. The operations and their
    order are `haversine_m`'s, so both give the same figures."""
    phi2 = math.radians(lat2)
    # In place where the operation's order allows it: a small fleet's cost
    # is the number of arrays made, not the arithmetic.
    a = np.subtract(phi2, phi1)
    a *= 0.5
    np.sin(a, out=a)
    a *= a
    sin_half_dlambda = np.subtract(lon2, lon1)
    np.radians(sin_half_dlambda, out=sin_half_dlambda)
    sin_half_dlambda *= 0.5
    np.sin(sin_half_dlambda, out=sin_half_dlambda)
    sin_half_dlambda *= sin_half_dlambda
    cosines = cos_phi1 * math.cos(phi2)
    cosines *= sin_half_dlambda
    a += cosines
    np.minimum(a, 1.0, out=a)
    np.sqrt(a, out=a)
    np.arcsin(a, out=a)
    a *= 2.0 * EARTH_RADIUS_M
    return a


@dataclass(frozen=True)
class Origin:
    """Where a unit would start from. `key` is the unit's callsign."""

    key: str
    lat: float
    lon: float
    kind: str


@dataclass(frozen=True)
class Estimate:
    eta_s: float
    distance_m: float
    source: str


@runtime_checkable
class EtaProvider(Protocol):
    def estimate(
        self, origins: Sequence[Origin], dest_lat: float, dest_lon: float
    ) -> list[Estimate]:
        """One estimate per origin, in the same order as `origins`."""
        ...


def _require_positive_finite(value: float, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, got {value!r}") from None
    if not math.isfinite(number) or number <= 0.0:
        raise ValueError(f"{what} must be a positive finite number, got {value!r}")
    return number


class StraightLineEta:
    """Great-circle distance stretched by a detour factor, driven at a speed per kind."""

    def __init__(
        self,
        speeds_kmh: Mapping[str, float],
        detour_factor: float = 1.35,
        default_speed_kmh: float = 30.0,
    ) -> None:
        try:
            factor = float(detour_factor)
        except (TypeError, ValueError):
            raise ValueError(f"detour_factor must be a number, got {detour_factor!r}") from None
        if not math.isfinite(factor) or factor < 1.0:
            raise ValueError(
                f"detour_factor must be a finite number >= 1 (roads are never shorter "
                f"than the straight line), got {detour_factor!r}"
            )
        self.detour_factor = factor
        self.speeds_kmh = {
            kind: _require_positive_finite(speed, f"speed for unit kind {kind!r} (km/h)")
            for kind, speed in speeds_kmh.items()
        }
        self.default_speed_kmh = _require_positive_finite(default_speed_kmh, "default_speed_kmh")
        # What a ranking may reuse the speeds it worked out from this for.
        self.key = (self.detour_factor, self.default_speed_kmh,
                    tuple(sorted(self.speeds_kmh.items())))

    def speeds_ms(self, kinds: Sequence[str]) -> np.ndarray:
        """Metres per second for each of `kinds`; the default speed for a kind it does not know."""
        return np.array(
            [self.speeds_kmh.get(kind, self.default_speed_kmh) / 3.6 for kind in kinds],
            dtype=np.float64,
        )

    def estimate_arrays(
        self,
        lat: np.ndarray,
        lon: np.ndarray,
        speed_ms: np.ndarray,
        dest_lat: float,
        dest_lon: float,
    ) -> tuple[np.ndarray, np.ndarray]:
        """ETA (s) and road distance (m) for arrays of origins, each with its speed (m/s)."""
        distance_m = haversine_m_array(lat, lon, dest_lat, dest_lon) * self.detour_factor
        return distance_m / speed_ms, distance_m

    def estimate(
        self, origins: Sequence[Origin], dest_lat: float, dest_lon: float
    ) -> list[Estimate]:
        if not origins:
            return []
        eta_s, distance_m = self.estimate_arrays(
            np.array([origin.lat for origin in origins], dtype=np.float64),
            np.array([origin.lon for origin in origins], dtype=np.float64),
            self.speeds_ms([origin.kind for origin in origins]),
            dest_lat,
            dest_lon,
        )
        return [
            Estimate(eta, distance, SOURCE_STRAIGHT_LINE)
            for eta, distance in zip(eta_s.tolist(), distance_m.tolist())
        ]


class OsrmTableEta:
    """Road ETAs from an OSRM table service, with a fallback that never fails.

    The destination is sent first and the origins as sources, so each answer
    is one column. `timeout_s` is the budget of one request: connecting and
    waiting for the answer each give up after it, and the body must have
    arrived within it too. After one transport failure the remaining chunks
    of the same call go straight to the fallback: a dead server costs one
    timeout, not one per chunk.
    """

    def __init__(
        self,
        base_url: str,
        fallback: EtaProvider,
        timeout_s: float = 2.0,
        profile: str = "driving",
        session: requests.Session | None = None,
        *,
        max_table_size: int = 100,
    ) -> None:
        if not base_url or not isinstance(base_url, str):
            raise ValueError("base_url must be a non-empty URL such as http://127.0.0.1:5000")
        if not profile or "/" in profile:
            raise ValueError(
                f"profile must be a single path segment such as 'driving', got {profile!r}"
            )
        self.timeout_s = _require_positive_finite(timeout_s, "timeout_s")
        if not isinstance(max_table_size, int) or max_table_size < 2:
            raise ValueError(f"max_table_size must be an integer >= 2, got {max_table_size!r}")
        self.base_url = base_url.rstrip("/")
        self.profile = profile
        self.fallback = fallback
        self.max_table_size = max_table_size
        self._owns_session = session is None
        self.session = session if session is not None else requests.Session()

    def close(self) -> None:
        if self._owns_session:
            self.session.close()

    def estimate(
        self, origins: Sequence[Origin], dest_lat: float, dest_lon: float
    ) -> list[Estimate]:
        origins = list(origins)
        if not origins:
            return []
        # Older OSRM releases count every coordinate (destination included)
        # against max-table-size, newer ones count sources x destinations; a
        # chunk that satisfies the older rule satisfies both.
        per_request = self.max_table_size - 1
        estimates: list[Estimate] = []
        server_unreachable = False
        for start in range(0, len(origins), per_request):
            chunk = origins[start : start + per_request]
            if server_unreachable:
                estimates.extend(self.fallback.estimate(chunk, dest_lat, dest_lon))
                continue
            try:
                answer = self._fetch_table(chunk, dest_lat, dest_lon)
            except (requests.RequestException, OSError) as exc:
                # Only the exception's type: its message carries the URL, and
                # the URL carries the incident's location.
                log.warning(
                    "OSRM table request failed (%s); straight-line fallback for %d origins",
                    type(exc).__name__,
                    len(origins) - start,
                )
                server_unreachable = True
                estimates.extend(self.fallback.estimate(chunk, dest_lat, dest_lon))
                continue
            estimates.extend(self._merge_answer(chunk, answer, dest_lat, dest_lon))
        return estimates

    def _table_url(self, chunk: Sequence[Origin], dest_lat: float, dest_lon: float) -> str:
        # Six decimals is ~0.1 m, far finer than any GPS fix; OSRM wants lon,lat.
        coordinates = ";".join(
            [f"{dest_lon:.6f},{dest_lat:.6f}"] + [f"{o.lon:.6f},{o.lat:.6f}" for o in chunk]
        )
        sources = ";".join(str(i) for i in range(1, len(chunk) + 1))
        return (
            f"{self.base_url}/table/v1/{self.profile}/{coordinates}"
            f"?sources={sources}&destinations=0&annotations=duration,distance"
        )

    def _fetch_table(self, chunk: Sequence[Origin], dest_lat: float, dest_lon: float) -> object:
        """The decoded JSON body of a 200 answer, or None for any other status or bad JSON."""
        deadline = time.monotonic() + self.timeout_s
        url = self._table_url(chunk, dest_lat, dest_lon)
        # requests' timeout is per socket read, so a server trickling bytes could
        # hold a dispatcher for ever; streaming lets us enforce a whole deadline.
        with self.session.get(url, timeout=self.timeout_s, stream=True) as response:
            if response.status_code != 200:
                log.warning(
                    "OSRM table answered HTTP %d; straight-line fallback for %d origins",
                    response.status_code,
                    len(chunk),
                )
                return None
            body = bytearray()
            for piece in response.iter_content(chunk_size=16_384):
                body += piece
                if time.monotonic() > deadline:
                    raise requests.Timeout("OSRM answer took longer than the request budget")
        try:
            return json.loads(body)
        except ValueError:
            log.warning(
                "OSRM table answer is not JSON; straight-line fallback for %d origins", len(chunk)
            )
            return None

    def _merge_answer(
        self, chunk: Sequence[Origin], answer: object, dest_lat: float, dest_lon: float
    ) -> list[Estimate]:
        if answer is None:  # already logged by _fetch_table
            return self.fallback.estimate(chunk, dest_lat, dest_lon)
        columns = _duration_distance_columns(answer, len(chunk))
        if columns is None:
            code = answer.get("code") if isinstance(answer, dict) else None
            log.warning(
                "OSRM table answer unusable (code %r or unexpected shape); "
                "straight-line fallback for %d origins",
                code[:40] if isinstance(code, str) else None,
                len(chunk),
            )
            return self.fallback.estimate(chunk, dest_lat, dest_lon)

        cells = [(_cell(d), _cell(m)) for d, m in zip(*columns)]
        # OSRM leaves a cell null when it finds no road between the two points
        # (e.g. a position snapped onto a disconnected piece of the road graph).
        unrouted = [
            i for i, (eta_s, distance_m) in enumerate(cells) if eta_s is None or distance_m is None
        ]
        substitutes: dict[int, Estimate] = {}
        if unrouted:
            log.warning(
                "OSRM table has no route for %d of %d origins; straight-line fallback for those",
                len(unrouted),
                len(chunk),
            )
            fallback_estimates = self.fallback.estimate(
                [chunk[i] for i in unrouted], dest_lat, dest_lon
            )
            substitutes = dict(zip(unrouted, fallback_estimates))
        return [
            substitutes[i] if i in substitutes else Estimate(eta_s, distance_m, SOURCE_OSRM)
            for i, (eta_s, distance_m) in enumerate(cells)
        ]


def _duration_distance_columns(answer: object, rows: int) -> tuple[list, list] | None:
    """The durations and distances matrices of an "Ok" answer with `rows` rows, else None."""
    if not isinstance(answer, dict) or answer.get("code") != "Ok":
        return None
    durations, distances = answer.get("durations"), answer.get("distances")
    for matrix in (durations, distances):
        if not isinstance(matrix, list) or len(matrix) != rows:
            return None
    return durations, distances


def _cell(row: object) -> float | None:
    """The single value of a one-column matrix row, if it is a usable number."""
    if not isinstance(row, list) or len(row) != 1:
        return None
    value = row[0]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) and value >= 0.0 else None
