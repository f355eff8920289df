"""No emergency call is lost or stranded, whatever fails under the engine.

Real parts only: `safedesk serve` as a process, SIPp as the citizens, a
PostgreSQL server of this test's own that is stopped under load, a tmpfs
that is filled to the last byte under SQLite, and a `kill -9`.
"""
from __future__ import annotations

import re
import signal
import time

import pytest
from engine_process import Serve, initialised_sqlite, safedesk
from pgserver import ThrowawayPostgres
from small_disk import fill, mounted_tmpfs
from sqlalchemy import select

from dispatch.enums import CallbackState, CallStatus
from dispatch.models import AuditEntry, Call
from dispatch.storage import open_database
from telephony.testing import Sipp

pytestmark = [pytest.mark.sip, pytest.mark.timeout(180)]

# Every caller's number in these tests starts so (tests/sip/uac_cancel.xml):
# none of its spellings may appear in any log line, at any level.
CALLER_PREFIXES = ("0812345670", "+62812345670", "62812345670", "812345670")


def assert_no_caller_numbers(log: str) -> None:
    for prefix in CALLER_PREFIXES:
        assert prefix not in log, f"a caller's number ({prefix}…) is in the log:\n{log[-3000:]}"
    assert "Budi Santoso" not in log  # nor the callers' name


def final_rows(url: str) -> list[Call]:
    database = open_database(url, migrate=False)
    try:
        with database.reading() as session:
            rows = list(session.scalars(select(Call).order_by(Call.id)))
            for row in rows:
                session.expunge(row)
            return rows
    finally:
        database.dispose()


def ringing_logged(serve: Serve) -> set[str]:
    """SIP Call-IDs of every call the engine logged as ringing."""
    return {match.group(1) for match in re.finditer(r" ringing .*?sip=(\S+)", serve.log_text())}


def all_finished(url: str, count: int) -> list[Call] | None:
    rows = final_rows(url)
    if len(rows) == count and not any(row.status is CallStatus.RINGING for row in rows):
        return rows
    return None


def wait_until(check, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout_s} s for {what}")
        time.sleep(0.2)


# ------------------------------------------------------------- PostgreSQL

@pytest.fixture
def private_postgres():
    """A server of this test's own: stopping it must not disturb the others."""
    server = ThrowawayPostgres()
    url = server.start()
    try:
        yield server, url
    finally:
        server.stop()


def test_postgresql_stopped_for_8_s_during_60_calls_loses_none(private_postgres, tmp_path):
    server, url = private_postgres
    assert safedesk("init", db=url).returncode == 0
    # At every level (-vv: DEBUG too), no log line may carry a caller's number.
    serve = Serve(url, env={"SAFEDESK_LOG_PERSONAL_DATA": ""}, global_options=("-vv",))
    try:
        serve.wait_for("listening on")
        callers = Sipp("uac_cancel.xml", serve.listen, workdir=tmp_path / "sipp", calls=60,
                       rate=4, limit=3, duration_ms=500, timeout_s=60).start()
        time.sleep(3)
        server.halt()  # some 12 calls in: the server stops, every connection cut
        serve.wait_for("calls are being journaled: database unavailable", timeout=10)
        time.sleep(8)
        server.resume()
        result = callers.wait(timeout_s=60)
        # Every caller heard ringing, then hung up.
        assert result.ok, result.explain() + "\n--- serve\n" + serve.log_text()[-6000:]
        serve.wait_for("calls are logged in the database again", timeout=20)
        rows = wait_until(lambda: all_finished(url, 60), 20, "60 finished calls")
    finally:
        serve.stop()
    assert len(rows) == 60
    assert {row.sip_call_id for row in rows} == ringing_logged(serve)
    assert all(row.status is CallStatus.ABANDONED and row.callback_state is
               CallbackState.PENDING and row.caller_number for row in rows)
    assert all(row.caller_id is not None for row in rows)  # the history link too
    database = open_database(url, migrate=False)
    with database.reading() as session:  # one audit entry per ring, none twice
        ringing_audits = session.scalars(select(AuditEntry.entity_id).where(
            AuditEntry.action == "call.ringing")).all()
    database.dispose()
    assert sorted(ringing_audits) == sorted(str(row.id) for row in rows)
    journaling = [line for line in serve.lines if "calls are being journaled" in line]
    assert len(journaling) == 1, journaling  # said once, in one line
    assert_no_caller_numbers(serve.log_text())


