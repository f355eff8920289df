"""The incident, whole, in the domain: saved before its place is known and
located later, corrected and annotated with an audit trail, closed or
cancelled with a disposition; on SQLite and PostgreSQL."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import select

from dispatch import calls
from dispatch.assignments import assign_unit, change_unit_status, close_incident
from dispatch.errors import IllegalTransition, InvalidInput
from dispatch.incidents import (
    add_note,
    add_report,
    correct_incident,
    create_incident,
    get_incident,
)
from dispatch.models import AuditEntry
from dispatch.recommend import recommend_for_incident
from dispatch.settings import Settings
from dispatch.sip_identity import parse_caller

pytestmark = pytest.mark.postgres
SETTINGS = Settings.in_memory()


def unlocated(database) -> int:
    with database.session() as session:
        incident = create_incident(session, type_code="medis", lat=None, lon=None,
                                   actor="calltaker", notes="caller cannot say where: a warung")
        session.flush()
        return incident.id


def test_an_incident_without_a_place_waits_to_be_located(seeded):
    incident_id = unlocated(seeded)
    with seeded.reading() as session:
        incident = get_incident(session, incident_id)
        assert (incident.lat, incident.lon) == (None, None)
        assert "place unknown" in incident.events[0].text
        with pytest.raises(IllegalTransition) as refused:
            recommend_for_incident(session, incident_id=incident_id, settings=SETTINGS)
    assert refused.value.code == "incident.unlocated"
    with pytest.raises(IllegalTransition, match="no place yet"):
        with seeded.session() as session:
            assign_unit(session, incident_id=incident_id, callsign="AMB-BRT-1", actor="made",
                        settings=SETTINGS)
    with seeded.session() as session:
        correct_incident(session, incident_id=incident_id, actor="made", lat=-8.6560,
                         lon=115.2010, address="Warung dekat Pasar Badung")
    with seeded.reading() as session:
        incident = get_incident(session, incident_id)
        assert (incident.lat, incident.lon) == (-8.6560, 115.2010)
        assert incident.events[-1].kind == "located"
        ranked = recommend_for_incident(session, incident_id=incident_id, settings=SETTINGS)
    assert ranked and ranked[0].kind == "ambulans"


def test_a_unit_may_go_to_a_named_area_before_the_place_is_known(seeded):
    incident_id = unlocated(seeded)
    with seeded.reading() as session:
        ranked = recommend_for_incident(session, incident_id=incident_id, settings=SETTINGS,
                                        area="Denpasar Barat")
    with seeded.session() as session:
        assignment = assign_unit(session, incident_id=incident_id, callsign=ranked[0].callsign,
                                 actor="made", settings=SETTINGS, area="Denpasar Barat")
        assert assignment.eta_s == int(ranked[0].eta_s)
    with seeded.reading() as session:
        assert "to Denpasar Barat" in get_incident(session, incident_id).events[-2].text \
            or "to Denpasar Barat" in get_incident(session, incident_id).events[-1].text
        audit = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "incident.assign")).one()
        assert audit.after["area"] == "Denpasar Barat"
    with pytest.raises(Exception) as unknown:
        with seeded.reading() as session:
            recommend_for_incident(session, incident_id=incident_id, settings=SETTINGS,
                                   area="Atlantis")
    assert unknown.value.code == "place.unknown_area"


def test_corrections_and_notes_are_audited_and_on_the_timeline(seeded):
    with seeded.session() as session:
        incident = create_incident(session, type_code="kebakaran", lat=-8.66, lon=115.21,
                                   actor="calltaker")
        session.flush()
        incident_id = incident.id
    with seeded.session() as session:
        correct_incident(session, incident_id=incident_id, actor="made",
                         type_code="korsleting_listrik", priority=3)
        add_note(session, incident_id=incident_id, text="2 orang terjebak di lantai dua",
                 actor="made")
    with seeded.reading() as session:
        incident = get_incident(session, incident_id)
        assert (incident.type_code, incident.priority) == ("korsleting_listrik", 3)
        kinds = [event.kind for event in incident.events]
        assert kinds[-2:] == ["corrected", "note"]
        assert incident.events[-1].text == "2 orang terjebak di lantai dua"
        assert incident.events[-1].actor == "made"
        audit = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "incident.correct")).one()
        assert audit.before == {"type_code": "kebakaran", "priority": 1}
        assert audit.after == {"type_code": "korsleting_listrik", "priority": 3}
    with pytest.raises(InvalidInput) as nothing:
        with seeded.session() as session:
            correct_incident(session, incident_id=incident_id, actor="made", priority=3)
    assert nothing.value.code == "incident.nothing_to_change"
    with pytest.raises(InvalidInput) as empty:
        with seeded.session() as session:
            add_note(session, incident_id=incident_id, text="   ", actor="made")
    assert empty.value.code == "incident.empty_note"


def test_closing_and_cancelling_say_how_it_ended(seeded):
    ids = []
    with seeded.session() as session:
        for n in range(3):
            incident = create_incident(session, type_code="banjir", lat=-8.66 - n * 0.01,
                                       lon=115.21, actor="calltaker")
            session.flush()
            ids.append(incident.id)
    with seeded.session() as session:
        close_incident(session, incident_id=ids[0], actor="made", disposition="referred",
                       note="diteruskan ke BPBD")
        close_incident(session, incident_id=ids[1], actor="made", cancel=True)
    with pytest.raises(InvalidInput) as wrong:
        with seeded.session() as session:
            close_incident(session, incident_id=ids[2], actor="made", disposition="prank")
    assert wrong.value.code == "incident.bad_disposition"
    with seeded.reading() as session:
        first, second = get_incident(session, ids[0]), get_incident(session, ids[1])
        assert (str(first.status), first.disposition) == ("closed", "referred")
        assert first.events[-1].text.endswith("referred: diteruskan ke BPBD")
        assert (str(second.status), second.disposition) == ("cancelled", "false_alarm")


def timeline_of(database, incident_id: int) -> list[tuple[str, str, dict | None]]:
    with database.reading() as session:
        return [(event.kind, event.text, event.data)
                for event in sorted(get_incident(session, incident_id).events,
                                    key=lambda event: event.id)]


def a_ringing_call(database) -> int:
    identity = parse_caller("\r\n".join([
        "INVITE sip:0361223333@127.0.0.1 SIP/2.0",
        'From: "Ketut" <sip:081255556666@10.0.0.9>;tag=1', "To: <sip:0361223333@127.0.0.1>",
        "Call-ID: timeline-report@test", "", ""]))
    with database.session() as session:
        return calls.record_ringing(session, sip_call_id="timeline-report@test",
                                    line_number="+62361223333", identity=identity,
                                    desk="desk-test").id


def test_each_timeline_entry_carries_its_values_beside_its_english(seeded):
    """The window says the timeline from these values; the English text stays
    exactly as the log and the command line have always read it."""
    call_id = a_ringing_call(seeded)
    medic = unlocated(seeded)
    with seeded.reading() as session:
        priority = get_incident(session, medic).priority
    with seeded.session() as session:
        assign_unit(session, incident_id=medic, callsign="AMB-BRT-1", actor="made",
                    settings=SETTINGS, area="Denpasar Barat")
    with seeded.session() as session:
        correct_incident(session, incident_id=medic, actor="made", lat=-8.656, lon=115.201)
    with seeded.session() as session:
        correct_incident(session, incident_id=medic, actor="made", priority=4,
                         address="Warung Men Sari, Jl. Imam Bonjol")
        add_note(session, incident_id=medic, text="korban sadar, napas pendek", actor="made")
        add_report(session, incident_id=medic, actor="calltaker", call_id=call_id,
                   note="tetangga juga melapor")
        change_unit_status(session, callsign="AMB-BRT-1", status="en_route", actor="made")
        change_unit_status(session, callsign="AMB-BRT-1", status="on_scene", actor="made")
    with seeded.session() as session:
        fire = create_incident(session, type_code="kebakaran", lat=-8.60, lon=115.22,
                               actor="calltaker", not_a_duplicate=True)
        session.flush()
        fire = fire.id
        assign_unit(session, incident_id=fire, callsign="AMB-BRT-1", actor="made",
                    settings=SETTINGS, reassign_reason="korban luka bakar")
    with seeded.session() as session:
        close_incident(session, incident_id=medic, actor="made", disposition="referred",
                       note="dirujuk ke RSUP Sanglah")
        close_incident(session, incident_id=fire, actor="made", cancel=True)

    unit = {"callsign": "AMB-BRT-1"}
    assert timeline_of(seeded, medic) == [
        ("created", f"medis P{priority} (place unknown)",
         {"type": "medis", "priority": priority, "place_unknown": True}),
        ("unit", "AMB-BRT-1 dispatched to Denpasar Barat (the place is not known yet)",
         {**unit, "step": "dispatched", "area": "Denpasar Barat"}),
        ("status", "open → dispatched",
         {"before": "open", "after": "dispatched", "disposition": None, "note": ""}),
        ("located", "located: lat None → -8.656, lon None → 115.201",
         {"changes": [["lat", None, -8.656], ["lon", None, 115.201]]}),
        ("corrected", f"corrected: priority {priority} → 4, "
                      "address  → Warung Men Sari, Jl. Imam Bonjol",
         {"changes": [["priority", priority, 4],
                      ["address", "", "Warung Men Sari, Jl. Imam Bonjol"]]}),
        ("note", "korban sadar, napas pendek", None),  # the operator's words, nothing else
        ("report", f"another report (call {call_id}): tetangga juga melapor",
         {"call_id": call_id, "note": "tetangga juga melapor"}),
        ("unit", "AMB-BRT-1 en_route", {**unit, "step": "en_route"}),
        ("status", "dispatched → on_scene",
         {"before": "dispatched", "after": "on_scene", "disposition": None, "note": ""}),
        ("unit", "AMB-BRT-1 on_scene", {**unit, "step": "on_scene"}),
        ("unit", f"AMB-BRT-1 clear (reassigned to incident {fire}: korban luka bakar)",
         {**unit, "step": "clear", "reason": "reassigned", "to_incident": fire,
          "note": "korban luka bakar"}),
        ("status", "on_scene → closed: referred: dirujuk ke RSUP Sanglah",
         {"before": "on_scene", "after": "closed", "disposition": "referred",
          "note": "dirujuk ke RSUP Sanglah"}),
    ]
    assert timeline_of(seeded, fire)[-2:] == [
        ("unit", "AMB-BRT-1 clear (cancelled)", {**unit, "step": "clear", "reason": "cancelled"}),
        ("status", "dispatched → cancelled: false_alarm",
         {"before": "dispatched", "after": "cancelled", "disposition": "false_alarm",
          "note": ""}),
    ]


def test_a_unit_cleared_by_its_crew_or_by_closing_says_which(seeded):
    with seeded.session() as session:
        fire = create_incident(session, type_code="kebakaran", lat=-8.64, lon=115.21,
                               actor="calltaker")
        session.flush()
        fire = fire.id
    with seeded.session() as session:
        for callsign in ("PMK-UTR-1", "PMK-SEL-1"):
            assign_unit(session, incident_id=fire, callsign=callsign, actor="made",
                        settings=SETTINGS)
    with seeded.session() as session:
        change_unit_status(session, callsign="PMK-UTR-1", status="available", actor="made")
    with seeded.session() as session:
        close_incident(session, incident_id=fire, actor="made")
    cleared = [(text, data) for kind, text, data in timeline_of(seeded, fire)
               if kind == "unit" and data["step"] == "clear"]
    assert cleared == [
        ("PMK-UTR-1 clear (clear)", {"callsign": "PMK-UTR-1", "step": "clear", "reason": "clear"}),
        ("PMK-SEL-1 clear (closed)",
         {"callsign": "PMK-SEL-1", "step": "clear", "reason": "closed"}),
    ]
    assert timeline_of(seeded, fire)[-1] == (
        "status", "dispatched → closed: handled",
        {"before": "dispatched", "after": "closed", "disposition": "handled", "note": ""})


def test_the_command_line_does_all_of_it(seeded, db_url):
    def safedesk(*args):
        return subprocess.run([sys.executable, "-m", "dispatch.cli.main", "--db", db_url,
                               *args], capture_output=True, text=True,
                              timeout=120)

    missing = safedesk("incidents", "create", "--type", "medis")
    assert missing.returncode == 2 and "--place-unknown" in missing.stderr
    made = safedesk("incidents", "create", "--type", "medis", "--place-unknown", "--json")
    assert made.returncode == 0, made.stderr
    incident_id = str(json.loads(made.stdout)["id"])
    refused = safedesk("assign", incident_id, "AMB-BRT-1")
    assert refused.returncode == 2 and "--area" in refused.stderr
    sent = safedesk("assign", incident_id, "AMB-BRT-1", "--area", "Denpasar Barat")
    assert sent.returncode == 0, sent.stderr
    located = safedesk("incidents", "correct", incident_id, "--lat", "-8.656", "--lon",
                       "115.201")
    assert located.returncode == 0, located.stderr
    noted = safedesk("incidents", "note", incident_id, "unit tiba, korban sadar")
    assert noted.returncode == 0, noted.stderr
    closed = safedesk("incidents", "close", incident_id, "--disposition", "handled", "--json")
    assert closed.returncode == 0, closed.stderr
    assert json.loads(closed.stdout)["disposition"] == "handled"
    shown = safedesk("incidents", "show", incident_id, "--json")
    assert shown.returncode == 0, shown.stderr
    timeline = json.loads(shown.stdout)["timeline"]
    assert timeline[0]["data"] == {"type": "medis", "priority": timeline[0]["data"]["priority"],
                                   "place_unknown": True}
    assert [entry["data"] for entry in timeline if entry["kind"] == "note"] == [None]
