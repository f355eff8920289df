"""The Peta panel: the live map (ui.map.view.MapView) fed from the boards.

The base page is built once by folium on the worker thread (stations and
gazetteer labels baked in); after that units and incidents move through
MapView's live API from the same snapshots the boards show. With the map
turned off (`ui.map = off`), or QtWebEngine unusable, a placeholder keeps
the panel's place and the same slots, so the window never depends on it.

An incident whose place is not known yet has no marker; a line above the
map counts them, so the dispatcher knows the map is not the whole story.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlalchemy import select

from dispatch import paths
from dispatch.models import GazetteerPlace
from dispatch.settings import Settings
from dispatch.storage import Database
from ui import labels
from ui.qt.translations import Retranslates
from ui.qt.worker import DbWorker
from ui.snapshots import BoardSnapshot, read_stations

log = logging.getLogger(__name__)


class MapPanel(Retranslates, QWidget):
    locationPicked = Signal(float, float)

    def __init__(self, database: Database, settings: Settings, *, enabled: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._settings = settings
        self.enabled = enabled
        self._builder: DbWorker | None = None
        self._latest: BoardSnapshot | None = None
        self._shown_incidents: set[int] = set()
        self._selected_incident: int | None = None
        self._selected_unit: str | None = None
        self.view = None
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.unlocated_note = QLabel(self)
        self.unlocated_note.setObjectName("unlocatedNote")
        self.unlocated_note.setStyleSheet("color: #8a4b00; padding: 1px 4px;")
        self.unlocated_note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.unlocated_note)
        layout.addWidget(self.placeholder)
        self.retranslate()

    def start(self) -> None:
        """Create the view and build the page. The window calls this once its
        boards have painted: QtWebEngine's start-up and folium's render would
        otherwise stand between the operator and a usable window."""
        if not self.enabled or self.view is not None:
            return
        try:
            from maps.tiles import configured_tiles
            from ui.map.view import MapView
        except ImportError as exc:  # QtWebEngine missing on this machine: keep the placeholder
            log.warning("map unavailable: %s", exc)
            return
        self.view = MapView(self)
        self.view.locationPicked.connect(self.locationPicked)
        tile, pack = configured_tiles(self._settings)
        if pack is not None:
            self.view.use_tile_pack(pack)
        self.layout().addWidget(self.view, 1)
        self.placeholder.hide()
        # Its own thread: a second-long folium render must not hold up the boards' reads.
        self._builder = DbWorker(self._database, "safedesk-map", parent=self)
        settings = self._settings
        self._builder.read(lambda session: _build_page(session, settings, tile), self._load,
                           self._page_failed)
        if self._latest is not None:
            self.show_board(self._latest)
        # What the boards selected before the map existed.
        if self._selected_incident is not None:
            self.view.focus_incident(self._selected_incident)
        if self._selected_unit is not None:
            self.view.focus_unit(self._selected_unit)

    def shutdown(self) -> None:
        if self._builder is not None:
            self._builder.shutdown()

    def _load(self, page_path) -> None:
        if self.view is not None:
            self.view.load_page(page_path)

    def _page_failed(self, error: BaseException) -> None:
        log.error("map page could not be built", exc_info=error)
        self.placeholder.setText(self.tr("Peta tidak dapat dibuat: %1").replace("%1", str(error)))
        self.placeholder.show()

    def retranslate(self) -> None:
        if not self.enabled:
            self.placeholder.setText(self.tr("Peta tidak aktif di meja ini (pengaturan ui.map)."))
        elif self.view is None:
            self.placeholder.setText(self.tr("Peta sedang dimuat…"))
        if self._latest is not None:
            self.show_board(self._latest)  # the incidents' type names follow the language

    def show_board(self, snapshot: BoardSnapshot) -> None:
        """Units and open incidents, as the boards have them now."""
        self._latest = snapshot
        located = [i for i in snapshot.incidents if i.located]
        self._show_unlocated_note(snapshot)
        if self.view is None:
            return
        from maps.model import IncidentMarker, UnitMarker
        self.view.upsert_units(UnitMarker(u.callsign, u.kind, u.status, u.lat, u.lon,
                                          u.station_code, u.incident_id)
                               for u in snapshot.units)
        self.view.upsert_incidents(
            IncidentMarker(i.id, i.type_code, i.priority, i.lat, i.lon,
                           f"#{i.id} {labels.localized(i.type_name_id, i.type_name_en)}",
                           i.address) for i in located)
        # Closed, or (rarely) its place taken back: either way, no marker.
        still_shown = {incident.id for incident in located}
        for gone in self._shown_incidents - still_shown:
            self.view.remove_incident(gone)
        self._shown_incidents = still_shown

    def _show_unlocated_note(self, snapshot: BoardSnapshot) -> None:
        unlocated = [i.id for i in snapshot.incidents if not i.located]
        parts = []
        if unlocated:
            parts.append(self.tr("%n kejadian tanpa lokasi (tidak ada di peta)", "",
                                 len(unlocated)))
        if self._selected_incident in unlocated:
            parts.append(self.tr("#%1 yang dipilih belum punya lokasi").replace(
                "%1", str(self._selected_incident)))
        self.unlocated_note.setText(" · ".join(parts))
        self.unlocated_note.setVisible(bool(parts))

    def show_incident(self, incident_id: int | None) -> None:
        """The incident selected on the board: ringed on the map, panned to."""
        self._selected_incident = incident_id
        if self._latest is not None:
            self._show_unlocated_note(self._latest)
        if self.view is not None:
            self.view.focus_incident(incident_id)

    def show_unit(self, callsign: str | None) -> None:
        """The unit selected on the board: ringed on the map, panned to."""
        self._selected_unit = callsign
        if self.view is not None:
            self.view.focus_unit(callsign)


def _build_page(session, settings: Settings, tile):
    """Runs on the worker: reads stations and places, writes the folium page."""
    from maps import settings as map_settings
    from maps.base_page import build_base_page
    from maps.model import PlaceLabel, StationMarker
    stations = [StationMarker(s.code, s.name, s.lat, s.lon) for s in read_stations(session)]
    places = [PlaceLabel(p.name, p.kind, p.lat, p.lon)
              for p in session.scalars(select(GazetteerPlace).where(
                  GazetteerPlace.kind.in_(("kecamatan", "kelurahan", "desa"))))]
    return build_base_page(paths.data_dir() / "map", stations=stations, places=places, tile=tile,
                           center=(settings.get(map_settings.CENTER_LAT),
                                   settings.get(map_settings.CENTER_LON)),
                           zoom=settings.get(map_settings.ZOOM))
