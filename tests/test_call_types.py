"""Every call gets a type (dispatch/call_types.py): set by the call-taker,
through the domain and `safedesk calls classify`, audited before → after;
defaulted from what the call became (an incident: emergency, a ticket:
complaint), never over the call-taker's own choice. On SQLite and PostgreSQL."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from dispatch import calls
from dispatch.call_types import classify_call
from dispatch.complaints import create_complaint
from dispatch.enums import CallType, Role
from dispatch.errors import InvalidInput, NotFound, NotPermitted
from dispatch.incidents import add_report, create_incident
from dispatch.models import AuditEntry, Call
from dispatch.permissions import Principal
from dispatch.sip_identity import parse_caller

pytestmark = pytest.mark.postgres

SAFEDESK = str(Path(sys.executable).parent / "safedesk")


def identity(number: str):
    return parse_caller("\r\n".join([
        "INVITE sip:0361223333@127.0.0.1 SIP/2.0",
        f'From: "Penelepon" <sip:{number}@10.0.0.9>;tag=1',
        "To: <sip:0361223333@127.0.0.1>", f"Call-ID: {number}@test", "", ""]))


def ring(database, sip_call_id: str, number: str = "081234567890", at=None) -> int:
    with database.session() as session:
        return calls.record_ringing(session, sip_call_id=sip_call_id, line_number="+62361223333",
                                    identity=identity(number), desk="desk-a", at=at).id


def classification(database, call_id: int) -> tuple:
    with database.reading() as session:
        call = session.get(Call, call_id)
        return call.classification, call.classified_by, call.classified_at


def classify_entries(database) -> list[tuple]:
    with database.reading() as session:
        rows = session.execute(select(AuditEntry.actor, AuditEntry.entity_id, AuditEntry.before,
                                      AuditEntry.after)
                               .where(AuditEntry.action == "call.classify")
                               .order_by(AuditEntry.id))
        return [tuple(row) for row in rows]


def test_a_call_taker_classifies_a_call_and_changes_it_audited(seeded):
    call_id = ring(seeded, "prank-1@test")
    seeded.principal = Principal("ayu", Role.CALL_TAKER)
    with seeded.session() as session:
        classify_call(session, call_id=call_id, call_type="prank", actor="ayu")
    kind, by, at = classification(seeded, call_id)
    assert (kind, by) == (CallType.PRANK, "ayu") and at is not None
    with seeded.session() as session:  # on second thought: nobody spoke, a ghost call
        classify_call(session, call_id=call_id, call_type=CallType.GHOST, actor="ayu")
    with seeded.session() as session:  # the same again writes nothing
        classify_call(session, call_id=call_id, call_type="ghost", actor="ayu")
    assert classification(seeded, call_id)[0] is CallType.GHOST
    assert classify_entries(seeded) == [
        ("ayu", str(call_id), {"classification": None}, {"classification": "prank"}),
        ("ayu", str(call_id), {"classification": "prank"}, {"classification": "ghost"})]


def test_an_unknown_type_or_call_is_refused_and_nothing_written(seeded):
    call_id = ring(seeded, "x@test")
    with pytest.raises(InvalidInput) as bad, seeded.session() as session:
        classify_call(session, call_id=call_id, call_type="joke", actor="ayu")
    assert bad.value.code == "call.unknown_type" and bad.value.params["value"] == "joke"
    with pytest.raises(NotFound) as missing, seeded.session() as session:
        classify_call(session, call_id=call_id + 100, call_type="prank", actor="ayu")
    assert missing.value.code == "call.not_found"
    seeded.principal = Principal("wayan", Role.RADIO)  # the studio takes no calls
    with pytest.raises(NotPermitted), seeded.session() as session:
        classify_call(session, call_id=call_id, call_type="prank", actor="wayan")
    assert classification(seeded, call_id) == (None, None, None)
    assert classify_entries(seeded) == []


def test_an_incident_makes_its_call_an_emergency_a_ticket_a_complaint(seeded):
    fire, report, ticket = (ring(seeded, f"{name}@test") for name in ("fire", "report", "ticket"))
    with seeded.session() as session:
        incident = create_incident(session, type_code="kebakaran", lat=-8.66, lon=115.21,
                                   actor="ayu", call_id=fire, not_a_duplicate=True)
        add_report(session, incident_id=incident.id, actor="ayu", call_id=report)
        create_complaint(session, category_code="lampu_jalan", description="Lampu mati",
                         actor="ayu", address="Jl. Gajah Mada", call_id=ticket)
    assert classification(seeded, fire)[:2] == (CallType.EMERGENCY, "ayu")
    assert classification(seeded, report)[0] is CallType.EMERGENCY
    assert classification(seeded, ticket)[0] is CallType.COMPLAINT
    entries = classify_entries(seeded)
    assert [after for *_, after in entries] == [
        {"classification": "emergency", "default": True},
        {"classification": "emergency", "default": True},
        {"classification": "complaint", "default": True}]


def test_the_call_takers_own_type_wins_over_the_default(seeded):
    info = ring(seeded, "info@test")
    with seeded.session() as session:
        classify_call(session, call_id=info, call_type="information", actor="ayu")
    with seeded.session() as session:
        create_complaint(session, category_code="lampu_jalan", description="Lampu mati",
                         actor="made", address="Jl. Gajah Mada", call_id=info)
        create_incident(session, type_code="kebakaran", lat=-8.66, lon=115.21, actor="made",
                        call_id=info, not_a_duplicate=True)
    assert classification(seeded, info)[:2] == (CallType.INFORMATION, "ayu")
    assert len(classify_entries(seeded)) == 1


def test_calls_classify_on_the_command_line(seeded, db_url):
    call_id = ring(seeded, "cli@test")

    def safedesk(*args):
        return subprocess.run([SAFEDESK, "--db", db_url, *args], capture_output=True, text=True,
                              timeout=120)
    done = safedesk("calls", "classify", str(call_id), "wrong-number", "--json")
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout)
    assert (row["id"], row["classification"], row["classified_by"]) == (
        call_id, "wrong_number", "supervisor")
    bad = safedesk("calls", "classify", str(call_id), "joke")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.startswith("safedesk: error: 'joke' is not a call type")
    assert len(bad.stderr.strip().splitlines()) == 1
    assert classification(seeded, call_id)[0] is CallType.WRONG_NUMBER
    assert [after for *_, after in classify_entries(seeded)] == [
        {"classification": "wrong_number"}]


# ---------------------------------------------------------------- the window

@pytest.mark.gui
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the window is the same on both
def test_one_key_types_the_call_in_the_headset_then_the_one_just_ended(qtbot, seeded):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from ui_fixtures import WAIT_MS, shown_desk

    from dispatch.timeutil import utcnow
    from telephony.events import CallEvent, EventKind
    from ui.testing import answer
    from ui.testing import ring as ring_at_the_desk
    with shown_desk(qtbot, seeded) as desk:
        panel = desk.calls_panel
        event = ring_at_the_desk(seeded, "key@test", "081200000041")
        panel.on_call_event(event)
        panel.on_call_event(answer(seeded, event))
        qtbot.waitUntil(lambda: panel.active is not None, timeout=WAIT_MS)
        desk.activateWindow()
        qtbot.waitUntil(desk.isActiveWindow, timeout=WAIT_MS)
        QTest.keyClick(desk.focusWidget() or desk, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: classification(seeded, event.call_id)[0] is CallType.PRANK,
                        timeout=WAIT_MS)
        qtbot.waitUntil(lambda: panel.live_model.index(0, 5).data() == "iseng", timeout=WAIT_MS)
        assert panel.message.text() == "Panggilan 0812-0000-0041 (Penelepon) ditandai: iseng."

        with seeded.session() as session:  # the caller hangs up
            calls.mark_ended(session, sip_call_id="key@test", ended_by="caller",
                             desk="desk-test")
        panel.on_call_event(CallEvent(EventKind.ENDED, utcnow(), sip_call_id="key@test",
                                      call_id=event.call_id, caller=event.caller))
        qtbot.waitUntil(lambda: panel.recent.model.rowCount() == 1, timeout=WAIT_MS)
        assert panel.active is None and panel.live_model.rowCount() == 0
        assert panel.recent.model.index(0, 2).data() == "iseng"
        # After the call: the key means the call that just ended.
        desk.desk_actions["classify_ghost"].trigger()
        qtbot.waitUntil(lambda: classification(seeded, event.call_id)[0] is CallType.GHOST,
                        timeout=WAIT_MS)
        qtbot.waitUntil(lambda: panel.recent.model.index(0, 2).data() == "diam / terputus",
                        timeout=WAIT_MS)

        # A caller who hung up while ringing is on the callback list: selected
        # there, the key means that call.
        missed = ring_at_the_desk(seeded, "missed@test", "081200000042")
        with seeded.session() as session:
            calls.mark_abandoned(session, sip_call_id="missed@test", desk="desk-test")
        qtbot.waitUntil(lambda: panel.callback_model.rowCount() == 1, timeout=WAIT_MS)
        panel.callback_view.select_key(missed.call_id)
        desk.desk_actions["classify_wrong_number"].trigger()
        qtbot.waitUntil(lambda: classification(seeded, missed.call_id)[0]
                        is CallType.WRONG_NUMBER, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: "salah sambung" in panel.callback_model.index(0, 2).data(),
                        timeout=WAIT_MS)
        assert classification(seeded, event.call_id)[0] is CallType.GHOST  # left alone
        assert [after for *_, after in classify_entries(seeded)] == [
            {"classification": "prank"}, {"classification": "ghost"},
            {"classification": "wrong_number"}]


@pytest.mark.gui
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_keys_say_so_when_there_is_no_call_to_type(qtbot, seeded):
    from ui_fixtures import shown_desk
    with shown_desk(qtbot, seeded) as desk:
        desk.desk_actions["classify_emergency"].trigger()
        assert desk.calls_panel.message.text() == (
            "Tidak ada panggilan untuk diberi jenis: pilih satu di daftar.")
        keys = [desk.desk_actions[f"classify_{kind.value}"].shortcut().toString()
                for kind in CallType]
        assert keys == ["Alt+1", "Alt+2", "Alt+3", "Alt+4", "Alt+5", "Alt+6"]
    assert classify_entries(seeded) == []
