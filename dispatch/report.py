"""The month's report for the city: an A4 PDF in Bahasa Indonesia, made with
reportlab (platypus tables, reportlab.graphics charts) from the figures of
dispatch/stats.py.

Only aggregates reach the page: counts, shares and durations, by line (the
centre's own numbers), type, kecamatan, station, agency. No caller's or
reporter's number or name is ever read here, so none can leak. Prank and
ghost calls are counted apart and left out of the answer-time figures, as
centres publish them; the report says so in a note.
"""
from __future__ import annotations

import io
import math
import re
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch.errors import InvalidInput
from dispatch.export import _MONTHS, format_date_id, write_whole
from dispatch.models import Agency, ComplaintCategory, IncidentType, Station, UnitKind
from dispatch.stats import Period, compute_stats
from dispatch.timeutil import utcnow

CENTRE = "Safe Community Kota Denpasar"
FOOTER = "Safe Community Kota Denpasar · 112 / Halo Denpasar"
_MONTH_TEXT = re.compile(r"^(\d{4})-(\d{2})$")
NO_VALUE = "—"

CALL_TYPES_ID = {"emergency": "Darurat", "complaint": "Pengaduan", "information": "Informasi",
                 "prank": "Iseng (prank)", "ghost": "Diam/putus (ghost)",
                 "wrong_number": "Salah sambung", "unclassified": "Belum digolongkan",
                 None: "Belum digolongkan"}
UNANSWERED_ID = {"abandoned": "Ditutup penelepon", "timed_out": "Tidak terjawab (waktu habis)",
                 "rejected": "Ditolak", "blocked": "Nomor diblokir"}
COMPLAINT_STATUS_ID = {"received": "Diterima", "forwarded": "Diteruskan",
                       "in_progress": "Sedang ditangani", "resolved": "Selesai",
                       "rejected": "Ditolak"}
PRIORITY_ID = {str(level): f"Prioritas {level}" for level in range(1, 6)}
# What each standard answers to, as a supervisor would name it.
STANDARD_ID = {
    "nena_answer_15s": "Panggilan dijawab dalam 15 detik (NENA: 90%)",
    "nena_answer_20s": "Panggilan dijawab dalam 20 detik (NENA: 95%)",
    "fire_on_scene_15min": "Pemadam tiba dalam 15 menit (Permendagri 114/2018)",
    "lapor_first_response_3d": "Pengaduan ditanggapi dalam 3 hari (SP4N-LAPOR!)",
    "lapor_settled_5d": "Pengaduan selesai dalam 5 hari (SP4N-LAPOR!)",
}
# Keys the statistics use for "none given".
UNKNOWN_ID = {"unknown": "Tidak diketahui", "unclassified": "Belum digolongkan"}
EXCLUDED_NOTE = ("Panggilan iseng (prank) dan diam/putus (ghost), serta panggilan dari nomor "
                 "yang sedang diblokir, dihitung terpisah dan tidak dimasukkan dalam waktu "
                 "menjawab, persentase dijawab dalam 15/20 detik, maupun waktu tanggap kejadian.")


def parse_month(text: str) -> tuple[int, int]:
    """"2026-11" → (2026, 11); anything else is refused (exit 2 on the command line)."""
    match = _MONTH_TEXT.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        raise InvalidInput(f"--month {text!r} is not a month like 2026-11",
                           code="report.bad_month", value=text)
    return int(match.group(1)), int(match.group(2))


def month_name_id(year: int, month: int) -> str:
    return f"{_MONTHS[month - 1]} {year}"


def report_title(year: int, month: int) -> str:
    return f"Laporan Bulanan {CENTRE} — {month_name_id(year, month)}"


def monthly_report(session: Session, year: int, month: int, path: str | Path, *,
                   now: datetime | None = None) -> Path:
    """Writes the PDF only once it is whole, so a refusal or failure leaves no
    file. compute_stats checks Permission.READ_STATISTICS."""
    if not 1 <= month <= 12:
        raise InvalidInput(f"month {month} is not 1–12", code="report.bad_month",
                           value=f"{year}-{month:02d}")
    figures = compute_stats(session, Period.month(year, month), now=now)
    buffer = io.BytesIO()
    _render(figures, reference_names(session), report_title(year, month),
            format_date_id(now or utcnow()), buffer)
    return write_whole(buffer, path)


