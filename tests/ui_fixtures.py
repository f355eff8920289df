"""Fixtures the window tests share; a test module imports the ones it uses
(`from ui_fixtures import db_url, desk`), which is how it opts in."""
from __future__ import annotations

from contextlib import contextmanager

import pytest

from ui.testing import close_desk, open_desk

WAIT_MS = 5000


@pytest.fixture
def db_url(tmp_path):
    """SQLite only: the window is the same on PostgreSQL, whose storage tests
    run elsewhere, and each UI test then costs a file, not a server database."""
    return f"sqlite:///{tmp_path / 'desk.sqlite3'}"


@contextmanager
def shown_desk(qtbot, database, ready=lambda window: True):
    """A shown desk window whose boards have painted once (and `ready` holds)."""
    window = open_desk(database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.boards_ready and window.is_settled() and ready(window),
                    timeout=WAIT_MS)
    try:
        yield window
    finally:
        close_desk(window)


@pytest.fixture
def desk(qtbot, seeded):
    with shown_desk(qtbot, seeded) as window:
        yield window
