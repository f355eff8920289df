"""The window's boards page (issue 15): the incidents board holds every open
incident and adds the finished ones a page at a time on "Muat lebih
banyak"; the complaints board shows the newest page of tickets plus every
open one past it, and "Muat lebih banyak" reads the next page."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, update
from ui_fixtures import WAIT_MS, db_url, desk  # noqa: F401 - fixtures

from dispatch.assignments import close_incident
from dispatch.complaints import create_complaint
from dispatch.enums import ComplaintStatus
from dispatch.incidents import create_incident
from dispatch.models import Complaint
from ui.complaints.board import ComplaintsBoard
from ui.complaints.snapshots import SEARCH_LIMIT, read_complaint_categories
from ui.incidents import boards
from ui.qt import gui_thread
from ui.qt.worker import DbWorker

pytestmark = pytest.mark.gui


def test_every_open_incident_stays_and_finished_ones_come_a_page_at_a_time(
        qtbot, desk, seeded, monkeypatch):
    monkeypatch.setattr(boards, "FINISHED_PAGE", 2)
    with seeded.session() as session:
        ids = [create_incident(session, type_code="banjir", lat=-8.65 + n * 0.002, lon=115.21,
                               actor="supervisor", address=f"Jalan Kamboja {n}",
                               not_a_duplicate=True).id for n in range(8)]
    oldest, newest, finished = ids[0], ids[-1], ids[1:-1]
    with seeded.session() as session:
        for incident_id in finished:
            close_incident(session, incident_id=incident_id, actor="supervisor")
    board = desk.incidents_board

    def shown() -> list[int]:
        return [board.model.row_at(n).id for n in range(board.model.rowCount())]
    qtbot.waitUntil(lambda: sorted(shown()) == [oldest, newest] and desk.is_settled(),
                    timeout=WAIT_MS)
    assert board.more_button.isVisible() and board.more_button.text() == "Muat lebih banyak"

    qtbot.mouseClick(board.more_button, Qt.MouseButton.LeftButton)
    newest_finished = finished[::-1]
    qtbot.waitUntil(lambda: shown()[2:] == newest_finished[:2], timeout=WAIT_MS)
    assert sorted(shown()[:2]) == [oldest, newest]  # the open ones first, still all there
    assert board.more_button.isVisible()
    for _ in range(2):
        qtbot.mouseClick(board.more_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown()[2:] == newest_finished and desk.is_settled(),
                    timeout=WAIT_MS)
    assert not board.more_button.isVisible()  # nothing older left
    assert {board.model.row_at(n).status for n in range(2, 8)} == {"closed"}


@pytest.fixture
def complaints_board(qtbot, seeded):
    gui_thread.install()  # the window does this; here the board stands alone
    worker = DbWorker(seeded)
    board = ComplaintsBoard(worker, "petugas-b")
    qtbot.addWidget(board)
    worker.read(read_complaint_categories, board.set_categories)
    board.show()
    yield board
    worker.shutdown()


def test_the_complaints_board_shows_the_newest_page_and_every_open_ticket(
        qtbot, seeded, complaints_board):
    total = SEARCH_LIMIT + 10
    with seeded.session() as session:
        tickets = [create_complaint(session, category_code="lampu_jalan",
                                    description=f"Lampu jalan mati nomor {n}",
                                    address="Jalan Nangka", actor="supervisor").ticket
                   for n in range(total)]
        # Only the three oldest are still open (settled in bulk: this is about the list).
        session.execute(update(Complaint).where(Complaint.id.not_in(
            select(Complaint.id).order_by(Complaint.id).limit(3))).values(
            status=ComplaintStatus.RESOLVED))
    board = complaints_board
    board.refresh()
    newest_first = tickets[::-1]

    def shown() -> list[str]:
        return [board.model.row_at(n).ticket for n in range(board.model.rowCount())]
    qtbot.waitUntil(lambda: not board.is_busy() and len(shown()) == SEARCH_LIMIT + 3,
                    timeout=WAIT_MS)
    assert shown() == newest_first[:SEARCH_LIMIT] + newest_first[-3:]
    assert board.more_button.isVisible() and board.more_button.text() == "Muat lebih banyak"

    qtbot.mouseClick(board.more_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not board.is_busy() and len(shown()) == total, timeout=WAIT_MS)
    assert shown() == newest_first
    assert not board.more_button.isVisible()
