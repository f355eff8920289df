"""A ranking's figures from an ETA provider that answers per origin, and the
road short list: with an OSRM server, the best `ROAD_SHORT_LIST` units by
straight line are asked for road times and re-ranked by them (each within
its tier); the rest keep their straight-line figures and order, after them.
dispatch/recommend.py ranks; this module chooses the providers (the
straight line, and OSRM when `routing.osrm_url` is set) and asks them.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from dispatch.eta import EtaProvider, Origin, OsrmTableEta, StraightLineEta
from dispatch.fleet import Fleet, FleetSnapshot
from dispatch.settings import ETA_DETOUR, OSRM_URL, ROUTING_TIMEOUT_S, Settings

ROAD_SHORT_LIST = 10


def providers(
    fleet: Fleet, settings: Settings, provider: EtaProvider | None
) -> tuple[StraightLineEta | EtaProvider, EtaProvider | None]:
    """The straight-line estimate and, when there is one, the road provider."""
    if provider is not None:
        return split_providers(provider)
    straight_line = StraightLineEta(fleet.speeds_kmh, detour_factor=settings.get(ETA_DETOUR))
    url = settings.get(OSRM_URL)
    if url:
        return straight_line, OsrmTableEta(
            url, straight_line, timeout_s=settings.get(ROUTING_TIMEOUT_S))
    return straight_line, None


def close_if_ours(road: EtaProvider | None, given: EtaProvider | None) -> None:
    if road is not None and road is not given and isinstance(road, OsrmTableEta):
        road.close()


def split_providers(
    provider: EtaProvider,
) -> tuple[StraightLineEta | EtaProvider, EtaProvider | None]:
    """(straight line, road) for a provider: OSRM in front of a straight-line
    fallback is asked about the short list only; any other provider that is
    not a StraightLineEta is asked about every unit."""
    if isinstance(provider, OsrmTableEta) and isinstance(provider.fallback, StraightLineEta):
        return provider.fallback, provider
    return provider, None


class Ranking(NamedTuple):
    """The chosen units, best first."""

    position: np.ndarray  # in the ranking's rows
    tier: np.ndarray  # 0: available; 1: on another incident
    eta_s: np.ndarray  # unrounded
    distance_m: np.ndarray  # unrounded
    source: list[str]


def ask_each(
    provider: EtaProvider,
    snapshot: FleetSnapshot,
    rows: np.ndarray,
    lat: np.ndarray,
    lon: np.ndarray,
    incident_lat: float,
    incident_lon: float,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Estimates from a provider that works one Origin at a time, as columns."""
    estimates = _estimates(provider, snapshot, rows, lat, lon, incident_lat, incident_lon)
    return (
        np.array([e.eta_s for e in estimates], dtype=np.float64),
        np.array([e.distance_m for e in estimates], dtype=np.float64),
        [e.source for e in estimates],
    )


def _estimates(provider: EtaProvider, snapshot: FleetSnapshot, rows: np.ndarray,
               lat: np.ndarray, lon: np.ndarray, incident_lat: float,
               incident_lon: float) -> list:
    origins = _origins(snapshot, rows, lat, lon)
    estimates = provider.estimate(origins, incident_lat, incident_lon)
    if len(estimates) != len(origins):
        raise RuntimeError(
            f"{type(provider).__name__} returned {len(estimates)} estimates "
            f"for {len(origins)} origins"
        )
    return estimates


def _origins(
    snapshot: FleetSnapshot, rows: np.ndarray, lat: np.ndarray, lon: np.ndarray
) -> list[Origin]:
    kinds = snapshot.kinds
    return [
        Origin(key=callsign, lat=origin_lat, lon=origin_lon, kind=kinds[kind])
        for callsign, origin_lat, origin_lon, kind in zip(
            snapshot.callsign[rows].tolist(), lat.tolist(), lon.tolist(),
            snapshot.kind[rows].tolist())
    ]


def road_short_list(
    ranking: Ranking,
    road: EtaProvider,
    snapshot: FleetSnapshot,
    rows: np.ndarray,
    lat: np.ndarray,
    lon: np.ndarray,
    incident_lat: float,
    incident_lon: float,
) -> Ranking:
    """The first ROAD_SHORT_LIST re-ranked by the road's answers (each within
    its tier), then the rest as the straight line ranked them."""
    head = ranking.position[:ROAD_SHORT_LIST]
    if len(head) == 0:
        return ranking
    estimates = _estimates(road, snapshot, rows[head], lat[head], lon[head], incident_lat,
                           incident_lon)
    tiers = ranking.tier[:ROAD_SHORT_LIST].tolist()
    callsigns = snapshot.callsign[rows[head]].tolist()
    unit_ids = snapshot.unit_id[rows[head]].tolist()
    # The straight-line rank (i) settles what the road and the tie rules leave equal.
    order = sorted(range(len(head)), key=lambda i: (
        tiers[i], estimates[i].eta_s, estimates[i].distance_m, callsigns[i], unit_ids[i], i))
    rest = slice(len(head), None)
    return Ranking(
        position=np.concatenate([head[order], ranking.position[rest]]),
        tier=np.concatenate([ranking.tier[:len(head)][order], ranking.tier[rest]]),
        eta_s=np.concatenate([[estimates[i].eta_s for i in order], ranking.eta_s[rest]]),
        distance_m=np.concatenate(
            [[estimates[i].distance_m for i in order], ranking.distance_m[rest]]),
        source=[estimates[i].source for i in order] + ranking.source[len(head):],
    )
