"""The window as a whole: docks per role remembered between sessions, the
language switch, shortcuts in menus, and no stall under a burst of changes."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from dispatch import paths
from dispatch.incidents import create_incident
from dispatch.units import report_position
from ui.actions import SHORTCUTS
from ui.qt.stall_monitor import StallMonitor
from ui.testing import close_desk, open_desk

pytestmark = pytest.mark.gui
WAIT_MS = 5000
STALL_LIMIT_MS = 100


def opened(qtbot, database, **kwargs):
    window = open_desk(database, **kwargs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.boards_ready and window.is_settled(), timeout=WAIT_MS)
    return window


@pytest.fixture
def db_url(tmp_path):
    """SQLite only: the window is the same on PostgreSQL, whose storage tests
    run elsewhere, and each UI test then costs a file, not a server database."""
    return f"sqlite:///{tmp_path / 'desk.sqlite3'}"


@pytest.fixture
def desk(qtbot, seeded):
    window = opened(qtbot, seeded)
    yield window
    close_desk(window)


def visible_docks(window) -> set[str]:
    return {name for name, dock in window.docks.items() if dock.isVisible()}


def test_every_role_has_its_own_layout_remembered_between_sessions(qtbot, seeded):
    first = opened(qtbot, seeded)
    assert first.layouts.role == "call_taker"
    # The complaint panels (and the incident detail) wait as tabs behind the incident ones.
    assert visible_docks(first) == {"calls", "form", "complaint_form", "incidents",
                                    "complaints", "incident_detail", "map"}
    first.switch_role("dispatcher")
    assert visible_docks(first) == {"incidents", "incident_detail", "recommend", "map", "units"}
    first.docks["map"].close()  # this dispatcher works without the map
    first.switch_role("call_taker")
    assert "map" in visible_docks(first)  # the call-taker's layout is untouched
    first.switch_role("dispatcher")
    assert visible_docks(first) == {"incidents", "incident_detail", "recommend", "units"}
    close_desk(first)
    assert (paths.config_dir() / "desk-layout.ini").exists()

    second = opened(qtbot, seeded)  # the next session: same role, same docks
    assert second.layouts.role == "dispatcher"
    assert second.desk_actions["role_dispatcher"].isChecked()
    assert visible_docks(second) == {"incidents", "incident_detail", "recommend", "units"}
    second.desk_actions["reset_layout"].trigger()
    assert visible_docks(second) == {"incidents", "incident_detail", "recommend", "map",
                                     "units"}
    close_desk(second)


def test_language_switch_shows_english_and_back(qtbot, desk, seeded):
    with seeded.session() as session:
        create_incident(session, type_code="kebakaran", lat=-8.65, lon=115.22, actor="t")
    qtbot.waitUntil(lambda: desk.incidents_board.model.rowCount() == 1, timeout=WAIT_MS)
    assert desk.docks["calls"].windowTitle() == "Panggilan"
    desk.desk_actions["language_en"].trigger()
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    qtbot.waitUntil(lambda: desk.docks["calls"].windowTitle() == "Calls", timeout=WAIT_MS)
    assert desk.desk_actions["answer"].text() == "&Answer call"
    assert desk.desk_actions["answer"].toolTip() == "Answer call (F2)"
    assert desk.desk_actions.menus["units"].title() == "&Units"
    board = desk.incidents_board.model
    assert board.headerData(4, Qt.Orientation.Horizontal) == "Age"
    assert board.index(0, 2).data() == "Fire"  # the type's English name from the seed
    assert board.index(0, 3).data() == "open"
    assert desk.units_board.model.index(0, 3).data() == "available"
    assert desk.incident_form.field_labels[0].text() == "Caller &number"
    assert desk.incident_form.submit_button.text() == "Save incident"
    assert desk.role_label.text() == "Call-taker"
    assert desk.calls_panel.active_label.text() == "No active call."

    desk.desk_actions["language_id"].trigger()
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    qtbot.waitUntil(lambda: desk.docks["calls"].windowTitle() == "Panggilan", timeout=WAIT_MS)
    assert board.index(0, 2).data() == "Kebakaran"


def test_the_chosen_language_is_remembered_for_the_next_session(qtbot, seeded):
    first = opened(qtbot, seeded)
    first.switch_language("en")
    first.close()
    second = opened(qtbot, seeded)
    try:
        assert second.docks["units"].windowTitle() == "Units board"
        assert second.desk_actions["language_en"].isChecked()
    finally:
        close_desk(second)


def test_every_frequent_action_shows_its_shortcut_in_menus_and_tooltips(desk):
    for name in ("answer", "hold", "hang_up", "call_back", "new_incident", "assign_first",
                 "en_route", "on_scene", "clear", "out_of_service"):
        action = desk.desk_actions[name]
        key = SHORTCUTS[name][0]
        assert action.shortcut().toString() == key
        assert action.toolTip().endswith(f"({key})")
        assert any(action in menu.actions() for menu in desk.desk_actions.menus.values()), name
    assert desk.desk_actions["assign_first"].shortcuts()[1].toString() == "Ctrl+Shift+A"
    toolbar_actions = desk.calls_panel.toolbar.actions()
    assert [a.objectName() for a in toolbar_actions][:3] == ["action_answer", "action_hold",
                                                             "action_hang_up"]


def test_a_burst_of_fifty_changes_does_not_stall_the_loop(qtbot, desk, seeded):
    monitor = StallMonitor(interval_ms=10, parent=desk).start()
    bursts_before = desk.feed.bursts

    def burst() -> None:  # as another desk or the AVL feed would: one commit per change
        for n in range(25):
            with seeded.session() as session:
                create_incident(session, type_code="pohon_tumbang", lat=-8.65 + n / 1000,
                                lon=115.22, actor="other", address=f"titik {n}",
                                not_a_duplicate=True)  # a storm: trees down every 111 m
            with seeded.session() as session:
                report_position(session, callsign="AMB-UTR-1", lat=-8.64, lon=115.21 + n / 1000)
    writer = threading.Thread(target=burst, name="burst")
    writer.start()
    qtbot.waitUntil(lambda: not writer.is_alive(), timeout=20_000)
    qtbot.waitUntil(lambda: desk.incidents_board.model.rowCount() == 25 and desk.is_settled(),
                    timeout=WAIT_MS)
    monitor.stop()
    assert monitor.max_stall_ms < STALL_LIMIT_MS, f"the loop stalled {monitor.max_stall_ms:.0f} ms"
    assert desk.feed.bursts - bursts_before < 50  # coalesced: far fewer refreshes than changes


def test_the_shortcuts_table_in_the_docs_lists_every_key():
    from ui.actions import PANEL_SHORTCUTS
    text = (paths.resources_dir().parent / "docs" / "shortcuts.md").read_text(encoding="utf-8")
    keys = {key for keys in (*SHORTCUTS.values(), *PANEL_SHORTCUTS.values()) for key in keys}
    documented = {key.replace("Return", "Enter") for key in keys}
    missing = [key for key in sorted(documented)
               if f"| {key}" not in text and f", {key}" not in text]
    assert not missing, f"docs/shortcuts.md lacks {missing}"


@pytest.fixture(scope="module")
def refreshed_translation(tmp_path_factory):
    """lupdate over ui/ into a copy of the .ts: what the code asks for now."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from ui.qt.translations import translations_dir
    copy = tmp_path_factory.mktemp("ts") / "check.ts"
    shutil.copy(translations_dir() / "safedesk_en.ts", copy)
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), *(str(p) for p in UI_FILES), "-no-obsolete", "-ts", str(copy)],
                   check=True, capture_output=True, timeout=120)
    return copy


