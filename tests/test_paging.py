"""Lists that scale (issue 15): every list command pages by `--limit` and
`--before`, newest first, without gaps or repeats; `--all` streams every
row once as JSON lines, in flat memory; bad paging options exit 2 with one
line. On SQLite and PostgreSQL; the memory check on a generated SQLite
file of 50,000 calls."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import supervisor_principal
from sqlalchemy import select

from dispatch.assignments import close_incident
from dispatch.cli.main import main as safedesk_main
from dispatch.complaints import create_complaint
from dispatch.enums import CallStatus
from dispatch.incidents import OPEN_STATES, create_incident
from dispatch.models import AuditEntry, Call, Complaint, Incident
from dispatch.storage import open_database
from dispatch.timeutil import utcnow

pytestmark = pytest.mark.postgres

SAFEDESK = str(Path(sys.executable).parent / "safedesk")
ROWS = 23  # of each kind: three pages of 7 and a short one
PAGE = 7


def cli(capsys, db_url: str, *args: str) -> tuple[int, str, str]:
    """`safedesk` in this process (a subprocess per page would cost a second each)."""
    umask = os.umask(0o077)
    try:
        code = safedesk_main(["--db", db_url, *args])
    except SystemExit as exit_:  # argparse's own usage errors
        code = exit_.code
    finally:
        os.umask(umask)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def desk(db_url):
    """A desk with ROWS calls, incidents and complaints, some of each filtered out."""
    subprocess.run([SAFEDESK, "--db", db_url, "init"], check=True, capture_output=True,
                   timeout=120)
    database = open_database(db_url)
    database.principal = supervisor_principal()
    base = utcnow() - timedelta(hours=3)
    with database.session() as session:
        for n in range(ROWS):
            session.add(Call(sip_call_id=f"paging-{n}@test", caller_number=f"+6281234567{n:03d}",
                             status=CallStatus.ABANDONED if n % 3 == 0 else CallStatus.ENDED,
                             started_at=base + timedelta(minutes=n)))
        for n in range(ROWS):
            create_incident(session, type_code="banjir" if n % 2 else "kebakaran",
                            lat=-8.65 + n * 0.001, lon=115.21, actor="supervisor",
                            address=f"Jalan Kamboja {n}", not_a_duplicate=True)
            create_complaint(session, category_code="lampu_jalan" if n % 4 else "pohon_rawan",
                             description=f"{'Lampu mati' if n % 4 else 'Pohon miring'} no {n}",
                             address="Jalan Nangka", actor="supervisor")
    with database.session() as session:
        for incident_id in session.scalars(select(Incident.id).order_by(Incident.id)).all()[::3]:
            close_incident(session, incident_id=incident_id, actor="supervisor")
    yield db_url, database
    database.dispose()


def ids_of(database, query) -> list[int]:
    with database.reading() as session:
        return list(session.scalars(query))


def paged(capsys, db_url, command, *, before: int | None = None) -> list[int]:
    """Every id the command lists, page by page, following stderr's next_before."""
    ids: list[int] = []
    while True:
        extra = ["--before", str(before)] if before is not None else []
        code, out, err = cli(capsys, db_url, *command, "--limit", str(PAGE), *extra, "--json")
        assert code == 0, err
        rows = json.loads(out)
        assert isinstance(rows, list) and len(rows) <= PAGE
        ids += [row["id"] for row in rows]
        if not err:
            return ids
        hint = json.loads(err)
        assert len(rows) == PAGE and hint == {"next_before": rows[-1]["id"]}
        before = hint["next_before"]


def streamed(capsys, db_url, command, *, before: int | None = None) -> list[int]:
    extra = ["--before", str(before)] if before is not None else []
    code, out, err = cli(capsys, db_url, *command, "--all", *extra)
    assert code == 0 and err == "", err
    lines = out.splitlines()
    rows = [json.loads(line) for line in lines]  # each line one whole object
    assert all(isinstance(row, dict) for row in rows)
    return [row["id"] for row in rows]


LISTS = {
    "calls": (("calls", "list"), select(Call.id)),
    "abandoned calls": (("calls", "list", "--status", "abandoned"),
                        select(Call.id).where(Call.status == CallStatus.ABANDONED)),
    "incidents": (("incidents", "list"), select(Incident.id)),
    "open incidents": (("incidents", "list", "--open"),
                       select(Incident.id).where(Incident.status.in_(OPEN_STATES))),
    "complaints": (("complaints", "list"), select(Complaint.id)),
    "complaints about lights": (("complaints", "list", "--query", "lampu"),
                                select(Complaint.id).where(
                                    Complaint.category_code == "lampu_jalan")),
    "audit": (("audit",), select(AuditEntry.id)),
    "incident audit": (("audit", "--entity", "incident"),
                       select(AuditEntry.id).where(AuditEntry.entity == "incident")),
}


def test_pages_and_the_stream_hold_every_row_once_newest_first(desk, capsys):
    for name in LISTS:
        check_paging(capsys, *desk, name)


