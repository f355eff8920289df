"""Call intake with real SIPp callers: the row is committed before 180
Ringing, an abandoned call lands on the callback list, every caller-ID form
is logged, strangers get 403, and UDP and TCP both work."""
from __future__ import annotations

import ctypes
import statistics
import time
from pathlib import Path

import pjsua2
import pytest
from sqlalchemy import func, select

from dispatch import calls
from dispatch.enums import CallbackState, CallStatus
from dispatch.events import ChangeEvent
from dispatch.models import AuditEntry, Call
from telephony import sip_log
from telephony.engine import SoftphoneEngine, SoftphoneError
from telephony.events import EventKind
from telephony.settings import SipConfig
from telephony.testing import COMPLAINTS_LINE, EMERGENCY_LINE, SCENARIOS, Sipp, free_port

pytestmark = [
    pytest.mark.sip,
    pytest.mark.timeout(90),
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
]

SLOW_COMMIT_S = 0.3


@pytest.fixture
def desk(start_softphone):
    return start_softphone


def committed_row(database, sip_call_id: str) -> Call:
    with database.reading() as session:
        call = calls.find_by_sip_call_id(session, sip_call_id)
        assert call is not None, f"no row for {sip_call_id}"
        session.expunge(call)
        return call


def test_the_row_is_committed_before_180_ringing(desk, seeded, tmp_path, monkeypatch):
    """A deliberately slow intake (it sleeps once the row is committed) must
    delay the 180 that SIPp sees: the desk never rings before the call is
    durably logged, and another connection already sees the row then."""
    from telephony.intake import CallLog
    seen_from_another_connection = []
    ringing = CallLog.ringing

    def slow_ringing(self, facts):
        logged = ringing(self, facts)
        with seeded.reading() as session:  # a separate connection sees the row
            seen_from_another_connection.append(
                session.scalar(select(func.count()).select_from(Call)
                               .where(Call.sip_call_id == facts.sip_call_id)))
        time.sleep(SLOW_COMMIT_S)
        return logged

    monkeypatch.setattr(CallLog, "ringing", slow_ringing)
    completed = []
    unsubscribe = seeded.bus.subscribe(
        lambda event: completed.append(event) if event.entity == "call" else None)
    engine, events = desk()
    try:
        result = Sipp("uac_cancel.xml", engine.config.listen, workdir=tmp_path / "sipp",
                      duration_ms=100, trace_rtt=True).run()
        ringing_event = events.wait_kind(EventKind.RINGING)[0]
        events.wait_kind(EventKind.ABANDONED)
    finally:
        unsubscribe()
    assert result.ok, result.explain()
    assert seen_from_another_connection == [1]
    assert result.rtt_ms and min(result.rtt_ms) >= SLOW_COMMIT_S * 1000 * 0.95, result.rtt_ms
    assert ringing_event.committed_ns > ringing_event.received_ns
    # The rest of the log (audit entry, change event) follows the 180.
    assert [event.action for event in completed][:1] == ["ringing"]
    with seeded.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "call", AuditEntry.entity_id == str(ringing_event.call_id),
            AuditEntry.action == "call.ringing")) == 1


def test_work_after_the_180_does_not_delay_it(desk, seeded, tmp_path):
    """pjsua2 sends a 180 answered inside onIncomingCall only when that
    callback returns: whatever the desk does after the 180 (the rest of the
    call's log, the RINGING event, its listeners) must wait until then."""
    slow_listener_s = 0.3

    def slow_subscriber(event: ChangeEvent) -> None:
        if event.entity == "call" and event.action == "ringing":
            time.sleep(slow_listener_s)  # in complete_ringing's commit, after the 180

    unsubscribe = seeded.bus.subscribe(slow_subscriber)
    engine, events = desk()
    try:
        result = Sipp("uac_cancel.xml", engine.config.listen, workdir=tmp_path / "sipp",
                      duration_ms=100, trace_rtt=True).run()
        events.wait_kind(EventKind.ABANDONED)
    finally:
        unsubscribe()
    assert result.ok, result.explain()
    assert result.rtt_ms and max(result.rtt_ms) < slow_listener_s * 1000 / 2, result.rtt_ms


