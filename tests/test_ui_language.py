"""One language at a time: after a switch nothing on screen stays in the
other one. Messages already shown are said again in the new language (or
go), table words come from the translated enums, counts take Qt's plural
forms, and menu texts show their "&" as the operator should read it. The
real desk window, offscreen, on a seeded SQLite file."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QMenu, QTabBar
from ui_fixtures import WAIT_MS, db_url, desk  # noqa: F401 - fixtures

from dispatch.bulletins import create_bulletin
from dispatch.complaints import change_status, create_complaint
from dispatch.enums import UnitStatus
from dispatch.errors import DeskError
from ui.qt.translations import current_language
from ui.qt.worker import describe_error

pytestmark = pytest.mark.gui
GATSU = (-8.6350, 115.2290)


def switch(qtbot, window, language: str) -> None:
    """As the Language menu does; Qt's LanguageChange events are posted, so
    deliver them before looking."""
    window.desk_actions[f"language_{language}"].trigger()
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    assert current_language() == language
    qtbot.waitUntil(window.is_settled, timeout=WAIT_MS)


def open_ticket(database, category: str = "lampu_jalan") -> str:
    with database.session() as session:
        return create_complaint(session, category_code=category, lat=GATSU[0], lon=GATSU[1],
                                description="Lampu jalan mati sejak kemarin", actor="lain",
                                reporter_phone="081234567890").ticket


def shown_ticket(qtbot, window, ticket: str):
    board = window.halo.board
    window.focus_panel("complaints")
    board.select_ticket(ticket)
    qtbot.waitUntil(lambda: board.detail.detail() is not None
                    and board.detail.detail().row.ticket == ticket, timeout=WAIT_MS)
    return board


def refusal(database, ticket: str) -> DeskError:
    """The refusal the domain gives for forwarding an already rejected
    ticket, caught here so the test knows what each language should say."""
    with database.session() as session:
        try:
            change_status(session, ticket=ticket, status="forwarded", note="x", actor="t")
        except DeskError as error:
            session.rollback()
            return error
    raise AssertionError("the domain accepted a change of a closed ticket")


def test_a_refusal_on_screen_is_said_again_in_the_new_language(qtbot, desk, seeded):
    ticket = open_ticket(seeded)
    board = shown_ticket(qtbot, desk, ticket)
    # A refusal of the panel's own, then one from the domain, each on screen at a switch.
    assert not board.change_selected_status("", "")
    assert board.message.text().startswith("Pilih status berikutnya")
    switch(qtbot, desk, "en")
    assert board.message.text().startswith("Choose the next status")
    assert board.message.is_error()
    switch(qtbot, desk, "id")

    with seeded.session() as session:  # another desk rejects the ticket meanwhile
        change_status(session, ticket=ticket, status="rejected", note="duplikat", actor="lain")
    expected = refusal(seeded, ticket)
    assert board.change_selected_status("forwarded", "diteruskan ke Dishub")
    qtbot.waitUntil(lambda: board.message.text() == describe_error(expected), timeout=WAIT_MS)
    switch(qtbot, desk, "en")
    assert board.message.text() == describe_error(expected)  # now in English
    assert board.message.isVisible()
    switch(qtbot, desk, "id")
    assert board.message.text() == describe_error(expected)


def test_a_message_that_cannot_be_said_again_goes_rather_than_stay_indonesian(qtbot, desk):
    desk.switch_role("supervisor")  # the units board in view
    desk.change_unit_status(UnitStatus.EN_ROUTE)  # F6 with no unit chosen
    line = desk.units_board.message
    indonesian = line.text()
    assert indonesian and desk.statusBar().currentMessage() == indonesian
    switch(qtbot, desk, "en")
    assert line.isHidden() or line.text() != indonesian
    assert desk.statusBar().currentMessage() != indonesian


def test_the_next_command_clears_an_old_refusal(qtbot, desk, seeded):
    ticket = open_ticket(seeded)
    board = shown_ticket(qtbot, desk, ticket)
    assert not board.change_selected_status("forwarded", "  ")
    assert board.message.is_error() and "catatan" in board.message.text()
    assert board.detail.note_is_marked_missing()  # the field itself says it is wanted
    board.detail.choose_status("forwarded")
    board.detail.note_edit.setText("diteruskan ke Dishub lewat WA")
    board.detail.change_button.click()
    assert not board.message.is_error()  # gone at once, before the write is back
    qtbot.waitUntil(lambda: board.detail.detail().row.status == "forwarded", timeout=WAIT_MS)
    assert board.message.text() == f"Tiket {ticket} sekarang: diteruskan ke instansi."


def test_the_note_a_status_change_needs_is_asked_for_on_screen(qtbot, desk, seeded):
    ticket = open_ticket(seeded)
    board = shown_ticket(qtbot, desk, ticket)
    pane = board.detail
    assert pane.note_label.text() == "Catatan (wajib):" and pane.note_label.isVisible()
    assert "wajib" in pane.note_edit.placeholderText()
    pane.choose_status("forwarded")
    pane.change_button.click()  # no note
    assert board.message.isVisible()
    assert board.message.text().startswith("Tulis catatan dulu (wajib)")
    assert pane.note_edit.hasFocus() or not desk.isActiveWindow()
    switch(qtbot, desk, "en")
    assert pane.note_label.text() == "Note (required):"
    assert board.message.text().startswith("Write a note first (required)")
    assert pane.detail().row.status == "received"  # nothing written


def test_status_and_history_words_in_the_halo_tables_are_english(qtbot, desk, seeded):
    ticket = open_ticket(seeded)
    with seeded.session() as session:
        change_status(session, ticket=ticket, status="forwarded", note="lewat WA", actor="lain")
        bulletin_id = create_bulletin(session, title="Halo Denpasar pagi", tickets=[ticket],
                                      actor="radio1").id
    board = shown_ticket(qtbot, desk, ticket)
    switch(qtbot, desk, "en")
    status_column = 4
    assert board.model.headerData(status_column, Qt.Orientation.Horizontal) == "Status"
    row = board.model.position_of(ticket)
    assert board.model.index(row, status_column).data() == "forwarded to agency"
    assert board.model.index(row, 2).data() == "Street light out"
    history = board.detail.history_texts()
    assert "received → forwarded to agency: lewat WA" in history[0]
    assert "ticket opened (phone call)" in history[-1]

    panel = desk.halo.bulletins
    desk.focus_panel("bulletin")
    panel.select_bulletin(bulletin_id)
    qtbot.waitUntil(lambda: panel.items_model.rowCount() == 1 and not panel.is_busy(),
                    timeout=WAIT_MS)
    bulletins = panel.bulletins_model
    assert [bulletins.headerData(c, Qt.Orientation.Horizontal)
            for c in range(bulletins.columnCount())] == [
        "No.", "Title", "Status", "Items", "Created", "Last on air"]
    assert bulletins.index(bulletins.position_of(bulletin_id), 2).data() == "draft"
    items = panel.items_model
    assert [items.headerData(c, Qt.Orientation.Horizontal)
            for c in range(items.columnCount())] == [
        "No.", "Ticket", "Category", "Place", "Status", "Reading text"]
    assert items.index(0, 2).data() == "Street light out"
    assert items.index(0, 4).data() == "forwarded to agency"

    switch(qtbot, desk, "id")  # and every one of them back
    assert bulletins.headerData(1, Qt.Orientation.Horizontal) == "Judul"
    assert bulletins.index(bulletins.position_of(bulletin_id), 2).data() == "draf"
    assert items.index(0, 2).data() == "Lampu penerangan jalan (PJU) mati"
    assert board.model.index(board.model.position_of(ticket), status_column).data() == \
        "diteruskan ke instansi"


def test_counts_take_the_plural_form_of_the_language(qtbot, desk, seeded):
    one, two = open_ticket(seeded), open_ticket(seeded, "jalan_rusak")
    with seeded.session() as session:
        single = create_bulletin(session, title="Pagi", tickets=[one], actor="radio1").id
        double = create_bulletin(session, title="Sore", tickets=[one, two], actor="radio1").id
    reading = desk.halo.reading
    desk.focus_panel("reading")

    def title_of(bulletin_id: int) -> str:
        reading.show_bulletin(bulletin_id)
        qtbot.waitUntil(lambda: reading._detail is not None
                        and reading._detail.id == bulletin_id, timeout=WAIT_MS)
        return reading.title_label.text()
    assert title_of(single).endswith("(1 item)")
    assert title_of(double).endswith("(2 item)")  # Indonesian nouns do not change
    switch(qtbot, desk, "en")
    assert title_of(single) == f"Bulletin #{single} — Pagi (1 item)"
    assert title_of(double) == f"Bulletin #{double} — Sore (2 items)"


def menu_texts(window) -> dict[str, str]:
    """Every entry of every menu (submenus too), by where it is."""
    texts: dict[str, str] = {}

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            texts[f"{path} › {action.text()}"] = action.text()
            if action.menu() is not None:
                walk(action.menu(), f"{path} › {action.text()}")
    for action in window.menuBar().actions():
        texts[action.text()] = action.text()
        walk(action.menu(), action.text())
    return texts


def shown_as(text: str) -> str:
    """A menu text as Qt draws it: "&&" is an "&", a lone "&" marks the key."""
    return re.sub(r"&(.)", r"\1", text)


@pytest.mark.parametrize("language", ["id", "en"])
def test_menu_texts_have_no_stray_mnemonics(qtbot, desk, language):
    if language == "en":
        switch(qtbot, desk, "en")
    for where, text in menu_texts(desk).items():
        # A lone "&" before a space or at the end underlines nothing ("Instansi _kategori").
        lone = re.sub(r"&&", "", text)
        assert not re.search(r"&(\s|$)", lone), f"stray mnemonic in {where!r}"
        assert lone.count("&") <= 1, f"two mnemonics in {where!r}"
    view = desk.desk_actions.menus["view"]
    shown = [shown_as(action.text()) for action in view.actions() if not action.isSeparator()]
    if language == "id":
        assert "Ke Instansi & kategori" in shown  # View › go to the agencies panel
        assert "Instansi & kategori" in shown  # View › the agencies dock on or off
    else:
        assert "Go to Agencies & categories" in shown
        assert "Agencies & categories" in shown
    # Tabbed docks show their titles in a tab bar, which reads "&" the same way.
    desk.switch_role("supervisor")  # the agencies dock is a tab there
    tabs = [bar.tabText(i) for bar in desk.findChildren(QTabBar) for i in range(bar.count())]
    assert ("Instansi && kategori" if language == "id" else "Agencies && categories") in tabs
    for text in tabs:
        assert not re.search(r"&(\s|$)", re.sub(r"&&", "", text)), f"stray mnemonic in {text!r}"
    tooltip = desk.desk_actions["focus_agencies"].toolTip()
    assert tooltip == ("Ke Instansi & kategori" if language == "id"
                       else "Go to Agencies & categories")
