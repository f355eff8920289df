"""The desks behind a PBX: kamailio (Debian `kamailio`) as registrar and
proxy on loopback, the desks registering with digest credentials, SIPp as
the caller dialling a desk line through it.

kamailio runs from tests/kamailio/kamailio.cfg (see tests/kamailio_server.py):
REGISTER needs a digest of the one configured password, contacts live in
memory, and the lines 0361-223333 / 0361-244444 ring every desk registered
as the shared account at once (tm parallel forking).

pjsua2 allows one Endpoint per process, so the second desk of the forked
call is a `safedesk serve` process; both desks share one SQLite file.
Every process (kamailio, SIPp, serve) is killed by its PID in a finally.
"""
from __future__ import annotations

import logging
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time

import pytest
from kamailio_server import KamailioServer, kamailio_binary, kamcmd_binary
from sqlalchemy import func, select

from dispatch import calls
from dispatch.enums import CallStatus
from dispatch.models import Call
from telephony.engine import SoftphoneEngine
from telephony.events import EventKind
from telephony.settings import SipConfig
from telephony.testing import (
    COMPLAINTS_LINE,
    EMERGENCY_LINE,
    EventLog,
    Sipp,
    free_port,
    sipp_binary,
)

pytestmark = [
    pytest.mark.sip,
    pytest.mark.timeout(60),
    pytest.mark.usefixtures("_kamailio_and_sipp"),
]


@pytest.fixture
def _kamailio_and_sipp():
    from conftest import require_tools
    require_tools(sipp=sipp_binary() is not None, kamailio=kamailio_binary() is not None,
                  kamcmd=kamcmd_binary() is not None)

ACCOUNT = "desk"
PASSWORD = "pelangi-7"


@pytest.fixture
def kamailio(tmp_path):
    server = KamailioServer(tmp_path / "kamailio", username=ACCOUNT, password=PASSWORD)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def start_desk(seeded, kamailio):
    """A desk in this process, registering at kamailio as ACCOUNT."""
    engines: list[SoftphoneEngine] = []

    def start(desk_name: str = "desk-a", **overrides) -> tuple[SoftphoneEngine, EventLog]:
        config = SipConfig(**{"host": "127.0.0.1", "port": free_port(), "desk_name": desk_name,
                              "registrar": kamailio.registrar, "username": ACCOUNT,
                              "password": PASSWORD, **overrides})
        engine = SoftphoneEngine(seeded, config, actor="test")
        events = EventLog()
        engine.add_listener(events)
        engines.append(engine)
        engine.start()
        return engine, events

    try:
        yield start
    finally:
        for engine in engines:
            engine.stop()


def wait_for_record(caplog, text: str, timeout_s: float = 10.0) -> logging.LogRecord:
    deadline = time.monotonic() + timeout_s
    while True:
        for record in caplog.records:
            if text in record.getMessage():
                return record
        if time.monotonic() >= deadline:
            seen = [r.getMessage() for r in caplog.records if r.name.startswith("telephony")]
            raise TimeoutError(f"no log record with {text!r}; saw {seen}")
        time.sleep(0.05)


def contact_port(contact: str) -> int:
    found = re.search(r"@127\.0\.0\.1:(\d+)", contact)
    assert found, contact
    return int(found.group(1))


def row(database, sip_call_id: str) -> tuple[Call, str | None]:
    """The Call row and its line's number."""
    with database.reading() as session:
        call = calls.find_by_sip_call_id(session, sip_call_id)
        assert call is not None, f"no row for {sip_call_id}"
        line = call.line.number if call.line is not None else None
        session.expunge(call)
        return call, line


# ------------------------------------------------------------ registration


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_desk_registers_with_digest_credentials_and_a_wrong_password_is_refused(
        start_desk, kamailio, caplog, tmp_path):
    caplog.set_level(logging.INFO, logger="telephony.sip_stack")
    engine, _ = start_desk("desk-a")
    contacts = kamailio.wait_for_contacts(1)
    assert [contact_port(c) for c in contacts] == [engine.config.port]
    # It really was challenged first: kamailio logs each 401 it sends.
    assert "digest missing or wrong, challenging" in kamailio.log()
    wait_for_record(caplog, "registration 200")
    engine.stop()  # unregisters on the way out
    deadline = time.monotonic() + 5
    while kamailio.contacts() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert kamailio.contacts() == []

    caplog.clear()
    wrong, events = start_desk("desk-wrong", password="not-the-password")
    refused = wait_for_record(caplog, "registration failed")
    assert refused.levelno == logging.WARNING and "401" in refused.getMessage()
    time.sleep(0.3)  # pjsua does not retry at once; the desk is still up
    assert wrong.running
    assert kamailio.contacts() == []
    # ... and still answers a direct SIP call on its own listening address.
    result = Sipp("uac_cancel.xml", wrong.config.listen, workdir=tmp_path / "sipp",
                  duration_ms=100, timeout_s=10).run()
    assert result.ok, result.explain()
    events.wait_kind(EventKind.ABANDONED, timeout_s=5)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_call_through_kamailio_rings_the_registered_desk_on_the_dialled_line(
        start_desk, kamailio, seeded, tmp_path):
    engine, events = start_desk("desk-a")
    kamailio.wait_for_contacts(1)
    sipp = Sipp("uac_via_proxy_cancel.xml", kamailio.address, workdir=tmp_path / "sipp",
                service=COMPLAINTS_LINE, duration_ms=300, timeout_s=15)
    result = sipp.run()
    assert result.ok, result.explain() + "\n" + kamailio.log()[-2000:]
    ringing = events.wait_kind(EventKind.RINGING, timeout_s=5)[0]
    # kamailio rewrote the Request-URI to the desk's contact: the line comes from To.
    assert ringing.line == "+62361244444"
    assert ringing.caller == "+628123456701"
    events.wait_kind(EventKind.ABANDONED, sip_call_id=ringing.sip_call_id, timeout_s=5)
    call, line = row(seeded, ringing.sip_call_id)
    assert line == "+62361244444"
    assert call.status is CallStatus.ABANDONED and call.caller_number == "+628123456701"