def check_paging(capsys, db_url, database, name):
    command, query = LISTS[name]
    # The audit trail grows while we read it (signing in may add entries):
    # page below the last entry the fixture wrote, as a reader resuming would.
    with database.reading() as session:
        last = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    before = last + 1 if command[0] == "audit" else None
    if before is not None:
        query = query.where(AuditEntry.id < before)
    expected = ids_of(database, query.order_by(query.selected_columns[0].desc()))
    assert len(expected) > PAGE, f"{name}: the fixture must fill more than one page"
    assert paged(capsys, db_url, command, before=before) == expected, name
    assert streamed(capsys, db_url, command, before=before) == expected, name
    # Resuming an interrupted stream below the last id it wrote.
    assert streamed(capsys, db_url, command, before=expected[4]) == expected[5:], name


def test_the_default_page_and_the_text_output_say_where_the_next_page_starts(desk, capsys):
    db_url, database = desk
    with database.session() as session:  # 120 calls: past the default page of 100
        base = utcnow() - timedelta(days=1)
        session.add_all(Call(sip_call_id=f"more-{n}@test", status=CallStatus.ENDED,
                             started_at=base + timedelta(seconds=n)) for n in range(120 - ROWS))
    newest = ids_of(database, select(Call.id).order_by(Call.id.desc()))
    code, out, err = cli(capsys, db_url, "calls", "list", "--json")
    assert code == 0 and [row["id"] for row in json.loads(out)] == newest[:100]
    assert json.loads(err) == {"next_before": newest[99]}
    code, out, err = cli(capsys, db_url, "calls", "list", "--before", str(newest[99]))
    assert code == 0 and err == ""  # the last page: nothing more to say
    assert [int(line.split()[0]) for line in out.splitlines()] == newest[100:]
    code, out, err = cli(capsys, db_url, "incidents", "list", "--limit", "5")
    assert code == 0 and len(out.splitlines()) == 5 and out.startswith("#")
    assert err.startswith("more: --before ") and err.count("\n") == 1


BAD = [("--limit", "0"), ("--limit", "10001"), ("--limit", "lima"), ("--before", "0"),
       ("--before", "-3"), ("--before", "kemarin"), ("--all", "--limit", "5")]


@pytest.mark.parametrize("command", [("calls", "list"), ("incidents", "list"),
                                     ("complaints", "list"), ("audit",)])
def test_bad_paging_options_exit_2_with_one_line(db_url, capsys, command):
    for bad in BAD:  # the empty database of the template: nothing to init
        code, out, err = cli(capsys, db_url, *command, *bad)
        assert code == 2 and out == "", (bad, out, err)
        assert err.count("\n") == 1 and err.startswith("safedesk: error: "), (bad, err)
        code, out, err = cli(capsys, db_url, *command, *bad, "--json")
        assert code == 2 and out == "" and err.count("\n") == 1
        assert json.loads(err)["error"] in ("usage", "search.bad_limit", "paging.bad_before")


# ------------------------------------------------------------------ memory

CALLS_FOR_MEMORY = 50_000
PEAK_RSS = ("import resource, subprocess, sys;"
            "out = open(sys.argv.pop(1), 'w');"
            "code = subprocess.call(sys.argv[1:], stdout=out);"
            "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def _peak_rss_kib(argv: list[str], out: Path) -> int:
    """Run argv in a fresh parent, so its peak RSS is the only child's."""
    measured = subprocess.run([sys.executable, "-c", PEAK_RSS, str(out), *argv],
                              capture_output=True, text=True, timeout=240)
    code, peak = measured.stdout.split()
    assert code == "0", measured.stderr
    return int(peak)


def test_the_stream_of_50000_calls_keeps_memory_flat(sqlite_template, tmp_path):
    path = tmp_path / "many.sqlite3"
    path.write_bytes(sqlite_template.read_bytes())
    start = datetime(2026, 1, 1)
    with sqlite3.connect(path) as connection:
        connection.executemany(
            "INSERT INTO calls (direction, caller_number, caller_raw, caller_withheld, status, "
            "started_at) VALUES ('inbound', ?, '', 0, 'ended', ?)",
            ((f"+62813{n:08d}", str(start + timedelta(seconds=30 * n)))
             for n in range(CALLS_FOR_MEMORY)))
    command = [SAFEDESK, "--db", f"sqlite:///{path}", "calls", "list"]
    one_page = _peak_rss_kib([*command, "--limit", "1"], tmp_path / "page.json")
    every_call = _peak_rss_kib([*command, "--all"], tmp_path / "all.jsonl")
    with open(tmp_path / "all.jsonl") as lines:
        ids = [json.loads(line)["id"] for line in lines]
    assert ids == list(range(CALLS_FOR_MEMORY, 0, -1))
    # One batch of 1,000 calls and the number cache over a process that
    # lists one call; the whole list in Python would take some 250 MB more.
    grown_mib = (every_call - one_page) / 1024
    assert grown_mib < 60, f"peak RSS grew {grown_mib:.0f} MiB streaming 50,000 calls"
