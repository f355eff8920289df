"""ETA providers: straight-line arithmetic and the OSRM table client with its fallback."""

from __future__ import annotations

import json
import logging
import math
import socket
import threading
import time
from dataclasses import fields
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dispatch.eta import (
    Estimate,
    EtaProvider,
    Origin,
    OsrmTableEta,
    StraightLineEta,
    haversine_m,
    haversine_m_array,
)

SPEEDS_KMH = {"pmk": 36.0, "ambulans": 54.0}
PUPUTAN_BADUNG = (-8.6572, 115.2163)  # central Denpasar
SANUR_BEACH = (-8.6783, 115.2633)
# WGS84 geodesic (Vincenty inverse) distance between the two points above.
PUPUTAN_TO_SANUR_GEODESIC_M = 5674.7


# --- haversine -----------------------------------------------------------------


def test_haversine_denpasar_to_sanur_within_one_percent_of_the_geodesic():
    distance = haversine_m(*PUPUTAN_BADUNG, *SANUR_BEACH)
    assert distance == pytest.approx(PUPUTAN_TO_SANUR_GEODESIC_M, rel=0.01)


def test_haversine_one_degree_of_meridian_is_about_111_km():
    # WGS84 gives 110,574 m for the first degree north of the equator.
    assert haversine_m(0.0, 115.0, 1.0, 115.0) == pytest.approx(110_574.0, rel=0.01)


def test_haversine_half_way_round_the_earth():
    assert haversine_m(0.0, 0.0, 0.0, 180.0) == pytest.approx(math.pi * 6_371_008.8, rel=1e-9)


def test_haversine_is_zero_for_the_same_point_and_symmetric():
    assert haversine_m(*SANUR_BEACH, *SANUR_BEACH) == 0.0
    there = haversine_m(*PUPUTAN_BADUNG, *SANUR_BEACH)
    back = haversine_m(*SANUR_BEACH, *PUPUTAN_BADUNG)
    assert there == pytest.approx(back, rel=1e-12)


# --- StraightLineEta ----------------------------------------------------------


def origin(key: str, lat: float, lon: float, kind: str = "pmk") -> Origin:
    return Origin(key=key, lat=lat, lon=lon, kind=kind)


def test_straight_line_eta_uses_the_speed_of_each_kind():
    provider = StraightLineEta(SPEEDS_KMH, detour_factor=1.0)
    fire, ambulance = provider.estimate(
        [origin("PMK-1", *PUPUTAN_BADUNG, "pmk"), origin("AMB-1", *PUPUTAN_BADUNG, "ambulans")],
        *SANUR_BEACH,
    )
    distance = haversine_m(*PUPUTAN_BADUNG, *SANUR_BEACH)
    assert fire.distance_m == pytest.approx(distance, rel=1e-9)
    assert fire.eta_s == pytest.approx(distance / 10.0, rel=1e-9)  # 36 km/h = 10 m/s
    assert ambulance.eta_s == pytest.approx(distance / 15.0, rel=1e-9)  # 54 km/h = 15 m/s
    assert fire.source == ambulance.source == "straight_line"


def test_straight_line_eta_unknown_kind_drives_at_the_default_speed():
    provider = StraightLineEta(SPEEDS_KMH, detour_factor=1.0, default_speed_kmh=18.0)
    (estimate,) = provider.estimate([origin("X-1", *PUPUTAN_BADUNG, "perahu")], *SANUR_BEACH)
    assert estimate.eta_s == pytest.approx(estimate.distance_m / 5.0, rel=1e-9)


def test_detour_factor_stretches_distance_and_time():
    straight = StraightLineEta(SPEEDS_KMH, detour_factor=1.0)
    winding = StraightLineEta(SPEEDS_KMH, detour_factor=1.35)
    origins = [origin("PMK-1", *PUPUTAN_BADUNG)]
    (short,) = straight.estimate(origins, *SANUR_BEACH)
    (long,) = winding.estimate(origins, *SANUR_BEACH)
    assert long.distance_m == pytest.approx(short.distance_m * 1.35, rel=1e-9)
    assert long.eta_s == pytest.approx(short.eta_s * 1.35, rel=1e-9)


def test_default_detour_factor_is_1_35():
    (estimate,) = StraightLineEta(SPEEDS_KMH).estimate(
        [origin("PMK-1", *PUPUTAN_BADUNG)], *SANUR_BEACH
    )
    assert estimate.distance_m == pytest.approx(
        haversine_m(*PUPUTAN_BADUNG, *SANUR_BEACH) * 1.35, rel=1e-9
    )


def test_straight_line_eta_keeps_the_order_of_origins_and_handles_none():
    provider = StraightLineEta(SPEEDS_KMH)
    assert provider.estimate([], *SANUR_BEACH) == []
    near = origin("NEAR", -8.6780, 115.2630)
    far = origin("FAR", -8.60, 115.18)
    first, second = provider.estimate([far, near], *SANUR_BEACH)
    assert first.distance_m > second.distance_m


