"""The location picker on its own: gazetteer suggestions chosen from the
keyboard, the address search, and a map click named after the nearest place.
Real key presses (pytest-qt) on a shown, active window; the gazetteer is the
seeded one."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_fixtures import db_url  # noqa: F401  (shared fixture: SQLite only)

from dispatch.geocode import Gazetteer
from ui.qt import gui_thread
from ui.qt.translations import switch_language
from ui.qt.worker import BackgroundRunner
from ui.widgets.location_picker import LocationPicker

pytestmark = pytest.mark.gui
WAIT_MS = 5000


@pytest.fixture
def picker(qtbot, seeded):
    switch_language("id")
    gui_thread.install()  # the address search hands its answer back to the GUI thread
    network = BackgroundRunner("test-net")
    widget = LocationPicker(network, None)
    with seeded.reading() as session:
        widget.set_gazetteer(Gazetteer.load(session))
    widget.failures = []
    widget.searchFailed.connect(widget.failures.append)
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    yield widget
    qtbot.waitUntil(network.is_idle, timeout=WAIT_MS)
    network.shutdown()


def press(qtbot, key, widget) -> None:
    """A key typed into `widget` as the keyboard delivers it: to the open
    suggestion list when there is one (a popup takes the keys)."""
    qtbot.keyClick(QApplication.activePopupWidget() or widget, key)


def open_suggestions(qtbot, picker: LocationPicker, typed: str) -> None:
    picker.place_edit.setFocus()
    qtbot.keyClicks(picker.place_edit, typed)
    qtbot.waitUntil(picker.completer.popup().isVisible, timeout=WAIT_MS)


def test_down_and_enter_on_a_suggestion_picks_it_and_searches_nothing(qtbot, picker):
    open_suggestions(qtbot, picker, "sanur ka")
    press(qtbot, Qt.Key.Key_Down, picker.place_edit)
    press(qtbot, Qt.Key.Key_Return, picker.place_edit)
    assert picker.place_edit.text() == "Sanur Kaja, Denpasar Selatan"
    assert picker.coordinates_text() == ("-8.674600", "115.256300")
    assert "gazetteer" in picker.source_label.text()
    assert not picker.completer.popup().isVisible()
    # No address search was started behind the choice, so no "not found" either.
    assert picker.search_button.isEnabled()
    qtbot.wait(200)
    assert picker.failures == [] and picker.results.isHidden()
    # A second Enter on the chosen place does not search it either.
    press(qtbot, Qt.Key.Key_Return, picker.place_edit)
    assert picker.search_button.isEnabled() and picker.failures == []


def test_down_twice_picks_the_second_suggestion(qtbot, picker):
    open_suggestions(qtbot, picker, "sanur")
    second = picker.completer.popup().model().index(1, 0).data()
    press(qtbot, Qt.Key.Key_Down, picker.place_edit)
    press(qtbot, Qt.Key.Key_Down, picker.place_edit)
    press(qtbot, Qt.Key.Key_Enter, picker.place_edit)
    assert picker.place_edit.text() == second
    assert picker.source_label.text().endswith("gazetteer")
    qtbot.wait(200)
    assert picker.failures == []


def test_enter_on_typed_text_still_searches_the_address(qtbot, picker):
    open_suggestions(qtbot, picker, "renon")
    # The list closed: Enter now means "search this".
    press(qtbot, Qt.Key.Key_Escape, picker.place_edit)
    assert not picker.completer.popup().isVisible()
    press(qtbot, Qt.Key.Key_Return, picker.place_edit)
    qtbot.waitUntil(lambda: picker.results.count() > 0, timeout=WAIT_MS)
    assert "Renon" in picker.results.itemText(0)
    picker.place_edit.setFocus()
    picker.place_edit.selectAll()
    qtbot.keyClicks(picker.place_edit, "zzzz tidak ada")
    press(qtbot, Qt.Key.Key_Return, picker.place_edit)
    qtbot.waitUntil(lambda: bool(picker.failures), timeout=WAIT_MS)
    assert "Alamat tidak ditemukan" in picker.failures[0]


def test_a_map_click_is_named_after_the_nearest_place(qtbot, picker):
    picker.set_point(-8.6851, 115.2391, source="map")
    assert picker.place_edit.text() == "dekat Renon, Denpasar Selatan"
    assert picker.source_label.text() == ("Sumber lokasi: klik di peta · "
                                          "dekat Renon, Denpasar Selatan")
    # The next click replaces the name the last one wrote...
    picker.set_point(-8.6747, 115.2562, source="map")
    assert picker.place_edit.text() == "dekat Sanur Kaja, Denpasar Selatan"
    # ...but never what the operator typed; the nearest place still shows.
    picker.place_edit.setFocus()
    picker.place_edit.selectAll()
    qtbot.keyClicks(picker.place_edit, "Jl. Danau Poso 12")
    press(qtbot, Qt.Key.Key_Escape, picker.place_edit)
    picker.set_point(-8.6851, 115.2391, source="map")
    assert picker.place_edit.text() == "Jl. Danau Poso 12"
    assert "dekat Renon" in picker.source_label.text()
    # Far out at sea nothing is near: only the coordinates and the source.
    picker.set_point(-9.5, 116.5, source="map")
    assert picker.source_label.text() == "Sumber lokasi: klik di peta"
    picker.clear()
    assert picker.place_edit.text() == "" and picker.source_label.text() == ""
