"""The engine in its own process (`safedesk serve`) and its clients over the
local link: real processes, a real SIPp caller, EngineClient as the window
uses it. Processes are stopped (or killed) by PID only."""
from __future__ import annotations

import json
import os
import queue
import signal
import stat
import subprocess
import sys

import pytest
from engine_process import Serve, initialised_sqlite, safedesk

from dispatch.calls import CallTaken, mark_answered
from dispatch.errors import DeskError, IllegalTransition, InvalidInput, NotFound
from dispatch.storage import open_database
from telephony.events import EventKind
from telephony.link.client import EngineClient
from telephony.link.place import EnginePlace
from telephony.link.wire import RESYNC, EngineUnavailable
from telephony.testing import EventLog, Sipp

pytestmark = [pytest.mark.sip, pytest.mark.timeout(120)]
WAIT_S = 15.0


@pytest.fixture
def db(tmp_path) -> str:
    return initialised_sqlite(tmp_path)


@pytest.fixture
def serve(db):
    """One engine for the test's data directory, stopped by its PID."""
    engines: list[Serve] = []

    def start(*extra: str) -> Serve:
        engine = Serve(db, *extra)
        engines.append(engine)
        engine.wait_for("engine link on")
        return engine

    yield start
    for engine in engines:
        if engine.process.poll() is None:
            engine.stop()


@pytest.fixture
def connect():
    """EngineClients of this test's data directory, each with an EventLog."""
    clients: list[EngineClient] = []

    def make(**options) -> tuple[EngineClient, EventLog]:
        client = EngineClient(EnginePlace.current(), actor="ayu", **options)
        events = EventLog()
        client.add_listener(events)
        clients.append(client)
        client.connect(timeout=WAIT_S)
        return client, events

    yield make
    for client in clients:
        client.close()


def ringing_key(events: EventLog) -> str:
    return events.wait_kind(EventKind.RINGING, timeout_s=WAIT_S)[0].sip_call_id


def test_a_client_sees_a_call_ring_answers_it_and_it_connects(serve, connect, tmp_path):
    engine = serve()
    client, events = connect()
    assert client.running
    assert client.describe()["listen"] == engine.listen and client.describe()["pid"] == engine.pid
    assert client.hello["active_calls"] == []
    assert events.of_kind(EventKind.STARTED), "the client says the engine runs"
    sipp = Sipp("uac_answered.xml", engine.listen, workdir=tmp_path / "sipp",
                duration_ms=500).start()
    try:
        key = ringing_key(events)
        ringing = events.of_kind(EventKind.RINGING)[0]
        assert ringing.caller == "+628123456701" and ringing.call_id is not None
        assert ringing.at.tzinfo is not None  # datetimes cross the link as datetimes
        call_id = client.answer(key).result(WAIT_S)
        assert call_id == ringing.call_id
        answered = events.wait_kind(EventKind.ANSWERED, sip_call_id=key, timeout_s=WAIT_S)[0]
        assert answered.detail != RESYNC
        events.wait_kind(EventKind.ENDED, sip_call_id=key, timeout_s=WAIT_S)
        result = sipp.wait()
    finally:
        sipp.kill()
    assert result.ok, result.explain()
    engine.wait_for(" answered ")


def test_one_engine_per_data_directory_the_second_exits_2_naming_the_first(serve, db):
    first = serve()
    second = Serve(db)
    code = second.wait_exit(WAIT_S)
    assert code == 2
    errors = [line for line in second.lines if line.strip()]
    assert len(errors) == 1, errors
    line = errors[0]
    assert "already running" in line and f"pid {first.pid}" in line
    assert f"udp {first.listen}" in line and "link @safedesk-engine-" in line
    assert first.process.poll() is None, "the first engine runs on"


def test_engine_status_and_stop_from_the_shell(serve, db, tmp_path):
    place = EnginePlace.current()
    none = safedesk("engine", "status")
    assert none.returncode == 3
    assert none.stdout.strip() == f"no engine is running for {place.data_dir}"

    engine = serve()
    facts_mode = stat.S_IMODE(os.stat(place.facts_path).st_mode)
    assert facts_mode == 0o600, oct(facts_mode)
    status = safedesk("engine", "status", "--json")
    assert status.returncode == 0, status.stderr
    facts = json.loads(status.stdout)
    assert facts["pid"] == engine.pid and facts["running"] is True
    assert facts["transport"] == "udp" and facts["listen"] == engine.listen
    assert facts["database"] == db and facts["link"] == "answering"
    assert facts["address"].startswith("@safedesk-engine-") and "authkey" not in facts
    assert facts["engine"]["accepting"] is True and "started_at" in facts
    text = safedesk("engine", "status")
    assert text.returncode == 0 and f"engine pid {engine.pid} running" in text.stdout

    # Stopped over the link as on SIGTERM: the ringing caller is written down.
    sipp = Sipp("uac_cancel.xml", engine.listen, workdir=tmp_path / "sipp",
                duration_ms=20000, timeout_s=20).start()
    try:
        engine.wait_for(" ringing ")
        stopped = safedesk("engine", "stop", "--timeout", "20")
    finally:
        sipp.kill()
    assert stopped.returncode == 0, stopped.stderr
    assert stopped.stdout.strip() == f"engine pid {engine.pid} stopped"
    assert engine.wait_exit() == 0, "\n".join(engine.lines)
    assert any("asked to stop" in line for line in engine.lines)
    assert any("softphone stopped" in line for line in engine.lines)
    rows = json.loads(safedesk("calls", "callbacks", "--json", db=db).stdout)
    assert [(row["status"], row["ended_by"]) for row in rows] == [("abandoned", "system")]
    assert not place.facts_path.exists()
    assert safedesk("engine", "status").returncode == 3
    again = safedesk("engine", "stop")
    assert again.returncode == 0 and "no engine is running" in again.stdout


