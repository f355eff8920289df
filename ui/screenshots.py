"""`python -m ui.screenshots OUT_DIR`: pictures of the desk for the README.

A throw-away SQLite desk with the Denpasar seed, three calls ringing, open
incidents with units on the road, drawn offscreen in Bahasa Indonesia and
in English; the dispatcher's layout on a 1366x768 screen with the first
fire's incident detail open, in both languages; then the radio staff's
layout with Halo Denpasar tickets and a bulletin in the studio view.
Demo tooling: it writes its own database and never touches the user's.
"""
from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

SCENE_INCIDENTS = (  # type, lat, lon, address
    ("kebakaran", -8.6553, 115.2136, "Pasar Badung, Jl. Gajah Mada"),
    ("laka_lantas", -8.6725, 115.2330, "Jl. Raya Puputan, Renon"),
    ("pohon_tumbang", -8.6290, 115.2020, "Jl. Gatot Subroto Barat"),
)
CALLERS = ("081237001122", "087861234567", "036122334455")
SCENE_COMPLAINTS = (  # category, lat, lon, address, description, statuses after "received"
    ("lampu_jalan", -8.7046, 115.2224, "Jl. Raya Sesetan", "Tiga lampu jalan mati sejak Senin",
     ("forwarded", "resolved")),
    ("drainase_tersumbat", -8.6780, 115.2290, "Jl. Tukad Badung, Renon",
     "Got tersumbat sampah, air meluap ke jalan saat hujan", ("forwarded",)),
    ("sampah_tidak_diangkut", -8.6390, 115.2100, "Jl. Gunung Agung",
     "Sampah di TPS belum diangkut tiga hari", ()),
)


def stage_scene(database) -> int:
    """Incidents, assignments on their way, and calls ringing; returns the
    first incident's id (a fire with its caller and notes)."""
    from sqlalchemy import select

    from dispatch.assignments import assign_unit, change_unit_status
    from dispatch.incidents import add_note, create_incident
    from dispatch.models import Station
    from dispatch.recommend import recommend_for_incident
    from dispatch.settings import Settings
    from dispatch.units import report_position
    from ui.testing import ring
    settings = Settings.in_memory()
    for n, (type_code, lat, lon, address) in enumerate(SCENE_INCIDENTS):
        with database.session() as session:
            first = n == 0  # the one the dispatcher's detail shows
            incident = create_incident(
                session, type_code=type_code, lat=lat, lon=lon, actor="operator",
                address=address, caller="081237009988" if first else None,
                notes="2 orang terjebak di lantai dua, asap tebal" if first else "")
            session.flush()
            incident_id = incident.id
            if first:
                first_incident = incident_id
                add_note(session, incident_id=incident_id, actor="dispatcher",
                         text="Pemilik toko sebelah melapor api sudah sampai atap")
        if n == 2:
            continue  # one incident still waiting for a unit
        with database.reading() as session:
            best = recommend_for_incident(session, incident_id=incident_id, settings=settings)[0]
        with database.session() as session:
            assign_unit(session, incident_id=incident_id, callsign=best.callsign,
                        actor="dispatcher", settings=settings)
        with database.session() as session:
            change_unit_status(session, callsign=best.callsign, status="en_route",
                               actor="dispatcher")
            station = session.scalars(select(Station).where(Station.code == best.station)).one()
            # Half way there, as its AVL would report.
            report_position(session, callsign=best.callsign, lat=(lat + station.lat) / 2,
                            lon=(lon + station.lon) / 2)
    for n, number in enumerate(CALLERS):
        ring(database, f"screenshot-{n}@desk", number)
    return first_incident


def stage_halo(database) -> int:
    """Complaint tickets at three stages, one of them late, and a bulletin
    of the two with news; returns the bulletin's id."""
    from datetime import timedelta

    from dispatch.bulletins import create_bulletin
    from dispatch.complaints import change_status, create_complaint
    from dispatch.timeutil import utcnow
    tickets = []
    for category, lat, lon, address, description, statuses in SCENE_COMPLAINTS:
        with database.session() as session:
            complaint = create_complaint(session, category_code=category, lat=lat, lon=lon,
                                         address=address, description=description,
                                         actor="operator", reporter_phone="081234000111")
            session.flush()
            tickets.append(complaint.ticket)
            if not statuses:
                complaint.due_at = utcnow() - timedelta(hours=5)  # late: it shows red
        for status in statuses:
            with database.session() as session:
                change_status(session, ticket=tickets[-1], status=status, actor="operator",
                              note="Ditindaklanjuti instansi")
    with database.session() as session:
        bulletin = create_bulletin(session, title="Halo Denpasar pagi", tickets=tickets[:2],
                                   actor="radio")
        session.flush()
        return bulletin.id


