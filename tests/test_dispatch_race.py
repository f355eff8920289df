"""Two desks, one unit: it is never sent twice.

Two `safedesk assign` processes, for two incidents and the same unit, are
let go at the same instant (each has imported everything and waits for a
starting signal), fifteen rounds, on SQLite and on PostgreSQL; and, to
show what decides, one transaction held open inside the race on
PostgreSQL while the other desk's assignment waits on the unit's row."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import event, select

from dispatch.assignments import assign_unit, change_unit_status
from dispatch.errors import IllegalTransition
from dispatch.incidents import create_incident
from dispatch.models import Assignment, Unit
from dispatch.settings import Settings

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(240)]
ROUNDS = 15
UNIT = "PMK-SEL-1"

# Imports everything `safedesk` needs, says so, then waits for the start file.
RACER = """
import os, sys, time
from dispatch.cli.main import main
import dispatch.assignments, dispatch.recommend, dispatch.serialize  # noqa: F401
print("ready", flush=True)
go = sys.argv[1]
while not os.path.exists(go):
    time.sleep(0.0005)
sys.exit(main(sys.argv[2:]))
"""


def open_incidents(database, count: int) -> list[int]:
    ids = []
    with database.session() as session:
        for n in range(count):
            incident = create_incident(session, type_code="kebakaran", lat=-8.66 - n * 0.01,
                                       lon=115.21, actor="calltaker", not_a_duplicate=True)
            session.flush()
            ids.append(incident.id)
    return ids


def racer(url: str, go: Path, incident_id: int, tmp_path: Path) -> subprocess.Popen:
    env = dict(os.environ, SAFEDESK_DB=url)
    process = subprocess.Popen([sys.executable, "-c", RACER, str(go),
                                "assign", str(incident_id), UNIT], env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    return process


def open_assignments(database) -> list[tuple[int, int]]:
    with database.reading() as session:
        return list(session.execute(
            select(Assignment.incident_id, Assignment.unit_id).join(Unit)
            .where(Unit.callsign == UNIT, Assignment.cleared_at.is_(None))))


def test_two_processes_never_send_one_unit_twice(seeded, tmp_path):
    url = seeded.url
    for round_number in range(ROUNDS):
        first, second = open_incidents(seeded, 2)
        go = tmp_path / f"go-{round_number}"
        racers = [racer(url, go, first, tmp_path), racer(url, go, second, tmp_path)]
        go.touch()
        results = [(p.wait(60), p.stdout.read(), p.stderr.read()) for p in racers]
        codes = sorted(code for code, _, _ in results)
        assert codes == [0, 2], results
        loser = next(stderr for code, _, stderr in results if code == 2)
        winner_incident = next(incident for (code, _, _), incident
                               in zip(results, (first, second)) if code == 0)
        lines = loser.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(
            f"safedesk: error: {UNIT} was just sent to incident {winner_incident} by supervisor "
            "Supervisor Piket;"), loser  # the signed-in racer, named as the seed has him
        assert [incident for incident, _ in open_assignments(seeded)] == [winner_incident]
        with seeded.session() as session:  # back to the station for the next round
            change_unit_status(session, callsign=UNIT, status="clear", actor="made")


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_the_row_lock_makes_the_second_desk_wait_and_lose(seeded, db_url):
    """Desk A has taken the unit but not yet committed; desk B checks it
    (still available to B's eyes: A has not committed) and tries: B's
    UPDATE waits on the unit's row until A commits, then finds it taken and
    writes nothing."""
    first, second = open_incidents(seeded, 2)
    a_claimed, b_started = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def hold_after_claiming(conn, cursor, statement, parameters, context, executemany):
        if (statement.lstrip().upper().startswith("UPDATE UNITS")
                and threading.current_thread().name == "desk-a"):
            a_claimed.set()
            b_started.wait(10)
            time.sleep(1.0)  # B has read the unit as available and is waiting on its row

    def desk(name: str, incident_id: int) -> None:
        try:
            with seeded.session() as session:
                assignment = assign_unit(session, incident_id=incident_id, callsign=UNIT,
                                         actor=f"dispatcher-{name}", settings=Settings.in_memory())
                session.flush()
                outcome[name] = assignment.incident_id
        except IllegalTransition as refused:
            outcome[name] = str(refused)

    event.listen(seeded.engine, "after_cursor_execute", hold_after_claiming)
    try:
        a = threading.Thread(target=desk, args=("a", first), name="desk-a")
        a.start()
        assert a_claimed.wait(10)
        b = threading.Thread(target=desk, args=("b", second), name="desk-b")
        b.start()
        b_started.set()
        a.join(30)
        b.join(30)
    finally:
        event.remove(seeded.engine, "after_cursor_execute", hold_after_claiming)
    assert outcome["a"] == first
    assert str(outcome["b"]).startswith(f"{UNIT} was just sent to incident {first} by "
                                        "dispatcher-a;")
    assert [incident for incident, _ in open_assignments(seeded)] == [first]
