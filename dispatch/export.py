"""A bulletin for the newspaper: plain text, and an A4 PDF made with
reportlab's platypus in the standard PDF fonts (nothing to download or embed).

Both carry the ticket number, category, agency, status and reading text of
each item, never the reporter's name or number nor a name the supervisor
lists as private: every text taken from the database (title, category,
agency, reading text) passes dispatch/bulletin_privacy.py's rule again here,
so a text that slipped past an edit check, or a name listed after it was
written, still cannot leak. Only the ticket number is left alone: its
digits would look like a phone number, and it is what the newspaper cites.
"""
from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from sqlalchemy.orm import Session

from dispatch.bulletin_privacy import complaint_rule, listed_names, reporters_rule
from dispatch.bulletins import get_bulletin
from dispatch.enums import ComplaintStatus
from dispatch.errors import InvalidInput
from dispatch.timeutil import to_wita

STATUS_ID = {ComplaintStatus.RECEIVED: "diterima", ComplaintStatus.FORWARDED: "diteruskan",
             ComplaintStatus.IN_PROGRESS: "sedang ditangani",
             ComplaintStatus.RESOLVED: "selesai", ComplaintStatus.REJECTED: "ditolak"}
_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember")
STATION = "Halo Denpasar — RPKD 91.45 FM"
TEXT_WIDTH = 76


@dataclass(frozen=True)
class ExportItem:
    number: int
    ticket: str
    category: str
    agency: str
    status: str
    reading_text: str


@dataclass(frozen=True)
class ExportBulletin:
    title: str
    dated: str
    aired: str | None
    items: list[ExportItem]


def format_date_id(moment: datetime) -> str:
    """"Senin, 23 November 2026, 10.00 WITA": the Indonesian way."""
    local = to_wita(moment)
    return (f"{_DAYS[local.weekday()]}, {local.day} {_MONTHS[local.month - 1]} {local.year}, "
            f"{local:%H.%M} WITA")


def _collect(session: Session, bulletin_id: int) -> ExportBulletin:
    bulletin = get_bulletin(session, bulletin_id)
    if not bulletin.items:
        raise InvalidInput(f"bulletin {bulletin.id} has no items to export",
                           code="bulletin.nothing_to_export", bulletin=bulletin.id)
    listed = listed_names(session)
    items = []
    for number, item in enumerate(bulletin.items, 1):
        complaint = item.complaint
        rule = complaint_rule(complaint, listed)
        items.append(ExportItem(number=number, ticket=complaint.ticket,
                                category=rule.scrub(complaint.category.name_id),
                                agency=rule.scrub(complaint.agency.name),
                                status=STATUS_ID[complaint.status],
                                reading_text=rule.scrub(item.reading_text)))
    title = reporters_rule([item.complaint for item in bulletin.items], listed).scrub(
        bulletin.title)
    aired = format_date_id(bulletin.readings[0].started_at) if bulletin.readings else None
    return ExportBulletin(title=title, dated=format_date_id(bulletin.created_at),
                          aired=aired, items=items)


def bulletin_as_text(session: Session, bulletin_id: int) -> str:
    data = _collect(session, bulletin_id)
    lines = [data.title, STATION, f"Tanggal: {data.dated}"]
    if data.aired:
        lines.append(f"Disiarkan: {data.aired}")
    lines.append("")
    for item in data.items:
        lines.append(f"{item.number}. {item.ticket} — {item.category}")
        lines.append(f"   Instansi: {item.agency}")
        lines.append(f"   Status: {item.status}")
        lines += textwrap.wrap(item.reading_text, TEXT_WIDTH, initial_indent="   ",
                               subsequent_indent="   ")
        lines.append("")
    return "\n".join(lines)


def bulletin_as_pdf(session: Session, bulletin_id: int, path: str | Path) -> Path:
    """Writes the PDF only once it is whole, so a failure leaves no half file."""
    data = _collect(session, bulletin_id)
    buffer = io.BytesIO()
    _render_pdf(data, buffer)
    return write_whole(buffer, path)


def write_whole(buffer: io.BytesIO, path: str | Path) -> Path:
    """A document rendered in memory, written in one go (the bulletin, the
    monthly report): a failure to render leaves no half file."""
    target = Path(path)
    try:
        target.write_bytes(buffer.getvalue())
    except OSError as exc:
        raise InvalidInput(f"cannot write {target}: {exc.strerror or exc}",
                           code="file.cannot_write", path=str(target),
                           reason=exc.strerror or str(exc)) from None
    return target


def _render_pdf(data: ExportBulletin, output: io.BytesIO) -> None:
    # Imported here: the rest of the desk starts without loading reportlab.
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    title = ParagraphStyle("BulletinTitle", parent=styles["Title"], fontName="Helvetica-Bold")
    meta = ParagraphStyle("BulletinMeta", parent=styles["Normal"], fontName="Helvetica",
                          textColor=colors.HexColor("#444444"))
    heading = ParagraphStyle("ItemHeading", parent=styles["Heading3"],
                             fontName="Helvetica-Bold", spaceBefore=8, spaceAfter=2)
    body = ParagraphStyle("ItemBody", parent=styles["BodyText"], fontName="Helvetica",
                          fontSize=11, leading=15)
    document = SimpleDocTemplate(output, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                 topMargin=18 * mm, bottomMargin=18 * mm, title=data.title,
                                 author="Safe Community Denpasar", subject=STATION)
    story = [Paragraph(escape(data.title), title),
             Paragraph(escape(STATION), meta),
             Paragraph(f"Tanggal: {escape(data.dated)}", meta)]
    if data.aired:
        story.append(Paragraph(f"Disiarkan: {escape(data.aired)}", meta))
    story.append(Spacer(1, 6 * mm))
    for item in data.items:
        story.append(KeepTogether([
            Paragraph(f"{item.number}. {escape(item.ticket)} — {escape(item.category)}", heading),
            Paragraph(f"<b>Instansi:</b> {escape(item.agency)} &nbsp; "
                      f"<b>Status:</b> {escape(item.status)}", meta),
            Paragraph(escape(item.reading_text), body)]))
    document.build(story, onFirstPage=_footer, onLaterPages=_footer)


def _footer(canvas, document) -> None:
    from reportlab.lib.units import mm
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawRightString(document.pagesize[0] - 20 * mm, 10 * mm,
                           f"{STATION} · halaman {document.page}")
    canvas.restoreState()
