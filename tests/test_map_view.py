"""MapView with a real QtWebEngine page: ready, live updates, clicks."""
from __future__ import annotations

import json
import os

# Until the lead's conftest does it: offscreen Qt, and QtWebEngine imported
# (and our URL scheme registered) before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
import PySide6.QtWebEngineWidgets  # noqa: E402,F401

from ui.map_view import register_url_schemes  # noqa: E402

register_url_schemes()

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

from maps.base_page import build_base_page  # noqa: E402
from maps.model import IncidentMarker, PlaceLabel, StationMarker, UnitMarker  # noqa: E402
from ui.map_view import MapView  # noqa: E402

pytestmark = pytest.mark.gui

CENTER = (-8.6705, 115.2126)
STATIONS = [StationMarker("PMK-DPS", "Pos Pemadam Kebakaran Denpasar", -8.6582, 115.2202)]
PLACES = [PlaceLabel("Denpasar Barat", "kecamatan", -8.6705, 115.1900)]
SEED_UNIT = UnitMarker("SEED-1", "pmk", "available", -8.6600, 115.2200, "PMK-DPS")
LOAD_TIMEOUT_MS = 20_000


def build_page(out_dir: Path, units=(SEED_UNIT,)) -> Path:
    # No tile layer: the page must need nothing but its own files.
    return build_base_page(out_dir, stations=STATIONS, places=PLACES, tile=None,
                           center=CENTER, zoom=13, units=units)


@pytest.fixture(scope="module")
def page_path(tmp_path_factory) -> Path:
    return build_page(tmp_path_factory.mktemp("map"))


@pytest.fixture(scope="module")
def view(qapp, page_path, request):
    """One page start for the module (each costs a QtWebEngine load)."""
    bot = QtBot(request)
    widget = MapView()
    widget.resize(800, 600)
    widget.show()
    with bot.waitSignal(widget.ready, timeout=LOAD_TIMEOUT_MS):
        widget.load_page(page_path)
    yield widget
    widget.close()
    # Deleted now, not at exit: a page outliving its profile crashes teardown.
    gone = []
    widget.destroyed.connect(lambda: gone.append(True))
    widget.deleteLater()
    bot.waitUntil(lambda: bool(gone), timeout=5000)


def ask(qtbot, view: MapView, script: str):
    with qtbot.waitCallback(timeout=5000) as callback:
        view.evaluate(script, callback)
    return callback.args[0]


def test_page_is_ready_offline(qtbot, view: MapView) -> None:
    assert view.is_ready()
    assert ask(qtbot, view, "SafeDeskMap.isReady()") is True
    assert ask(qtbot, view, "SafeDeskMap.unitState('SEED-1')")["status"] == "available"
    # Nothing went to the network: no tiles in this page, no CDN at all.
    assert view.remote_requests == []
    assert ask(qtbot, view, "document.querySelectorAll('.sd-place').length") == len(PLACES)
    # The station's default Leaflet pin came from the copied images.
    assert ask(qtbot, view, "Array.from(document.querySelectorAll('img.leaflet-marker-icon'))"
                            ".every(function (i) { return i.complete && i.naturalWidth > 0; })")


def test_upserted_units_report_their_state(qtbot, view: MapView) -> None:
    view.upsert_units([UnitMarker("PMK-01", "pmk", "available", -8.6500, 115.2100, "PMK-DPS"),
                       UnitMarker("AMB-01", "ambulans", "available", -8.6600, 115.2000),
                       UnitMarker("POL-01", "polisi", "out_of_service", -8.6700, 115.2300)])
    view.upsert_units([UnitMarker("AMB-01", "ambulans", "en_route", -8.6610, 115.2050)])
    state = ask(qtbot, view, "SafeDeskMap.unitState('AMB-01')")
    assert state == {"lat": -8.6610, "lon": 115.2050, "status": "en_route", "kind": "ambulans"}
    assert ask(qtbot, view, "SafeDeskMap.unitState('PMK-01')")["lat"] == -8.65
    classes = ask(qtbot, view, "SafeDeskMap.map().getPane('markerPane')"
                               ".querySelector('.sd-status-en_route').className")
    assert "sd-kind-ambulans" in classes
    view.remove_unit("POL-01")
    assert ask(qtbot, view, "SafeDeskMap.unitState('POL-01')") is None


def test_incidents_upsert_and_remove(qtbot, view: MapView) -> None:
    view.upsert_incidents([IncidentMarker(41, "kebakaran", 1, -8.6650, 115.2150, "Kebakaran"),
                           IncidentMarker(42, "banjir", 3, -8.6800, 115.2250, "Banjir")])
    view.upsert_incidents([IncidentMarker(42, "banjir", 2, -8.6810, 115.2260, "Banjir")])
    state = ask(qtbot, view, "SafeDeskMap.incidentState(42)")
    assert state == {"lat": -8.681, "lon": 115.226, "priority": 2, "type_code": "banjir"}
    view.remove_incident(41)
    assert ask(qtbot, view, "SafeDeskMap.incidentState(41)") is None
    view.fit_all()
    assert ask(qtbot, view, "SafeDeskMap.map().getZoom()") >= 13