UI_DIR = paths.resources_dir().parent / "ui"
UI_FILES = sorted(UI_DIR.rglob("*.py"))  # feature folders included


def test_the_compiled_translation_is_there():
    from ui.qt.translations import translations_dir
    assert (translations_dir() / "safedesk_en.qm").exists(), "run `make translations`"


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda path: str(path.relative_to(UI_DIR)))
def test_every_string_in_the_code_has_an_english_translation(refreshed_translation, ui_file):
    """Source strings are Bahasa Indonesia; each needs its English in
    resources/translations/safedesk_en.ts (then `make translations`)."""
    import xml.etree.ElementTree as ET
    untranslated = []
    for message in ET.parse(refreshed_translation).iter("message"):
        translation = message.find("translation")
        # An empty translation counts too: Qt would show the Indonesian. A
        # plural ("%n item") needs each of English's two forms.
        forms = [form.text for form in translation.iter("numerusform")]
        done = (all((form or "").strip() for form in forms) and len(forms) == 2 if forms
                else bool((translation.text or "").strip()))
        if translation.get("type") != "unfinished" and done:
            continue
        # lupdate writes each location relative to the .ts file.
        files = {(refreshed_translation.parent / loc.get("filename")).resolve()
                 for loc in message.iter("location")}
        if ui_file.resolve() in files:
            untranslated.append(message.find("source").text)
    assert not untranslated, f"no English yet for: {untranslated}"
