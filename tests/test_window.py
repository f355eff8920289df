"""The desk window lists open incidents and units and follows changes."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dispatch.assign import assign_unit
from dispatch.incidents import create_incident
from dispatch.settings import Settings

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, seeded):
    from ui import gui_thread
    from ui.main_window import DeskWindow
    gui_thread.install()
    window = DeskWindow(seeded)
    qtbot.addWidget(window)
    window.show()
    return window


def test_lists_every_unit_and_follows_an_assignment(qtbot, window, seeded):
    with seeded.reading() as session:
        from dispatch.units import list_units
        callsigns = [u.callsign for u in list_units(session)]
    model = window.units_model
    assert [model.item(r, 0).text() for r in range(model.rowCount())] == callsigns
    assert window.incidents_model.rowCount() == 0
    with seeded.session() as session:
        incident = create_incident(session, type_code="kebakaran", lat=-8.65, lon=115.22,
                                   actor="op", address="Jl. Gatot Subroto")
        session.flush()
        assign_unit(session, incident_id=incident.id, callsign=callsigns[0], actor="d",
                    settings=Settings.in_memory())
    qtbot.waitUntil(lambda: window.incidents_model.rowCount() == 1, timeout=3000)
    assert window.incidents_model.item(0, 5).text() == "Jl. Gatot Subroto"
    qtbot.waitUntil(lambda: model.item(0, 3).text() == "dispatched", timeout=3000)


def test_safedesk_gui_opens_offscreen_and_says_how_without_display(tmp_path):
    safedesk = str(Path(sys.executable).parent / "safedesk")
    db = f"sqlite:///{tmp_path / 'd.sqlite3'}"
    subprocess.run([safedesk, "--db", db, "init"], check=True, capture_output=True, timeout=120)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    opened = subprocess.run([safedesk, "--db", db, "gui", "--quit-after", "1"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert opened.returncode == 0, opened.stderr
    headless = {k: v for k, v in os.environ.items()
                if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    refused = subprocess.run([safedesk, "--db", db], env=headless, capture_output=True,
                             text=True, timeout=120)
    assert refused.returncode == 2
    assert "QT_QPA_PLATFORM=offscreen" in refused.stderr
