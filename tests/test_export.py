"""Bulletin exports for the newspaper: a real A4 PDF and plain text, with
the ticket numbers and never the reporter's name or number."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pypdf
import pytest
from sqlalchemy import update

from dispatch.bulletins import create_bulletin, end_reading, start_reading
from dispatch.complaints import change_status, create_complaint
from dispatch.errors import InvalidInput, NotFound
from dispatch.export import bulletin_as_pdf, bulletin_as_text, format_date_id
from dispatch.models import BulletinItem

pytestmark = pytest.mark.postgres

REPORTER = "I Gusti Ayu Paramitha"
NUMBER_FORMS = ("081234567890", "0812-3456-7890", "0812 3456 7890", "+6281234567890",
                "+62 812-3456-7890", "6281234567890", "81234567890")
A4_POINTS = (595.28, 841.89)
# The standard PDF fonts every reader has: nothing downloaded or embedded.
STANDARD_FONTS = {"/Helvetica", "/Helvetica-Bold", "/Helvetica-Oblique", "/Helvetica-BoldOblique",
                  "/ZapfDingbats", "/Symbol"}


def _desk_with_a_bulletin(database, *, leak_into_text=False) -> tuple[int, list[str]]:
    with database.session() as session:
        light = create_complaint(
            session, category_code="lampu_jalan", actor="op", lat=-8.635, lon=115.229,
            address="Jalan Gatot Subroto Timur", reporter_name=REPORTER,
            reporter_phone="0812-3456-7890",
            description="Lampu mati. Saya Paramitha, hubungi 0812 3456 7890 / +6281234567890")
        drain = create_complaint(session, category_code="drainase_tersumbat", actor="op",
                                 address="Jalan Teuku Umar", reporter_phone="+62 361 244555",
                                 description="Got tersumbat <b>parah</b> & bau")
        tickets = [light.ticket, drain.ticket]
    with database.session() as session:
        change_status(session, ticket=tickets[0], status="forwarded",
                      note="Dikonfirmasi ke Ibu Paramitha di 081234567890", actor="op")
    with database.session() as session:
        bulletin = create_bulletin(session, title="Halo Denpasar — Senin pagi", tickets=tickets,
                                   actor="radio")
        bulletin_id = bulletin.id
        if leak_into_text:
            # As if a text had been written straight to the database, past
            # every check: the export must still not carry it.
            session.execute(update(BulletinItem).where(BulletinItem.complaint_id == light.id)
                            .values(reading_text=f"Terima kasih {REPORTER}, 0812-3456-7890, "
                                                 "+62 812 3456 7890."))
    return bulletin_id, tickets


def _assert_nothing_private(text: str) -> None:
    flat = re.sub(r"\s+", " ", text)
    digits = re.sub(r"\D", "", text)
    for form in NUMBER_FORMS:
        assert form not in flat
    assert "81234567890" not in digits and "244555" not in digits
    for part in ("Paramitha", "Gusti", REPORTER):
        assert part not in flat


def _pdf_text(path) -> str:
    reader = pypdf.PdfReader(str(path))
    metadata = " ".join(str(value) for value in (reader.metadata or {}).values())
    return "\n".join(page.extract_text() for page in reader.pages) + "\n" + metadata


@pytest.mark.parametrize("leak", [False, True], ids=["drafted", "text-written-past-checks"])
def test_the_pdf_is_a4_with_tickets_and_no_reporter(seeded, tmp_path, leak):
    bulletin_id, tickets = _desk_with_a_bulletin(seeded, leak_into_text=leak)
    path = tmp_path / "buletin.pdf"
    with seeded.reading() as session:
        assert bulletin_as_pdf(session, bulletin_id, path) == path
    raw = path.read_bytes()
    assert raw.startswith(b"%PDF-") and raw.rstrip().endswith(b"%%EOF")
    reader = pypdf.PdfReader(str(path))
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].get_object().values()}
    assert {"/Helvetica", "/Helvetica-Bold"} <= fonts <= STANDARD_FONTS
    text = _pdf_text(path)
    for ticket in tickets:
        assert ticket in text
    assert "Halo Denpasar — Senin pagi" in text
    assert "Dinas Perhubungan Kota Denpasar" in text and "diteruskan" in text
    assert "Saluran air / got tersumbat" in text
    if not leak:
        assert "Got tersumbat <b>parah</b> & bau" in re.sub(r"\s+", " ", text)
    _assert_nothing_private(text)
    _assert_nothing_private(raw.decode("latin-1"))


@pytest.mark.parametrize("leak", [False, True], ids=["drafted", "text-written-past-checks"])
def test_the_text_export_has_tickets_and_no_reporter(seeded, leak):
    bulletin_id, tickets = _desk_with_a_bulletin(seeded, leak_into_text=leak)
    with seeded.reading() as session:
        text = bulletin_as_text(session, bulletin_id)
    lines = text.splitlines()
    assert lines[0] == "Halo Denpasar — Senin pagi" and lines[2].startswith("Tanggal: ")
    assert lines[2].endswith(" WITA")
    assert f"1. {tickets[0]} — Lampu penerangan jalan (PJU) mati" in lines
    assert f"2. {tickets[1]} — Saluran air / got tersumbat, genangan di jalan" in lines
    assert "   Status: diteruskan" in lines and "   Status: diterima" in lines
    assert max(len(line) for line in lines) <= 80
    _assert_nothing_private(text)


def test_an_aired_bulletin_says_when(seeded):
    bulletin_id, _ = _desk_with_a_bulletin(seeded)
    with seeded.session() as session:
        reading = start_reading(session, bulletin_id=bulletin_id, reader="Komang")
    with seeded.session() as session:
        end_reading(session, reading_id=reading.id, reason="off_air")
    with seeded.reading() as session:
        assert "Disiarkan: " in bulletin_as_text(session, bulletin_id)


def test_exports_refuse_what_they_cannot_do_and_leave_no_file(seeded, tmp_path):
    with seeded.session() as session:
        empty = create_bulletin(session, title="Kosong", tickets=[], actor="radio").id
    bulletin_id, _ = _desk_with_a_bulletin(seeded)
    out = tmp_path / "out"
    out.mkdir()
    with seeded.reading() as session:
        with pytest.raises(NotFound):
            bulletin_as_pdf(session, 999, out / "a.pdf")
        with pytest.raises(InvalidInput, match="no items"):
            bulletin_as_pdf(session, empty, out / "b.pdf")
        with pytest.raises(InvalidInput, match="cannot write"):
            bulletin_as_pdf(session, bulletin_id, out / "missing" / "c.pdf")
        with pytest.raises(NotFound):
            bulletin_as_text(session, 999)
    assert list(out.iterdir()) == []


def test_dates_are_written_the_indonesian_way_in_wita():
    monday_morning_utc = datetime(2026, 11, 23, 2, 5, tzinfo=timezone.utc)
    assert format_date_id(monday_morning_utc) == "Senin, 23 November 2026, 10.05 WITA"
    new_year_wita = datetime(2026, 12, 31, 16, 30, tzinfo=timezone.utc)
    assert format_date_id(new_year_wita) == "Jumat, 1 Januari 2027, 00.30 WITA"
