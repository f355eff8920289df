"""Recommend and assign: the ranked units for the selected incident.

Enter on a row assigns that unit; the window's F9 assigns the first one.
Ranking may ask an OSRM server, so it runs on its own worker and a slow
router never delays the boards. The panel keeps the units as a Fleet
(dispatch/fleet.py) and reads them again only when units or assignments
change: choosing another incident ranks without a database read of units.

An incident whose place is not known yet is never ranked from a made-up
place: the panel says so and lets the dispatcher pick a named area (a
gazetteer place); units are then ranked from it, and one is sent there
only after the dispatcher confirms. Before any unit goes, the panel asks
when every kind of unit the incident's type needs is on it already (a
second F9 on a fire that has its fire engine).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from dispatch.assignments import assign_unit
from dispatch.fleet import Fleet
from dispatch.incidents import OPEN_STATES, get_incident, is_located
from dispatch.recommend import Recommendation, recommend_for_incident
from dispatch.settings import Settings
from ui import labels
from ui.incidents.confirm import ask
from ui.incidents.snapshots import AssignCheck, read_area_names, read_assign_check
from ui.qt.translations import Retranslates
from ui.qt.worker import DbWorker, describe_error
from ui.widgets.message_line import MessageLine
from ui.widgets.table_model import Column, KeyedTableView, RowTableModel

RECOMMENDATION_LIMIT = 10


@dataclass(frozen=True)
class RankedUnit:
    rank: int
    recommendation: Recommendation


@dataclass(frozen=True)
class Ranking:
    incident_id: int
    area: str | None  # the named area ranked from, while the place is not known
    located: bool
    units: list[Recommendation]


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
        self._located: bool | None = None  # the incident's, as the last ranking found it
        self._area: str | None = None
        self._area_names: tuple[str, ...] | None = None
        self.question: QMessageBox | None = None  # open while the dispatcher decides
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self._build_area_row()
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
        layout.addWidget(self.area_row)
        layout.addWidget(self.view)
        layout.addWidget(self.message)
        self.retranslate()

    def _build_area_row(self) -> None:
        self.area_row = QWidget(self)
        self.area_label = QLabel(self.area_row)
        self.area_combo = QComboBox(self.area_row)
        self.area_combo.setObjectName("areaCombo")
        self.area_combo.setEditable(True)
        self.area_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.area_combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.area_combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.area_combo.activated.connect(lambda _position: self._area_chosen())
        self.area_combo.lineEdit().returnPressed.connect(self._area_chosen)
        self.area_label.setBuddy(self.area_combo)
        row = QHBoxLayout(self.area_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.area_label)
        row.addWidget(self.area_combo, 1)
        self.area_row.hide()

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
        self.area_label.setText(self.tr("Dae&rah tujuan:"))
        self.area_combo.lineEdit().setPlaceholderText(self.tr(
            "kecamatan, desa/kelurahan, landmark…"))
        self._show_heading()
        self.model.retranslate()

    def _show_heading(self) -> None:
        incident = str(self._incident_id)
        if self._incident_id is None:
            self.heading.setText(self.tr("Pilih kejadian di papan kejadian."))
        elif self._located is False and not self._area:
            self.heading.setText(self.tr(
                "Lokasi kejadian #%1 belum diketahui: tidak ada peringkat dari tempat karangan. "
                "Pilih daerah tujuan, lalu F9 mengirim unit terdekat ke sana.").replace(
                "%1", incident))
        elif self._located is False:
            self.heading.setText(self.tr(
                "Lokasi kejadian #%1 belum diketahui: unit terdekat ke %2").replace(
                "%1", incident).replace("%2", self._area))
        else:
            self.heading.setText(self.tr("Unit terdekat untuk kejadian #%1").replace(
                "%1", incident))

    # ---- public slots

    @property
    def incident_id(self) -> int | None:
        return self._incident_id

    def show_incident(self, incident_id: int | None) -> None:
        if incident_id != self._incident_id:
            self.message.clear_message()
            self.model.set_rows([])
            self._located, self._area = None, None
            self.area_combo.setCurrentIndex(-1)
            self.area_combo.clearEditText()
            self.area_row.hide()
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
        settings, area = self._settings, self._area
        read_units, self._fleet_stale = self._fleet_stale, False

        def rank(session) -> Ranking:
            if self._fleet is None:
                self._fleet = Fleet.load(session)
            elif read_units:
                self._fleet.refresh(session)
            incident = get_incident(session, incident_id)
            located = is_located(incident)
            if not located and not area and incident.status in OPEN_STATES:
                return Ranking(incident_id, None, False, [])  # nothing to rank from yet
            return Ranking(incident_id, area, located, recommend_for_incident(
                session, incident_id=incident_id, settings=settings, fleet=self._fleet,
                limit=RECOMMENDATION_LIMIT, area=None if located else area))
        self._router.read(rank, self._show_ranking, lambda error: self._ranking_failed(
            incident_id, error))

    def _show_ranking(self, result: Ranking) -> None:
        self._asked_for = None
        if self._stale or result.incident_id != self._incident_id:
            self._stale = False
            self.refresh()
            if result.incident_id != self._incident_id:
                return
        self._located = result.located
        self.area_row.setVisible(not result.located)
        if not result.located and self._area_names is None:
            self._area_names = ()  # asked for once
            self._writer.read(read_area_names, self._set_area_names)
        self._show_heading()
        ranking = result.units
        self.model.set_rows([RankedUnit(rank, rec) for rank, rec in enumerate(ranking, start=1)])
        if ranking and self.view.current_key() is None:
            self.view.select_key(ranking[0].callsign, wait=False)
        if not ranking and (result.located or result.area):
            self.message.show_error(self.tr("Tidak ada unit tersedia dari jenis yang dibutuhkan."))

    # ---- a named area while the place is not known

    def _set_area_names(self, names: tuple[str, ...]) -> None:
        self._area_names = names
        typed = self.area_combo.currentText()
        self.area_combo.clear()
        self.area_combo.addItems(list(names))
        self.area_combo.setCurrentIndex(-1)
        self.area_combo.setEditText(typed)

    def choose_area(self, name: str) -> None:
        self.area_combo.setEditText(name)
        self._area_chosen()

    def _area_chosen(self) -> None:
        typed = self.area_combo.currentText().strip()
        position = self.area_combo.findText(typed, Qt.MatchFlag.MatchFixedString) if typed else -1
        if typed and position < 0:
            self.message.show_error(self.tr("Daerah \"%1\" tidak ada di daftar tempat.").replace(
                "%1", typed))
            return
        area = self.area_combo.itemText(position) if position >= 0 else None
        self.message.clear_message()
        if area != self._area:
            self._area = area
            self.model.set_rows([])
            self._show_heading()
            self.refresh()

    def _ranking_failed(self, incident_id: int, error: BaseException) -> None:
        self._asked_for = None
        self._fleet_stale = True  # it may have failed reading them
        if self._stale or incident_id != self._incident_id:
            self._stale = False
            self.refresh()
            return
        if incident_id == self._incident_id:
            self.model.set_rows([])
            self.message.show_error(lambda: describe_error(error))

    def recommendations(self) -> list[Recommendation]:
        return [row.recommendation for row in self.model.rows()]

    def assign_first(self) -> None:
        rows = self.model.rows()
        if self._needs_area():
            return
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

    def _needs_area(self) -> bool:
        """Refuse (one line) sending a unit to an unlocated incident with no area chosen."""
        if self._located is False and not self._area:
            self.message.show_error(self.tr(
                "Lokasi kejadian #%1 belum diketahui: pilih daerah tujuan dulu.").replace(
                "%1", str(self._incident_id)))
            self.area_combo.setFocus()
            return True
        return False

    def assign(self, callsign: str) -> None:
        incident_id = self._incident_id
        if incident_id is None:
            self.message.show_error(self.tr("Pilih kejadian dulu."))
            return
        if self._assigning:
            return  # a second F9 while the first is being written would send two units
        if self._needs_area():
            return
        self._assigning = True
        # Read on the writer, after any assignment this desk just wrote.
        self._writer.read(lambda session: read_assign_check(session, incident_id, callsign),
                          lambda check: self._confirm(check, self._area), self._assign_failed)

    def _confirm(self, check: AssignCheck, area: str | None) -> None:
        """Ask before sending to a named area, or another unit of kinds on it already."""
        if not check.located and not area:
            self._assigning = False
            self._needs_area()
            return
        incident, callsign = str(check.incident_id), check.callsign
        doubts = []
        if not check.located:
            doubts.append(self.tr("Lokasi kejadian #%1 belum diketahui: kirim %2 ke %3?")
                          .replace("%1", incident).replace("%2", callsign).replace("%3", area))
        if check.covered_kinds:
            kinds = ", ".join(labels.localized(name_id, name_en)
                              for name_id, name_en in check.covered_kinds)
            doubts.append(self.tr("Kejadian #%1 sudah punya unit %2: kirim satu lagi?")
                          .replace("%1", incident).replace("%2", kinds))
        if not doubts:
            self._write_assignment(check, None)
            return
        self.question = ask(
            self, "\n\n".join(doubts),
            yes=self.tr("Kirim %1").replace("%1", callsign), no=self.tr("Jangan kirim"),
            default_yes=not check.covered_kinds,  # a second unit by a slip costs a crew
            on_answer=lambda yes: self._answered(yes, check, area))

    def _answered(self, yes: bool, check: AssignCheck, area: str | None) -> None:
        self.question = None
        if yes:
            self._write_assignment(check, None if check.located else area)
            return
        self._assigning = False
        self.message.show_info(self.tr("Tidak ada unit yang dikirim."))

    def _write_assignment(self, check: AssignCheck, area: str | None) -> None:
        incident_id, callsign = check.incident_id, check.callsign
        settings, actor = self._settings, self._actor

        def write(session):
            assign_unit(session, incident_id=incident_id, callsign=callsign, actor=actor,
                        settings=settings, area=area)
            return incident_id, callsign
        self._writer.write(write, self._assigned, self._assign_failed)

    def is_assigning(self) -> bool:
        return self._assigning

    def _assigned(self, result) -> None:
        self._assigning = False
        incident_id, callsign = result
        self.model.remove(callsign)
        self.message.show_info(self.tr("%1 ditugaskan ke kejadian #%2").replace(
            "%1", callsign).replace("%2", str(incident_id)))
        self.assigned.emit(incident_id, callsign)

    def _assign_failed(self, error: BaseException) -> None:
        self._assigning = False
        self.message.show_error(lambda: describe_error(error))