# ---- how figures read on the page

def count(value) -> str:
    return NO_VALUE if value is None else f"{int(value):,}".replace(",", ".")


def share(value) -> str:
    """A share 0..1 as "93,5%"; none (nothing to count) as a dash."""
    return NO_VALUE if value is None else f"{value * 100:.1f}%".replace(".", ",")


def seconds(value) -> str:
    if value is None:
        return NO_VALUE
    if value >= 120:
        return f"{value / 60:.1f} menit".replace(".", ",")
    return f"{value:.0f} detik"


def items_of(breakdown) -> list[tuple[str, object]]:
    """A breakdown as (name, value) pairs, whether stats gives a mapping or rows."""
    if not breakdown:
        return []
    if isinstance(breakdown, dict):
        return [(str(key), value) for key, value in breakdown.items()]
    pairs = []
    for row in breakdown:
        values = list(row.values()) if isinstance(row, dict) else list(row)
        pairs.append((str(values[0]), values[-1]))
    return pairs


def named(labels: dict, code: str) -> str:
    return labels.get(code) or UNKNOWN_ID.get(code) or code


def standard_label(code: str) -> str:
    return STANDARD_ID.get(code, code)


def verdict(met) -> str:
    return NO_VALUE if met is None else ("Tercapai" if met else "Tidak tercapai")


def standard_value(row: dict, key: str) -> str:
    value = row.get(key)
    if value is None:
        return NO_VALUE
    return share(value) if isinstance(value, float) and value <= 1 else str(value)


def reference_names(session: Session) -> dict[str, dict[str, str]]:
    """The Indonesian names of the codes the figures are grouped by: the
    centre's reference tables (types, kinds, stations, agencies), never a person."""
    def names(code_column, name_column) -> dict[str, str]:
        return {code: name for code, name in session.execute(select(code_column, name_column))}
    return {"incident_type": names(IncidentType.code, IncidentType.name_id),
            "unit_kind": names(UnitKind.code, UnitKind.name_id),
            "station": names(Station.code, Station.name),
            "agency": names(Agency.code, Agency.name),
            "category": names(ComplaintCategory.code, ComplaintCategory.name_id)}


def _render(figures: dict, names: dict, title: str, made: str, output: io.BytesIO) -> None:
    # Imported here: the rest of the desk starts without loading reportlab.
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    document = SimpleDocTemplate(output, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                 topMargin=16 * mm, bottomMargin=18 * mm, title=title,
                                 author=CENTRE, subject="Laporan bulanan")
    document.build(_story(figures, names, title, made), onFirstPage=_footer, onLaterPages=_footer)


def _footer(canvas, document) -> None:
    from reportlab.lib.units import mm
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawRightString(document.pagesize[0] - 18 * mm, 10 * mm,
                           f"{FOOTER} · halaman {document.page}")
    canvas.restoreState()


def escaped(text: str) -> str:
    return escape(str(text))


# ---- the page

