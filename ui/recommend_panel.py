"""Recommend and assign: the ranked units for the selected incident.

Enter on a row assigns that unit; the window's F9 assigns the first one.
Ranking may ask an OSRM server, so it runs on its own worker and a slow
router never delays the boards. The panel keeps the units as a Fleet
(dispatch/fleet.py) and reads them again only when units or assignments
change: choosing another incident ranks without a database read of units.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dispatch.assignments import assign_unit
from dispatch.fleet import Fleet
from dispatch.recommend import Recommendation, recommend_for_incident
from dispatch.settings import Settings
from ui import labels
from ui.boards import MessageLine
from ui.table_model import Column, KeyedTableView, RowTableModel
from ui.translations import Retranslates
from ui.worker import DbWorker, describe_error

RECOMMENDATION_LIMIT = 10


@dataclass(frozen=True)
class RankedUnit:
    rank: int
    recommendation: Recommendation


class RecommendPanel(Retranslates, QWidget):
    assigned = Signal(int, str)  # incident id, callsign

    def __init__(self, writer: DbWorker, router: DbWorker, settings: Settings, actor: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._writer, self._router = writer, router
        self._settings, self._actor = settings, actor
        self._incident_id: int | None = None
        self._asked_for: int | None = None
        self._stale = False
        self._assigning = False
        self._fleet: Fleet | None = None  # the router worker's: read and used there only
        self._fleet_stale = True
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.model = RowTableModel(self._columns(), key=lambda row: row.recommendation.callsign,
                                   parent=self)
        self.view = KeyedTableView(self.model, self)
        self.view.setObjectName("recommendationsTable")
        self.assign_selected_action = QAction(self)
        self.assign_selected_action.setShortcuts([QKeySequence(Qt.Key.Key_Return),
                                                  QKeySequence(Qt.Key.Key_Enter)])
        self.assign_selected_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.assign_selected_action.triggered.connect(self.assign_selected)
        self.view.addAction(self.assign_selected_action)
        self.view.doubleClicked.connect(lambda _index: self.assign_selected())
        self.message = MessageLine(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.heading)
        layout.addWidget(self.view)
        layout.addWidget(self.message)
        self.retranslate()

    def _columns(self) -> list[Column]:
        return [
            Column(lambda: self.tr("#"), lambda row: str(row.rank)),
            Column(lambda: self.tr("Unit"), lambda row: row.recommendation.callsign),
            Column(lambda: self.tr("Perkiraan tiba"),
                   lambda row: labels.duration(row.recommendation.eta_s)),
            Column(lambda: self.tr("Jarak"),
                   lambda row: labels.distance(row.recommendation.distance_m)),
            Column(lambda: self.tr("Berangkat dari"),
                   lambda row: labels.origin_name(row.recommendation.origin)),
            Column(lambda: self.tr("Pos"), lambda row: row.recommendation.station_name),
        ]

    def retranslate(self) -> None:
        self.assign_selected_action.setText(self.tr("Tugaskan unit terpilih"))
        self.view.setToolTip(self.tr("Enter: tugaskan unit terpilih · F9: tugaskan rekomendasi "
                                     "pertama"))
        self._show_heading()
        self.model.retranslate()

    def _show_heading(self) -> None:
        if self._incident_id is None:
            self.heading.setText(self.tr("Pilih kejadian di papan kejadian."))
        else:
            self.heading.setText(self.tr("Unit terdekat untuk kejadian #%1").replace(
                "%1", str(self._incident_id)))

    # ---- public slots

    @property
    def incident_id(self) -> int | None:
        return self._incident_id

    def show_incident(self, incident_id: int | None) -> None:
        if incident_id != self._incident_id:
            self.message.clear_message()
            self.model.set_rows([])
        self._incident_id = incident_id
        self._show_heading()
        self.refresh()

    def refresh(self, *, units_changed: bool = False) -> None:
        if units_changed:
            self._fleet_stale = True
        incident_id = self._incident_id
        if incident_id is None:
            return
        if self._asked_for is not None:
            self._stale = True  # ask again when the answer on its way is in
            return
        self._asked_for = incident_id
        settings = self._settings
        read_units, self._fleet_stale = self._fleet_stale, False

        def rank(session):
            if self._fleet is None:
                self._fleet = Fleet.load(session)
            elif read_units:
                self._fleet.refresh(session)
            return incident_id, recommend_for_incident(session, incident_id=incident_id,
                                                       settings=settings, fleet=self._fleet,
                                                       limit=RECOMMENDATION_LIMIT)
        self._router.read(rank, self._show_ranking, lambda error: self._ranking_failed(
            incident_id, error))

    def _show_ranking(self, result) -> None:
        incident_id, ranking = result
        self._asked_for = None
        if self._stale or incident_id != self._incident_id:
            self._stale = False
            self.refresh()
            if incident_id != self._incident_id:
                return
        self.model.set_rows([RankedUnit(rank, rec) for rank, rec in enumerate(ranking, start=1)])
        if ranking and self.view.current_key() is None:
            self.view.select_key(ranking[0].callsign, wait=False)
        if not ranking:
            self.message.show_error(self.tr("Tidak ada unit tersedia dari jenis yang dibutuhkan."))

    def _ranking_failed(self, incident_id: int, error: BaseException) -> None:
        self._asked_for = None
        self._fleet_stale = True  # it may have failed reading them
        if self._stale or incident_id != self._incident_id:
            self._stale = False
            self.refresh()
            return
        if incident_id == self._incident_id:
            self.model.set_rows([])
            self.message.show_error(describe_error(error))

    def recommendations(self) -> list[Recommendation]:
        return [row.recommendation for row in self.model.rows()]

    def assign_first(self) -> None:
        rows = self.model.rows()
        if not rows:
            self.message.show_error(self.tr("Belum ada rekomendasi untuk ditugaskan."))
            return
        self.assign(rows[0].recommendation.callsign)

    def assign_selected(self) -> None:
        callsign = self.view.current_key()
        if callsign is None:
            self.assign_first()
        else:
            self.assign(callsign)

    def assign(self, callsign: str) -> None:
        incident_id = self._incident_id
        if incident_id is None:
            self.message.show_error(self.tr("Pilih kejadian dulu."))
            return
        if self._assigning:
            return  # a second F9 while the first is being written would send two units
        self._assigning = True
        settings, actor = self._settings, self._actor

        def write(session):
            assign_unit(session, incident_id=incident_id, callsign=callsign, actor=actor,
                        settings=settings)
            return incident_id, callsign
        self._writer.write(write, self._assigned, self._assign_failed)

    def _assigned(self, result) -> None:
        self._assigning = False
        incident_id, callsign = result
        self.model.remove(callsign)
        self.message.show_info(self.tr("%1 ditugaskan ke kejadian #%2").replace(
            "%1", callsign).replace("%2", str(incident_id)))
        self.assigned.emit(incident_id, callsign)

    def _assign_failed(self, error: BaseException) -> None:
        self._assigning = False
        self.message.show_error(describe_error(error))
