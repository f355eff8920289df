"""Start the window: QApplication, translations, the database, the window."""
from __future__ import annotations

import os

os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (must precede the QApplication)
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from dispatch.cli.context import open_db  # noqa: E402
from ui import gui_thread  # noqa: E402
from ui.main_window import DeskWindow  # noqa: E402


def run_desk(args) -> int:
    app = QApplication.instance() or QApplication(["safedesk"])
    app.setApplicationName("Safe Community Desk")
    app.setOrganizationName("SafeCommunityDenpasar")
    gui_thread.install()
    database = open_db(args)
    window = DeskWindow(database)
    window.show()
    if getattr(args, "quit_after", None):
        QTimer.singleShot(int(args.quit_after * 1000), app.quit)
    try:
        return app.exec()
    finally:
        window.close()
        database.dispose()