def _story(figures: dict, names: dict, title: str, made: str) -> list:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    heading = ParagraphStyle("ReportTitle", parent=styles["Title"], fontName="Helvetica-Bold",
                             fontSize=16, leading=20)
    section = ParagraphStyle("ReportSection", parent=styles["Heading2"],
                             fontName="Helvetica-Bold", spaceBefore=10, spaceAfter=4)
    small = ParagraphStyle("ReportSmall", parent=styles["Heading4"], fontName="Helvetica-Bold",
                           spaceBefore=6, spaceAfter=2)
    body = ParagraphStyle("ReportBody", parent=styles["BodyText"], fontName="Helvetica",
                          fontSize=9, leading=12)
    grid = TableStyle([("FONTNAME", (0, 0), (-1, -1), "Helvetica"),
                       ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                       ("FONTSIZE", (0, 0), (-1, -1), 9),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e8ee")),
                       ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa3ad")),
                       ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])

    def table(header: list[str], rows: list[list[str]], widths=None) -> Table:
        made_table = Table([header, *rows] if rows else [header, ["(tidak ada)"] +
                                                           [""] * (len(header) - 1)],
                           colWidths=widths, hAlign="LEFT", repeatRows=1)
        made_table.setStyle(grid)
        return made_table

    def block(name: str, *flowables) -> KeepTogether:
        return KeepTogether([Paragraph(escaped(name), small), *flowables, Spacer(1, 3 * mm)])

    calls, incidents = figures["calls"], figures["incidents"]
    complaints, period = figures["complaints"], figures.get("period") or {}
    story = [Paragraph(escaped(title), heading),
             Paragraph(escaped(f"Periode: {_period_text(period)} · Dibuat: {made}"), body),
             Spacer(1, 4 * mm),
             Paragraph("Standar layanan", section)]
    standard_rows = [[Paragraph(escaped(standard_label(row["code"])), body),
                      standard_value(row, "target"), standard_value(row, "value"),
                      verdict(row.get("met"))] for row in figures.get("standards", [])]
    story.append(table(["Standar", "Target", "Capaian", "Hasil"], standard_rows,
                       [90 * mm, 22 * mm, 22 * mm, 30 * mm]))

    story.append(Paragraph("Panggilan", section))
    unanswered = calls["unanswered"]
    story.append(block("Ringkasan", table(["Panggilan", "Jumlah"], [
        ["Masuk", count(calls["total"])], ["Dijawab", count(calls["answered"])],
        ["Tidak dijawab", count(unanswered["total"])],
        *[[f"  – {UNANSWERED_ID[key]}", count(unanswered.get(key))] for key in UNANSWERED_ID]],
        [90 * mm, 30 * mm])))
    story.append(block("Per saluran", table(["Saluran", "Jumlah"], [
        [named(UNKNOWN_ID, name), count(value)]
        for name, value in items_of(calls.get("by_line"))],
        [90 * mm, 30 * mm])))
    kinds = items_of(calls.get("by_classification"))
    service = [(n, v) for n, v in kinds if n not in ("prank", "ghost")]
    nuisance = [(n, v) for n, v in kinds if n in ("prank", "ghost")]
    story.append(block("Per jenis panggilan", table(["Jenis", "Jumlah"], [
        [CALL_TYPES_ID.get(name, name), count(value)] for name, value in service],
        [90 * mm, 30 * mm])))
    story.append(block("Iseng dan diam/putus (dihitung terpisah)", table(["Jenis", "Jumlah"], [
        [CALL_TYPES_ID.get(name, name), count(value)] for name, value in nuisance],
        [90 * mm, 30 * mm])))
    answer = calls.get("answer_time_s") or {}
    story.append(block("Waktu menjawab (tanpa iseng dan ghost)", table(["Ukuran", "Nilai"], [
        ["Median (p50)", seconds(answer.get("p50"))], ["p90", seconds(answer.get("p90"))],
        ["Dijawab dalam 15 detik", share(calls.get("answered_within_15s"))],
        ["Dijawab dalam 20 detik", share(calls.get("answered_within_20s"))]],
        [90 * mm, 30 * mm]), Paragraph(escaped(EXCLUDED_NOTE), body)))
    story.append(block("Panggilan per jam (WITA)", hour_chart(calls.get("by_hour") or [0] * 24)))
    story.append(block("Jenis panggilan", bar_chart(
        [(CALL_TYPES_ID.get(name, name), value) for name, value in kinds])))

    story.append(Paragraph("Kejadian", section))
    story.append(block("Ringkasan", table(["Kejadian", "Jumlah"],
                                          [["Semua kejadian", count(incidents["total"])]],
                                          [90 * mm, 30 * mm])))
    for name, key, labels in (("Per jenis", "by_type", names["incident_type"]),
                              ("Per prioritas", "by_priority", PRIORITY_ID),
                              ("Per kecamatan", "by_kecamatan", UNKNOWN_ID)):
        story.append(block(name, table([name.removeprefix("Per ").capitalize(), "Jumlah"], [
            [named(labels, n), count(v)] for n, v in items_of(incidents.get(key))],
            [90 * mm, 30 * mm])))
    story.append(block("Kejadian per kecamatan", bar_chart(
        [(named(UNKNOWN_ID, n), v) for n, v in items_of(incidents.get("by_kecamatan"))])))
    assigned = incidents.get("answer_to_first_assignment_s") or {}
    on_scene = incidents.get("created_to_first_on_scene_s") or {}
    story.append(block("Waktu tanggap", table(["Ukuran", "p50", "p90"], [
        ["Panggilan dijawab → unit pertama ditugaskan", seconds(assigned.get("p50")),
         seconds(assigned.get("p90"))],
        ["Kejadian dibuat → unit pertama di lokasi", seconds(on_scene.get("p50")),
         seconds(on_scene.get("p90"))]], [100 * mm, 30 * mm, 30 * mm]),
        Paragraph(escaped("Tiba dalam 15 menit: " + share(incidents.get("on_scene_within_15min"))),
                  body)))
    for name, key, labels in (("Per jenis unit", "by_unit_kind", names["unit_kind"]),
                              ("Per pos", "by_station", names["station"])):
        rows = [[named(labels, n), seconds(v.get("p50")), seconds(v.get("p90")),
                 share(v.get("within_15min"))]
                for n, v in (incidents.get(key) or {}).items()]
        story.append(block(f"Kejadian dibuat → di lokasi, {name.lower()}", table(
            [name.removeprefix("Per ").capitalize(), "p50", "p90", "≤ 15 menit"], rows,
            [70 * mm, 30 * mm, 30 * mm, 30 * mm])))

    story.append(Paragraph("Pengaduan (Halo Denpasar)", section))
    story.append(block("Ringkasan", table(["Pengaduan", "Nilai"], [
        ["Diterima", count(complaints["received"])],
        ["Ditanggapi pertama dalam 3 hari", share(complaints.get("first_response_within_3d"))],
        ["Selesai dalam 5 hari", share(complaints.get("settled_within_5d"))],
        ["Terlambat saat ini", count(complaints.get("overdue_now"))]], [90 * mm, 30 * mm])))
    for name, key, labels in (("Per kategori", "by_category", names["category"]),
                              ("Per instansi", "by_agency", names["agency"]),
                              ("Per status", "by_status", COMPLAINT_STATUS_ID)):
        story.append(block(name, table([name.removeprefix("Per ").capitalize(), "Jumlah"], [
            [named(labels, n), count(v)] for n, v in items_of(complaints.get(key))],
            [90 * mm, 30 * mm])))
    story.append(Paragraph("Catatan", section))
    story.append(Paragraph(escaped(EXCLUDED_NOTE), body))
    story.append(Paragraph(escaped("Laporan ini hanya memuat angka agregat: tidak ada nomor "
                                   "atau nama penelepon maupun pelapor."), body))
    return story


