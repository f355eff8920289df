"""The desk window lists open incidents and units and follows changes."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dispatch.assignments import assign_unit
from dispatch.incidents import create_incident
from dispatch.settings import Settings

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, seeded):
    from ui.testing import close_desk, open_desk
    window = open_desk(seeded)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.boards_ready, timeout=5000)
    yield window
    close_desk(window)


def test_lists_every_unit_and_follows_an_assignment(qtbot, window, seeded):
    with seeded.reading() as session:
        from dispatch.units import list_units
        callsigns = [u.callsign for u in list_units(session)]
    model = window.units_board.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == callsigns
    assert window.incidents_board.model.rowCount() == 0
    with seeded.session() as session:
        incident = create_incident(session, type_code="kebakaran", lat=-8.65, lon=115.22,
                                   actor="op", address="Jl. Gatot Subroto")
        session.flush()
        assign_unit(session, incident_id=incident.id, callsign=callsigns[0], actor="d",
                    settings=Settings.in_memory())
    incidents = window.incidents_board.model
    qtbot.waitUntil(lambda: incidents.rowCount() == 1, timeout=3000)
    assert incidents.index(0, 6).data() == "Jl. Gatot Subroto"
    qtbot.waitUntil(lambda: window.units_board.status_of(callsigns[0]) == "dispatched",
                    timeout=3000)
    assert model.index(0, 3).data() == "ditugaskan"  # shown in Bahasa Indonesia


def test_safedesk_gui_opens_offscreen_and_says_how_without_display(tmp_path):
    safedesk = str(Path(sys.executable).parent / "safedesk")
    db = f"sqlite:///{tmp_path / 'd.sqlite3'}"
    subprocess.run([safedesk, "--db", db, "init"], check=True, capture_output=True, timeout=120)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    from telephony.testing import free_port
    listen = f"127.0.0.1:{free_port()}"
    opened = subprocess.run([safedesk, "-v", "--db", db, "gui", "--quit-after", "1",
                             "--listen", listen], env=env,
                            capture_output=True, text=True, timeout=120)
    assert opened.returncode == 0, opened.stderr
    assert f"softphone listening on {listen}/udp" in opened.stderr
    headless = {k: v for k, v in os.environ.items()
                if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    refused = subprocess.run([safedesk, "--db", db], env=headless, capture_output=True,
                             text=True, timeout=120)
    assert refused.returncode == 2
    assert "QT_QPA_PLATFORM=offscreen" in refused.stderr
