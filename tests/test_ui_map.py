"""The map panel inside the window: markers follow the boards, a click
fills the incident form. One QtWebEngine page for the whole module."""
from __future__ import annotations

import pytest

from dispatch.assignments import assign_unit
from dispatch.incidents import create_incident
from dispatch.settings import Settings
from ui.testing import close_desk, open_desk

pytestmark = pytest.mark.gui
LOAD_MS = 30_000
WAIT_MS = 5000


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'desk.sqlite3'}"


def ask(qtbot, view, script: str):
    with qtbot.waitCallback(timeout=WAIT_MS) as callback:
        view.evaluate(script, callback)
    return callback.args[0]


def test_units_and_incidents_on_the_map_follow_the_boards_and_a_click_fills_the_form(
        qtbot, seeded):
    desk = open_desk(seeded, map_enabled=True)
    desk.show()
    try:
        # The map starts once the boards have painted, so it never delays them.
        qtbot.waitUntil(lambda: desk.map_panel.view is not None, timeout=WAIT_MS)
        view = desk.map_panel.view
        qtbot.waitUntil(view.is_ready, timeout=LOAD_MS)
        qtbot.waitUntil(lambda: (ask(qtbot, view, "SafeDeskMap.unitState('PMK-UTR-1')") or {})
                        .get("status") == "available", timeout=WAIT_MS)
        with seeded.session() as session:
            incident = create_incident(session, type_code="kebakaran", lat=-8.64, lon=115.21,
                                       actor="t")
            session.flush()
            assign_unit(session, incident_id=incident.id, callsign="PMK-UTR-1", actor="d",
                        settings=Settings.in_memory())
            incident_id = incident.id
        qtbot.waitUntil(lambda: (ask(qtbot, view, "SafeDeskMap.unitState('PMK-UTR-1')") or {})
                        .get("status") == "dispatched", timeout=WAIT_MS)
        assert ask(qtbot, view, f"SafeDeskMap.incidentState({incident_id})") is not None
        # Only map tiles may come from the network; scripts and styles are local.
        assert all("Image" in kind or "tile" in url for url, kind in view.remote_requests)

        desk.incident_form.start_new()
        view.locationPicked.emit(-8.6612, 115.2301)  # what the page's click handler sends
        assert desk.incident_form.location.coordinates_text() == ("-8.661200", "115.230100")
    finally:
        gone = []
        desk.destroyed.connect(lambda: gone.append(True))
        close_desk(desk)
        desk.deleteLater()  # now, not at exit: a page outliving its profile crashes teardown
        qtbot.waitUntil(lambda: bool(gone), timeout=WAIT_MS)


def test_a_dispatcher_reads_the_map_and_it_follows_selection_and_clicks(qtbot, seeded):
    with seeded.session() as session:
        fire = create_incident(session, type_code="kebakaran", lat=-8.6500, lon=115.2300,
                               actor="t", address="Jl. Gatot Subroto")
        lost = create_incident(session, type_code="medis", lat=None, lon=None, actor="t")
        session.flush()
        assign_unit(session, incident_id=fire.id, callsign="PMK-UTR-1", actor="d",
                    settings=Settings.in_memory())
        fire_id, lost_id = fire.id, lost.id
    desk = open_desk(seeded, map_enabled=True, settings={"ui.role": "dispatcher"})
    desk.show()
    try:
        qtbot.waitUntil(lambda: desk.map_panel.view is not None, timeout=WAIT_MS)
        view = desk.map_panel.view
        qtbot.waitUntil(view.is_ready, timeout=LOAD_MS)
        qtbot.waitUntil(lambda: ask(qtbot, view, f"SafeDeskMap.incidentView({fire_id})")
                        is not None, timeout=WAIT_MS)
        assert ask(qtbot, view, f"SafeDeskMap.incidentView({fire_id}).text") == \
            f"#{fire_id} Kebakaran"
        # The unlocated one: no marker, no failure, and the panel says so.
        assert ask(qtbot, view, f"SafeDeskMap.incidentState({lost_id})") is None
        note = desk.map_panel.unlocated_note
        assert not note.isHidden() and "1 kejadian tanpa lokasi" in note.text()
        # Two crews of the Utara station are not drawn on one pixel.
        a, b = (ask(qtbot, view, f"SafeDeskMap.unitView('{c}')") for c in ("AMB-UTR-1",
                                                                          "PMK-UTR-2"))
        assert (a["x"], a["y"]) != (b["x"], b["y"]) and a["fanned"] and b["fanned"]
        # The assigned unit's line leads to its incident.
        assert ask(qtbot, view, "SafeDeskMap.unitView('PMK-UTR-1').route") == fire_id

        desk.incidents_board.select_incident(fire_id)
        qtbot.waitUntil(lambda: abs(ask(qtbot, view, "SafeDeskMap.center().lat") + 8.65) < 2e-4,
                        timeout=WAIT_MS)
        assert ask(qtbot, view, f"SafeDeskMap.incidentView({fire_id}).selected")
        desk.incidents_board.select_incident(lost_id)
        assert f"#{lost_id} yang dipilih belum punya lokasi" in note.text()
        desk.units_board.select_unit("AMB-UTR-1")
        qtbot.waitUntil(lambda: ask(qtbot, view, "SafeDeskMap.unitView('AMB-UTR-1').selected"),
                        timeout=WAIT_MS)

        # A click beside Renon's point: a pin there, and the form names the place.
        desk.open_incident_form()
        view.evaluate("SafeDeskMap.map().fire('click', {latlng: L.latLng(-8.6851, 115.2391)})")
        place = desk.incident_form.location.place_edit
        qtbot.waitUntil(lambda: place.text() == "dekat Renon, Denpasar Selatan", timeout=WAIT_MS)
        assert "dekat Renon" in desk.incident_form.location.source_label.text()
        assert desk.incident_form.location.coordinates_text() == ("-8.685100", "115.239100")
        assert ask(qtbot, view, "SafeDeskMap.pinState()") == {"lat": -8.6851, "lon": 115.2391}
    finally:
        gone = []
        desk.destroyed.connect(lambda: gone.append(True))
        close_desk(desk)
        desk.deleteLater()  # now, not at exit: a page outliving its profile crashes teardown
        qtbot.waitUntil(lambda: bool(gone), timeout=WAIT_MS)
