"""MapView with a real QtWebEngine page: ready, live updates, clicks."""
from __future__ import annotations

import json
import os

# Until the lead's conftest does it: offscreen Qt, and QtWebEngine imported
# (and our URL scheme registered) before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
import PySide6.QtWebEngineWidgets  # noqa: E402,F401

from ui.map.view import register_url_schemes  # noqa: E402

register_url_schemes()

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

from maps.base_page import build_base_page  # noqa: E402
from maps.model import IncidentMarker, PlaceLabel, StationMarker, UnitMarker  # noqa: E402
from ui.map.view import MapView  # noqa: E402

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


VISIBLE_LABEL_RECTS = """
Array.from(document.querySelectorAll('.sd-unit-label, .sd-incident-label'))
  .filter(function (e) { return getComputedStyle(e).display !== 'none'; })
  .map(function (e) { var r = e.getBoundingClientRect();
                      return [r.left, r.top, r.right, r.bottom, e.textContent]; })
"""


def overlapping_labels(rects, tolerance=1.0):
    return [(a[4], b[4]) for i, a in enumerate(rects) for b in rects[i + 1:]
            if a[0] < b[2] - tolerance and b[0] < a[2] - tolerance
            and a[1] < b[3] - tolerance and b[1] < a[3] - tolerance]


def view_at(qtbot, view: MapView, lat: float, lon: float, zoom: int) -> None:
    # Asked again until it holds: a zoom animation still running from an
    # earlier test would end on its own target and undo a single setView.
    script = (f"SafeDeskMap.map().setView([{lat}, {lon}], {zoom}, {{animate: false}}); "
              "SafeDeskMap.map().getZoom()")
    qtbot.waitUntil(lambda: ask(qtbot, view, script) == zoom, timeout=5000)


STATION = (-8.7050, 115.2320)
CREW = [f"SEL-{n}" for n in range(1, 6)]


def test_units_at_one_station_fan_out_and_no_label_covers_another(qtbot, view: MapView) -> None:
    view.upsert_units([UnitMarker(callsign, "ambulans", "available", *STATION, "SELATAN")
                       for callsign in CREW])
    for zoom in (13, 17):
        view_at(qtbot, view, *STATION, zoom)
        spots = [ask(qtbot, view, f"SafeDeskMap.unitView('{c}')") for c in CREW]
        assert all(spot["fanned"] for spot in spots)
        points = [(spot["x"], spot["y"]) for spot in spots]
        closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
                      for i, a in enumerate(points) for b in points[i + 1:])
        assert closest >= 16, points  # a dot's width apart: each one seen on its own
        rects = ask(qtbot, view, VISIBLE_LABEL_RECTS)
        assert overlapping_labels(rects) == []
        shown = {rect[4] for rect in rects}
        assert sum(callsign in shown for callsign in CREW) >= 3  # most still read at a glance
    # The data keeps the true place; only the drawing moves.
    assert ask(qtbot, view, "SafeDeskMap.unitState('SEL-1')")["lat"] == STATION[0]
    # A hidden label still appears when its dot is hovered (CSS), so none is lost.
    assert ask(qtbot, view, "Array.from(document.styleSheets).some(function (sheet) { "
                            "return Array.from(sheet.cssRules).some(function (rule) { "
                            "return (rule.selectorText || '').indexOf("
                            "'.sd-label-hidden:hover .sd-unit-label') >= 0; }); })")


def test_incident_reads_number_and_type_and_lies_above_the_units(qtbot, view: MapView) -> None:
    view.upsert_incidents([IncidentMarker(12, "kebakaran", 1, *STATION, "#12 Kebakaran",
                                          "Jl. Danau Tamblingan")])
    view.upsert_units([UnitMarker("UNDER-1", "pmk", "available", *STATION)])
    view_at(qtbot, view, *STATION, 17)
    incident = ask(qtbot, view, "SafeDeskMap.incidentView(12)")
    assert incident["text"] == "#12 Kebakaran"
    assert incident["label"] != "hidden"
    # Whatever sits on the same spot, the topmost thing there is the incident.
    on_top = ask(qtbot, view, f"""(function () {{
        var box = SafeDeskMap.map().getContainer().getBoundingClientRect();
        var hit = document.elementFromPoint(box.left + {incident['x']},
                                            box.top + {incident['y']});
        return Boolean(hit && hit.closest('.sd-incident'));
    }})()""")
    assert on_top
    view.remove_unit("UNDER-1")


def test_selecting_an_incident_or_unit_pans_to_it_and_rings_it(qtbot, view: MapView) -> None:
    far = (-8.6300, 115.1900)
    view.upsert_incidents([IncidentMarker(31, "banjir", 2, *far, "#31 Banjir")])
    view_at(qtbot, view, *STATION, 15)

    def centre_near(lat, lon):
        centre = ask(qtbot, view, "SafeDeskMap.center()")
        return abs(centre["lat"] - lat) < 2e-4 and abs(centre["lon"] - lon) < 2e-4

    view.focus_incident(31)
    qtbot.waitUntil(lambda: centre_near(*far), timeout=5000)
    assert ask(qtbot, view, "SafeDeskMap.incidentView(31).selected")
    assert ask(qtbot, view, "document.querySelector('.sd-incident.sd-selected')"
                            " .querySelector('.sd-incident-label').textContent") == "#31 Banjir"
    view.focus_incident(None)
    qtbot.waitUntil(lambda: ask(qtbot, view, "document.querySelectorAll('.sd-selected').length")
                    == 0, timeout=5000)

    view.focus_unit("SEL-3")
    spot = ask(qtbot, view, "SafeDeskMap.unitView('SEL-3')")
    assert spot["selected"] and spot["label"] != "hidden"  # the one looked for is named
    qtbot.waitUntil(lambda: abs(ask(qtbot, view, "SafeDeskMap.unitView('SEL-3').x")
                                - ask(qtbot, view, "SafeDeskMap.map().getSize().x") / 2) < 2,
                    timeout=5000)
    # Selected before its marker exists (a new incident): panned to on arrival.
    view.focus_incident(32)
    view.upsert_incidents([IncidentMarker(32, "medis", 1, -8.6900, 115.2500, "#32 Medis")])
    qtbot.waitUntil(lambda: centre_near(-8.6900, 115.2500), timeout=5000)
    view.focus_unit(None)
    view.focus_incident(None)