def test_estimates_are_complete_frozen_dataclasses():
    (estimate,) = StraightLineEta(SPEEDS_KMH).estimate(
        [origin("PMK-1", *PUPUTAN_BADUNG)], *SANUR_BEACH
    )
    assert set(vars(estimate)) == {f.name for f in fields(Estimate)}
    twin = Estimate(estimate.eta_s, estimate.distance_m, estimate.source)
    assert estimate == twin and hash(estimate) == hash(twin)
    with pytest.raises(AttributeError):
        estimate.eta_s = 0.0  # type: ignore[misc]


# No per-example deadline: the suite shares a machine with SIPp and PostgreSQL,
# and a scheduling hiccup is not a failure of the property.
@settings(deadline=None)
@given(
    lat=st.floats(-89.0, 89.0),
    lon=st.floats(-180.0, 180.0),
    dest_lat=st.floats(-89.0, 89.0),
    dest_lon=st.floats(-180.0, 180.0),
)
def test_vectorised_distance_matches_haversine(lat, lon, dest_lat, dest_lon):
    (estimate,) = StraightLineEta({}, detour_factor=1.0).estimate(
        [origin("U", lat, lon)], dest_lat, dest_lon
    )
    assert estimate.distance_m == pytest.approx(
        haversine_m(lat, lon, dest_lat, dest_lon), rel=1e-9, abs=1e-6
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"speeds_kmh": {"pmk": 0.0}}, "speed for unit kind 'pmk'"),
        ({"speeds_kmh": {"pmk": -40.0}}, "speed for unit kind 'pmk'"),
        ({"speeds_kmh": {"pmk": math.nan}}, "speed for unit kind 'pmk'"),
        ({"speeds_kmh": {"pmk": "fast"}}, "must be a number"),
        ({"speeds_kmh": {}, "detour_factor": 0.9}, "detour_factor"),
        ({"speeds_kmh": {}, "detour_factor": math.inf}, "detour_factor"),
        ({"speeds_kmh": {}, "default_speed_kmh": 0.0}, "default_speed_kmh"),
    ],
)
def test_straight_line_eta_refuses_impossible_settings(arguments, message):
    with pytest.raises(ValueError, match=message):
        StraightLineEta(**arguments)


def test_providers_satisfy_the_protocol():
    fallback = StraightLineEta(SPEEDS_KMH)
    assert isinstance(fallback, EtaProvider)
    assert isinstance(OsrmTableEta("http://127.0.0.1:9", fallback), EtaProvider)


# --- OsrmTableEta against a local HTTP server -----------------------------------

ROAD_SPEED_MS = 12.0
ROAD_STRETCH = 1.2


