"""Every permission for every role, through the domain operations themselves
(the window and the command line only choose who the database acts for).
A refusal changes nothing and leaves one audit entry; the table in
dispatch/permissions.py is the answer key, and the roles' duties are
spelled out here as a person would state them, so a change to the table
that breaks them fails."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from dispatch import calls
from dispatch.assignments import assign_unit, change_unit_status
from dispatch.audit import audit_entries
from dispatch.bulletins import create_bulletin
from dispatch.caller_blocks import block_number
from dispatch.complaints import create_complaint, upsert_agency
from dispatch.enums import Role, UnitStatus
from dispatch.errors import NotPermitted, NotSignedIn
from dispatch.incidents import create_incident
from dispatch.models import AuditEntry, Incident
from dispatch.operators import add_operator
from dispatch.permissions import ROLE_PERMISSIONS, SYSTEM, Permission, Principal
from dispatch.seed import load_seed_file
from dispatch.settings import Settings
from dispatch.sip_identity import parse_caller
from dispatch.stats import Period, compute_stats
from dispatch.timeutil import utcnow

P = Permission
# What each role's people do at the centre (the mission statement): the
# table must grant exactly this.
DUTIES = {
    Role.CALL_TAKER: {P.ANSWER_CALLS, P.CREATE_INCIDENTS, P.EDIT_COMPLAINTS},
    Role.DISPATCHER: {P.ANSWER_CALLS, P.CREATE_INCIDENTS, P.ASSIGN_UNITS,
                      P.CHANGE_UNIT_STATUS},
    Role.RADIO: {P.EDIT_COMPLAINTS, P.GO_ON_AIR},
    Role.SUPERVISOR: set(Permission),
}
BUDI = parse_caller("\r\n".join([
    "INVITE sip:112@desk SIP/2.0", "From: \"Budi\" <sip:081234567890@trunk>;tag=a",
    "To: <sip:0361223333@desk>", "Call-ID: perm@test", "CSeq: 1 INVITE", "", ""]))


def _incident(session):
    return create_incident(session, type_code="kebakaran", lat=-8.66, lon=115.21,
                           actor="t", not_a_duplicate=True).id


def _abandoned_call(database) -> int:
    with database.session() as session:
        call = calls.record_ringing(session, sip_call_id="perm@test", line_number="+62361223333",
                                    identity=BUDI, desk="desk-a")
        calls.mark_abandoned(session, sip_call_id="perm@test", desk="desk-a")
        return call.id


# One operation per permission: (set-up as the supervisor, the operation).
OPERATIONS = {
    P.ANSWER_CALLS: (_abandoned_call, lambda s, call_id: calls.clear_callback(
        s, call_id=call_id, reason="salah sambung", actor="x")),
    P.CREATE_INCIDENTS: (None, lambda s, _: _incident(s)),
    P.ASSIGN_UNITS: (lambda db: _as_supervisor(db, _incident), lambda s, incident: assign_unit(
        s, incident_id=incident, callsign="PMK-SEL-1", actor="x",
        settings=Settings.in_memory({}))),
    P.CHANGE_UNIT_STATUS: (None, lambda s, _: change_unit_status(
        s, callsign="PMK-UTR-1", status=UnitStatus.OUT_OF_SERVICE, actor="x")),
    P.EDIT_COMPLAINTS: (None, lambda s, _: create_complaint(
        s, category_code="lampu_jalan", description="Lampu jalan mati", actor="x",
        address="Jl. Gajah Mada")),
    P.SET_AGENCIES: (None, lambda s, _: upsert_agency(s, code="uji", name="Dinas Uji",
                                                       actor="x")),
    P.PURGE_RECORDINGS: (None, lambda s, _: calls.purge_recordings(
        s, now=utcnow(), retention=timedelta(days=90), actor="x")),
    P.EDIT_OPERATORS: (None, lambda s, _: add_operator(
        s, username="baru", role=Role.CALL_TAKER, password="sandi-baru-1", actor="x")),
    P.READ_AUDIT: (None, lambda s, _: audit_entries(s)),
    P.GO_ON_AIR: (None, lambda s, _: create_bulletin(s, title="Halo Denpasar pagi",
                                                      tickets=[], actor="x")),
    P.READ_STATISTICS: (None, lambda s, _: compute_stats(s, Period.this_month())),
    P.BLOCK_CALLERS: (None, lambda s, _: block_number(s, number="081234567890", hours=24,
                                                      reason="iseng 3 kali", actor="x")),
}


def _as_supervisor(database, operation):
    acting = database.principal
    with database.session() as session:
        value = operation(session)
    database.principal = acting
    return value


def _refusals(database) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "permission.refused"))


def test_the_table_grants_each_role_its_duties_and_nothing_more():
    assert {role: set(granted) for role, granted in ROLE_PERMISSIONS.items()} == DUTIES


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_every_permission_for_every_role_through_the_domain(seeded, role):
    for permission in Permission:
        if permission is P.EDIT_FLEET:
            operation = None  # the seed loads through its own unit of work, below
        else:
            setup, operation = OPERATIONS[permission]
        seeded.principal = Principal("supervisor", Role.SUPERVISOR)
        prepared = setup(seeded) if operation and setup else None
        seeded.principal = Principal(f"op-{role.value}", role)
        refused_before = _refusals(seeded)
        allowed = permission in DUTIES[role]
        try:
            if operation is None:
                load_seed_file(seeded, None, actor="x")
            else:
                with seeded.session() as session:
                    operation(session, prepared)
        except NotPermitted as refusal:
            assert not allowed, f"{role.value} was refused {permission.value}"
            assert refusal.code == "permission.refused"
            assert refusal.params["permission"] is permission
            assert _refusals(seeded) == refused_before + 1, "a refusal leaves an audit entry"
        else:
            assert allowed, f"{role.value} was allowed {permission.value}"
            assert _refusals(seeded) == refused_before


def test_a_refusal_writes_nothing_but_its_audit_entry(seeded):
    seeded.principal = Principal("wayan", Role.RADIO)
    with pytest.raises(NotPermitted):
        with seeded.session() as session:
            _incident(session)
    seeded.principal = Principal("supervisor", Role.SUPERVISOR)
    with seeded.reading() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert session.scalar(select(func.count()).select_from(Incident)) == 0
        assert (entry.actor, entry.action) == ("wayan", "permission.refused")
        assert entry.after == {"operator": "wayan", "role": "radio",
                               "permission": "create_incidents"}


def test_nobody_signed_in_may_do_nothing_a_role_decides(seeded):
    seeded.principal = None
    with pytest.raises(NotSignedIn):
        with seeded.session() as session:
            _incident(session)


def test_the_engine_acting_as_the_system_logs_calls_but_decides_nothing(seeded):
    seeded.principal = SYSTEM
    call_id = _abandoned_call(seeded)  # the call log itself needs no permission
    with seeded.session() as session:
        calls.clear_callback(session, call_id=call_id, reason="dijawab", actor="system")
    with pytest.raises(NotPermitted):
        with seeded.session() as session:
            _incident(session)