def test_hostile_text_stays_text(qtbot, view: MapView) -> None:
    callsign = "X'\"</script><img src=x onerror=\"window.pwned=1\">${1}"
    view.upsert_units([UnitMarker(callsign, "pmk\" onload=\"x", "available", *CENTER)])
    view.upsert_incidents([IncidentMarker(7, "medis", 1, *CENTER, label=callsign)])
    labels = ask(qtbot, view, "Array.from(document.querySelectorAll('.sd-unit-label'))"
                              ".map(function (e) { return e.textContent; })")
    assert callsign in labels
    assert ask(qtbot, view, "typeof window.pwned") == "undefined"
    view.remove_unit(callsign)
    view.remove_incident(7)
    assert ask(qtbot, view, f"SafeDeskMap.unitState({json.dumps(callsign)})") is None


def test_a_burst_is_one_script(qtbot, view: MapView, monkeypatch) -> None:
    page = view.page()
    scripts: list[str] = []
    original = page.runJavaScript

    def spy(script, *args):
        scripts.append(script)
        return original(script, *args)

    monkeypatch.setattr(page, "runJavaScript", spy)
    for step in range(50):
        view.upsert_units([UnitMarker("BURST", "pmk", "en_route", -8.66 + step * 1e-4, 115.21)])
    view.remove_unit("GONE")
    view.upsert_units([UnitMarker("GONE", "pmk", "available", -8.60, 115.20)])
    view.remove_unit("GONE")
    qtbot.waitUntil(lambda: len(scripts) == 1, timeout=5000)
    assert scripts[0].count("upsertUnits") == 1
    assert scripts[0].count("BURST") == 1  # the latest position only
    assert ask(qtbot, view, "SafeDeskMap.unitState('BURST').lat") == pytest.approx(-8.6551)
    assert ask(qtbot, view, "SafeDeskMap.unitState('GONE')") is None
    # Changes and a question queued together travel as one script too.
    view.upsert_units([UnitMarker("BURST", "pmk", "on_scene", -8.6600, 115.2100)])
    assert ask(qtbot, view, "SafeDeskMap.unitState('BURST')")["status"] == "on_scene"
    assert len(scripts) == 4


def test_a_failing_script_does_not_drop_later_changes(qtbot, view: MapView) -> None:
    view.evaluate("no_such_function();")
    view.upsert_units([UnitMarker("AFTER-ERR", "pmk", "available", *CENTER)])
    assert ask(qtbot, view, "SafeDeskMap.unitState('AFTER-ERR').status") == "available"
    assert ask(qtbot, view, "no_such_function()") is None


def test_map_click_reaches_qt(qtbot, view: MapView) -> None:
    with qtbot.waitSignal(view.locationPicked, timeout=5000) as picked:
        view.evaluate("SafeDeskMap.map().fire('click', {latlng: L.latLng(-8.7012, 115.2345)})")
    assert picked.args == [pytest.approx(-8.7012), pytest.approx(115.2345)]


def test_mouse_click_picks_the_point_under_it(qtbot, view: MapView) -> None:
    where = QPoint(300, 200)
    expected = ask(qtbot, view, f"SafeDeskMap.map().containerPointToLatLng([{where.x()}, "
                                f"{where.y()}])")
    target = view.focusProxy() or view
    with qtbot.waitSignal(view.locationPicked, timeout=5000) as picked:
        QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         where)
    assert picked.args == [pytest.approx(expected["lat"], abs=1e-6),
                           pytest.approx(expected["lng"], abs=1e-6)]


def test_calls_before_ready_are_kept(qtbot, view: MapView, tmp_path: Path) -> None:
    units = [UnitMarker(f"U{i:03d}", "ambulans", "available", -8.60 - i * 1e-4, 115.20, "")
             for i in range(500)]
    path = build_page(tmp_path, units=units)
    answers = []
    with qtbot.waitSignal(view.ready, timeout=LOAD_TIMEOUT_MS):
        view.load_page(path)
        assert not view.is_ready()
        view.upsert_units([UnitMarker("EARLY", "pmk", "dispatched", -8.6400, 115.2400)])
        view.evaluate("SafeDeskMap.unitState('EARLY')", answers.append)
        view.remove_unit("U000")
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=5000)
    assert answers[0]["status"] == "dispatched"
    # The 500 seeded units arrived with the page, minus the one removed early.
    assert ask(qtbot, view, "SafeDeskMap.counts().units") == 500
    assert ask(qtbot, view, "SafeDeskMap.unitState('SEED-1')") is None
