"""INVITEs pjsip's parser throws away still become calls, or a logged reason.

pjsip answers nothing to an INVITE it cannot parse and tells the
application nothing either; it only logs it (telephony/sip_log.py). These
are sent as raw datagrams, as a broken trunk or an attacker would send
them, to a real engine (and to `safedesk serve` for what reaches its log).
"""
from __future__ import annotations

import socket
import time

import pytest
from engine_process import Serve, initialised_sqlite
from sqlalchemy import select

from dispatch.enums import CallbackState, CallStatus
from dispatch.models import Call
from telephony.events import EventKind

pytestmark = [pytest.mark.sip, pytest.mark.timeout(60)]
on_sqlite = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

SDP = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
       "m=audio 40000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n")


def invite(target: str, *, sender_port: int, from_line: str, call_id: str | None = "c1@test",
           line: str = "0361223333") -> bytes:
    headers = [f"INVITE sip:{line}@{target} SIP/2.0",
               f"Via: SIP/2.0/UDP 127.0.0.1:{sender_port};branch=z9hG4bK-{time.time_ns()}",
               "Max-Forwards: 70", from_line, f"To: <sip:{line}@{target}>"]
    if call_id is not None:
        headers.append(f"Call-ID: {call_id}")
    headers += ["CSeq: 1 INVITE", f"Contact: <sip:caller@127.0.0.1:{sender_port}>",
                "Content-Type: application/sdp", f"Content-Length: {len(SDP)}"]
    return ("\r\n".join(headers) + "\r\n\r\n" + SDP).encode("utf-8")


class Caller:
    """A raw UDP caller: sends datagrams, reads whatever comes back."""

    def __init__(self) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]

    def send(self, target: str, datagram: bytes, times: int = 1) -> None:
        host, port = target.rsplit(":", 1)
        for _ in range(times):  # a UA retransmits an unanswered INVITE
            self.socket.sendto(datagram, (host, int(port)))

    def close(self) -> None:
        self.socket.close()


MALFORMED = {
    "no-call-id": dict(from_line='From: "Wayan Sudarsana" <sip:081234500021@127.0.0.1>;tag=a1',
                       call_id=None, number="+6281234500021"),
    "10000-character-from": dict(
        from_line='From: "' + "A" * 10_000 + '" <sip:081234500022@127.0.0.1>;tag=a2',
        call_id="c2@test", number=None),
    "nul-byte-in-from": dict(from_line="From: <sip:0812\x0034500023@127.0.0.1>;tag=a3",
                             call_id="c3@test", number=None),
}


@on_sqlite
@pytest.mark.parametrize("form", list(MALFORMED))
def test_a_dropped_invite_becomes_a_rejected_call_once(form, start_softphone, seeded):
    case = MALFORMED[form]
    engine, events = start_softphone()
    caller = Caller()
    try:
        datagram = invite(engine.config.listen, sender_port=caller.port,
                          from_line=case["from_line"], call_id=case["call_id"])
        caller.send(engine.config.listen, datagram, times=3)
        event = events.wait_kind(EventKind.REJECTED)[0]
        assert event.detail == "dropped by the SIP parser"
        time.sleep(0.5)  # the retransmissions, had they counted, would be in by now
    finally:
        caller.close()
    with seeded.reading() as session:
        rows = list(session.scalars(select(Call)))
        assert len(rows) == 1
        call = rows[0]
        assert call.status is CallStatus.REJECTED
        assert call.callback_state is CallbackState.PENDING
        assert "dropped by the SIP parser" in call.callback_note
        assert "127.0.0.1" in call.callback_note
        assert call.caller_number == case["number"]
    assert engine.running


def test_the_log_says_why_and_holds_no_number(tmp_path):
    """At default settings an INVITE without a Call-ID made pjsip print the
    whole message, caller's number and name included, at ERROR."""
    url = initialised_sqlite(tmp_path)
    serve = Serve(url)
    caller = Caller()
    try:
        serve.wait_for("listening on")
        case = MALFORMED["no-call-id"]
        caller.send(serve.listen, invite(serve.listen, sender_port=caller.port,
                                         from_line=case["from_line"], call_id=None))
        line = serve.wait_for("dropped by the SIP parser")
        assert "Call-ID" in line and "127.0.0.1" in line  # why, and from where
        serve.wait_for("call 1 rejected")
    finally:
        caller.close()
        serve.stop()
    log = serve.log_text()
    for spelling in ("081234500021", "6281234500021", "Wayan"):
        assert spelling not in log, log
