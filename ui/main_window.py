"""The desk window: open incidents and units, refreshed on every change."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QTableView, QVBoxLayout, QWidget, QLabel

from dispatch.incidents import list_incidents
from dispatch.storage import Database
from dispatch.timeutil import format_wita, utcnow
from dispatch.units import list_units
from ui.gui_thread import to_gui

PRIORITY_COLOURS = {1: "#d32f2f", 2: "#f57c00", 3: "#fbc02d", 4: "#388e3c", 5: "#607d8b"}


def _table(model: QStandardItemModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    return view


class DeskWindow(QMainWindow):
    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database
        self.setWindowTitle(self.tr("Safe Community Desk — Denpasar"))
        self.incidents_model = QStandardItemModel(0, 6, self)
        self.incidents_model.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Prioritas"), self.tr("Jenis"), self.tr("Status"),
            self.tr("Dibuat (WITA)"), self.tr("Lokasi")])
        self.units_model = QStandardItemModel(0, 5, self)
        self.units_model.setHorizontalHeaderLabels([
            self.tr("Unit"), self.tr("Jenis"), self.tr("Pos"), self.tr("Status"),
            self.tr("Sejak (WITA)")])
        splitter = QSplitter()
        for title, model in ((self.tr("Kejadian terbuka"), self.incidents_model),
                             (self.tr("Unit"), self.units_model)):
            panel = QWidget()
            layout = QVBoxLayout(panel)
            layout.addWidget(QLabel(f"<b>{title}</b>"))
            layout.addWidget(_table(model))
            splitter.addWidget(panel)
        self.setCentralWidget(splitter)
        self.resize(1200, 700)
        # Changes arrive in bursts (an assignment touches unit and incident):
        # refresh once per burst, on the GUI thread.
        self._refresh_timer = QTimer(self, singleShot=True, interval=50)
        self._refresh_timer.timeout.connect(self.refresh)
        self._unsubscribe = database.bus.subscribe(lambda _event: to_gui(self._schedule_refresh))
        self.statusBar().showMessage(self.tr("Basis data: %1").replace("%1", database.describe()))
        self.refresh()

    def _schedule_refresh(self) -> None:
        self._refresh_timer.start()

    def refresh(self) -> None:
        with self.database.reading() as session:
            incidents = [(i.id, i.priority, i.type.name_id, str(i.status),
                          format_wita(i.created_at), i.address or f"{i.lat:.5f}, {i.lon:.5f}")
                         for i in list_incidents(session, open_only=True)]
            units = [(u.callsign, u.kind_code, u.station.name, str(u.status),
                      format_wita(u.status_since)) for u in list_units(session)]
        self.incidents_model.setRowCount(0)
        for row in incidents:
            items = [QStandardItem(str(value)) for value in row]
            items[1].setBackground(QColor(PRIORITY_COLOURS.get(row[1], "#9e9e9e")))
            self.incidents_model.appendRow(items)
        self.units_model.setRowCount(0)
        for row in units:
            self.units_model.appendRow([QStandardItem(str(value)) for value in row])
        self.setWindowTitle(self.tr("Safe Community Desk — Denpasar") + " — "
                            + format_wita(utcnow(), with_date=False))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._unsubscribe()
        super().closeEvent(event)
