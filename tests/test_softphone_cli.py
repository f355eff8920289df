"""`safedesk serve` and `safedesk calls …` as a user runs them: real
processes, a real SIPp caller, SIGTERM/SIGINT to stop."""
from __future__ import annotations

import json
import signal

import pytest
from engine_process import Serve, initialised_sqlite, safedesk

from telephony.testing import Sipp

pytestmark = [
    pytest.mark.sip,
    pytest.mark.timeout(120),
]

CLEAR_NUMBERS = ("08123456701", "08123456702", "+628123456701", "+628123456702",
                 "8123456701", "8123456702")


@pytest.fixture
def db(tmp_path) -> str:
    return initialised_sqlite(tmp_path)


def test_serve_logs_calls_without_numbers_and_calls_list_shows_them(db, tmp_path):
    serve = Serve(db)
    try:
        serve.wait_for("listening on udp")
        result = Sipp("uac_cancel.xml", serve.listen, workdir=tmp_path / "sipp", calls=2,
                      limit=2, rate=20, duration_ms=200).run()
        assert result.ok, result.explain()
        serve.wait_for("abandoned")
        listed = safedesk("calls", "list", "--json", db=db)
        code = serve.stop(signal.SIGTERM)
    finally:
        serve.kill()
    assert code == 0, "\n".join(serve.lines)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [row["status"] for row in rows] == ["abandoned", "abandoned"]
    assert {row["caller"] for row in rows} == {"+628123456701", "+628123456702"}
    for row in rows:
        for key in ("id", "caller", "caller_raw", "caller_name", "line", "status", "started_at",
                    "answered_at", "ended_at", "recording"):
            assert key in row
        assert row["line"] == "+62361223333" and row["caller_name"] == "Budi Santoso"
    log = "\n".join(serve.lines)
    ringing = [line for line in serve.lines if " ringing " in line]
    assert len(ringing) == 2 and "caller=+62*******701" in log
    assert len([line for line in serve.lines if " abandoned " in line]) == 2
    for number in CLEAR_NUMBERS:
        assert number not in log, f"{number} logged in clear"
    assert "Budi" not in log
    assert "softphone stopped" in log


def test_sigterm_while_a_call_rings_stops_cleanly_and_the_call_is_kept(db, tmp_path):
    serve = Serve(db, "--transport", "tcp")
    sipp = None
    try:
        serve.wait_for("listening on tcp")
        sipp = Sipp("uac_cancel.xml", serve.listen, workdir=tmp_path / "sipp", transport="tcp",
                    duration_ms=20000, timeout_s=20).start()
        serve.wait_for(" ringing ")
        code = serve.stop(signal.SIGTERM)
    finally:
        serve.kill()
        if sipp is not None:
            sipp.kill()
    assert code == 0, "\n".join(serve.lines)
    rows = json.loads(safedesk("calls", "callbacks", "--json", db=db).stdout)
    assert len(rows) == 1
    assert rows[0]["status"] == "abandoned" and rows[0]["ended_by"] == "system"


def test_sigint_stops_serve_too(db):
    serve = Serve(db)
    try:
        serve.wait_for("listening on")
        code = serve.stop(signal.SIGINT)
    finally:
        serve.kill()
    assert code == 0, "\n".join(serve.lines)
    assert any("stopped" in line for line in serve.lines)


def test_serve_refuses_a_bad_listen_address_in_one_line(db):
    result = safedesk("serve", "--listen", "not-an-address", db=db)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "HOST:PORT" in result.stderr


def test_callback_list_history_clear_and_purge_from_the_shell(db, tmp_path):
    serve = Serve(db)
    try:
        serve.wait_for("listening on")
        result = Sipp("uac_cancel.xml", serve.listen, workdir=tmp_path / "sipp",
                      duration_ms=100).run()
        assert result.ok, result.explain()
        serve.wait_for(" abandoned ")
    finally:
        assert serve.stop() == 0
    callbacks = json.loads(safedesk("calls", "callbacks", "--json", db=db).stdout)
    assert [row["caller"] for row in callbacks] == ["+628123456701"]
    call_id = callbacks[0]["id"]

    history = safedesk("calls", "history", "0812-3456-701", "--json", db=db)
    assert history.returncode == 0, history.stderr
    entries = json.loads(history.stdout)
    assert [(e["kind"], e["id"]) for e in entries] == [("call", call_id)]

    since = safedesk("calls", "list", "--status", "abandoned", "--since", "2000-01-01T00:00",
                     "--json", db=db)
    assert [row["id"] for row in json.loads(since.stdout)] == [call_id]

    missing_reason = safedesk("calls", "clear-callback", str(call_id), "--reason", " ", db=db)
    assert missing_reason.returncode == 2
    cleared = safedesk("calls", "clear-callback", str(call_id), "--reason",
                       "caller reached by radio", db=db)
    assert cleared.returncode == 0, cleared.stderr
    assert json.loads(safedesk("calls", "callbacks", "--json", db=db).stdout) == []
    again = safedesk("calls", "clear-callback", str(call_id), "--reason", "again", db=db)
    assert again.returncode == 2 and again.stderr.count("\n") == 1
    unknown = safedesk("calls", "clear-callback", "99999", "--reason", "x", db=db)
    assert unknown.returncode == 2 and "99999" in unknown.stderr
    bad_since = safedesk("calls", "list", "--since", "yesterday-ish", db=db)
    assert bad_since.returncode == 2

    purge = safedesk("recordings", "purge", db=db)
    assert purge.returncode == 0, purge.stderr
    assert purge.stdout.strip().startswith("0 recordings deleted")
