"""`safedesk` through subprocess, on SQLite and PostgreSQL: JSON with stable
field names, and bad input that exits 2 with one line and writes nothing."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

SAFEDESK = str(Path(sys.executable).parent / "safedesk")
RECOMMEND_FIELDS = {"callsign", "kind", "station", "eta_s", "distance_m"}


def run(db_url, *args, expect=0):
    result = subprocess.run([SAFEDESK, "--db", db_url, *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == expect, (result.stdout, result.stderr)
    return result


def run_json(db_url, *args):
    return json.loads(run(db_url, *args, "--json").stdout)


def refused(db_url, *args, expect=2):
    result = run(db_url, *args, expect=expect)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("safedesk: error: "), result.stderr
    assert result.stdout == ""
    return lines[0]


@pytest.fixture
def desk(db_url):
    run(db_url, "init")
    return db_url


def test_init_is_idempotent_and_reports_the_seed(db_url):
    first = run_json(db_url, "init")
    assert first["seed"]["counts"]["stations"] == 4
    second = run_json(db_url, "init")
    assert second["seed"] is None


def test_the_dispatch_path(desk):
    incident = run_json(desk, "incidents", "create", "--type", "kebakaran", "--lat", "-8.6705",
                        "--lon", "115.2126", "--address", "Pasar Badung",
                        "--caller", "081234567890")
    assert {"id", "type", "priority", "status", "lat", "lon", "created_at"} <= set(incident)
    assert incident["status"] == "open" and incident["caller"] == "+6281234567890"
    ranked = run_json(desk, "recommend", str(incident["id"]))
    assert ranked and all(RECOMMEND_FIELDS <= set(row) for row in ranked)
    assert [r["eta_s"] for r in ranked] == sorted(r["eta_s"] for r in ranked)
    best = ranked[0]["callsign"]
    run(desk, "assign", str(incident["id"]), best)
    units = {u["callsign"]: u for u in run_json(desk, "units", "list")}
    assert units[best]["status"] == "dispatched"
    run(desk, "units", "status", best, "en_route")
    run(desk, "units", "status", best, "on_scene")
    shown = run_json(desk, "incidents", "show", str(incident["id"]))
    assert shown["status"] == "on_scene" and shown["units"] == [best]
    assert [e["kind"] for e in shown["timeline"]][0] == "created"
    run(desk, "units", "status", best, "clear")
    open_ids = [i["id"] for i in run_json(desk, "incidents", "list", "--open")]
    assert incident["id"] in open_ids
    actions = [a["action"] for a in run_json(desk, "audit")]
    assert "incident.assign" in actions and actions.count("unit.status") == 4
    assert all({"at", "actor", "action", "entity", "before", "after"} <= set(a)
               for a in run_json(desk, "audit"))


def test_bad_input_for_every_command_writes_nothing(desk):
    before_incidents = run_json(desk, "incidents", "list")
    before_audit = run_json(desk, "audit")
    assert "unknown incident type" in refused(desk, "incidents", "create", "--type", "gempa",
                                              "--lat", "-8.6", "--lon", "115.2")
    assert "latitude" in refused(desk, "incidents", "create", "--type", "banjir",
                                 "--lat", "95", "--lon", "115.2")
    assert "longitude" in refused(desk, "incidents", "create", "--type", "banjir",
                                  "--lat", "-8.6", "--lon", "-190")
    refused(desk, "incidents", "create", "--type", "banjir", "--lat", "nan", "--lon", "115.2")
    refused(desk, "incidents", "create", "--type", "banjir", "--lat", "abc", "--lon", "115.2")
    refused(desk, "incidents", "create", "--type", "banjir", "--lat", "-8.6", "--lon", "115.2",
            "--priority", "0")
    refused(desk, "incidents", "show", "999999")
    refused(desk, "incidents", "close", "999999")
    refused(desk, "units", "status", "NOPE-1", "en_route")
    unit = run_json(desk, "units", "list")[0]["callsign"]
    assert "cannot go from available to on scene" in refused(desk, "units", "status", unit,
                                                              "on_scene")
    refused(desk, "units", "status", unit, "flying")
    refused(desk, "units", "position", unit, "--lat", "-91", "--lon", "115")
    refused(desk, "recommend", "999999")
    refused(desk, "assign", "999999", unit)
    incident = run_json(desk, "incidents", "create", "--type", "banjir", "--lat", "-8.65",
                        "--lon", "115.21")
    refused(desk, "assign", str(incident["id"]), "NOPE-1")
    refused(desk, "init", "--seed", "/nonexistent/seed.json")
    refused(desk, "--no-such-flag")
    after = run_json(desk, "incidents", "list")
    assert len(after) == len(before_incidents) + 1
    assert len(run_json(desk, "audit")) == len(before_audit) + 1


def test_broken_seed_files_change_nothing(desk, tmp_path):
    good = json.loads((Path(__file__).parent.parent / "resources/seed/denpasar.json").read_text())
    units_before = run_json(desk, "units", "list")
    cases = {
        "not-json.json": "{ this is not json",
        "bad-lat.json": json.dumps({**good, "stations": [{**good["stations"][0], "lat": 123}]
                                    + good["stations"][1:]}),
        "dangling.json": json.dumps({**good, "units": good["units"] + [
            {"callsign": "PMK-X-9", "kind": "pmk", "station": "NOWHERE"}]}),
        "late-error.json": json.dumps({**good, "units": good["units"] + [
            {"callsign": "NEW-1", "kind": "pmk", "station": good["stations"][0]["code"]}],
            "complaint_categories": good["complaint_categories"] + [
            {**good["complaint_categories"][0], "code": "zz_new", "agency": "NOPE"}]}),
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_text(content)
        line = refused(desk, "init", "--seed", str(path))
        assert str(path) in line
    assert run_json(desk, "units", "list") == units_before


def test_a_replacement_seed_is_loaded(desk, tmp_path):
    good = json.loads((Path(__file__).parent.parent / "resources/seed/denpasar.json").read_text())
    station = good["stations"][0]["code"]
    good["units"].append({"callsign": "PMK-EXTRA-1", "kind": "pmk", "station": station})
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(good))
    result = run_json(desk, "init", "--seed", str(path))
    assert result["seed"]["counts"]["units"] == len(good["units"])
    assert "PMK-EXTRA-1" in {u["callsign"] for u in run_json(desk, "units", "list")}


def test_unreachable_database_is_one_line_and_exit_4(tmp_path):
    # Not the user's input (2) nor a refusal (3): the same command may work later.
    line = refused("postgresql+psycopg://nobody@127.0.0.1:1/none", "incidents", "list",
                   expect=4)
    assert "database unavailable" in line
