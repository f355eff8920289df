"""What a caller did before, as the call-taker reads it beside the call:
each earlier call with its direction, the service it reached and its type
(and how many were prank or ghost calls, in the title), each
incident with its type's name, each complaint, in words of the UI's
language (the domain's history carries enum values and English summaries).

Runs on the worker thread; returns frozen rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch.caller_blocks import PrankPolicy, nuisance_count
from dispatch.models import Call, Incident, IncidentType, Line
from dispatch.phone import normalise_number
from dispatch.timeutil import format_wita, utcnow
from ui import labels
from ui.calls.call_types import nuisance_text, type_name
from ui.qt.worker import DbWorker, describe_error
from ui.snapshots import read_history
from ui.widgets.message_line import MessageLine
from ui.widgets.table_model import Column, KeyedTableView, RowTableModel

translate = QCoreApplication.translate


@dataclass(frozen=True)
class HistoryRow:
    kind: str  # call / incident / complaint
    id: int
    at: datetime
    status: str  # the domain's value; shown through labels.history_status
    summary: str  # the domain's own summary (complaints: ticket and category)
    direction: str | None = None  # calls
    line_purpose: str | None = None  # calls
    line_display: str | None = None  # calls
    type_name_id: str | None = None  # incidents
    type_name_en: str | None = None
    priority: int | None = None
    address: str | None = None
    classification: str | None = None  # calls: emergency, prank, …


@dataclass(frozen=True)
class CallerHistory:
    rows: tuple[HistoryRow, ...]
    nuisance: int = 0  # prank and ghost calls, ever
    recent_nuisance: int = 0  # … within the prank policy's window
    window_days: int = 7


def read_caller_history(session: Session, number: str, exclude_call_id: int | None,
                        policy: PrankPolicy | None = None) -> CallerHistory:
    policy = policy or PrankPolicy()
    entries = read_history(session, number, exclude_call_id)
    e164 = normalise_number(number).e164
    counts = (nuisance_count(session, e164), nuisance_count(session, e164,
                                                           since=policy.since(utcnow()))
              ) if e164 else (0, 0)
    call_ids = [entry.id for entry in entries if entry.kind == "call"]
    incident_ids = [entry.id for entry in entries if entry.kind == "incident"]
    calls = {}
    if call_ids:
        query = (select(Call.id, Call.direction, Line.purpose, Line.display)
                 .outerjoin(Line, Line.id == Call.line_id).where(Call.id.in_(call_ids)))
        calls = {row[0]: row[1:] for row in session.execute(query)}
    incidents = {}
    if incident_ids:
        query = (select(Incident.id, IncidentType.name_id, IncidentType.name_en,
                        Incident.priority, Incident.address)
                 .outerjoin(IncidentType, IncidentType.code == Incident.type_code)
                 .where(Incident.id.in_(incident_ids)))
        incidents = {row[0]: row[1:] for row in session.execute(query)}
    rows = []
    for entry in entries:
        extra: dict = {}
        if entry.kind == "call" and entry.id in calls:
            direction, purpose, display = calls[entry.id]
            extra = {"direction": str(direction), "line_display": display,
                     "line_purpose": str(purpose) if purpose is not None else None}
        elif entry.kind == "incident" and entry.id in incidents:
            name_id, name_en, priority, address = incidents[entry.id]
            extra = {"type_name_id": name_id, "type_name_en": name_en, "priority": priority,
                     "address": address}
        rows.append(HistoryRow(entry.kind, entry.id, entry.at, entry.status, entry.summary,
                               classification=entry.classification, **extra))
    return CallerHistory(tuple(rows), *counts, policy.window_days)


def kind_text(row: HistoryRow) -> str:
    if row.kind == "call" and row.direction:
        return labels.call_direction(row.direction)
    return labels.history_kind(row.kind)


def summary_text(row: HistoryRow) -> str:
    if row.kind == "call" and (row.line_purpose or row.line_display):
        service = labels.line_service(row.line_purpose)
        parts = (service, row.line_display, type_name(row.classification))
        return " · ".join(part for part in parts if part)
    if row.kind == "incident" and row.type_name_id:
        name = labels.localized(row.type_name_id, row.type_name_en or "")
        parts = [name, f"P{row.priority}" if row.priority is not None else "", row.address or ""]
        return " · ".join(part for part in parts if part)
    return row.summary


class CallerHistoryPane(QWidget):
    """The history of the caller the panel points at, under a title that
    carries their prank/ghost record. Read on the worker; a reply for a
    caller no longer shown is dropped."""

    def __init__(self, worker: DbWorker, policy: PrankPolicy, message: MessageLine,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._policy = policy
        self._message = message
        self._subject: tuple[str, int | None] | None = None
        self._record = (0, 0, policy.window_days)  # prank/ghost calls: ever, lately, days
        self.title = QLabel(self)
        self.model = RowTableModel([
            Column(lambda: translate("CallsPanel", "Waktu (WITA)"),
                   lambda entry: format_wita(entry.at)),
            Column(lambda: translate("CallsPanel", "Jenis"), kind_text),
            Column(lambda: translate("CallsPanel", "Status"),
                   lambda entry: labels.history_status(entry.kind, entry.status)),
            Column(lambda: translate("CallsPanel", "Ringkasan"), summary_text),
        ], key=lambda entry: (entry.kind, entry.id), parent=self)
        self.view = KeyedTableView(self.model, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)

    def retranslate(self) -> None:
        self._show_title()
        self.model.retranslate()

    def show_for(self, subject: tuple[str, int | None] | None) -> None:
        """(number, the call to leave out) of the caller to show, or None."""
        if subject == self._subject:
            return
        self._subject = subject
        if subject is None:
            self.model.set_rows([])
            self._show_title()
            return
        number, call_id = subject
        policy = self._policy

        def shown(history: CallerHistory) -> None:
            if self._subject == subject:
                self.model.set_rows(history.rows)
                self._record = (history.nuisance, history.recent_nuisance, history.window_days)
                self._show_title()
        self._worker.read(lambda session: read_caller_history(session, number, call_id, policy),
                          shown, lambda error: self._message.show_error(
                              lambda: describe_error(error)))

    def refresh(self) -> None:
        subject, self._subject = self._subject, None
        self.show_for(subject)

    def _show_title(self) -> None:
        title = translate("CallsPanel", "Riwayat penelepon")
        record = nuisance_text(*self._record) if self._subject is not None else ""
        self.title.setText(f"{title} · {record}" if record else title)
