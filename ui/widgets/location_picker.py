"""Where the incident is: the four ways a call-taker gets a location.

1. the gazetteer, with type-ahead while the caller talks (in memory, instant);
2. an address search through the geocoder (network: off the GUI thread);
3. a click on the map (the window connects the map's signal to `set_point`),
   named after the nearest gazetteer place so the operator sees where it is;
4. the caller's last known location, from an earlier incident.
Coordinates stay editable: a caller may read them off a phone.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from dispatch.geocode import Gazetteer, NominatimGeocoder, Place, search_places
from dispatch.timeutil import format_wita
from ui.qt.translations import Retranslates
from ui.qt.worker import BackgroundRunner, describe_error

SUGGESTION_LIMIT = 10
# Farther than this from every gazetteer place, "near X" would mislead.
NEAR_PLACE_M = 3000.0


def parse_coordinate(text: str) -> float | None:
    """A typed coordinate, with a decimal comma allowed (Indonesian habit)."""
    cleaned = text.strip().replace("\u2212", "-")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class PlaceProblem:
    """What is wrong with the typed place, in one line, and where to fix it."""
    text: str
    field: QWidget


class LocationPicker(Retranslates, QWidget):
    searchFailed = Signal(str)

    def __init__(self, network: BackgroundRunner, geocoder: NominatimGeocoder | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._network = network
        self._geocoder = geocoder
        self._gazetteer = Gazetteer([])
        self._suggested: dict[str, Place] = {}
        self._found: list[Place] = []
        self._caller_location: tuple[float, float, object] | None = None
        self._source = ""
        self._near: Place | None = None
        # True while the place box holds what the operator typed: a map click
        # then leaves it alone instead of writing "dekat …" over it.
        self._typed_place = False
        self._build_place_row()
        self._build_coordinate_row()
        self.retranslate()

    # ---- building

    def _build_place_row(self) -> None:
        self.place_edit = QLineEdit(self)
        self.place_edit.setObjectName("placeEdit")
        self.place_edit.setClearButtonEnabled(True)
        self._suggestions = QStringListModel(self)
        self.completer = QCompleter(self._suggestions, self)
        # We filter (Gazetteer.suggest knows aliases); the completer only shows.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(SUGGESTION_LIMIT)
        self.place_edit.setCompleter(self.completer)
        self.place_edit.textEdited.connect(self._suggest)
        self.place_edit.textEdited.connect(self._place_typed)
        self.completer.activated[str].connect(self.choose_suggestion)
        self.search_button = QPushButton(self)
        self.search_button.clicked.connect(self.search_address)
        self.place_edit.returnPressed.connect(self._search_unless_chosen)
        self.results = QComboBox(self)
        self.results.hide()
        self.results.activated.connect(self._choose_result)

    def _build_coordinate_row(self) -> None:
        self.lat_edit = QLineEdit(self)
        self.lat_edit.setObjectName("latEdit")
        self.lon_edit = QLineEdit(self)
        self.lon_edit.setObjectName("lonEdit")
        self.lat_label, self.lon_label = QLabel(self), QLabel(self)
        self.caller_location_button = QPushButton(self)
        self.caller_location_button.setEnabled(False)
        self.caller_location_button.clicked.connect(self.use_caller_location)
        self.source_label = QLabel(self)
        self.source_label.setStyleSheet("color: #455a64;")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.place_edit, 0, 0, 1, 4)
        grid.addWidget(self.search_button, 0, 4)
        grid.addWidget(self.results, 1, 0, 1, 5)
        grid.addWidget(self.lat_label, 2, 0)
        grid.addWidget(self.lat_edit, 2, 1)
        grid.addWidget(self.lon_label, 2, 2)
        grid.addWidget(self.lon_edit, 2, 3)
        grid.addWidget(self.caller_location_button, 2, 4)
        grid.addWidget(self.source_label, 3, 0, 1, 5)

    def retranslate(self) -> None:
        self.place_edit.setPlaceholderText(
            self.tr("Nama tempat: kecamatan, desa/kelurahan, landmark… (Enter: cari alamat)"))
        self.search_button.setText(self.tr("Cari alamat"))
        self.search_button.setToolTip(self.tr("Cari alamat lewat geocoder (Ctrl+G)"))
        self.search_button.setShortcut("Ctrl+G")
        self.lat_label.setText(self.tr("Lintang"))
        self.lon_label.setText(self.tr("Bujur"))
        self.lat_edit.setPlaceholderText("-8.65")
        self.lon_edit.setPlaceholderText("115.22")
        self.caller_location_button.setText(self.tr("Lokasi terakhir penelepon"))
        self._show_caller_location_tooltip()
        self._show_source()

    # ---- gazetteer type-ahead

    def set_gazetteer(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer

    def _suggest(self, text: str) -> None:
        places = self._gazetteer.suggest(text, limit=SUGGESTION_LIMIT)
        self._suggested = {place.label: place for place in places}
        self._suggestions.setStringList(list(self._suggested))
        if places:
            self.completer.complete()

    def choose_suggestion(self, label: str) -> None:
        place = self._suggested.get(label)
        if place is not None:
            self.set_point(place.lat, place.lon, address=place.label, source="gazetteer")

    def _place_typed(self) -> None:
        self._typed_place = True

    def _search_unless_chosen(self) -> None:
        # QLineEdit reports Enter before its completer does: with the list
        # open on a highlighted row, this Enter chooses that row (the
        # completer's `activated` follows), it is not an address search.
        popup = self.completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return
        if self.place_edit.text() in self._suggested:
            self.choose_suggestion(self.place_edit.text())
            return
        # Enter on a place the picker filled in itself (a chosen suggestion or
        # result, a map click's "dekat …") has nothing left to search.
        if self._typed_place or not self.lat_edit.text():
            self.search_address()

    # ---- address search

    def search_address(self) -> None:
        text = self.place_edit.text().strip()
        if not text:
            return
        gazetteer, geocoder = self._gazetteer, self._geocoder
        self.search_button.setEnabled(False)
        self._network.run_in_background(lambda: search_places(text, gazetteer, geocoder),
                                        self._show_results, self._search_failed)

    def _show_results(self, places: list[Place]) -> None:
        self.search_button.setEnabled(True)
        self._found = list(places)
        self.results.clear()
        if not places:
            self.results.hide()
            self.searchFailed.emit(
                self.tr("Alamat tidak ditemukan; coba nama lain atau klik peta."))
            return
        for place in places:
            self.results.addItem(f"{place.label} ({place.source})")
        self.results.show()
        self._choose_result(0)
        self.results.setFocus()

    def _search_failed(self, error: BaseException) -> None:
        self.search_button.setEnabled(True)
        self.searchFailed.emit(describe_error(error))

    def _choose_result(self, position: int) -> None:
        if 0 <= position < len(self._found):
            place = self._found[position]
            self.set_point(place.lat, place.lon, address=place.label, source=place.source)

    # ---- caller's last location and the map

    def set_caller_location(self, location: tuple[float, float, object] | None) -> None:
        self._caller_location = location
        self.caller_location_button.setEnabled(location is not None)
        self._show_caller_location_tooltip()

    def _show_caller_location_tooltip(self) -> None:
        if self._caller_location is None:
            self.caller_location_button.setToolTip(
                self.tr("Belum ada lokasi tersimpan untuk nomor ini (Ctrl+Shift+L)"))
        else:
            self.caller_location_button.setToolTip(self.tr("Lokasi dari %1 (Ctrl+Shift+L)").replace(
                "%1", format_wita(self._caller_location[2])))

    def use_caller_location(self) -> None:
        if self._caller_location is not None:
            lat, lon, _ = self._caller_location
            self.set_point(lat, lon, source="caller")

    def set_point(self, lat: float, lon: float, *, address: str | None = None,
                  source: str = "map") -> None:
        self.lat_edit.setText(f"{lat:.6f}")
        self.lon_edit.setText(f"{lon:.6f}")
        self._near = (self._gazetteer.nearest(lat, lon, within_m=NEAR_PLACE_M)
                      if source == "map" else None)
        if address is None and self._near is not None and not (
                self._typed_place and self.place_edit.text().strip()):
            address = self._near_text()
        if address is not None:
            self.place_edit.setText(address)
            self._typed_place = False
        self._source = source
        self._show_source()

    def _near_text(self) -> str:
        return self.tr("dekat %1").replace("%1", self._near.label) if self._near else ""

    def _show_source(self) -> None:
        names = {"gazetteer": self.tr("gazetteer"), "nominatim": self.tr("pencarian alamat"),
                 "map": self.tr("klik di peta"), "caller": self.tr("lokasi terakhir penelepon")}
        if self._source not in names:
            self.source_label.setText("")
            return
        text = self.tr("Sumber lokasi: %1").replace("%1", names[self._source])
        if self._near is not None:
            text += " · " + self._near_text()
        self.source_label.setText(text)

    # ---- reading and clearing

    def address(self) -> str:
        return self.place_edit.text().strip()

    def checked_point(self) -> tuple[float, float] | PlaceProblem | None:
        """The coordinates as numbers; None when both boxes are empty."""
        lat_text, lon_text = self.coordinates_text()
        if not lat_text.strip() and not lon_text.strip():
            return None
        lat, lon = parse_coordinate(lat_text), parse_coordinate(lon_text)
        if lat is None or not -90 <= lat <= 90:
            return PlaceProblem(self.tr("Lintang tidak valid: \"%1\" (harus angka antara -90 dan "
                                        "90).").replace("%1", lat_text), self.lat_edit)
        if lon is None or not -180 <= lon <= 180:
            return PlaceProblem(self.tr("Bujur tidak valid: \"%1\" (harus angka antara -180 dan "
                                        "180).").replace("%1", lon_text), self.lon_edit)
        return lat, lon

    def coordinates_text(self) -> tuple[str, str]:
        return self.lat_edit.text(), self.lon_edit.text()

    def clear(self) -> None:
        for edit in (self.place_edit, self.lat_edit, self.lon_edit):
            edit.clear()
        self.results.clear()
        self.results.hide()
        self._source = ""
        self._near = None
        self._typed_place = False
        self._show_source()
        self.set_caller_location(None)
