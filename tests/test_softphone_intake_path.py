"""The pre-180 intake path, without SIP: what the speed-ups there must not
change. `read_invite` hands the identity parsers only the lines they read,
and `RingingRowWriter` writes the ringing row without the ORM (on SQLite
straight through the DB-API connection); both must give exactly what the
plain parsers and `insert_ringing_row` give."""
from __future__ import annotations

import sqlite3
import threading
import time
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from dispatch.call_intake import RingingRowWriter, inbound_values, insert_ringing_row
from dispatch.enums import CallStatus
from dispatch.models import Call
from dispatch.sip_identity import parse_called_number, parse_caller
from dispatch.timeutil import utcnow
from telephony.intake import read_invite

BASE = ("INVITE sip:0361223333@127.0.0.1:5070 SIP/2.0\r\n"
        "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1\r\n"
        "From: \"Surge 1\" <sip:081270000001@127.0.0.1:5061>;tag=1SIPpTag1\r\n"
        "To: <sip:0361223333@127.0.0.1:5070>\r\n"
        "Call-ID: abc@x\r\nCSeq: 1 INVITE\r\n"
        "Content-Type: application/sdp\r\n\r\nv=0\r\nFrom: <sip:08129999999@body>\r\n")

VARIANTS = {
    "plain": BASE,
    "compact names": BASE.replace("From:", "f:").replace("To:", "t:"),
    "asserted identity": BASE.replace(
        "Call-ID", "P-Asserted-Identity: <tel:+6281234567>\r\nCall-ID"),
    "privacy": BASE.replace("Call-ID", "Privacy: id\r\nCall-ID"),
    "rpid privacy": BASE.replace(
        "Call-ID", "Remote-Party-ID: \"X\" <sip:+62811111@h>;privacy=full\r\nCall-ID"),
    "folded from": BASE.replace("From: \"Surge 1\" <sip", "From: \"Surge 1\"\r\n <sip"),
    "continuation of another header": BASE.replace("Via: SIP", "Via: SIP\r\n From: <sip:0811@x>"),
    "keep-alive lines first": "\r\n\r\n" + BASE,
    "blank-ish first line": " \r\n" + BASE,
    "desk account in request uri": BASE.replace("sip:0361223333@127.0.0.1:5070 SIP",
                                                "sip:desk1@10.0.0.5 SIP"),
    "space before colon": BASE.replace("From:", "From :"),
    "upper case": BASE.replace("From:", "FROM:"),
    "not a token": BASE.replace("From:", "From x:"),
    "short code": BASE.replace("To: <sip:0361223333", "To: <sip:112"),
    "bare LF": BASE.replace("\r\n", "\n"),
    "no request line": "From: <sip:0812@x>\r\n" + BASE,
    "garbage then continuation": BASE.replace("Call-ID: abc@x", "garbage line\r\n continuation"),
    "anonymous": BASE.replace("From: \"Surge 1\" <sip:081270000001@127.0.0.1:5061>",
                              "From: <sip:anonymous@anonymous.invalid>"),
    "two froms": BASE.replace("Call-ID", "From: <sip:0813333333@x>\r\nCall-ID"),
    "empty": "",
}


@pytest.mark.parametrize("message", VARIANTS.values(), ids=VARIANTS.keys())
def test_read_invite_reads_what_the_parsers_read(message):
    facts = read_invite(message, source="127.0.0.1:5061", sip_call_id="c", received_ns=0)
    assert facts.identity == parse_caller(message)
    assert facts.called == parse_called_number(message)


_HEADER_LINES = st.sampled_from([
    "From: \"A\" <sip:081234567890@x>;tag=1", "f: <tel:+6281234567890>", "To: <sip:0361223333@x>",
    "t: <sip:112@x>", "P-Asserted-Identity: <tel:+628123>",
    "Remote-Party-ID: <sip:0812@x>;party=calling",
    "Privacy: none", "Privacy: id", " folded", "\tfolded", "Via: SIP/2.0/UDP h", "Call-ID: z",
    "junk", "From x: 0812", "", "INVITE sip:0361244444@h SIP/2.0", "To :<sip:0361244444@h>",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_HEADER_LINES, max_size=12), st.sampled_from(["\r\n", "\n"]))
