"""`safedesk complaints|agencies|bulletin` through subprocess, on SQLite and
PostgreSQL: stable JSON, reporter data only where the desk needs it, and bad
input that exits 2 with one line and writes nothing."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdf
import pytest

pytestmark = pytest.mark.postgres

SAFEDESK = str(Path(sys.executable).parent / "safedesk")
TICKET = re.compile(r"^HD-\d{4}-\d{6}$")
COMPLAINT_FIELDS = {"id", "ticket", "category", "category_name", "agency", "agency_name",
                    "status", "channel", "lat", "lon", "address", "description", "call_id",
                    "created_at", "created_by", "due_at", "updated_at", "overdue"}
REPORTER = ("Ni Wayan Sumerti", "0812-3456-7890")


def run(db_url, *args, expect=0):
    result = subprocess.run([SAFEDESK, "--db", db_url, *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == expect, (args, result.stdout, result.stderr)
    return result


def run_json(db_url, *args):
    return json.loads(run(db_url, *args, "--json").stdout)


def refused(db_url, *args):
    result = run(db_url, *args, expect=2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("safedesk: error: "), (args, result.stderr)
    assert result.stdout == ""
    return lines[0]


@pytest.fixture
def desk(db_url):
    run(db_url, "init")
    return db_url


def _create(desk, *extra):
    return run_json(desk, "complaints", "create", "--category", "lampu_jalan",
                    "--lat", "-8.635", "--lon", "115.229", "--address",
                    "Jalan Gatot Subroto Timur", "--description",
                    "Tiga lampu mati, hubungi 0812 3456 7890", *extra)


def test_a_complaint_from_ticket_to_newspaper(desk, tmp_path):
    categories = run_json(desk, "complaints", "categories")
    assert len(categories) == 15
    assert all(set(c) == {"code", "name_id", "name_en", "agency", "agency_name",
                          "target_hours"} for c in categories)
    lights = next(c for c in categories if c["code"] == "lampu_jalan")
    assert lights["agency"] == "DISHUB"
    agencies = run_json(desk, "agencies", "list")
    assert len(agencies) == 11 and set(agencies[0]) == {"code", "name", "phone", "active"}

    created = _create(desk, "--reporter-name", REPORTER[0], "--reporter-phone", REPORTER[1],
                      "--channel", "call")
    assert set(created) == COMPLAINT_FIELDS and TICKET.match(created["ticket"])
    assert created["status"] == "received" and created["agency"] == "DISHUB"
    ticket = created["ticket"]
    other = run_json(desk, "complaints", "create", "--category", "drainase_tersumbat",
                     "--address", "Jalan Teuku Umar", "--description", "Got tersumbat",
                     "--channel", "walk_in")
    assert other["lat"] is None and other["channel"] == "walk_in"

    listed = run_json(desk, "complaints", "list")
    assert [c["ticket"] for c in listed] == [other["ticket"], ticket]
    assert all(set(c) == COMPLAINT_FIELDS for c in listed)
    assert [c["ticket"] for c in run_json(desk, "complaints", "list", "--query", "lampu")] \
        == [ticket]
    assert [c["ticket"] for c in run_json(desk, "complaints", "list", "--query",
                                          "0812-3456-7890")] == [ticket]
    assert [c["ticket"] for c in run_json(desk, "complaints", "list", "--agency", "DPUPR")] \
        == [other["ticket"]]
    assert run_json(desk, "complaints", "list", "--overdue") == []

    run(desk, "complaints", "status", ticket, "forwarded", "--note", "Dikirim ke Dishub")
    moved = run_json(desk, "complaints", "status", ticket, "in_progress", "--note",
                     "Petugas telah menjadwalkan perbaikan")
    assert moved["status"] == "in_progress"
    assert [c["ticket"] for c in run_json(desk, "complaints", "list", "--status",
                                          "in_progress", "--category", "lampu_jalan")] == [ticket]

    shown = run_json(desk, "complaints", "show", ticket.lower())
    assert shown["reporter_private"]["name"] == REPORTER[0]
    assert shown["reporter_private"]["phone"] == "+6281234567890"
    assert [h["kind"] for h in shown["history"]] == ["status", "status", "opened"]
    assert shown["history"][0]["actor"] == "supervisor"  # who signed the command in

    moved_category = run_json(desk, "complaints", "set-agency", "lampu_jalan", "PLN")
    assert moved_category["agency"] == "PLN"
    assert run_json(desk, "complaints", "show", ticket)["agency"] == "DISHUB"

    bulletin = run_json(desk, "bulletin", "create", "--title", "Halo Denpasar pagi", ticket,
                        other["ticket"])
    assert [i["ticket"] for i in bulletin["items"]] == [ticket, other["ticket"]]
    assert bulletin == run_json(desk, "bulletin", "show", str(bulletin["id"]))
    assert "petugas telah menjadwalkan perbaikan" in bulletin["items"][0]["reading_text"]

    txt, pdf = tmp_path / "buletin.txt", tmp_path / "buletin.pdf"
    run(desk, "bulletin", "export", str(bulletin["id"]), "--format", "txt", "--out", str(txt))
    run(desk, "bulletin", "export", str(bulletin["id"]), "--format", "pdf", "--out", str(pdf))
    pdf_text = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)
    for text in (txt.read_text(encoding="utf-8"), pdf_text, json.dumps(bulletin)):
        assert ticket in text and other["ticket"] in text
        assert "Sumerti" not in text and "81234567890" not in re.sub(r"\D", "", text)

    actions = [a["action"] for a in run_json(desk, "audit")]
    for action in ("complaint.create", "complaint.status", "category.agency",
                   "bulletin.created"):
        assert action in actions


def test_bad_input_for_every_command_writes_nothing(desk, tmp_path):
    ticket = _create(desk)["ticket"]
    bulletin_id = str(run_json(desk, "bulletin", "create", "--title", "Pagi", ticket)["id"])

    def state():
        return [run_json(desk, *command) for command in (
            ("complaints", "list"), ("bulletin", "list"), ("audit",),
            ("complaints", "categories"), ("agencies", "list"))]
    before = state()
    create = ("complaints", "create", "--category", "lampu_jalan", "--lat", "-8.6",
              "--lon", "115.2", "--description", "Lampu mati")
    out = tmp_path / "out"
    out.mkdir()
    # (arguments, a phrase the one error line must hold; "" for argparse's own)
    cases = [
        ((*create[:3], "gempa", *create[4:]), "unknown complaint category 'gempa'"),
        ((*create[:5], "95", *create[6:]), "latitude"),
        ((*create[:7], "-190", *create[8:]), "longitude"),
        ((*create[:5], "nan", *create[6:]), "finite"),
        ((*create[:9], "   "), "needs a description"),
        ((*create, "--reporter-phone", "rumah Pak Made"), "not a phone number"),
        ((*create, "--call", "424242"), "no call 424242"),
        ((*create, "--channel", "pigeon"), ""),
        ((*create[:5], "abc", *create[6:]), ""),
        (create[:6], ""),
        (("complaints", "list", "--status", "lost"), "not one of"),
        (("complaints", "list", "--agency", "NASA"), "unknown agency"),
        (("complaints", "list", "--category", "gempa"), "unknown complaint category"),
        (("complaints", "list", "--from", "kemarin"), "is not a date"),
        (("complaints", "list", "--limit", "0"), "limit"),
        (("complaints", "show", "HD-1999-000001"), "no complaint ticket"),
        (("complaints", "show", "lampu"), "no complaint ticket"),
        (("complaints", "status", "HD-1999-000001", "forwarded", "--note", "x"), "no complaint"),
        (("complaints", "status", ticket, "lost", "--note", "x"), "not one of"),
        (("complaints", "status", ticket, "forwarded", "--note", " "), "needs a note"),
        (("complaints", "status", ticket, "forwarded"), ""),
        (("complaints", "status", ticket, "resolved", "--note", "selesai"),
         "cannot go from received to resolved"),
        (("complaints", "set-agency", "gempa", "PLN"), "unknown complaint category"),
        (("complaints", "set-agency", "lampu_jalan", "NASA"), "unknown agency"),
        (("complaints", "set-agency", "lampu_jalan", "DISHUB"), "already handled"),
        (("agencies", "set", "bad code", "--name", "Nama"), "agency code"),
        (("agencies", "set", "DISHUB", "--name", "Dishub", "--inactive"), "still handles"),
        (("bulletin", "create", "--title", "Pagi", "HD-1999-000001"), "no complaint ticket"),
        (("bulletin", "create", "--title", " ", ticket), "needs a title"),
        (("bulletin", "create", "--title", "x", ticket, ticket), "listed twice"),
        (("bulletin", "create", "--title", "x"), ""),
        (("bulletin", "show", "999"), "no bulletin 999"),
        (("bulletin", "export", "999", "--format", "pdf", "--out", str(out / "a.pdf")),
         "no bulletin 999"),
        (("bulletin", "export", bulletin_id, "--format", "docx", "--out", str(out / "b.docx")),
         ""),
        (("bulletin", "export", bulletin_id, "--format", "txt", "--out",
          str(out / "missing" / "c.txt")), "cannot write"),
        (("bulletin", "export", bulletin_id, "--format", "pdf", "--out",
          str(out / "missing" / "c.pdf")), "cannot write"),
    ]
    # Refusals write nothing, so they may run side by side (each is a process).
    with ThreadPoolExecutor(max_workers=4) as pool:
        lines = list(pool.map(lambda case: refused(desk, *case[0]), cases))
    for (args, phrase), line in zip(cases, lines):
        assert phrase in line, (args, line)
    assert list(out.iterdir()) == []
    assert state() == before
