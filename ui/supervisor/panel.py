"""The supervisor's figures in the window: today, this week or this month
(dispatch/stats.py), three charts, and each standard met or missed.

    change feed ──on_changes──▶ CoalescedRead ──DbWorker: compute_stats──▶ show_figures

compute_stats runs on the DbWorker, never on the GUI thread, and at most one
refresh is in flight: a burst of fifty calls costs at most two computations.
A panel out of sight (another role's layout, a back tab) only notes that it
is stale and computes when it is shown again. The "Laporan bulanan…" button
writes dispatch/report.py's PDF on the worker too.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dispatch.errors import DeskError
from dispatch.report import monthly_report
from dispatch.stats import Period, compute_stats
from dispatch.timeutil import format_wita, utcnow
from ui.calls.call_types import type_name
from ui.qt.translations import Retranslates
from ui.qt.worker import CoalescedRead, DbWorker, describe_error
from ui.supervisor.charts import StatsCharts
from ui.supervisor.report_dialog import ask_for_month_and_file
from ui.widgets.message_line import MessageLine

# Change events (dispatch.events entities) that move a figure.
STATS_ENTITIES = {"call", "incident", "assignment", "complaint", "seed"}
PERIODS = ("today", "this_week", "this_month")
MET_STYLE = "color: #1b5e20; font-weight: bold;"
MISSED_STYLE = "color: #b71c1c; font-weight: bold;"
NOT_MEASURED_STYLE = "color: #555555;"


def period_of(name: str, now: datetime | None = None) -> Period:
    return {"today": Period.today, "this_week": Period.this_week,
            "this_month": Period.this_month}[name](now)


def read_figures(period_name: str):
    """The worker's task: the figures, or the refusal as a value so the
    panel can say it in its own place (a role without READ_STATISTICS)."""
    def query(session) -> dict | DeskError:
        try:
            return compute_stats(session, period_of(period_name))
        except DeskError as error:
            return error
    return query


def share_text(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def seconds_text(value) -> str:
    return "—" if value is None else f"{value:.0f} s" if value < 120 else f"{value / 60:.1f} min"


class SupervisorPanel(Retranslates, QWidget):
    figuresShown = Signal()  # each time new figures are on screen (tests, bench)
    reportWritten = Signal(str)  # the PDF's path

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self.figures: dict | None = None
        self.updated_at: datetime | None = None
        self.stale = True
        self.refreshes = 0  # computations finished (the bench counts them)
        self._reports_running = 0
        self._read = CoalescedRead(worker, self._make_query, self._show_result)

        self.period_combo = QComboBox(self)
        self.period_combo.addItems(["", "", ""])
        self.period_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.updated_label = QLabel(self)
        self.report_button = QPushButton(self)
        self.report_button.clicked.connect(self.ask_for_report)
        top = QHBoxLayout()
        top.addWidget(self.period_combo)
        top.addWidget(self.updated_label, 1)
        top.addWidget(self.report_button)

        content = QWidget(self)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self.value_labels: dict[str, QLabel] = {}
        self.name_labels: dict[str, QLabel] = {}
        for index, key in enumerate(("calls", "answered", "unanswered", "nuisance",
                                     "answer_p50", "answer_p90", "within_15s", "within_20s",
                                     "incidents", "on_scene_15min", "complaints", "overdue")):
            name, value = QLabel(content), QLabel(content)
            value.setObjectName(f"figure_{key}")
            self.grid.addWidget(name, index // 2, (index % 2) * 2)
            self.grid.addWidget(value, index // 2, (index % 2) * 2 + 1)
            self.name_labels[key], self.value_labels[key] = name, value
        self.standards_title = QLabel(content)
        self.standards_box = QVBoxLayout()
        self.standard_labels: dict[str, QLabel] = {}
        self.charts = StatsCharts(content)
        column = QVBoxLayout(content)
        column.addLayout(self.grid)
        column.addWidget(self.standards_title)
        column.addLayout(self.standards_box)
        for chart in self.charts.widgets():
            column.addWidget(chart)
        column.addStretch(1)
        # Scrolled: the dock may be small on a 1366x768 screen, the figures are not.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.message = MessageLine(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        self.retranslate()

    # ---- refreshing

    @property
    def period_name(self) -> str:
        return PERIODS[max(0, self.period_combo.currentIndex())]

    def set_period(self, name: str) -> None:
        self.period_combo.setCurrentIndex(PERIODS.index(name))

    def on_changes(self, entities: frozenset) -> None:
        if entities & STATS_ENTITIES:
            self.refresh()

    def refresh(self) -> None:
        if not self.isVisible():
            self.stale = True  # computed when shown: no work for a panel nobody sees
            return
        self.stale = False
        self._read.request()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def is_settled(self) -> bool:
        return not self._read.busy and self._reports_running == 0

    def _make_query(self):
        return read_figures(self.period_name)

    def _show_result(self, result) -> None:
        self.refreshes += 1
        if isinstance(result, DeskError):
            self.message.show_error(lambda: describe_error(result))
            return
        if self.message.is_error():
            self.message.clear_message()  # the refusal no longer holds
        self.figures = result
        self.updated_at = utcnow()
        self._show_figures()
        self.figuresShown.emit()

    def _show_figures(self) -> None:
        figures = self.figures
        if figures is None:
            return
        calls, incidents = figures["calls"], figures["incidents"]
        complaints = figures["complaints"]
        kinds = calls["by_classification"]
        values = {
            "calls": str(calls["total"]), "answered": str(calls["answered"]),
            "unanswered": str(calls["unanswered"]["total"]),
            "nuisance": str(kinds.get("prank", 0) + kinds.get("ghost", 0)),
            "answer_p50": seconds_text(calls["answer_time_s"]["p50"]),
            "answer_p90": seconds_text(calls["answer_time_s"]["p90"]),
            "within_15s": share_text(calls["answered_within_15s"]),
            "within_20s": share_text(calls["answered_within_20s"]),
            "incidents": str(incidents["total"]),
            "on_scene_15min": share_text(incidents["on_scene_within_15min"]),
            "complaints": str(complaints["received"]), "overdue": str(complaints["overdue_now"]),
        }
        for key, text in values.items():
            self.value_labels[key].setText(text)
        self._show_standards(figures["standards"])
        self.charts.show_figures(figures, self._type_name, self._place_name)
        self.updated_label.setText(self.tr("Diperbarui %1").replace(
            "%1", format_wita(self.updated_at, with_date=False)))

    def _show_standards(self, standards: list[dict]) -> None:
        for row in standards:
            label = self.standard_labels.get(row["code"])
            if label is None:
                label = QLabel(self)
                label.setObjectName(f"standard_{row['code']}")
                label.setWordWrap(True)
                self.standards_box.addWidget(label)
                self.standard_labels[row["code"]] = label
            met = row["met"]
            # A mark and a word, not colour alone: it must read in grey too.
            verdict = (self.tr("✔ Tercapai") if met else self.tr("✘ Tidak tercapai")
                       if met is not None else self.tr("– Belum ada data"))
            label.setText(self.tr("%1 — %2: %3 (target %4)").replace("%1", verdict)
                          .replace("%2", self._standard_name(row["code"]))
                          .replace("%3", share_text(row["value"]))
                          .replace("%4", share_text(row["target"])))
            label.setStyleSheet(MET_STYLE if met else MISSED_STYLE if met is not None
                                else NOT_MEASURED_STYLE)
            label.setProperty("met", met)

    def verdicts(self) -> dict[str, bool | None]:
        """Each standard's code → met (True), missed (False), not measured (None)."""
        return {code: label.property("met") for code, label in self.standard_labels.items()}

    # ---- the monthly report

    def ask_for_report(self) -> None:
        chosen = ask_for_month_and_file(self)
        if chosen is not None:
            year, month, path = chosen
            self.write_monthly_report(year, month, path)

    def write_monthly_report(self, year: int, month: int, path: str | Path) -> None:
        self._reports_running += 1
        self.report_button.setEnabled(False)
        self.message.show_info(self.tr("Menyusun laporan bulanan…"))

        def finished(written) -> None:
            self._report_done()
            self.message.show_info(lambda: self.tr("Laporan bulanan disimpan: %1").replace(
                "%1", str(written)))
            self.reportWritten.emit(str(written))

        def failed(error: BaseException) -> None:
            self._report_done()
            self.message.show_error(lambda: describe_error(error))
        self._worker.read(lambda session: monthly_report(session, year, month, path),
                          finished, failed)

    def _report_done(self) -> None:
        self._reports_running -= 1
        self.report_button.setEnabled(self._reports_running == 0)

    # ---- language

    def _type_name(self, kind: str) -> str:
        return type_name(kind) if kind != "unclassified" else self.tr("belum digolongkan")

    def _place_name(self, place: str) -> str:
        return place if place != "unknown" else self.tr("tidak diketahui")

    def _standard_name(self, code: str) -> str:
        return {"nena_answer_15s": self.tr("Dijawab dalam 15 detik (NENA)"),
                "nena_answer_20s": self.tr("Dijawab dalam 20 detik (NENA)"),
                "fire_on_scene_15min": self.tr("Pemadam tiba dalam 15 menit"),
                "lapor_first_response_3d": self.tr("Pengaduan ditanggapi dalam 3 hari"),
                "lapor_settled_5d": self.tr("Pengaduan selesai dalam 5 hari")}.get(code, code)

    def retranslate(self) -> None:
        for index, text in enumerate((self.tr("Hari ini"), self.tr("Minggu ini"),
                                      self.tr("Bulan ini"))):
            self.period_combo.setItemText(index, text)
        self.report_button.setText(self.tr("Laporan bulanan…"))
        names = {"calls": self.tr("Panggilan masuk"), "answered": self.tr("Dijawab"),
                 "unanswered": self.tr("Tidak dijawab"),
                 "nuisance": self.tr("Iseng + diam/putus"),
                 "answer_p50": self.tr("Waktu jawab p50"),
                 "answer_p90": self.tr("Waktu jawab p90"),
                 "within_15s": self.tr("Dijawab ≤ 15 s"), "within_20s": self.tr("Dijawab ≤ 20 s"),
                 "incidents": self.tr("Kejadian"), "on_scene_15min": self.tr("Tiba ≤ 15 menit"),
                 "complaints": self.tr("Pengaduan masuk"),
                 "overdue": self.tr("Pengaduan terlambat")}
        for key, text in names.items():
            self.name_labels[key].setText(text)
        self.standards_title.setText(self.tr("Standar layanan (iseng dan diam/putus tidak "
                                             "dihitung)"))
        self.charts.by_hour.set_title(self.tr("Panggilan per jam (WITA)"))
        self.charts.by_type.set_title(self.tr("Jenis panggilan"))
        self.charts.by_kecamatan.set_title(self.tr("Kejadian per kecamatan"))
        self._show_figures()