def _period_text(period: dict) -> str:
    first, last = period.get("from") or period.get("first"), period.get("to") or period.get("last")
    return f"{first} s.d. {last} (WITA)" if first and last else "sebulan penuh (WITA)"


def hour_chart(by_hour: list[int]):
    """Calls per hour of day (WITA), 24 bars."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    drawing = Drawing(480, 150)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 35, 25, 430, 110
    chart.data = [[int(value) for value in by_hour]]
    chart.categoryAxis.categoryNames = [f"{hour:02d}" for hour in range(24)]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    _whole_steps(chart.valueAxis, max(chart.data[0], default=0))
    chart.bars[0].fillColor = colors.HexColor("#2f6db5")
    drawing.add(chart)
    return drawing


def bar_chart(pairs: list[tuple[str, object]]):
    """Horizontal bars, one per name (call types, kecamatan)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    pairs = [(name, int(value or 0)) for name, value in pairs] or [("(tidak ada)", 0)]
    height = 20 + 16 * len(pairs)
    drawing = Drawing(480, height + 10)
    if not any(value for _name, value in pairs):
        drawing.add(String(0, height / 2, "(tidak ada data)", fontName="Helvetica", fontSize=8))
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 130, 15, 330, height - 10
    chart.data = [[value for _name, value in reversed(pairs)]]
    chart.categoryAxis.categoryNames = [name for name, _value in reversed(pairs)]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    _whole_steps(chart.valueAxis, max(chart.data[0], default=0))
    chart.bars[0].fillColor = colors.HexColor("#c0702f")
    drawing.add(chart)
    return drawing


def _whole_steps(axis, top: int) -> None:
    """Counts on a value axis: whole numbers only, about five steps."""
    axis.valueMin = 0
    axis.valueStep = max(1, math.ceil(top / 5))
    axis.valueMax = max(axis.valueStep, math.ceil(top / axis.valueStep) * axis.valueStep)
