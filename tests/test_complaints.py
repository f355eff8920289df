"""Complaint tickets on SQLite and PostgreSQL: numbering (also under
concurrent desks), the status machine, overdue, search, and the supervisor's
category → agency table."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from dispatch.complaint_search import search_complaints
from dispatch.complaints import (
    LEGAL_TRANSITIONS,
    change_status,
    create_complaint,
    format_ticket,
    get_complaint,
    is_overdue,
    parse_ticket,
    search_words,
    set_category_agency,
    upsert_agency,
)
from dispatch.enums import ComplaintStatus
from dispatch.errors import IllegalTransition, InvalidInput, NotFound
from dispatch.models import AuditEntry, Complaint, ComplaintCategory, ComplaintEvent, ComplaintWord
from dispatch.timeutil import to_wita, utcnow

pytestmark = pytest.mark.postgres

S = ComplaintStatus
GATSU = (-8.6350, 115.2290)
PATH_TO = {S.RECEIVED: [], S.FORWARDED: [S.FORWARDED],
           S.IN_PROGRESS: [S.FORWARDED, S.IN_PROGRESS],
           S.RESOLVED: [S.FORWARDED, S.IN_PROGRESS, S.RESOLVED], S.REJECTED: [S.REJECTED]}


def _open(database, category="lampu_jalan", description="Lampu jalan mati sejak kemarin",
          **extra) -> str:
    extra.setdefault("lat", GATSU[0])
    extra.setdefault("lon", GATSU[1])
    with database.session() as session:
        return create_complaint(session, category_code=category, description=description,
                                actor="op", **extra).ticket


def _move(database, ticket, *statuses):
    for status in statuses:
        with database.session() as session:
            change_status(session, ticket=ticket, status=status, note=f"ke {status}", actor="op")


def _count(database, model) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_ticket_gets_its_number_agency_due_time_and_first_event(seeded):
    seen = []
    seeded.bus.subscribe(seen.append)
    ticket = _open(seeded, address="Jalan Gatot Subroto Timur", reporter_name="I Made Sudarsana",
                   reporter_phone="0812-3456-7890")
    year = to_wita(utcnow()).year
    assert ticket == format_ticket(year, 1) == f"HD-{year}-000001"
    assert _open(seeded) == f"HD-{year}-000002"
    with seeded.reading() as session:
        complaint = get_complaint(session, ticket)
        category = session.get(ComplaintCategory, "lampu_jalan")
        assert complaint.agency_id == category.agency_id and complaint.agency.code == "DISHUB"
        assert complaint.due_at - complaint.created_at == timedelta(hours=category.target_hours)
        assert complaint.status == S.RECEIVED and complaint.reporter_phone == "+6281234567890"
        assert [(e.from_status, e.to_status) for e in complaint.events] == [(None, S.RECEIVED)]
        audit = session.scalars(select(AuditEntry).where(AuditEntry.entity == "complaint")).first()
        assert audit.entity_id == ticket and audit.actor == "op"
        assert "Sudarsana" not in str(audit.after) and "3456" not in str(audit.after)
    assert [(e.entity, e.action, e.detail["ticket"]) for e in seen][0] == \
        ("complaint", "created", ticket)
    assert not any("3456" in e.to_json() or "Made" in e.to_json() for e in seen)


def test_the_sequence_runs_per_year(seeded):
    this_year = to_wita(utcnow()).year
    with seeded.session() as session:
        now = utcnow()
        for year, sequence in ((this_year - 1, 57), (this_year, 41)):
            session.add(Complaint(ticket=format_ticket(year, sequence), year=year,
                                  sequence=sequence, category_code="lampu_jalan",
                                  agency_id=session.get(ComplaintCategory, "lampu_jalan").agency_id,
                                  description="x", address="Jl. A", created_at=now,
                                  created_by="t", due_at=now, updated_at=now))
    assert _open(seeded) == f"HD-{this_year}-000042"


def test_ticket_numbers_read_back_in_any_spelling():
    assert parse_ticket("HD-2026-000123") == (2026, 123)
    assert parse_ticket(" hd 2026 123 ") == (2026, 123)
    assert parse_ticket("2026-123") == (2026, 123)
    assert parse_ticket("lampu") is None and parse_ticket("123") is None


@pytest.mark.parametrize("locked", [True, False], ids=["locked", "unique-key-retry"])
def test_two_desks_creating_at_once_get_different_numbers(seeded, locked, monkeypatch):
    """Desk A holds an uncommitted number; desk B must not take it. B waits
    for A's lock (SQLite's write lock, PostgreSQL's advisory lock); without
    the advisory lock, B collides on the unique key, waits for A and retries."""
    if not locked:
        import dispatch.complaints as complaints
        monkeypatch.setattr(complaints, "_lock_ticket_numbers", lambda session: None)
    year = to_wita(utcnow()).year
    results, errors = [], []

    def desk_b():
        try:
            results.append(_open(seeded, category="jalan_rusak", description="lubang lagi"))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
    thread = threading.Thread(target=desk_b)
    with seeded.session() as desk_a:
        first = create_complaint(desk_a, category_code="jalan_rusak", description="lubang",
                                 actor="desk-a", address="Jalan Teuku Umar")
        desk_a.flush()
        thread.start()
        thread.join(timeout=1.0)
        blocked_behind_a = thread.is_alive() and not results
    thread.join(timeout=30)
    assert blocked_behind_a
    assert not errors and not thread.is_alive()
    assert first.ticket == format_ticket(year, 1) and results == [format_ticket(year, 2)]


def test_many_concurrent_creators_never_share_a_number(seeded):
    barrier = threading.Barrier(6)
    tickets, errors = [], []

    def desk(n):
        try:
            barrier.wait(timeout=30)
            for i in range(4):
                tickets.append(_open(seeded, description=f"lampu {n}-{i}"))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
    threads = [threading.Thread(target=desk, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    year = to_wita(utcnow()).year
    assert sorted(tickets) == [format_ticket(year, n) for n in range(1, 25)]


@pytest.mark.parametrize("extra, error, match", [
    ({"category": "gempa"}, NotFound, "unknown complaint category 'gempa'"),
    ({"description": "   "}, InvalidInput, "needs a description"),
    ({"lat": 95.0}, InvalidInput, "latitude"),
    ({"lon": float("nan")}, InvalidInput, "finite"),
    ({"lon": None}, InvalidInput, "both latitude and longitude"),
    ({"lat": None, "lon": None}, InvalidInput, "needs a place"),
    ({"reporter_phone": "hubungi saya"}, InvalidInput, "not a phone number"),
    ({"call_id": 999999}, NotFound, "no call 999999"),
    ({"channel": "pigeon"}, InvalidInput, "not one of"),
    ({"description": "x" * 5000}, InvalidInput, "longer than"),
])
def test_bad_complaints_write_nothing(seeded, extra, error, match):
    extra = dict(extra)
    category = extra.pop("category", "lampu_jalan")
    description = extra.pop("description", "Lampu mati")
    with pytest.raises(error, match=match):
        _open(seeded, category=category, description=description, **extra)
    assert _count(seeded, Complaint) == 0 and _count(seeded, ComplaintWord) == 0
    with seeded.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.entity == "complaint")) == 0


def test_an_address_alone_is_a_place(seeded):
    ticket = _open(seeded, lat=None, lon=None, address="Jalan Nangka Utara")
    with seeded.reading() as session:
        assert get_complaint(session, ticket).lat is None


def test_the_happy_path_records_every_change(seeded):
    seen = []
    seeded.bus.subscribe(seen.append)
    ticket = _open(seeded)
    _move(seeded, ticket, "forwarded", "in progress", "resolved")
    with seeded.reading() as session:
        complaint = get_complaint(session, ticket)
        assert complaint.status == S.RESOLVED
        assert [(e.from_status, e.to_status, e.actor) for e in complaint.events][1:] == [
            (S.RECEIVED, S.FORWARDED, "op"), (S.FORWARDED, S.IN_PROGRESS, "op"),
            (S.IN_PROGRESS, S.RESOLVED, "op")]
        assert complaint.events[-1].note == "ke resolved"
        assert complaint.updated_at == complaint.events[-1].at
        actions = list(session.scalars(select(AuditEntry.action)
                                       .where(AuditEntry.entity == "complaint")))
    assert actions.count("complaint.status") == 3
    assert [e.detail.get("status") for e in seen if e.action == "status"] == \
        ["forwarded", "in_progress", "resolved"]


def test_every_pair_of_states_follows_the_table(seeded):
    for before in S:
        for after in S:
            ticket = _open(seeded)
            _move(seeded, ticket, *PATH_TO[before])
            if after in LEGAL_TRANSITIONS[before]:
                _move(seeded, ticket, after)
                continue
            with pytest.raises(IllegalTransition):
                _move(seeded, ticket, after)
            with seeded.reading() as session:
                assert get_complaint(session, ticket).status == before


def test_final_states_point_to_a_new_ticket_and_a_note_is_required(seeded):
    ticket = _open(seeded)
    for note in ("", "   ", None):
        with pytest.raises(InvalidInput, match="needs a note"):
            with seeded.session() as session:
                change_status(session, ticket=ticket, status="forwarded", note=note, actor="op")
    with pytest.raises(InvalidInput, match="not one of"):
        _move(seeded, ticket, "teleported")
    with pytest.raises(NotFound, match="no complaint ticket"):
        _move(seeded, "HD-1999-000001", "forwarded")
    _move(seeded, ticket, "rejected")
    with pytest.raises(IllegalTransition, match="open a new ticket"):
        _move(seeded, ticket, "forwarded")
    with seeded.reading() as session:
        assert len(get_complaint(session, ticket).events) == 2


def test_overdue_is_open_past_the_target(seeded):
    late = _open(seeded, category="listrik_padam")  # 24 h
    done = _open(seeded, category="listrik_padam")
    _move(seeded, done, "forwarded", "resolved")
    tomorrow = utcnow() + timedelta(hours=25)
    with seeded.reading() as session:
        assert not is_overdue(get_complaint(session, late))
        assert is_overdue(get_complaint(session, late), tomorrow)
        assert not is_overdue(get_complaint(session, done), tomorrow)
        assert [c.ticket for c in search_complaints(session, overdue=True, now=tomorrow)] == [late]
        assert [c.ticket for c in search_complaints(session, overdue=False, now=tomorrow)] == [done]
        assert search_complaints(session, overdue=True) == []


def test_search_by_every_filter(seeded):
    light = _open(seeded, address="Jalan Gatot Subroto Timur", reporter_phone="081234567890",
                  description="Tiga lampu PJU padam di depan Banjar Tegeh")
    drain = _open(seeded, category="drainase_tersumbat", address="Jalan Teuku Umar",
                  description="Got tersumbat, air meluap ke jalan", reporter_phone="0361-244555")
    rubbish = _open(seeded, category="sampah_tidak_diangkut", address="Gang Ménuh",
                    description="Sampah menumpuk tiga hari")
    _move(seeded, drain, "forwarded")

    def found(**filters):
        with seeded.reading() as session:
            return [c.ticket for c in search_complaints(session, **filters)]
    assert found() == [rubbish, drain, light]
    assert found(ticket=drain.lower()) == [drain]
    assert found(text=light) == [light]
    assert found(caller_number="+62 812-3456-7890") == [light]
    assert found(text="0812 3456 7890") == [light]
    assert found(caller_number="0361 244555") == [drain]
    assert found(category="lampu_jalan") == [light]
    assert found(agency="dpupr") == [drain]
    assert found(status="forwarded") == [drain]
    assert found(status=["received", "forwarded"]) == [rubbish, drain, light]
    assert found(category="drainase_tersumbat", status="received") == []
    assert found(text="lamp") == [light]
    assert found(text="GATOT subroto") == [light]
    assert found(text="menuh") == [rubbish]  # accents folded
    assert found(text="tiga") == [rubbish, light]
    assert found(text="tiga sampah") == [rubbish]
    assert found(text="zebra") == []
    assert found(text="di") == [] and found(text="123456") == []
    today = to_wita(utcnow()).date()
    assert found(date_from=today, date_to=today) == [rubbish, drain, light]
    assert found(date_to=today - timedelta(days=1)) == []
    assert found(date_from=utcnow() + timedelta(minutes=5)) == []
    assert found(limit=1) == [rubbish]
    with pytest.raises(NotFound):
        found(category="gempa")
    with pytest.raises(NotFound):
        found(agency="NASA")
    with pytest.raises(InvalidInput):
        found(ticket="lampu")
    with pytest.raises(InvalidInput):
        found(caller_number="not a number")
    with pytest.raises(InvalidInput):
        found(limit=0)


def test_common_words_and_rare_combinations_find_the_newest(seeded, monkeypatch):
    """Exercises each way into a text search with small thresholds."""
    import dispatch.complaint_search as complaint_search
    monkeypatch.setattr(complaint_search, "_LOOKUP_ALWAYS", 2)
    monkeypatch.setattr(complaint_search, "_LOOKUP_MAX", 6)
    tickets = [_open(seeded, description=f"lampu mati nomor {'satu' if i % 4 else 'dua'}",
                     address="Jalan Kamboja" if i % 3 else "Jalan Nangka") for i in range(12)]
    newest = list(reversed(tickets))

    def found(text, limit=200):
        with seeded.reading() as session:
            return [c.ticket for c in search_complaints(session, text=text, limit=limit)]
    assert found("lampu", limit=3) == newest[:3]
    assert found("lampu") == newest
    # The newest tickets hold no "dua nangka": the bounded look falls back.
    assert found("dua nangka", limit=1) == [tickets[0]]
    assert found("satu kamboja", limit=2) == [t for i, t in reversed(list(enumerate(tickets)))
                                              if i % 4 and i % 3][:2]


def test_search_words_fold_case_and_accents_and_skip_numbers():
    assert search_words("Jalan GATOT Subroto, depan Pura Désa") >= {"jalan", "gatot", "desa"}
    assert "081234567890" not in search_words("telp 081234567890")
    assert "di" not in search_words("di jalan")


def test_supervisor_moves_a_category_to_another_agency(seeded):
    before = _open(seeded, category="pohon_rawan")
    with seeded.session() as session:
        set_category_agency(session, category_code="pohon_rawan", agency_code="bpbd",
                            actor="supervisor")
    after = _open(seeded, category="pohon_rawan")
    with seeded.reading() as session:
        assert get_complaint(session, before).agency.code == "DLHK"  # open tickets keep theirs
        assert get_complaint(session, after).agency.code == "BPBD"
        audit = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "category.agency")).one()
        assert (audit.before, audit.after, audit.actor) == \
            ({"agency": "DLHK"}, {"agency": "BPBD"}, "supervisor")
    for category, agency, error in (("pohon_rawan", "NASA", NotFound),
                                    ("gempa", "BPBD", NotFound),
                                    ("pohon_rawan", "BPBD", InvalidInput)):
        with pytest.raises(error):
            with seeded.session() as session:
                set_category_agency(session, category_code=category, agency_code=agency,
                                    actor="supervisor")


def test_agencies_are_added_changed_and_retired_with_care(seeded):
    with seeded.session() as session:
        upsert_agency(session, code="diskominfos", name="Dinas Kominfo dan Statistik",
                      actor="supervisor")
    with seeded.session() as session:
        agency = upsert_agency(session, code="DISKOMINFOS", name="Diskominfos Kota Denpasar",
                               phone="0361-123456", active=False, actor="supervisor")
        assert agency.name == "Diskominfos Kota Denpasar" and not agency.active
    with pytest.raises(InvalidInput, match="inactive"):
        with seeded.session() as session:
            set_category_agency(session, category_code="lampu_jalan", agency_code="DISKOMINFOS",
                                actor="supervisor")
    with pytest.raises(IllegalTransition, match="still handles"):
        with seeded.session() as session:
            upsert_agency(session, code="DISHUB", name="Dishub", active=False, actor="s")
    for code, name in (("x", "Nama"), ("BAD CODE", "Nama"), ("OK_CODE", "  ")):
        with pytest.raises(InvalidInput):
            with seeded.session() as session:
                upsert_agency(session, code=code, name=name, actor="s")
    with seeded.reading() as session:
        actions = list(session.scalars(select(AuditEntry.action)
                                       .where(AuditEntry.entity == "agency")))
    assert actions == ["agency.create", "agency.update"]


def test_words_are_stored_once_per_ticket(seeded):
    _open(seeded, description="lampu lampu LAMPU mati", address="Jalan Lampu")
    with seeded.reading() as session:
        words = list(session.scalars(select(ComplaintWord.word).order_by(ComplaintWord.word)))
        assert words == ["jalan", "lampu", "mati"]
        assert session.scalar(select(func.count()).select_from(ComplaintEvent)) == 1
