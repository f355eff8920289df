"""Bulletins on SQLite and PostgreSQL: drafting in Bahasa Indonesia without
reporter data, editing, the on-air log and a ticket's history."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from dispatch.bulletin_privacy import HIDDEN_NAME, HIDDEN_NUMBER, scrub_private
from dispatch.bulletins import (
    add_item,
    bulletin_to_dict,
    candidates_for_bulletin,
    complaint_history,
    create_bulletin,
    draft_reading_text,
    end_reading,
    get_bulletin,
    move_item,
    open_readings,
    remove_item,
    set_reading_text,
    start_reading,
)
from dispatch.complaints import change_status, create_complaint, get_complaint
from dispatch.enums import BulletinStatus, ComplaintStatus
from dispatch.errors import IllegalTransition, InvalidInput, NotFound
from dispatch.models import (
    Agency,
    AuditEntry,
    Bulletin,
    BulletinItem,
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    OnAirReading,
)
from dispatch.phone import normalise_number
from dispatch.timeutil import utcnow

S = ComplaintStatus
NUMBER = "081234567890"
NUMBER_SPELLINGS = ("0812-3456-7890", "0812 3456 7890", "081234567890", "+62 812-3456-7890",
                    "+6281234567890", "6281234567890", "(0812) 3456 7890", "0812.3456.7890",
                    "62-812-3456-7890", "812 3456 7890", "0812/3456/7890")


def _open(database, *, category="lampu_jalan", description="Tiga lampu mati sejak minggu lalu",
          address="Jalan Gatot Subroto Timur", lat=-8.635, lon=115.229, **extra) -> str:
    with database.session() as session:
        return create_complaint(session, category_code=category, description=description,
                                actor="op", address=address, lat=lat, lon=lon, **extra).ticket


def _move(database, ticket, status, note):
    with database.session() as session:
        change_status(session, ticket=ticket, status=status, note=note, actor="op")


def _draft(database, ticket) -> str:
    with database.reading() as session:
        return draft_reading_text(get_complaint(session, ticket))


def _bulletin(database, *tickets, title="Halo Denpasar pagi") -> int:
    with database.session() as session:
        return create_bulletin(session, title=title, tickets=list(tickets), actor="radio").id


def _order(database, bulletin_id) -> list[str]:
    with database.reading() as session:
        return [item.complaint.ticket for item in get_bulletin(session, bulletin_id).items]


# ------------------------------------------------------------ drafting

@pytest.mark.postgres
def test_the_draft_says_place_problem_agency_and_what_was_done(seeded):
    ticket = _open(seeded)
    assert _draft(seeded, ticket) == (
        "Warga melaporkan lampu penerangan jalan (PJU) mati di Jalan Gatot Subroto Timur. "
        "Keterangan pelapor: Tiga lampu mati sejak minggu lalu. Laporan telah diterima dan "
        "akan diteruskan ke Dinas Perhubungan Kota Denpasar.")
    _move(seeded, ticket, "forwarded", "Diteruskan lewat WhatsApp resmi")
    assert _draft(seeded, ticket).endswith(
        "Laporan telah diteruskan ke Dinas Perhubungan Kota Denpasar: diteruskan lewat "
        "WhatsApp resmi.")
    _move(seeded, ticket, "in_progress", "Petugas telah menjadwalkan perbaikan.")
    assert _draft(seeded, ticket).endswith(
        "Laporan telah diteruskan ke Dinas Perhubungan Kota Denpasar, dan saat ini sedang "
        "ditangani: petugas telah menjadwalkan perbaikan.")
    _move(seeded, ticket, "resolved", "PLN dan Dishub mengganti tiga lampu")
    assert _draft(seeded, ticket).endswith(
        "Laporan telah ditangani oleh Dinas Perhubungan Kota Denpasar dan dinyatakan selesai: "
        "PLN dan Dishub mengganti tiga lampu.")
    rejected = _open(seeded, category="pkl_liar")
    _move(seeded, rejected, "rejected", "Lokasi berada di lahan pribadi")
    assert _draft(seeded, rejected).endswith(
        "Laporan tidak dapat ditindaklanjuti: lokasi berada di lahan pribadi.")


@pytest.mark.postgres
def test_without_an_address_the_nearest_gazetteer_place_is_named(seeded):
    near_market = _open(seeded, address="", lat=-8.6556, lon=115.2131,
                        category="sampah_tidak_diangkut", description="Sampah menumpuk")
    assert "Warga melaporkan sampah tidak diangkut di sekitar Pasar Badung." in \
        _draft(seeded, near_market)
    at_sea = _open(seeded, address="", lat=-8.9, lon=115.6, description="Lampu mati")
    assert "di wilayah Kota Denpasar." in _draft(seeded, at_sea)


@pytest.mark.postgres
def test_the_draft_never_names_or_numbers_the_reporter(seeded):
    ticket = _open(seeded, reporter_name="I Made Sudarsana", reporter_phone=NUMBER,
                   address="Jalan Nangka (rumah Pak Sudarsana)",
                   description="Saya Made Sudarsana, telp 0812-3456-7890 atau +62 812 3456 7890. "
                               "Lampu mati.")
    _move(seeded, ticket, "forwarded", "Sudah dikonfirmasi ke pak made via 0812 3456 7890")
    text = _draft(seeded, ticket)
    assert "Sudarsana" not in text and not re.search(r"(?i)\bmade\b", text)
    assert "3456" not in text and HIDDEN_NAME in text and HIDDEN_NUMBER in text


def _transient(description: str, name: str | None, phone: str | None) -> Complaint:
    agency = Agency(code="DISHUB", name="Dinas Perhubungan Kota Denpasar")
    category = ComplaintCategory(code="lampu_jalan", name_id="Lampu penerangan jalan (PJU) mati",
                                 name_en="Street light out", agency=agency, target_hours=72)
    complaint = Complaint(category=category, agency=agency, description=description,
                          address="Jalan Gatot Subroto Timur", reporter_name=name,
                          reporter_phone=phone, status=S.IN_PROGRESS)
    complaint.events = [
        ComplaintEvent(from_status=None, to_status=S.RECEIVED, note="opened", actor="op"),
        ComplaintEvent(from_status=S.FORWARDED, to_status=S.IN_PROGRESS,
                       note=f"Pelapor dihubungi di {description[-20:]}", actor="op")]
    return complaint


SPELLINGS = [lambda n: f"0{n}", lambda n: f"+62{n}", lambda n: f"62{n}", lambda n: n,
             lambda n: f"0{n[:3]}-{n[3:7]}-{n[7:]}", lambda n: f"+62 {n[:3]} {n[3:7]} {n[7:]}",
             lambda n: f"(0{n[:3]}) {n[3:7]}.{n[7:]}", lambda n: f"0{n[:3]}/{n[3:7]}/{n[7:]}",
             lambda n: " ".join(f"0{n}"), lambda n: f"０{n}".translate(
                 str.maketrans("0123456789", "０１２３４５６７８９"))]


@settings(max_examples=300, deadline=None)
@given(national=st.from_regex(r"8[1-5][0-9]{8,9}", fullmatch=True),
       spelling=st.sampled_from(SPELLINGS), before=st.text(max_size=60),
       after=st.text(max_size=60))
def test_no_spelling_of_the_reporters_number_reaches_the_draft(national, spelling, before, after):
    e164 = normalise_number(f"+62{national}").e164
    assume(e164 is not None)
    text = draft_reading_text(_transient(f"{before}{spelling(national)}{after}", None, e164))
    assert national not in re.sub(r"\D", "", text)
    assert national not in re.sub(r"\D", "", text.translate(
        str.maketrans("０１２３４５６７８９", "0123456789")))


@settings(max_examples=200, deadline=None)
@given(name=st.from_regex(r"(I |Ni )?[A-Z][a-z]{2,9}( [A-Z][a-z]{2,9}){0,2}", fullmatch=True),
       before=st.text(max_size=40), after=st.text(max_size=40), shout=st.booleans())
def test_the_reporters_name_never_reaches_the_draft(name, before, after, shout):
    spoken = name.upper() if shout else name
    text = draft_reading_text(_transient(f"{before} {spoken} {after}", name, None))
    visible = text.replace(HIDDEN_NAME, " ").replace(HIDDEN_NUMBER, " ")
    for part in name.split():
        if len(part) >= 3:
            assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", visible, re.IGNORECASE)


def test_a_long_description_is_cut_after_scrubbing():
    long = "Lampu mati " * 19 + "hubungi Sudarsana 0812 3456 7890 segera"
    text = draft_reading_text(_transient(long, "Made Sudarsana", "+6281234567890"))
    assert "…" in text and "Sudar" not in text and "0812" not in text


@given(text=st.text(max_size=120), name=st.text(max_size=20))
def test_scrubbing_twice_changes_nothing_more(text, name):
    once = scrub_private(text, reporter_name=name, reporter_phone=NUMBER)
    assert scrub_private(once, reporter_name=name, reporter_phone=NUMBER) == once


# ------------------------------------------------------------ bulletins

@pytest.mark.postgres
def test_a_bulletin_keeps_its_order_and_can_be_reordered(seeded):
    a, b, c, d = (_open(seeded, description=f"lampu {n}") for n in "abcd")
    bulletin_id = _bulletin(seeded, b, a, c)
    assert _order(seeded, bulletin_id) == [b, a, c]
    with seeded.session() as session:
        move_item(session, bulletin_id=bulletin_id, ticket=c, position=1, actor="radio")
    assert _order(seeded, bulletin_id) == [c, b, a]
    with seeded.session() as session:
        add_item(session, bulletin_id=bulletin_id, ticket=d, position=2, actor="radio")
    assert _order(seeded, bulletin_id) == [c, d, b, a]
    with seeded.session() as session:
        remove_item(session, bulletin_id=bulletin_id, ticket=b, actor="radio")
    assert _order(seeded, bulletin_id) == [c, d, a]
    with seeded.session() as session:
        add_item(session, bulletin_id=bulletin_id, ticket=b, actor="radio")
    with seeded.reading() as session:
        bulletin = get_bulletin(session, bulletin_id)
        assert [(i.position, i.complaint.ticket) for i in bulletin.items] == \
            [(1, c), (2, d), (3, a), (4, b)]
        assert all(i.reading_text.startswith("Warga melaporkan") for i in bulletin.items)
        actions = list(session.scalars(select(AuditEntry.action)
                                       .where(AuditEntry.entity == "bulletin")))
    assert actions == ["bulletin.created", "bulletin.item_moved", "bulletin.item_added",
                       "bulletin.item_removed", "bulletin.item_added"]


@pytest.mark.postgres
def test_bad_bulletin_edits_change_nothing(seeded):
    a, b = _open(seeded), _open(seeded)
    bulletin_id = _bulletin(seeded, a)
    cases = [
        (lambda s: create_bulletin(s, title=" ", tickets=[a], actor="r"), InvalidInput),
        (lambda s: create_bulletin(s, title="x", tickets=[a, a], actor="r"), InvalidInput),
        (lambda s: create_bulletin(s, title="x", tickets=[a, "HD-1999-000009"], actor="r"),
         NotFound),
        (lambda s: add_item(s, bulletin_id=bulletin_id, ticket=a, actor="r"), InvalidInput),
        (lambda s: add_item(s, bulletin_id=bulletin_id, ticket=b, position=5, actor="r"),
         InvalidInput),
        (lambda s: add_item(s, bulletin_id=999, ticket=b, actor="r"), NotFound),
        (lambda s: remove_item(s, bulletin_id=bulletin_id, ticket=b, actor="r"), NotFound),
        (lambda s: move_item(s, bulletin_id=bulletin_id, ticket=a, position=0, actor="r"),
         InvalidInput),
        (lambda s: set_reading_text(s, bulletin_id=bulletin_id, ticket=a, text="  ",
                                    actor="r"), InvalidInput),
    ]
    for operation, error in cases:
        with pytest.raises(error):
            with seeded.session() as session:
                operation(session)
    with seeded.reading() as session:
        assert session.scalar(select(func.count()).select_from(Bulletin)) == 1
        assert session.scalar(select(func.count()).select_from(BulletinItem)) == 1


@pytest.mark.postgres
def test_edited_text_may_not_bring_the_reporter_back(seeded):
    ticket = _open(seeded, reporter_name="Ni Luh Ayu Sekarini", reporter_phone=NUMBER)
    bulletin_id = _bulletin(seeded, ticket)
    for leak in ("Terima kasih Ibu Sekarini.", *[f"Hubungi {n}." for n in NUMBER_SPELLINGS],
                 "Kontak 0361 244 444."):
        with pytest.raises(InvalidInput, match="may go on air"):
            with seeded.session() as session:
                set_reading_text(session, bulletin_id=bulletin_id, ticket=ticket, text=leak,
                                 actor="radio")
    with seeded.session() as session:
        set_reading_text(session, bulletin_id=bulletin_id, ticket=ticket,
                         text="Lampu di Gatot Subroto Timur sudah dijadwalkan diperbaiki.",
                         actor="radio")
    with seeded.session() as session:  # None drafts it again from the ticket
        item = set_reading_text(session, bulletin_id=bulletin_id, ticket=ticket, text=None,
                                actor="radio")
        assert item.reading_text.startswith("Warga melaporkan")


@pytest.mark.postgres
def test_candidates_are_new_or_changed_since_the_last_bulletin(seeded):
    old = _open(seeded)
    untouched = _open(seeded)
    _bulletin(seeded, old)
    with seeded.reading() as session:
        assert candidates_for_bulletin(session) == []
        everything = [c.ticket for c in candidates_for_bulletin(session, utcnow()
                                                                - timedelta(hours=1))]
    assert everything == [untouched, old]
    _move(seeded, old, "forwarded", "ke Dishub")
    new = _open(seeded)
    with seeded.reading() as session:
        assert [c.ticket for c in candidates_for_bulletin(session)] == [new, old]


@pytest.mark.postgres
def test_readings_are_logged_and_freeze_the_bulletin(seeded):
    seen = []
    seeded.bus.subscribe(seen.append)
    a, b = _open(seeded), _open(seeded)
    bulletin_id = _bulletin(seeded, a, b)
    with seeded.session() as session:
        reading_id = start_reading(session, bulletin_id=bulletin_id, reader="Komang").id
    with seeded.reading() as session:
        assert [r.id for r in open_readings(session)] == [reading_id]
    with pytest.raises(IllegalTransition, match="still on air"):
        with seeded.session() as session:
            start_reading(session, bulletin_id=bulletin_id, reader="Komang")
    with pytest.raises(IllegalTransition, match="read on air"):
        with seeded.session() as session:
            move_item(session, bulletin_id=bulletin_id, ticket=b, position=1, actor="radio")
    with pytest.raises(InvalidInput):
        with seeded.session() as session:
            end_reading(session, reading_id=reading_id, reason="lunch")
    with seeded.session() as session:
        end_reading(session, reading_id=reading_id, reason="off_air")
    with pytest.raises(IllegalTransition, match="already ended"):
        with seeded.session() as session:
            end_reading(session, reading_id=reading_id, reason="fault")
    with pytest.raises(NotFound):
        with seeded.session() as session:
            end_reading(session, reading_id=999, reason="fault")
    with seeded.session() as session:  # read again later: a second log row
        second = start_reading(session, bulletin_id=bulletin_id, reader="Wayan").id
    with seeded.session() as session:
        end_reading(session, reading_id=second, reason="timeout")
    with seeded.reading() as session:
        bulletin = get_bulletin(session, bulletin_id)
        assert bulletin.status == BulletinStatus.READ
        data = bulletin_to_dict(bulletin)
        ids = [get_complaint(session, t).id for t in (a, b)]
    assert [(r["reader"], r["end_reason"], r["complaint_ids"]) for r in data["readings"]] == \
        [("Komang", "off_air", ids), ("Wayan", "timeout", ids)]
    assert all(r["ended_at"] >= r["started_at"] for r in data["readings"])
    assert [e.action for e in seen if e.entity == "bulletin"] == \
        ["created", "on_air", "off_air", "on_air", "off_air"]


@pytest.mark.postgres
def test_an_empty_bulletin_cannot_go_on_air(seeded):
    bulletin_id = _bulletin(seeded)
    for reader, match in (("Komang", "nothing to read"), ("  ", "who is reading")):
        with pytest.raises(InvalidInput, match=match):
            with seeded.session() as session:
                start_reading(session, bulletin_id=bulletin_id, reader=reader)
    with seeded.reading() as session:
        assert session.scalar(select(func.count()).select_from(OnAirReading)) == 0


@pytest.mark.postgres
def test_history_merges_status_changes_and_readings_newest_first(seeded):
    ticket = _open(seeded)
    other = _open(seeded)
    _move(seeded, ticket, "forwarded", "ke Dishub")
    bulletin_id = _bulletin(seeded, ticket)
    with seeded.session() as session:
        reading_id = start_reading(session, bulletin_id=bulletin_id, reader="Komang").id
    with seeded.session() as session:
        end_reading(session, reading_id=reading_id, reason="fault")
    _move(seeded, ticket, "in_progress", "Petugas ke lokasi")
    with seeded.reading() as session:
        history = [e.to_dict() for e in complaint_history(session, ticket)]
        assert [e.kind for e in complaint_history(session, other)] == ["opened"]
    assert [(e["kind"], e["status"]) for e in history] == [
        ("status", "in_progress"), ("on_air", None), ("status", "forwarded"),
        ("opened", "received")]
    on_air = history[1]
    assert (on_air["actor"], on_air["reading_id"], on_air["bulletin_id"], on_air["end_reason"]) \
        == ("Komang", reading_id, bulletin_id, "fault")
    assert [e["at"] for e in history] == sorted((e["at"] for e in history), reverse=True)