@dataclass(frozen=True)
class Shot:
    path: Path
    language: str
    panels: dict  # dock object name → (x, y, width, height) inside the picture


def capture(out_dir: Path, *, timeout_s: float = 60.0) -> list[Shot]:
    import PySide6.QtWebEngineWidgets  # noqa: F401  (before the QApplication)
    from PySide6.QtCore import QCoreApplication, QElapsedTimer
    from PySide6.QtWidgets import QApplication

    from dispatch.seed import load_seed_file
    from dispatch.storage import open_database
    from ui.map.view import register_url_schemes
    from ui.qt.translations import switch_language
    from ui.testing import close_desk, open_desk

    register_url_schemes()
    app = QApplication.instance() or QApplication(["safedesk-screenshots"])
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["SAFEDESK_CONFIG_DIR"] = str(Path(scratch) / "config")
        database = open_database(f"sqlite:///{Path(scratch) / 'desk.sqlite3'}")
        # The scene is staged, and shown, as a supervisor would.
        from dispatch.enums import Role
        from dispatch.permissions import Principal
        database.principal = Principal("supervisor", Role.SUPERVISOR)
        load_seed_file(database, None, actor="screenshots")
        first_incident = stage_scene(database)
        bulletin_id = stage_halo(database)
        window = open_desk(database, map_enabled=True, actor="operator")
        window.resize(1600, 940)
        window.show()
        clock = QElapsedTimer()
        clock.start()

        def wait(condition) -> None:
            while not condition():
                if clock.elapsed() > timeout_s * 1000:
                    raise TimeoutError("the desk did not finish drawing in time")
                app.processEvents()
                QCoreApplication.sendPostedEvents()

        view = lambda: window.map_panel.view  # noqa: E731
        wait(lambda: window.boards_ready and window.is_settled()
             and window.calls_panel.ringing_model.rowCount() == len(CALLERS)
             and view() is not None and view().is_ready())
        for language in ("id", "en"):
            switch_language(language)
            settle = QElapsedTimer()
            settle.start()
            # Leaflet draws its markers a few frames after the API call returns.
            wait(lambda settle=settle: settle.elapsed() > 1500 and window.is_settled())
            written.append(_shoot(window, out_dir / f"desk-{language}.png", language))
        window.switch_role("dispatcher")
        window.resize(1366, 768)
        window.incidents_board.select_incident(first_incident)
        for language in ("id", "en"):
            switch_language(language)
            settle.restart()
            wait(lambda settle=settle: settle.elapsed() > 1500 and window.is_settled()
                 and window.incident_detail.incident_id == first_incident)
            written.append(_shoot(window, out_dir / f"desk-dispatcher-{language}.png",
                                  language))
        switch_language("id")
        window.resize(1600, 940)
        window.switch_role("radio")
        window.halo.bulletins.select_bulletin(bulletin_id)
        window.halo.reading.show_bulletin(bulletin_id)
        settle.restart()
        wait(lambda: settle.elapsed() > 500 and window.is_settled()
             and bool(window.halo.reading.text()))
        written.append(_shoot(window, out_dir / "desk-radio-id.png", "id"))
        close_desk(window)
        database.dispose()
    return written


def _shoot(window, path: Path, language: str) -> Shot:
    window.grab().save(str(path))
    panels = {}
    for name, dock in window.docks.items():
        if dock.isVisible() and not dock.visibleRegion().isEmpty():  # not a back tab
            corner = dock.mapTo(window, dock.rect().topLeft())
            panels[name] = (corner.x(), corner.y(), dock.width(), dock.height())
    return Shot(path, language, panels)


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else Path("docs")
    for shot in capture(out_dir):
        print(shot.path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
