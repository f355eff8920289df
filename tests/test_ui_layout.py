"""The desk on the centre's smallest screen, 1366x768: each role's default
layout fits it, every dock in view gets at least the room its panel needs
(nothing clipped), and table columns widen for rows that arrive while the
desk runs. The real window, offscreen; every dock, whoever added it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QApplication, QTabBar
from ui_fixtures import WAIT_MS, db_url, desk  # noqa: F401 - fixtures

from dispatch.assignments import assign_unit
from dispatch.bulletins import create_bulletin
from dispatch.complaints import change_status, create_complaint
from dispatch.enums import Role
from dispatch.incidents import create_incident
from dispatch.settings import Settings
from ui.layouts import DEFAULT_LAYOUTS
from ui.qt.translations import current_language

pytestmark = pytest.mark.gui
SCREEN = QSize(1366, 768)
# What a maximised window gets of it: a 40 px task bar and a 30 px title bar.
USABLE = QSize(SCREEN.width(), SCREEN.height() - 40 - 30)
ROLES = [role.value for role in Role]


def settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.is_settled(), timeout=WAIT_MS)
    QApplication.processEvents()


def clipped(window) -> list[str]:
    """Docks in view smaller than their panel needs. A dock behind a tab is
    brought forward to be measured: its turn in front must fit too."""
    problems = []
    for name, dock in window.docks.items():
        if not dock.isVisible():
            continue
        dock.raise_()
        QApplication.processEvents()
        for what, widget in ((name, dock), (f"{name} panel", dock.widget())):
            need, got = widget.minimumSizeHint(), widget.size()
            if got.width() < need.width() or got.height() < need.height():
                problems.append(f"{what}: {got.width()}x{got.height()} < "
                                f"{need.width()}x{need.height()}")
    return problems


def with_work_on_screen(qtbot, window, database) -> None:
    """A ticket chosen and a bulletin open: panels need more room full than empty."""
    with database.session() as session:
        ticket = create_complaint(session, category_code="lampu_jalan", lat=-8.635,
                                  lon=115.229, description="Lampu jalan mati sejak kemarin "
                                  "di depan pura, gelap total " * 4, actor="t",
                                  reporter_name="Ni Luh Putu", reporter_phone="081234567890")
        session.flush()
        change_status(session, ticket=ticket.ticket, status="forwarded", note="lewat WA",
                      actor="t")
        bulletin_id = create_bulletin(session, title="Halo Denpasar pagi",
                                      tickets=[ticket.ticket], actor="radio1").id
    halo = window.halo
    window.focus_panel("complaints")
    halo.board.select_ticket(ticket.ticket)
    qtbot.waitUntil(lambda: halo.board.detail.detail() is not None, timeout=WAIT_MS)
    window.focus_panel("bulletin")
    halo.bulletins.select_bulletin(bulletin_id)
    halo.reading.show_bulletin(bulletin_id)
    qtbot.waitUntil(lambda: halo.bulletins.items_model.rowCount() == 1, timeout=WAIT_MS)
    halo.bulletins.select_item(ticket.ticket)
    settle(qtbot, window)


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_role_fits_the_smallest_screen_without_clipping(qtbot, desk, seeded, language):
    if language != current_language():
        desk.switch_language(language)
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    with_work_on_screen(qtbot, desk, seeded)
    for role in ROLES:
        desk.switch_role(role)
        desk.layouts.reset()  # the default layout, whatever an earlier test left
        desk.resize(USABLE)
        settle(qtbot, desk)
        needed = desk.minimumSizeHint()
        assert needed.width() <= USABLE.width() and needed.height() <= USABLE.height(), (
            f"{role}: the window needs {needed.width()}x{needed.height()}")
        assert desk.size() == USABLE, f"{role}: the window grew to {desk.size()}"
        assert not clipped(desk), f"{role} ({language}): {clipped(desk)}"


def column_fits(view, column: int) -> bool:
    return view.horizontalHeader().sectionSize(column) >= view.sizeHintForColumn(column)


def test_columns_widen_for_what_arrives_while_the_desk_runs(qtbot, desk, seeded):
    board, view = desk.incidents_board.model, desk.incidents_board.view
    status = next(c for c in range(board.columnCount())
                  if board.headerData(c, Qt.Orientation.Horizontal) == "Status")
    with seeded.session() as session:
        incident_id = create_incident(session, type_code="kebakaran", lat=-8.65, lon=115.22,
                                      actor="t").id
    qtbot.waitUntil(lambda: board.rowCount() == 1, timeout=WAIT_MS)
    settle(qtbot, desk)
    assert board.index(0, status).data() == "terbuka"
    narrow = view.horizontalHeader().sectionSize(status)
    with seeded.session() as session:  # another desk sends a unit: "unit dikirim", longer
        assign_unit(session, incident_id=incident_id, callsign="AMB-UTR-1", actor="t",
                    settings=Settings.in_memory({}))
    qtbot.waitUntil(lambda: board.index(0, status).data() == "unit dikirim", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: column_fits(view, status), timeout=WAIT_MS)
    assert view.horizontalHeader().sectionSize(status) > narrow

    complaints = desk.halo.board
    desk.focus_panel("complaints")
    with seeded.session() as session:
        ticket = create_complaint(session, category_code="lampu_jalan", lat=-8.635,
                                  lon=115.229, description="Lampu mati", actor="t").ticket
    complaints.refresh()
    qtbot.waitUntil(lambda: complaints.row_for(ticket) is not None, timeout=WAIT_MS)
    with seeded.session() as session:
        change_status(session, ticket=ticket, status="forwarded", note="lewat WA", actor="t")
    complaints.refresh()
    qtbot.waitUntil(lambda: complaints.row_for(ticket).status == "forwarded", timeout=WAIT_MS)
    cview = complaints.view
    last = complaints.model.columnCount() - 1
    qtbot.waitUntil(lambda: all(column_fits(cview, c) for c in range(last)), timeout=WAIT_MS)
    assert cview.horizontalHeader().stretchLastSection()


@pytest.mark.parametrize("role", ["call_taker", "radio", "supervisor"])
def test_the_complaint_search_box_is_wide_enough_to_type_in(qtbot, desk, role):
    desk.switch_role(role)
    desk.layouts.reset()
    desk.resize(USABLE)
    desk.focus_panel("complaints")
    settle(qtbot, desk)
    filters = desk.halo.board.filters
    box = filters.search_edit
    assert box.isVisible() and box.width() >= 150
    for combo in (filters.status_filter, filters.category_filter, filters.agency_filter):
        assert box.width() > combo.width()


def test_switching_roles_leaves_no_tab_bar_of_another_layout_on_screen(qtbot, desk):
    """Qt keeps the tab bars of a layout left behind; shown, they would lie
    over the new layout's docks."""
    def shown_tabs() -> list[list[str]]:
        bars = [bar for bar in desk.findChildren(QTabBar)
                if bar.isVisible() and not bar.visibleRegion().isEmpty()]
        return sorted(sorted(bar.tabText(i) for i in range(bar.count())) for bar in bars)

    def groups(role: str) -> list[list[str]]:
        return sorted(sorted(desk.docks[name].windowTitle() for name in slot)
                      for slots in DEFAULT_LAYOUTS[role].values() for slot in slots
                      if isinstance(slot, tuple))
    desk.resize(USABLE)
    for role in ["supervisor", "call_taker", "radio", "dispatcher", "supervisor", "call_taker"]:
        desk.switch_role(role)  # the second visit restores what the first one saved
        settle(qtbot, desk)
        assert shown_tabs() == groups(role), role
        desk.layouts.reset()
        settle(qtbot, desk)
        assert shown_tabs() == groups(role), f"{role} after a reset"