def test_read_invite_agrees_with_the_parsers_on_any_header_soup(lines, newline):
    message = newline.join(["INVITE sip:0361223333@h SIP/2.0", *lines, "", "body"])
    facts = read_invite(message, source="h", sip_call_id="c", received_ns=0)
    assert facts.identity == parse_caller(message)
    assert facts.called == parse_called_number(message)


def _row(database, call_id: int) -> dict:
    with database.engine.connect() as connection:
        row = dict(connection.execute(text("SELECT * FROM calls WHERE id = :id"),
                                      {"id": call_id}).mappings().one())
    row.pop("id")
    row.pop("sip_call_id")
    return row


@pytest.mark.parametrize("status", [CallStatus.RINGING, CallStatus.REJECTED])
def test_the_intake_writer_stores_what_insert_ringing_row_stores(database, status):
    message = BASE.replace("Surge 1", "Surgé \\\"1\\\"")
    identity = parse_caller(message)
    at = utcnow() - timedelta(seconds=3)

    def values(key: str) -> dict:
        return inbound_values(sip_call_id=key, line_id=None, identity=identity, at=at,
                              status=status, reason="486 Busy Here" if status is
                              CallStatus.REJECTED else None)

    with database.session() as session:
        reference, made = insert_ringing_row(session, values("by-the-orm"), desk="desk-test")
    assert made
    writer = RingingRowWriter(database, desk="desk-test")
    try:
        writer.warm_up(values("warm-up"))
        fast, made = writer.insert(values("by-the-writer"))
        assert made
        assert writer.insert(values("by-the-writer")) == (fast, False)  # a forked INVITE
    finally:
        writer.close()
    assert _row(database, fast) == _row(database, reference)
    with database.reading() as session:  # warm_up rolled back: no row of its own
        assert session.scalar(select(Call.id).where(Call.sip_call_id == "warm-up")) is None
        assert session.get(Call, fast).status is status


def test_the_intake_writer_recovers_after_a_failed_write(database):
    identity = parse_caller(BASE)
    writer = RingingRowWriter(database, desk="desk-test")
    try:
        broken = inbound_values(sip_call_id="bad", line_id=987654, identity=identity,
                                at=utcnow(), status=CallStatus.RINGING, reason=None)
        # SQLite: straight from the DB-API cursor; PostgreSQL: through SQLAlchemy.
        with pytest.raises((sqlite3.IntegrityError, IntegrityError)):
            writer.insert(broken)  # no such line: the foreign key refuses it
        good = inbound_values(sip_call_id="good", line_id=None, identity=identity,
                              at=utcnow(), status=CallStatus.RINGING, reason=None)
        call_id, made = writer.insert(good)
        assert made
    finally:
        writer.close()
    with database.reading() as session:
        assert session.get(Call, call_id).sip_call_id == "good"
        assert session.scalar(select(Call.id).where(Call.sip_call_id == "bad")) is None


# SQLite only: PostgreSQL has no database-wide write lock to wait out.
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_intake_writer_waits_out_another_writer_instead_of_failing(database):
    # On SQLite the intake waits for the write lock itself, in short steps
    # (SQLite's own handler sleeps 1, 2, 5 ms...): a clerk's commit in
    # progress delays a ringing call's row, it never loses it.
    identity = parse_caller(BASE)
    writer = RingingRowWriter(database, desk="desk-test")
    other = sqlite3.connect(database.engine.url.database, isolation_level=None,
                            check_same_thread=False)
    try:
        writer.warm_up(inbound_values(sip_call_id="warm", line_id=None, identity=identity,
                                      at=utcnow(), status=CallStatus.RINGING, reason=None))
        other.execute("BEGIN IMMEDIATE")
        releaser = threading.Timer(0.2, other.execute, args=("COMMIT",))
        releaser.start()
        started = time.monotonic()
        call_id, made = writer.insert(inbound_values(
            sip_call_id="while-locked", line_id=None, identity=identity, at=utcnow(),
            status=CallStatus.RINGING, reason=None))
        waited = time.monotonic() - started
        releaser.join()
    finally:
        writer.close()
        other.close()
    assert made and waited >= 0.15  # it did wait for the other writer...
    with database.reading() as session:  # ...and the row is there
        assert session.get(Call, call_id).sip_call_id == "while-locked"
