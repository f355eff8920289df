"""A seed with a number that is not finite or out of range is refused by
`init --seed` on SQLite and PostgreSQL alike: exit 2, one line naming the
field, and every table exactly as it was (PostgreSQL used to store a NaN
station, and every `recommend` after it failed)."""
from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from dispatch.errors import SeedError
from dispatch.seed import validate_seed

ROOT = Path(__file__).resolve().parent.parent
GOOD = json.loads((ROOT / "resources/seed/denpasar.json").read_text(encoding="utf-8"))
NAN, INF = float("nan"), float("inf")


def _with(path: tuple, value) -> dict:
    """The good seed with one value replaced, e.g. ("stations", 2, "lat")."""
    seed = copy.deepcopy(GOOD)
    node = seed
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return seed


# name: (seed text, what the one line must say)
CASES = {
    "nan-latitude": (json.dumps(_with(("stations", 2, "lat"), NAN)),
                     "stations[2].lat is NaN: coordinates must be finite numbers"),
    "infinite-speed": (json.dumps(_with(("unit_kinds", 1, "speed_kmh"), INF)),
                       "unit_kinds[1].speed_kmh is Infinity: numbers must be finite"),
    "minus-infinity-longitude": (json.dumps(_with(("gazetteer", 5, "lon"), -INF)),
                                 "gazetteer[5].lon is -Infinity: coordinates must be finite"),
    "latitude-95": (json.dumps(_with(("stations", 3, "lat"), 95)), "stations[3].lat"),
    "longitude-200": (json.dumps(_with(("gazetteer", 10, "lon"), 200)), "gazetteer[10].lon"),
    "speed-0": (json.dumps(_with(("unit_kinds", 0, "speed_kmh"), 0)),
                "unit_kinds[0].speed_kmh"),
    "overflowing-literal": (
        json.dumps(_with(("complaint_categories", 2, "target_hours"), 4242.4242))
        .replace("4242.4242", "1e999"),
        "complaint_categories[2].target_hours is 1e999: numbers must be finite"),
    "nan-priority": (json.dumps(_with(("incident_types", 4, "priority"), NAN)),
                     "incident_types[4].priority is NaN"),
    "fractional-target": (json.dumps(_with(("complaint_categories", 0, "target_hours"), 0.5)),
                          "complaint_categories[0].target_hours"),
    "nan-in-the-service-area": (
        json.dumps(_with(("service_area", "polygon", 3), [NAN, 115.285])),
        "service_area.polygon[3][0] is NaN: coordinates must be finite numbers"),
    "service-area-latitude-95": (
        json.dumps(_with(("service_area", "polygon", 0), [95, 115.2])),
        "service_area.polygon[0][0]"),
    "crossing-service-area": (
        json.dumps(_with(("service_area", "polygon"),
                         [[-8.57, 115.15], [-8.77, 115.29], [-8.57, 115.29], [-8.77, 115.15]])),
        "service_area: the edges from polygon[0] and from polygon[2] cross"),
}


def _dump(engine) -> dict[str, list[str]]:
    """Every row of every table, as sorted text (NaN != NaN; PostgreSQL
    cannot order by a JSON column)."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {name: sorted(repr(tuple(row)) for row in connection.execute(select(table)))
                for name, table in sorted(metadata.tables.items())}


def _init_seed(db_url: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dispatch.cli.main", "--db", db_url, "init", "--seed", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_number_is_one_line_and_changes_nothing(db_url, seeded, tmp_path, case):
    text, expected = CASES[case]
    path = tmp_path / f"{case}.json"
    path.write_text(text, encoding="utf-8")
    before = _dump(seeded.engine)
    assert before["service_areas"] and before["stations"]

    result = _init_seed(db_url, path)

    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"safedesk: error: seed file {path}: ")
    assert expected in lines[0]
    assert result.stdout == ""
    assert _dump(seeded.engine) == before


def test_the_good_seed_still_loads_again(db_url, seeded, tmp_path):
    path = tmp_path / "good.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    result = _init_seed(db_url, path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value, literal", [(NAN, "nan"), (INF, "inf"), (-INF, "-inf")])
def test_validate_seed_refuses_python_non_finite_numbers(value, literal):
    # validate_seed is public: data built in code never went through the parser.
    with pytest.raises(SeedError, match=rf"^seed file test: stations\[1\]\.lon is {literal}: "
                                        "coordinates must be finite numbers$"):
        validate_seed(_with(("stations", 1, "lon"), value), source="test")