def test_a_call_cancelled_while_ringing_is_abandoned_and_on_the_callback_list(desk, seeded,
                                                                           tmp_path):
    engine, events = desk()
    result = Sipp("uac_cancel.xml", engine.config.listen, workdir=tmp_path / "sipp", calls=2,
                  limit=2, rate=20, duration_ms=200, trace_rtt=True).run()
    assert result.ok, result.explain()
    abandoned = events.wait_kind(EventKind.ABANDONED, count=2)
    for event in abandoned:
        call = committed_row(seeded, event.sip_call_id)
        assert call.status is CallStatus.ABANDONED and call.ended_by == "caller"
        assert call.callback_state is CallbackState.PENDING and call.answered_at is None
        assert event.line == "+62361223333" and call.line_id is not None
    with seeded.reading() as session:
        assert [c.sip_call_id for c in calls.callback_list(session)] == [
            e.sip_call_id for e in events.of_kind(EventKind.RINGING)]
    # SIPp saw the 180 for every call (its rtd on the 180 is traced).
    assert len(result.rtt_ms) == 2 and statistics.median(result.rtt_ms) < 1000


def test_stopping_the_desk_while_a_call_rings_reports_the_call_before_stopped(desk, seeded,
                                                                           tmp_path):
    # The desk shuts down with a caller still ringing (503 to the caller):
    # the call is logged abandoned, on the callback list, and the listeners
    # hear of it before they hear the softphone stopped.
    engine, events = desk()
    sipp = Sipp("uac_cancel.xml", engine.config.listen, workdir=tmp_path / "sipp",
                duration_ms=5000).start()
    try:
        ringing = events.wait_kind(EventKind.RINGING)[0]
        engine.stop()
    finally:
        sipp.kill()
    kinds = [event.kind for event in events.events]
    assert kinds[-1] is EventKind.STOPPED
    assert EventKind.ABANDONED in kinds, kinds
    call = committed_row(seeded, ringing.sip_call_id)
    assert call.status is CallStatus.ABANDONED
    assert call.callback_state is CallbackState.PENDING


def test_calls_over_tcp_are_taken_too(desk, seeded, tmp_path):
    engine, events = desk(transport="tcp")
    result = Sipp("uac_cancel.xml", engine.config.listen, workdir=tmp_path / "sipp",
                  transport="tcp", duration_ms=100).run()
    assert result.ok, result.explain()
    event = events.wait_kind(EventKind.ABANDONED)[0]
    assert committed_row(seeded, event.sip_call_id).status is CallStatus.ABANDONED


def test_the_called_number_picks_the_line(desk, seeded, tmp_path):
    engine, events = desk()
    result = Sipp("uac_cancel.xml", engine.config.listen, workdir=tmp_path / "sipp",
                  service="0361244444", duration_ms=100).run()
    assert result.ok, result.explain()
    event = events.wait_kind(EventKind.ABANDONED)[0]
    assert event.line == "+62361244444"
    call = committed_row(seeded, event.sip_call_id)
    with seeded.reading() as session:
        assert session.get(Call, call.id).line.purpose.value == "complaints"


def test_an_invite_from_a_stranger_gets_403_and_an_audit_entry(desk, seeded, tmp_path):
    engine, events = desk(allowed_peers=("127.0.0.1",))
    stranger = Sipp("uac_forbidden.xml", engine.config.listen, workdir=tmp_path / "stranger",
                    local_ip="127.0.0.2").run()
    assert stranger.ok, stranger.explain()
    refused = events.wait_kind(EventKind.REFUSED_PEER)[0]
    assert "127.0.0.2" in refused.detail
    with seeded.reading() as session:
        assert session.scalar(select(func.count()).select_from(Call)) == 0
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "call.refused_peer")).one()
        assert entry.after["peer"] == "127.0.0.2" and entry.after["status"] == 403
    # ...and the desk still takes calls from the allowed peer.
    friend = Sipp("uac_cancel.xml", engine.config.listen, workdir=tmp_path / "friend",
                  duration_ms=100).run()
    assert friend.ok, friend.explain()
    events.wait_kind(EventKind.ABANDONED)


def test_a_second_softphone_in_one_process_is_refused_not_fatal(desk, seeded):
    engine, _ = desk()
    second = SoftphoneEngine(seeded, SipConfig(host="127.0.0.1", port=free_port()))
    with pytest.raises(SoftphoneError):
        second.start()
    assert engine.running


def test_a_port_already_taken_is_a_clear_error(seeded):
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        engine = SoftphoneEngine(seeded, SipConfig(host="127.0.0.1", port=port))
        with pytest.raises(SoftphoneError, match=f"127.0.0.1:{port}"):
            engine.start()
    assert not engine.running


# ------------------------------------------------------------ caller IDs