# ------------------------------------------------------------ forked call


class ServeDesk:
    """Desk B: `safedesk -vv serve` registering at kamailio, its log read
    line by line (pjsip's message dumps included, sip.log_level 5: they
    hold callers' numbers, so only with --log-personal-data)."""

    def __init__(self, db_url: str, kamailio: KamailioServer, desk_name: str) -> None:
        self.port = free_port()
        env = dict(os.environ, SAFEDESK_SIP_REGISTRAR=kamailio.registrar,
                   SAFEDESK_SIP_USERNAME=ACCOUNT, SAFEDESK_SIP_PASSWORD=PASSWORD,
                   SAFEDESK_SIP_DESK_NAME=desk_name, SAFEDESK_SIP_LOG_LEVEL="5",
                   SAFEDESK_RECORDINGS_ENABLED="false")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dispatch.cli.main", "-vv", "--log-personal-data",
             "--db", db_url, "serve",
             "--listen", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
            errors="replace")
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._eof = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def _drain(self, timeout_s: float) -> None:
        """Move one line (if any arrives within timeout_s) into self.lines."""
        if self._eof:
            time.sleep(min(timeout_s, 0.05))
            return
        try:
            line = self._queue.get(timeout=timeout_s)
        except queue.Empty:
            return
        if line is None:
            self._eof = True
        else:
            self.lines.append(line)

    def wait_for(self, pattern: str, timeout_s: float = 10.0) -> re.Match:
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout_s
        checked = 0
        while True:
            for line in self.lines[checked:]:
                found = regex.search(line)
                if found:
                    return found
            checked = len(self.lines)
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._eof:
                raise AssertionError(f"desk B never logged /{pattern}/; log tail:\n"
                                     + self.tail())
            self._drain(min(remaining, 0.2))

    def call_lines(self) -> list[str]:
        return [line for line in self.lines if "safedesk.serve: call " in line]

    def tail(self, count: int = 40) -> str:
        return "\n".join(line[:300] for line in self.lines[-count:])

    def stop(self, timeout_s: float = 15.0) -> int | None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            return None
        finally:
            self.kill()
            deadline = time.monotonic() + 3
            while not self._eof and time.monotonic() < deadline:
                self._drain(0.2)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)


# Both backends: on PostgreSQL the two desks really race to insert the row.
@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_a_forked_call_is_claimed_by_the_desk_that_answers_and_stops_ringing_elsewhere(
        start_desk, kamailio, seeded, db_url, tmp_path):
    desk_a, events = start_desk("desk-a")
    desk_b = ServeDesk(db_url, kamailio, "desk-b")
    sipp = None
    try:
        desk_b.wait_for(r"safedesk\.serve: softphone desk-b listening", timeout_s=15)
        contacts = kamailio.wait_for_contacts(2)
        assert sorted(contact_port(c) for c in contacts) == sorted([desk_a.config.port,
                                                                    desk_b.port])

        sipp = Sipp("uac_via_proxy.xml", kamailio.address, workdir=tmp_path / "sipp",
                    service=EMERGENCY_LINE, duration_ms=500, timeout_s=20).start()
        ringing = events.wait_kind(EventKind.RINGING, timeout_s=10)[0]
        key = ringing.sip_call_id
        assert ringing.line == "+62361223333"
        # The same INVITE (same Call-ID) rings desk B too, on the same row.
        ringing_b = desk_b.wait_for(r"safedesk\.serve: call (\d+) ringing line=\+62361223333 .*"
                                    r"sip=(\S+)")
        assert key.startswith(ringing_b.group(2)) and int(ringing_b.group(1)) == ringing.call_id

        assert desk_a.answer(key).result(5) == ringing.call_id
        events.wait_kind(EventKind.ANSWERED, sip_call_id=key, timeout_s=5)
        # kamailio CANCELs desk B's branch, saying why; B stops ringing, row untouched.
        taken = desk_b.wait_for(rf"safedesk\.serve: call {ringing.call_id} taken_elsewhere")
        assert taken
        cancel = desk_b.wait_for(r'Reason: SIP;cause=200;text="Call completed elsewhere"')
        assert cancel

        result = sipp.wait(25)
        assert result.ok, result.explain() + "\n" + kamailio.log()[-2000:]
        ended = events.wait_kind(EventKind.ENDED, sip_call_id=key, timeout_s=5)[0]
        assert ended.call_id == ringing.call_id
        code = desk_b.stop()
        assert code == 0, desk_b.tail()
    finally:
        if sipp is not None:
            sipp.kill()
        desk_b.kill()

    b_calls = desk_b.call_lines()
    assert [line.split("safedesk.serve: ")[1].split()[2] for line in b_calls] == [
        "ringing", "taken_elsewhere"], b_calls
    with seeded.reading() as session:
        assert session.scalar(select(func.count()).select_from(Call)) == 1
        rows = list(session.scalars(select(Call).where(Call.sip_call_id == key)))
        assert len(rows) == 1
        call = rows[0]
        assert call.status is CallStatus.ENDED and call.desk == "desk-a"
        assert call.answered_at is not None and call.ended_by == "caller"
        assert call.line.number == "+62361223333"