def test_a_click_leaves_one_pin_where_it_picked(qtbot, view: MapView) -> None:
    view_at(qtbot, view, *STATION, 15)
    for lat, lon in ((-8.7012, 115.2345), (-8.7030, 115.2290)):
        with qtbot.waitSignal(view.locationPicked, timeout=5000):
            view.evaluate(f"SafeDeskMap.map().fire('click', {{latlng: L.latLng({lat}, {lon})}})")
        assert ask(qtbot, view, "SafeDeskMap.pinState()") == {"lat": lat, "lon": lon}
    pins = ask(qtbot, view, """Array.from(document.querySelectorAll('.sd-pin')).map(
        function (e) { var r = e.getBoundingClientRect();
                       return [r.left + r.width / 2, r.bottom]; })""")
    assert len(pins) == 1  # the next click moves the pin, it does not add one
    tip = ask(qtbot, view, "(function () { var box = SafeDeskMap.map().getContainer()"
                           ".getBoundingClientRect(); var p = SafeDeskMap.map()"
                           ".latLngToContainerPoint([-8.7030, 115.2290]); "
                           "return [box.left + p.x, box.top + p.y]; })()")
    assert abs(pins[0][0] - tip[0]) <= 2 and 0 <= tip[1] - pins[0][1] <= 8
    view.clear_pin()
    assert ask(qtbot, view, "SafeDeskMap.pinState()") is None


def ring_colour(qtbot, view: MapView, callsign: str) -> str:
    return ask(qtbot, view, f"""(function () {{
        var marker = Array.from(document.querySelectorAll('.sd-unit')).filter(function (e) {{
            return e.querySelector('.sd-unit-label').textContent === {callsign!r}; }})[0];
        return getComputedStyle(marker.querySelector('.sd-unit-dot')).borderTopColor;
    }})()""")


def test_an_assigned_unit_has_a_line_to_its_incident_and_looks_its_status(
        qtbot, view: MapView) -> None:
    scene = (-8.6950, 115.2450)
    view.upsert_incidents([IncidentMarker(40, "kebakaran", 1, *scene, "#40 Kebakaran")])
    view.upsert_units([UnitMarker("RUN-1", "pmk", "available", *STATION)])
    view_at(qtbot, view, *scene, 14)
    idle_ring = ring_colour(qtbot, view, "RUN-1")
    assert ask(qtbot, view, "SafeDeskMap.unitView('RUN-1').route") is None

    for status in ("dispatched", "en_route", "on_scene"):
        view.upsert_units([UnitMarker("RUN-1", "pmk", status, *STATION, incident_id=40)])
        unit = ask(qtbot, view, "SafeDeskMap.unitView('RUN-1')")
        assert unit["route"] == 40
        incident = ask(qtbot, view, "SafeDeskMap.incidentView(40)")
        # The drawn line spans from the unit's dot to the incident's.
        box = ask(qtbot, view, f"""(function () {{
            var line = document.querySelector('.sd-route-{status}').getBoundingClientRect();
            var map = SafeDeskMap.map().getContainer().getBoundingClientRect();
            return [line.left - map.left, line.top - map.top, line.right - map.left,
                    line.bottom - map.top];
        }})()""")
        xs, ys = sorted((unit["x"], incident["x"])), sorted((unit["y"], incident["y"]))
        assert [abs(a - b) <= 3 for a, b in zip(box, (xs[0], ys[0], xs[1], ys[1]))] == [True] * 4
        assert xs[1] - xs[0] > 20  # a line, not a dot
        assert ring_colour(qtbot, view, "RUN-1") != idle_ring
    view.upsert_units([UnitMarker("RUN-1", "pmk", "available", *STATION)])
    assert ask(qtbot, view, "SafeDeskMap.unitView('RUN-1').route") is None
    assert ask(qtbot, view, "document.querySelectorAll('.sd-route').length") == 0
    # The incident closed while a unit still pointed at it: the line goes too.
    view.upsert_units([UnitMarker("RUN-1", "pmk", "en_route", *STATION, incident_id=40)])
    view.remove_incident(40)
    assert ask(qtbot, view, "SafeDeskMap.unitView('RUN-1').route") is None


def test_an_incident_without_a_place_draws_nothing_and_breaks_nothing(
        qtbot, view: MapView, caplog) -> None:
    caplog.set_level("DEBUG", logger="ui.map.view")
    before = ask(qtbot, view, "SafeDeskMap.counts().incidents")
    view.evaluate("SafeDeskMap.upsertIncidents([{id: 77, type_code: 'medis', priority: 1, "
                  "lat: null, lon: null, label: '#77 Medis', detail: ''}])")
    view.upsert_units([UnitMarker("LOST-1", "ambulans", "dispatched", *STATION, incident_id=77)])
    view.focus_incident(77)
    assert ask(qtbot, view, "SafeDeskMap.incidentState(77)") is None
    assert ask(qtbot, view, "SafeDeskMap.counts().incidents") == before
    assert ask(qtbot, view, "SafeDeskMap.unitView('LOST-1').route") is None
    assert "safedesk map:" not in caplog.text  # no script failed on the way
    view.focus_incident(None)


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