def test_engine_status_and_stop_need_neither_qt_nor_pjsua2(serve):
    engine = serve()
    probe = ("import sys\nfrom dispatch.cli.main import main\n"
             "codes = [main(['engine', 'status']), main(['engine', 'stop'])]\n"
             "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'pjsua2'})\n"
             "print(codes, loaded)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[0, 0] []"
    assert engine.wait_exit() == 0


CLIENT_PROCESS = """
import threading
from telephony.audio import HeadsetPipes
from telephony.link.client import EngineClient
client = EngineClient(headset=HeadsetPipes())
client.connect(timeout=15)
print("connected", flush=True)
threading.Event().wait()
"""


def test_a_window_killed_while_a_call_rings_leaves_it_ringing_then_logged(serve, connect, db,
                                                                         tmp_path):
    engine = serve()
    window = subprocess.Popen([sys.executable, "-c", CLIENT_PROCESS], stdout=subprocess.PIPE,
                              text=True)
    sipp = None
    try:
        assert window.stdout.readline().strip() == "connected"
        engine.wait_for(f"window pid {window.pid} connected")
        sipp = Sipp("uac_cancel.xml", engine.listen, workdir=tmp_path / "sipp",
                    duration_ms=4000, timeout_s=20).start()
        engine.wait_for(" ringing ")
        os.kill(window.pid, signal.SIGKILL)
        window.wait(5)
        engine.wait_for(f"window pid {window.pid} disconnected")
        watcher, _ = connect()
        calls = watcher.active_calls().result(WAIT_S)
        assert [call["state"] for call in calls] == ["ringing"]
        engine.wait_for(" abandoned ")
        result = sipp.wait()
    finally:
        if window.poll() is None:
            window.kill()
            window.wait(5)
        if sipp is not None:
            sipp.kill()
    assert result.ok, result.explain()
    assert engine.process.poll() is None, "the engine outlives its window"
    rows = json.loads(safedesk("calls", "list", "--json", db=db).stdout)
    assert [row["status"] for row in rows] == ["abandoned"]


def test_the_client_reconnects_to_a_restarted_engine_and_learns_its_calls(serve, connect,
                                                                         tmp_path):
    first = serve()
    client, events = connect()
    links: queue.Queue[bool] = queue.Queue()
    client.add_link_listener(lambda up, line: links.put(up))
    client.keep_connected(interval_s=0.5)
    first.kill()  # SIGKILL: no goodbye, engine.json left behind
    assert links.get(timeout=WAIT_S) is False
    events.wait_kind(EventKind.STOPPED, timeout_s=WAIT_S)
    assert not client.running
    assert EnginePlace.current().read_facts()["pid"] == first.pid  # stale...
    assert safedesk("engine", "status").returncode == 3  # ...and the lock knows it
    with pytest.raises(EngineUnavailable):
        client.answer("anything").result(WAIT_S)

    second = serve()  # the lock died with the first; its engine.json is replaced
    assert links.get(timeout=WAIT_S) is True
    assert client.describe()["pid"] == second.pid and client.running
    assert len(events.of_kind(EventKind.STARTED)) == 2
    sipp = Sipp("uac_answered.xml", second.listen, workdir=tmp_path / "sipp",
                duration_ms=3000).start()
    try:
        key = ringing_key(events)
        client.answer(key).result(WAIT_S)
        events.wait_kind(EventKind.ANSWERED, sip_call_id=key, timeout_s=WAIT_S)
        # A window connecting now learns the call from the engine's hello.
        latecomer, late_events = connect()
        assert [(c["sip_call_id"], c["state"]) for c in latecomer.hello["active_calls"]] == [
            (key, "answered")]
        resynced = late_events.wait_kind(EventKind.ANSWERED, timeout_s=WAIT_S)[0]
        assert resynced.sip_call_id == key and resynced.detail == RESYNC
        events.wait_kind(EventKind.ENDED, sip_call_id=key, timeout_s=WAIT_S)
        late_events.wait_kind(EventKind.ENDED, sip_call_id=key, timeout_s=WAIT_S)
        result = sipp.wait()
    finally:
        sipp.kill()
    assert result.ok, result.explain()


def test_commands_the_engine_refuses_come_back_as_the_desks_errors(serve, connect, db, tmp_path):
    engine = serve()
    client, events = connect()
    with pytest.raises(NotFound, match="no live call"):
        client.hangup("no-such-call").result(WAIT_S)
    with pytest.raises(InvalidInput, match="unknown engine command"):
        client._command("reboot").result(WAIT_S)
    sipp = Sipp("uac_cancel.xml", engine.listen, workdir=tmp_path / "sipp",
                duration_ms=8000, timeout_s=20).start()
    try:
        key = ringing_key(events)
        with pytest.raises(IllegalTransition) as refused:
            client.hold(key).result(WAIT_S)
        assert type(refused.value) is IllegalTransition and "\n" not in str(refused.value)
        with pytest.raises(InvalidInput, match="call-backs"):
            client.call_back(events.of_kind(EventKind.RINGING)[0].call_id).result(WAIT_S)
        # Another desk claims the call in the database first.
        database = open_database(db)
        try:
            with database.session() as session:
                mark_answered(session, sip_call_id=key, desk="desk-lain")
        finally:
            database.dispose()
        with pytest.raises(CallTaken, match="desk-lain") as taken:
            client.answer(key).result(WAIT_S)
        assert isinstance(taken.value, DeskError)
        events.wait_kind(EventKind.TAKEN_ELSEWHERE, sip_call_id=key, timeout_s=WAIT_S)
    finally:
        sipp.kill()
