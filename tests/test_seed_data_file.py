"""Checks of the default seed file against its JSON Schema and its own cross-references.

Loads resources/seed/denpasar.json and resources/seed.schema.json with plain json +
jsonschema (no project code), so it guards the data files themselves.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SEED_PATH = RESOURCES / "seed" / "denpasar.json"
SCHEMA_PATH = RESOURCES / "seed.schema.json"

KECAMATAN = {"Denpasar Utara", "Denpasar Timur", "Denpasar Selatan", "Denpasar Barat"}

# Official list (Kepmendagri 300.2.2-2138/2025): 16 kelurahan, 27 desa.
KELURAHAN_PER_KECAMATAN = {
    "Denpasar Selatan": {"Serangan", "Pedungan", "Sesetan", "Panjer", "Renon", "Sanur"},
    "Denpasar Timur": {"Kesiman", "Sumerta", "Dangin Puri", "Penatih"},
    "Denpasar Barat": {"Dauh Puri", "Pemecutan", "Padangsambian"},
    "Denpasar Utara": {"Tonja", "Ubung", "Peguyangan"},
}
DESA_PER_KECAMATAN = {
    "Denpasar Selatan": {"Sidakarya", "Pemogan", "Sanur Kaja", "Sanur Kauh"},
    "Denpasar Timur": {
        "Dangin Puri Kelod", "Sumerta Kelod", "Kesiman Petilan", "Kesiman Kertalangu",
        "Sumerta Kaja", "Sumerta Kauh", "Penatih Dangin Puri",
    },
    "Denpasar Barat": {
        "Padangsambian Kelod", "Pemecutan Kelod", "Dauh Puri Kauh", "Dauh Puri Kelod",
        "Dauh Puri Kangin", "Tegal Harum", "Tegal Kertha", "Padangsambian Kaja",
    },
    "Denpasar Utara": {
        "Dangin Puri Kangin", "Dangin Puri Kauh", "Dangin Puri Kaja", "Pemecutan Kaja",
        "Dauh Puri Kaja", "Ubung Kaja", "Peguyangan Kaja", "Peguyangan Kangin",
    },
}

# Extent of Kota Denpasar's administrative boundary (Serangan's south shore to
# Peguyangan Kangin, Padangsambian Kelod to Kesiman Kertalangu) with a small margin.
# Pelabuhan Benoa lies inside it (Kelurahan Pedungan).
LAT_RANGE = (-8.755, -8.588)
LON_RANGE = (115.170, 115.276)

REQUIRED_INCIDENT_TYPES = {"kebakaran", "banjir", "pohon_tumbang", "laka_lantas", "medis"}


@pytest.fixture(scope="module")
def seed() -> dict:
    return json.loads(SEED_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _codes(items, key="code"):
    return [item[key] for item in items]


def _duplicates(values):
    return sorted(v for v, n in Counter(values).items() if n > 1)


def test_schema_is_valid_draft_2020_12(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_schema_property_is_documented(schema):
    missing = []

    def walk(node, path):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if not isinstance(sub, dict) or not sub.get("description"):
                    missing.append(f"{path}/properties/{name}")
            for key, sub in node.items():
                walk(sub, f"{path}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{path}/{i}")

    walk(schema, "#")
    assert not missing, f"properties without description: {missing}"


def test_seed_validates_against_schema(seed, schema):
    validator = jsonschema.Draft202012Validator(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(seed)]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize(
    "bad",
    [
        {"format": 2},
        {"unit_kinds": [{"code": "pmk", "name_id": "PMK", "name_en": "Fire engine",
                         "speed_kmh": 0}]},
        {"incident_types": [{"code": "medis", "name_id": "Medis", "name_en": "Medical",
                             "priority": 6, "unit_kinds": ["ambulans"]}]},
        {"operators": [{"username": "x1", "full_name": "X", "role": "admin"}]},
        {"gazetteer": [{"name": "Renon", "kind": "kelurahan", "lat": -8.68, "lon": 115.24,
                        "approximate": True}]},
        {"gazetteer": [{"name": "Renon", "kind": "landmark", "lat": -91, "lon": 115.24,
                        "approximate": True}]},
        {"agencies": [{"code": "dlhk", "name": "Dinas"}]},
        {"lines": [{"number": "0361-223333", "name": "X", "purpose": "emergency", "extra": 1}]},
        {"complaint_categories": [{"code": "x", "name_id": "X", "name_en": "X", "agency": "PLN",
                                   "target_hours": 0.5}]},
        {"complaint_categories": [{"code": "x", "name_id": "X", "name_en": "X", "agency": "PLN",
                                   "target_hours": 9000}]},
        {"service_area": {"name": "X", "polygon": [[-8.6, 115.2], [-8.7, 115.2]],
                          "approximate": True}},
        {"service_area": {"name": "X", "polygon": [[-8.6, 115.2], [-8.7, 115.2],
                                                   [-8.7, 115.3, 0]], "approximate": True}},
        {"service_area": {"name": "X", "polygon": [[-8.6, 115.2], [-8.7, 115.2], [95, 115.3]],
                          "approximate": True}},
        {"service_area": {"name": "X", "polygon": [[-8.6, 115.2], [-8.7, 115.2], [-8.7, 190]],
                          "approximate": True}},
        {"service_area": {"name": "X", "polygon": [[-8.6, 115.2], [-8.7, 115.2], [-8.7, 115.3]]}},
    ],
)
def test_schema_rejects_bad_values(seed, schema, bad):
    broken = {**seed, **bad}
    assert not jsonschema.Draft202012Validator(schema).is_valid(broken)


def test_codes_are_unique(seed):
    checks = {
        "line numbers": _codes(seed["lines"], "number"),
        "unit kinds": _codes(seed["unit_kinds"]),
        "stations": _codes(seed["stations"]),
        "callsigns": _codes(seed["units"], "callsign"),
        "incident types": _codes(seed["incident_types"]),
        "agencies": _codes(seed["agencies"]),
        "complaint categories": _codes(seed["complaint_categories"]),
        "usernames": _codes(seed["operators"], "username"),
    }
    problems = {what: _duplicates(values) for what, values in checks.items() if _duplicates(values)}
    assert not problems


def test_gazetteer_names_and_aliases_are_unambiguous(seed):
    keys = []
    for place in seed["gazetteer"]:
        keys.append(place["name"].casefold())
        keys.extend(a.casefold() for a in place.get("aliases", []))
    assert not _duplicates(keys)


def test_lines_cover_both_purposes(seed):
    by_number = {line["number"]: line["purpose"] for line in seed["lines"]}
    assert by_number == {"0361-223333": "emergency", "0361-244444": "complaints"}


def test_cross_references(seed):
    kinds = set(_codes(seed["unit_kinds"]))
    stations = set(_codes(seed["stations"]))
    agencies = set(_codes(seed["agencies"]))
    kecamatan = {p["name"] for p in seed["gazetteer"] if p["kind"] == "kecamatan"}

    for unit in seed["units"]:
        assert unit["kind"] in kinds, unit
        assert unit["station"] in stations, unit
    for itype in seed["incident_types"]:
        assert set(itype["unit_kinds"]) <= kinds, itype
    for cat in seed["complaint_categories"]:
        assert cat["agency"] in agencies, cat
    for station in seed["stations"]:
        assert station["kecamatan"] in kecamatan, station
    for place in seed["gazetteer"]:
        if "kecamatan" in place:
            assert place["kecamatan"] in kecamatan, place
        if place["kind"] == "kecamatan":
            assert place["kecamatan"] == place["name"], place


def test_every_unit_kind_and_station_is_used(seed):
    assert {u["kind"] for u in seed["units"]} == set(_codes(seed["unit_kinds"]))
    assert {u["station"] for u in seed["units"]} == set(_codes(seed["stations"]))


def test_four_stations_one_per_kecamatan(seed):
    stations = seed["stations"]
    assert len(stations) == 4
    assert sorted(s["kecamatan"] for s in stations) == sorted(KECAMATAN)


def test_every_station_has_a_pmk_and_an_ambulans(seed):
    for station in seed["stations"]:
        kinds = {u["kind"] for u in seed["units"] if u["station"] == station["code"]}
        assert {"pmk", "ambulans"} <= kinds, station["code"]


def test_unit_count_is_realistic(seed):
    assert 16 <= len(seed["units"]) <= 20


def test_required_incident_types_present(seed):
    assert REQUIRED_INCIDENT_TYPES <= set(_codes(seed["incident_types"]))


def test_gazetteer_has_the_four_kecamatan(seed):
    kecamatan = [p["name"] for p in seed["gazetteer"] if p["kind"] == "kecamatan"]
    assert sorted(kecamatan) == sorted(KECAMATAN)


def test_gazetteer_has_all_43_desa_and_kelurahan(seed):
    places = [p for p in seed["gazetteer"] if p["kind"] in ("desa", "kelurahan")]
    assert len(places) == 43
    assert Counter(p["kind"] for p in places) == {"desa": 27, "kelurahan": 16}
    per_kecamatan = Counter(p["kecamatan"] for p in places)
    assert per_kecamatan == {
        "Denpasar Selatan": 10, "Denpasar Timur": 11, "Denpasar Barat": 11, "Denpasar Utara": 11,
    }
    for kec in KECAMATAN:
        kel = {p["name"] for p in places if p["kecamatan"] == kec and p["kind"] == "kelurahan"}
        desa = {p["name"] for p in places if p["kecamatan"] == kec and p["kind"] == "desa"}
        assert kel == KELURAHAN_PER_KECAMATAN[kec], kec
        assert desa == DESA_PER_KECAMATAN[kec], kec


def test_all_coordinates_inside_denpasar(seed):
    outside = [
        (p["name"], p["lat"], p["lon"])
        for p in seed["gazetteer"] + seed["stations"]
        if not (LAT_RANGE[0] <= p["lat"] <= LAT_RANGE[1]
                and LON_RANGE[0] <= p["lon"] <= LON_RANGE[1])
    ]
    assert not outside


def test_all_coordinates_marked_approximate(seed):
    assert all(p["approximate"] is True for p in seed["gazetteer"] + seed["stations"])
    assert seed["service_area"]["approximate"] is True


def test_service_area_is_kota_denpasar_with_a_margin(seed):
    # Whether every place lies inside the polygon: tests/test_service_area.py.
    area = seed["service_area"]
    assert area["name"] == "Kota Denpasar"
    assert len(area["polygon"]) >= 8
    assert area["polygon"][0] != area["polygon"][-1], "the ring closes by itself"
    lats = [lat for lat, _ in area["polygon"]]
    lons = [lon for _, lon in area["polygon"]]
    assert min(lats) < LAT_RANGE[0] and max(lats) > LAT_RANGE[1]
    assert min(lons) < LON_RANGE[0] and max(lons) > LON_RANGE[1]
    assert -8.80 < min(lats) and max(lats) < -8.54 and 115.12 < min(lons) and max(lons) < 115.32


def test_seed_has_no_number_json_cannot_hold(seed):
    text = SEED_PATH.read_text(encoding="utf-8")

    def refuse(literal):
        raise AssertionError(f"{literal} in the seed")

    json.loads(text, parse_constant=refuse)


def test_stations_lie_in_their_corner_of_the_city(seed):
    by_kec = {s["kecamatan"]: s for s in seed["stations"]}
    utara, timur = by_kec["Denpasar Utara"], by_kec["Denpasar Timur"]
    selatan, barat = by_kec["Denpasar Selatan"], by_kec["Denpasar Barat"]
    assert utara["lat"] > max(timur["lat"], selatan["lat"], barat["lat"])
    assert selatan["lat"] < min(utara["lat"], timur["lat"], barat["lat"])
    assert timur["lon"] > max(utara["lon"], selatan["lon"], barat["lon"])
    assert barat["lon"] < min(utara["lon"], timur["lon"], selatan["lon"])


def test_gazetteer_size_and_content(seed):
    gaz = seed["gazetteer"]
    assert 85 <= len(gaz) <= 130
    kinds = Counter(p["kind"] for p in gaz)
    assert kinds["hospital"] >= 5
    names = {p["name"] for p in gaz} | {a for p in gaz for a in p.get("aliases", [])}
    for expected in ("Lapangan Puputan Badung", "Monumen Bajra Sandhi", "Pasar Badung",
                     "Pura Jagatnatha", "Terminal Ubung", "Pelabuhan Benoa", "Pantai Sanur",
                     "Pantai Mertasari", "Kantor Walikota Denpasar", "Museum Bali",
                     "RSUP Sanglah", "RSUD Wangaya", "Alun-alun Denpasar"):
        assert expected in names, expected