class OsrmStandIn:
    """What the stand-in server should answer, and what it was asked."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.null_rows: set[int] = set()
        self.requests: list[str] = []
        self.release = threading.Event()  # ends a "slow" answer early at teardown
        self.base_url = ""

    @staticmethod
    def road(lon_lat: str, dest: tuple[float, float]) -> tuple[float, float]:
        lon, lat = (float(part) for part in lon_lat.split(","))
        distance = haversine_m(lat, lon, dest[1], dest[0]) * ROAD_STRETCH
        return distance / ROAD_SPEED_MS, distance


def make_handler(state: OsrmStandIn) -> type[BaseHTTPRequestHandler]:
    class TableHandler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # keep pytest output quiet
            pass

        def do_GET(self):
            state.requests.append(self.path)
            if state.mode == "slow" and state.release.wait(10.0):
                return  # the test is over; nobody is listening any more
            if state.mode == "status500":
                return self.reply(500, b"internal error")
            if state.mode == "not_json":
                return self.reply(200, b"<html>proxy error</html>")
            url = urlsplit(self.path)
            prefix = "/table/v1/driving/"
            if not url.path.startswith(prefix):
                return self.reply(400, json.dumps({"code": "InvalidUrl"}).encode())
            coordinates = url.path[len(prefix) :].split(";")
            query = parse_qs(url.query)
            sources = [int(i) for i in query["sources"][0].split(";")]
            dest = tuple(
                float(part) for part in coordinates[int(query["destinations"][0])].split(",")
            )
            durations, distances = [], []
            for row, source in enumerate(sources):
                duration, distance = OsrmStandIn.road(coordinates[source], dest)
                null = row in state.null_rows
                durations.append([None if null else round(duration, 1)])
                distances.append([None if null else round(distance, 1)])
            body = {"code": "Ok", "durations": durations, "distances": distances}
            if state.mode == "not_ok":
                body = {"code": "NoSegment", "message": "Could not find a matching segment"}
            if state.mode == "short_column":
                body["durations"] = durations[:-1]
            return self.reply(200, json.dumps(body).encode())

        def reply(self, status: int, payload: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return TableHandler


@pytest.fixture
def osrm_server():
    """A real HTTP server on 127.0.0.1 that speaks OSRM's table API (v1 JSON).

    It stands in for an OSRM server because no OSRM server with Bali map data
    can run on this offline machine. Its "road" is the great circle stretched
    by 1.2 and driven at 12 m/s, so its answers differ from the straight-line
    fallback's and a test can tell which one was used.
    """
    state = OsrmStandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    server.daemon_threads = True
    # A short poll interval keeps shutdown() (and so each test) quick.
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="osrm-stand-in", daemon=True
    )
    thread.start()
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    state.release.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


FALLBACK = StraightLineEta(SPEEDS_KMH)
INCIDENT = SANUR_BEACH
ORIGINS = [
    origin("PMK-UTARA", -8.6000, 115.2100),
    origin("AMB-TIMUR", -8.6400, 115.2600, "ambulans"),
    origin("PMK-BARAT", -8.7000, 115.1800),
]


def expected_road(o: Origin) -> tuple[float, float]:
    duration, distance = OsrmStandIn.road(f"{o.lon:.6f},{o.lat:.6f}", (INCIDENT[1], INCIDENT[0]))
    return round(duration, 1), round(distance, 1)


def assert_fallback(estimates: list[Estimate], origins: list[Origin]) -> None:
    assert estimates == FALLBACK.estimate(origins, *INCIDENT)


def assert_no_location_in_logs(caplog: pytest.LogCaptureFixture) -> None:
    for record in caplog.records:
        text = record.getMessage()
        assert "115." not in text and "-8." not in text, text


def test_osrm_answer_is_used(osrm_server):
    provider = OsrmTableEta(osrm_server.base_url, FALLBACK)
    estimates = provider.estimate(ORIGINS, *INCIDENT)
    assert [e.source for e in estimates] == ["osrm"] * 3
    for estimate, o in zip(estimates, ORIGINS):
        assert (estimate.eta_s, estimate.distance_m) == expected_road(o)
    (path,) = osrm_server.requests
    url = urlsplit(path)
    coordinates = url.path.removeprefix("/table/v1/driving/").split(";")
    assert coordinates[0] == f"{INCIDENT[1]:.6f},{INCIDENT[0]:.6f}"  # destination first, lon,lat
    assert coordinates[1:] == [f"{o.lon:.6f},{o.lat:.6f}" for o in ORIGINS]
    assert parse_qs(url.query) == {
        "sources": ["1;2;3"],
        "destinations": ["0"],
        "annotations": ["duration,distance"],
    }


def test_osrm_http_500_falls_back_for_the_whole_batch(osrm_server, caplog):
    osrm_server.mode = "status500"
    provider = OsrmTableEta(osrm_server.base_url, FALLBACK)
    with caplog.at_level(logging.WARNING, logger="dispatch.eta"):
        estimates = provider.estimate(ORIGINS, *INCIDENT)
    assert_fallback(estimates, ORIGINS)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "500" in warnings[0].getMessage()
    assert_no_location_in_logs(caplog)


def test_osrm_slow_answer_beyond_the_timeout_falls_back_quickly(osrm_server, caplog):
    osrm_server.mode = "slow"
    provider = OsrmTableEta(osrm_server.base_url, FALLBACK, timeout_s=0.3)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="dispatch.eta"):
        estimates = provider.estimate(ORIGINS, *INCIDENT)
    elapsed = time.monotonic() - started
    assert_fallback(estimates, ORIGINS)
    assert elapsed < 5.0  # the stand-in holds the answer for 10 s
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    assert_no_location_in_logs(caplog)


def test_after_a_timeout_the_remaining_chunks_do_not_wait_again(osrm_server):
    osrm_server.mode = "slow"
    origins = [origin(f"U{i}", -8.60 - i * 0.0005, 115.20) for i in range(250)]
    provider = OsrmTableEta(osrm_server.base_url, FALLBACK, timeout_s=0.3)
    estimates = provider.estimate(origins, *INCIDENT)
    assert_fallback(estimates, origins)
    assert len(osrm_server.requests) == 1


def test_osrm_null_cell_falls_back_for_that_origin_only(osrm_server, caplog):
    osrm_server.null_rows = {1}
    provider = OsrmTableEta(osrm_server.base_url, FALLBACK)
    with caplog.at_level(logging.WARNING, logger="dispatch.eta"):
        first, second, third = provider.estimate(ORIGINS, *INCIDENT)
    assert (first.source, second.source, third.source) == ("osrm", "straight_line", "osrm")
    assert [second] == FALLBACK.estimate([ORIGINS[1]], *INCIDENT)
    assert (third.eta_s, third.distance_m) == expected_road(ORIGINS[2])
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    assert_no_location_in_logs(caplog)


@pytest.mark.parametrize("mode", ["not_ok", "short_column", "not_json"])
def test_osrm_unusable_answer_falls_back(osrm_server, mode, caplog):
    osrm_server.mode = mode
    provider = OsrmTableEta(osrm_server.base_url, FALLBACK)
    with caplog.at_level(logging.WARNING, logger="dispatch.eta"):
        estimates = provider.estimate(ORIGINS, *INCIDENT)
    assert_fallback(estimates, ORIGINS)
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1


def test_osrm_unreachable_server_falls_back_without_raising(caplog):
    with socket.socket() as probe:  # a port that was free a moment ago has no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    provider = OsrmTableEta(f"http://127.0.0.1:{port}", FALLBACK, timeout_s=1.0)
    with caplog.at_level(logging.WARNING, logger="dispatch.eta"):
        estimates = provider.estimate(ORIGINS, *INCIDENT)
    assert_fallback(estimates, ORIGINS)
    (warning,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "ConnectionError" in warning.getMessage()
    assert_no_location_in_logs(caplog)


def test_osrm_large_origin_lists_are_split_into_several_requests(osrm_server):
    origins = [origin(f"U{i:03d}", -8.58 - i * 0.0006, 115.17 + i * 0.0004) for i in range(250)]
    provider = OsrmTableEta(osrm_server.base_url, FALLBACK)
    estimates = provider.estimate(origins, *INCIDENT)
    assert len(osrm_server.requests) == 3
    for path in osrm_server.requests:
        assert len(urlsplit(path).path.removeprefix("/table/v1/driving/").split(";")) <= 100
    assert [e.source for e in estimates] == ["osrm"] * 250
    for estimate, o in zip(estimates, origins):  # answers land on the right origins
        assert (estimate.eta_s, estimate.distance_m) == expected_road(o)


def test_osrm_chunk_size_follows_the_server_limit(osrm_server):
    origins = [origin(f"U{i}", -8.60 - i * 0.001, 115.20) for i in range(25)]
    provider = OsrmTableEta(osrm_server.base_url, FALLBACK, max_table_size=10)
    estimates = provider.estimate(origins, *INCIDENT)
    assert len(osrm_server.requests) == 3  # 9 + 9 + 7 origins, each with the destination
    assert [e.source for e in estimates] == ["osrm"] * 25


def test_osrm_no_origins_means_no_request(osrm_server):
    assert OsrmTableEta(osrm_server.base_url, FALLBACK).estimate([], *INCIDENT) == []
    assert osrm_server.requests == []


@pytest.mark.parametrize(
    "arguments",
    [
        {"base_url": ""},
        {"base_url": "http://osrm.local", "timeout_s": 0},
        {"base_url": "http://osrm.local", "profile": "car/fast"},
        {"base_url": "http://osrm.local", "max_table_size": 1},
    ],
)
def test_osrm_refuses_impossible_settings(arguments):
    with pytest.raises(ValueError):
        OsrmTableEta(fallback=FALLBACK, **arguments)


@settings(deadline=None)
@given(
    points=st.lists(st.tuples(st.floats(-89.0, 89.0), st.floats(-180.0, 180.0)), max_size=50),
    dest_lat=st.floats(-89.0, 89.0),
    dest_lon=st.floats(-180.0, 180.0),
)
def test_array_haversine_matches_haversine_point_by_point(points, dest_lat, dest_lon):
    lat = np.array([p[0] for p in points], dtype=np.float64)
    lon = np.array([p[1] for p in points], dtype=np.float64)
    distances = haversine_m_array(lat, lon, dest_lat, dest_lon)
    for (p_lat, p_lon), distance in zip(points, distances.tolist()):
        assert distance == pytest.approx(haversine_m(p_lat, p_lon, dest_lat, dest_lon),
                                         rel=1e-9, abs=1e-6)


def test_straight_line_arrays_give_what_estimate_gives():
    provider = StraightLineEta(SPEEDS_KMH, default_speed_kmh=18.0)
    origins = [origin("PMK-1", *PUPUTAN_BADUNG), origin("AMB-1", *SANUR_BEACH, "ambulans"),
               origin("X-1", -8.60, 115.18, "perahu")]
    eta_s, distance_m = provider.estimate_arrays(
        np.array([o.lat for o in origins]), np.array([o.lon for o in origins]),
        provider.speeds_ms([o.kind for o in origins]), *INCIDENT)
    assert provider.speeds_ms(["pmk", "perahu"]).tolist() == [10.0, 5.0]
    assert [Estimate(e, d, "straight_line") for e, d in zip(eta_s.tolist(), distance_m.tolist())
            ] == provider.estimate(origins, *INCIDENT)