NAME_2K = "Ketut " + "Sukarmawan " * 200  # about 2 KB
CALLER_ID_FORMS = {
    "p-asserted-identity": (
        b'From: "Desk Trunk" <sip:trunk@[local_ip]:[local_port]>;tag=[pid]T[call_number]',
        [b"P-Asserted-Identity: \"Wayan Sudarsana\" <sip:+6281234500001@[local_ip]>"],
        {"caller_number": "+6281234500001", "withheld": False, "name": "Wayan Sudarsana",
         "source": "P-Asserted-Identity"}),
    "remote-party-id": (
        b'From: <sip:trunk@[local_ip]:[local_port]>;tag=[pid]T[call_number]',
        [b'Remote-Party-ID: "Made Wirawan" <sip:081234500002@[local_ip]>;party=calling;'
         b'screen=yes;privacy=off'],
        {"caller_number": "+6281234500002", "withheld": False, "name": "Made Wirawan",
         "source": "Remote-Party-ID"}),
    "from-only": (
        b'From: "Nyoman Ayu" <sip:081234500003@[local_ip]:[local_port]>;tag=[pid]T[call_number]',
        [], {"caller_number": "+6281234500003", "withheld": False, "name": "Nyoman Ayu",
             "source": "From"}),
    "tel-uri": (
        b"From: <tel:+62-812-3450-0004>;tag=[pid]T[call_number]",
        [], {"caller_number": "+6281234500004", "withheld": False, "name": None,
             "source": "From"}),
    "anonymous": (
        b'From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=[pid]T[call_number]',
        [b"Privacy: id"], {"caller_number": None, "withheld": True, "name": None}),
    # RFC 3325: the number the network asserts wins over an anonymous From;
    # on the emergency line it is kept, marked private, even under a privacy
    # request (the centre is inside the trust domain and may call back).
    "asserted-tel-under-privacy": (
        b'From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=[pid]T[call_number]',
        [b"P-Asserted-Identity: <tel:+6281234500011>", b"Privacy: id"],
        {"caller_number": "+6281234500011", "withheld": True, "name": None,
         "source": "P-Asserted-Identity"}),
    "asserted-sip-user-over-anonymous-from": (
        b'From: <sip:anonymous@anonymous.invalid>;tag=[pid]T[call_number]',
        [b'P-Asserted-Identity: "Putu" <sip:081234500012@carrier.example;user=phone>'],
        {"caller_number": "+6281234500012", "withheld": True, "name": None}),
    "asserted-over-a-name-in-from": (
        b'From: "Reception" <sip:reception@[local_ip]>;tag=[pid]T[call_number]',
        [b"P-Asserted-Identity: <tel:+6281234500013>"],
        {"caller_number": "+6281234500013", "withheld": False, "name": "Reception"}),
    "asserted-under-privacy-on-the-complaints-line": (
        b'From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=[pid]T[call_number]',
        [b"P-Asserted-Identity: <tel:+6281234500014>", b"Privacy: id"],
        {"caller_number": None, "withheld": True, "name": None,
         "service": COMPLAINTS_LINE}),
    "missing-user-part": (
        b"From: <sip:[local_ip]:[local_port]>;tag=[pid]T[call_number]",
        [], {"caller_number": None, "withheld": False, "name": None}),
    "2kb-display-name": (
        b'From: "' + NAME_2K.encode() + b'" <sip:081234500005@[local_ip]>;tag=[pid]T[call_number]',
        [], {"caller_number": "+6281234500005", "withheld": False, "name_prefix": "Ketut "}),
    "not-utf-8": (
        b'From: "Komang \xff\xfe Putr\xe9 \xc3\x28" <sip:081234500006@[local_ip]>'
        b";tag=[pid]T[call_number]",
        [], {"caller_number": "+6281234500006", "withheld": False, "name_prefix": "Komang"}),
    "from-with-an-http-uri": (
        b'From: "Gede" <http://example.com/081234500007>;tag=[pid]T[call_number]',
        [], {"caller_number": None, "withheld": False, "name": "Gede"}),
    # pjsip's parser drops these INVITEs without a response (the caller hears
    # nothing); the desk still logs each from pjsip's log, for a call-back.
    "malformed-from-unclosed-angle": (
        b'From: "Gede" <sip:081234500007@[local_ip];tag=[pid]T[call_number]',
        [], {"dropped": True, "caller_number": "+6281234500007", "withheld": False}),
    "malformed-from-unterminated-quote": (
        b'From: "Gede <sip:081234500008@[local_ip]>;tag=[pid]T[call_number]',
        [], {"dropped": True, "withheld": False}),
}


