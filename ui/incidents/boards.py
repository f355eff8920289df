"""The incidents board and the units board: what is open, who is where."""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QVBoxLayout, QWidget

from ui import labels
from ui.incidents import labels as incident_labels
from ui.qt.translations import Retranslates
from ui.snapshots import IncidentRow, UnitRow
from ui.widgets.message_line import MessageLine
from ui.widgets.table_model import Column, KeyedTableView, RowTableModel

UNIT_STATUS_TINTS = {"available": "#e8f5e9", "dispatched": "#fff3e0", "en_route": "#e3f2fd",
                     "on_scene": "#f3e5f5", "out_of_service": "#eceff1"}
UNLOCATED_COLOUR = "#bf360c"  # the place still to find: stands out on any priority tint
FINISHED_TINT = "#eceff1"  # a closed or cancelled incident, below the open ones
FINISHED_STATUSES = frozenset({"closed", "cancelled"})
FINISHED_PAGE = 200  # finished incidents each "load more" adds


class IncidentsBoard(Retranslates, QWidget):
    """Open incidents, most urgent first, then oldest first; the age ticks.
    Every open incident is always there. Below them, on demand ("Muat lebih
    banyak"), the finished ones, newest first, a page at a time: the board
    reads only what it shows, however many years of incidents lie behind."""

    incidentSelected = Signal(object)  # incident id, or None
    moreRequested = Signal()  # read the board again with `finished_wanted` finished rows

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowTableModel(self._columns(), key=lambda row: row.id, parent=self)
        self.view = KeyedTableView(self.model, self)
        self.view.setObjectName("incidentsTable")
        self.view.currentKeyChanged.connect(self.incidentSelected)
        self.finished_wanted = 0
        self.more_button = QPushButton(self)
        self.more_button.setObjectName("incidentsMoreButton")
        self.more_button.clicked.connect(self.load_more)
        self.more_button.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.view)
        layout.addWidget(self.more_button)
        self.retranslate()

    def _columns(self) -> list[Column]:

        priority_colour = lambda row: labels.PRIORITY_COLOURS.get(row.priority)  # noqa: E731
        tint = lambda row: (FINISHED_TINT if row.status in FINISHED_STATUSES  # noqa: E731
                            else labels.PRIORITY_ROW_TINTS.get(row.priority))
        return [
            Column(lambda: self.tr("No."), lambda row: str(row.id), tint),
            Column(lambda: self.tr("P"), lambda row: f"P{row.priority}", priority_colour,
                   foreground=lambda row: "#ffffff" if row.priority <= 2 else "#000000",
                   tooltip=lambda row: self.tr("Prioritas %1 (1 paling mendesak)").replace(
                       "%1", str(row.priority))),
            Column(lambda: self.tr("Jenis"), lambda row: labels.localized(row.type_name_id,
                                                                    row.type_name_en), tint),
            Column(lambda: self.tr("Status"), lambda row: labels.incident_status(row.status), tint),
            Column(lambda: self.tr("Umur"), lambda row: labels.elapsed(row.created_at), tint,
                   ticking=True),
            Column(lambda: self.tr("Unit"), lambda row: ", ".join(row.units), tint),
            Column(lambda: self.tr("Lokasi"), self._place_text, tint,
                   foreground=lambda row: None if row.located else UNLOCATED_COLOUR,
                   tooltip=lambda row: "" if row.located else self.tr(
                       "Penelepon belum tahu lokasinya: tentukan lewat Koreksi di rincian "
                       "kejadian; unit hanya bisa dikirim ke daerah yang dipilih.")),
        ]

    @staticmethod
    def _place_text(row: IncidentRow) -> str:
        if not row.located:
            marker = incident_labels.place_unknown()
            return f"{marker} · {row.address}" if row.address else marker
        return row.address or f"{row.lat:.5f}, {row.lon:.5f}"

    def show_incidents(self, rows: Iterable[IncidentRow], finished: Iterable[IncidentRow] = (),
                       more_finished: bool = False) -> None:
        """The open incidents, then the finished ones read for "load more"."""
        self.model.set_rows([*rows, *finished])
        self.more_button.setVisible(more_finished)

    def load_more(self) -> None:
        self.finished_wanted += FINISHED_PAGE
        self.moreRequested.emit()

    def selected_incident(self) -> int | None:
        return self.view.current_key()

    def select_incident(self, incident_id: int) -> None:
        self.view.select_key(incident_id)

    def tick(self) -> None:
        self.model.tick()

    def retranslate(self) -> None:
        self.model.retranslate()
        self.more_button.setText(self.tr("Muat lebih banyak"))
        self.more_button.setToolTip(self.tr("Tampilkan %1 kejadian selesai berikutnya, yang "
                                            "terbaru dulu").replace("%1", str(FINISHED_PAGE)))


class UnitsBoard(Retranslates, QWidget):
    """Every unit with its status and how long it has been in it; status
    changes through the context menu or the window's F6–F8 keys."""

    unitSelected = Signal(object)  # callsign, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowTableModel(self._columns(), key=lambda row: row.callsign, parent=self)
        self.view = KeyedTableView(self.model, self)
        self.view.setObjectName("unitsTable")
        self.view.currentKeyChanged.connect(self.unitSelected)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.message = MessageLine(self)
        self._status_actions: list[QAction] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.view)
        layout.addWidget(self.message)

    def _columns(self) -> list[Column]:

        tint = lambda row: UNIT_STATUS_TINTS.get(row.status)  # noqa: E731
        return [
            Column(lambda: self.tr("Unit"), lambda row: row.callsign, tint),
            Column(lambda: self.tr("Jenis"), lambda row: labels.localized(row.kind_name_id,
                                                                    row.kind_name_en), tint),
            Column(lambda: self.tr("Pos"), lambda row: row.station_name, tint),
            Column(lambda: self.tr("Status"), lambda row: labels.unit_status(row.status), tint),
            Column(lambda: self.tr("Lama"), lambda row: labels.elapsed(row.status_since), tint,
                   ticking=True),
            Column(lambda: self.tr("Kejadian"),
                   lambda row: f"#{row.incident_id}" if row.incident_id else "", tint),
        ]

    def set_status_actions(self, actions: list[QAction]) -> None:
        """The window's status actions (with their shortcuts) for the context menu."""
        self._status_actions = list(actions)

    def _context_menu(self, position) -> None:
        index = self.view.indexAt(position)
        if not index.isValid():
            return
        self.view.selectRow(index.row())
        menu = QMenu(self)
        menu.addActions(self._status_actions)
        menu.popup(self.view.viewport().mapToGlobal(position))

    def show_units(self, rows: Iterable[UnitRow]) -> None:
        self.model.set_rows(rows)

    def selected_unit(self) -> UnitRow | None:
        key = self.view.current_key()
        return None if key is None else self.model.row_for(key)

    def select_unit(self, callsign: str) -> None:
        self.view.select_key(callsign)

    def status_of(self, callsign: str) -> str | None:
        row = self.model.row_for(callsign)
        return None if row is None else row.status

    def tick(self) -> None:
        self.model.tick()

    def retranslate(self) -> None:
        self.model.retranslate()