# ----------------------------------------------------------- a full disk

@pytest.fixture
def small_disk(tmp_path):
    with mounted_tmpfs(tmp_path / "disk", "24m") as disk:
        yield disk


def test_a_full_disk_under_sqlite_loses_no_call(small_disk, tmp_path, monkeypatch):
    data = small_disk / "data"
    monkeypatch.setenv("SAFEDESK_DATA_DIR", str(data))
    url = f"sqlite:///{small_disk / 'desk.sqlite3'}"
    assert safedesk("init", db=url).returncode == 0
    serve = Serve(url)
    try:
        serve.wait_for("listening on")
        filler = fill(small_disk)
        result = Sipp("uac_cancel.xml", serve.listen, workdir=tmp_path / "sipp", calls=5,
                      rate=5, limit=5, duration_ms=300, timeout_s=30).run()
        assert result.ok, result.explain()  # all five rang, as if nothing were wrong
        line = serve.wait_for("calls are being journaled", timeout=10)
        assert "disk full" in line
        filler.unlink()
        serve.wait_for("calls are logged in the database again", timeout=15)
    finally:
        serve.stop()
    rows = final_rows(url)
    assert len(rows) == 5 and {row.sip_call_id for row in rows} == ringing_logged(serve)
    assert all(row.status is CallStatus.ABANDONED and row.callback_state is
               CallbackState.PENDING for row in rows)
    assert_no_caller_numbers(serve.log_text())


# ------------------------------------------------------- a crash mid-surge

def test_kill_9_mid_surge_and_a_restart_leave_no_call_ringing(tmp_path):
    url = initialised_sqlite(tmp_path)
    serve = Serve(url)
    serve.wait_for("listening on")
    lines = 3  # sip.max_calls: every line of the desk ringing
    callers = Sipp("uac_cancel.xml", serve.listen, workdir=tmp_path / "sipp", calls=40,
                   rate=10, limit=lines, duration_ms=3000, timeout_s=20).start()
    try:
        wait_until(lambda: len(ringing_logged(serve)) >= 6, 15, "six calls ringing")
        serve.process.send_signal(signal.SIGKILL)  # mid-surge: three calls ringing now
        serve.process.wait(5)
    finally:
        callers.kill()
    rang = ringing_logged(serve)
    stranded = [row for row in final_rows(url) if row.status is CallStatus.RINGING]
    assert stranded, "the crash should have left calls ringing"
    again = Serve(url, port=serve.port)
    try:
        again.wait_for("listening on")
        rows = wait_until(lambda: all_finished(url, len(final_rows(url))), 10,
                          "no call left ringing")
    finally:
        again.stop()
    assert rang <= {row.sip_call_id for row in rows}  # every call that rang is there
    by_key = {row.sip_call_id: row for row in rows}
    for row in stranded:
        closed = by_key[row.sip_call_id]
        assert (closed.status, closed.ended_by) == (CallStatus.ABANDONED, "system")
        assert closed.callback_state is CallbackState.PENDING
        assert "crash" in closed.callback_note
    # ... and every unanswered call is on the callback list, where an
    # operator can clear it.
    assert all(row.callback_state is CallbackState.PENDING for row in rows)
    cleared = safedesk("calls", "clear-callback", str(stranded[0].id), "--reason",
                       "called the number from the desk phone", db=url)
    assert cleared.returncode == 0, cleared.stderr
