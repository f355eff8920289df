"""The Peta panel: the live map (ui.map_view.MapView) fed from the boards.

The base page is built once by folium on the worker thread (stations and
gazetteer labels baked in); after that units and incidents move through
MapView's live API from the same snapshots the boards show. With the map
turned off (`ui.map = off`), or QtWebEngine unusable, a placeholder keeps
the panel's place and the same slots, so the window never depends on it.
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
from ui.snapshots import BoardSnapshot, read_stations
from ui.translations import Retranslates
from ui.worker import DbWorker

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
        self.view = None
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
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
            from ui.map_view import MapView
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

    def show_board(self, snapshot: BoardSnapshot) -> None:
        """Units and open incidents, as the boards have them now."""
        self._latest = snapshot
        if self.view is None:
            return
        from maps.model import IncidentMarker, UnitMarker
        self.view.upsert_units(UnitMarker(u.callsign, u.kind, u.status, u.lat, u.lon,
                                          u.station_code) for u in snapshot.units)
        self.view.upsert_incidents(IncidentMarker(i.id, i.type_code, i.priority, i.lat, i.lon,
                                                  i.address) for i in snapshot.incidents)
        still_open = {incident.id for incident in snapshot.incidents}
        for closed in self._shown_incidents - still_open:
            self.view.remove_incident(closed)
        self._shown_incidents = still_open


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