def scenario_with(tmp_path: Path, from_line: bytes, extra: list[bytes]) -> Path:
    template = (SCENARIOS / "uac_caller_id.xml").read_bytes()
    headers = b"".join(line + b"\n" for line in extra)
    scenario = template.replace(b"@@FROM@@", from_line).replace(b"@@EXTRA@@\n", headers)
    path = tmp_path / "caller_id.xml"
    path.write_bytes(scenario)
    return path


@pytest.mark.parametrize("form", list(CALLER_ID_FORMS))
def test_every_caller_id_form_is_logged_and_the_softphone_keeps_running(form, desk, seeded,
                                                                      tmp_path):
    from_line, extra, expected = CALLER_ID_FORMS[form]
    dropped = expected.get("dropped", False)
    engine, events = desk()
    result = Sipp(scenario_with(tmp_path, from_line, extra), engine.config.listen,
                  workdir=tmp_path / "sipp", duration_ms=100, timeout_s=3 if dropped else 30,
                  service=expected.get("service", EMERGENCY_LINE)).run()
    if dropped:
        assert not result.ok and "timed out" in result.errors, result.explain()
        event = events.wait_kind(EventKind.REJECTED)[0]
        assert event.detail == "dropped by the SIP parser"
        # pjsip logged the dump for it, then went back to its quiet level,
        # where it does not narrate every call to Python.
        assert pjlib_log_level() == sip_log.WARNING_LEVEL
    else:
        assert result.ok, result.explain()
        event = events.wait_kind(EventKind.ABANDONED)[0]
    call = committed_row(seeded, event.sip_call_id)
    assert call.status is (CallStatus.REJECTED if dropped else CallStatus.ABANDONED)
    assert call.callback_state is CallbackState.PENDING
    assert call.caller_withheld is expected["withheld"]
    if "caller_number" in expected:
        assert call.caller_number == expected["caller_number"]
    if "name" in expected:
        assert call.caller_name == expected["name"]
    if "name_prefix" in expected:
        assert call.caller_name.startswith(expected["name_prefix"])
    if "source" in expected:
        assert call.identity_headers["source"] == expected["source"]
    assert call.caller_name is None or len(call.caller_name) <= 128
    assert len(call.caller_raw) <= 512
    with seeded.reading() as session:  # retransmissions did not add rows
        assert session.scalar(select(func.count()).select_from(Call)) == 1
    # The softphone is still up and takes the next call normally.
    follow_up = Sipp("uac_cancel.xml", engine.config.listen, workdir=tmp_path / "next",
                     duration_ms=50).run()
    assert follow_up.ok, follow_up.explain()
    events.wait_kind(EventKind.ABANDONED, count=1 if dropped else 2)
    assert engine.running


def pjlib_log_level() -> int:
    getter = ctypes.CDLL(pjsua2._pjsua2.__file__).pj_log_get_level
    getter.restype = ctypes.c_int
    return getter()


# ------------------------------------------------------------ ring timeout

def test_calls_whose_cancel_never_comes_are_ended_by_the_ring_timeout(desk, seeded, tmp_path):
    """INVITEs that nobody answers and whose CANCEL is lost fill every line
    of the desk: the desk ends each after sip.ring_timeout_s with 480, writes
    it down as timed out (ended by the system, on the callback list), and
    the next caller rings."""
    engine, events = desk(ring_timeout_s=2)
    lines = engine.config.max_calls
    stuck = Sipp("uac_never_cancelled.xml", engine.config.listen, workdir=tmp_path / "stuck",
                 calls=lines, limit=lines, rate=50, timeout_s=30).start()
    events.wait_kind(EventKind.RINGING, count=lines)
    started = time.monotonic()
    ended = events.wait_kind(EventKind.TIMED_OUT, count=lines, timeout_s=10)
    assert time.monotonic() - started < 4.5  # 2 s after ringing, give or take a check
    result = stuck.wait()
    assert result.ok, result.explain()  # each got its 480 and acknowledged it
    for event in ended:
        call = committed_row(seeded, event.sip_call_id)
        assert (call.status, call.ended_by) == (CallStatus.TIMED_OUT, "system")
        assert call.callback_state is CallbackState.PENDING and call.answered_at is None
    # The lines are free: the next citizen hears ringing, as usual.
    follow_up = Sipp("uac_cancel.xml", engine.config.listen, workdir=tmp_path / "next",
                     duration_ms=100).run()
    assert follow_up.ok, follow_up.explain()
    assert events.wait_kind(EventKind.ABANDONED)[0].call_id is not None
