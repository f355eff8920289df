"""Start the window: QApplication, translations, the database, the window."""
from __future__ import annotations

import os

os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (must precede the QApplication)
from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from dispatch.cli.context import actor_of, open_db, settings_of  # noqa: E402
from ui import gui_thread  # noqa: E402


def make_application() -> QApplication:
    """The QApplication, with the map's URL schemes registered first (they
    can only be registered before it exists)."""
    existing = QApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    try:
        from ui.map_view import register_url_schemes
        register_url_schemes()
    except ImportError:
        pass
    app = QApplication(["safedesk"])
    app.setApplicationName("Safe Community Desk")
    app.setOrganizationName("SafeCommunityDenpasar")
    return app


def run_desk(args) -> int:
    app = make_application()
    gui_thread.install()
    from ui.main_window import DeskWindow  # after the QApplication: it loads translations
    database = open_db(args)
    window = DeskWindow(database, settings_of(args), actor=actor_of(args))
    phone = None
    if not getattr(args, "no_phone", False):
        from ui.phone_start import start_phone
        phone, why_not = start_phone(database, window.settings, window.actor,
                                     listen=getattr(args, "listen", None))
        if phone is not None:
            window.phone.attach_bridge(phone.bridge)
            phone.headset.deviceError.connect(
                lambda message: window.statusBar().showMessage(message, 15000))
        else:
            window.statusBar().showMessage(QCoreApplication.translate(
                "DeskWindow", "Telepon tidak aktif: %1").replace("%1", why_not or ""))
    window.show()
    if getattr(args, "quit_after", None):
        QTimer.singleShot(int(args.quit_after * 1000), window.close)
        QTimer.singleShot(int(args.quit_after * 1000), app.quit)
    try:
        return app.exec()
    finally:
        window.close()
        if phone is not None:
            phone.stop()  # hangs up and destroys pjsua before the process exits
        database.dispose()
