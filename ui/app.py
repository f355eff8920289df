"""Start the window: QApplication, translations, the database, the window."""
from __future__ import annotations

import gc
import os

os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
# The map's web view is composed by Qt Quick; with its OpenGL backend, Qt
# composes the whole window through OpenGL on every repaint, and on a PC
# without a GPU driver (Mesa's llvmpipe) that cost 10 s of CPU in a 10 s
# 500-call surge, taken from the engine's SIP thread on a 2-core desk
# (ringing p99 7.5 ms on the wire instead of 1.5-2.7). Chromium already
# draws without the GPU (--disable-gpu): the software scene graph composes
# what it draws at 2.5 s of CPU for the same surge. Set QT_QUICK_BACKEND to
# override it on a desk with a real GPU.
os.environ.setdefault("QT_QUICK_BACKEND", "software")
import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (must precede the QApplication)
from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from dispatch.cli.context import open_db, settings_of  # noqa: E402
from ui.qt import gui_thread  # noqa: E402


def make_application() -> QApplication:
    """The QApplication, with the map's URL schemes registered first (they
    can only be registered before it exists)."""
    existing = QApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    try:
        from ui.map.view import register_url_schemes
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
    from ui.signin.shift import sign_in_at_start
    database = open_db(args, sign_in=False)  # the window asks who is at the desk
    principal = sign_in_at_start(database, settings_of(args))
    if principal is None:
        database.dispose()
        return 3  # nobody signed in: the window stays closed
    window = DeskWindow(database, settings_of(args), principal=principal)
    phone = engine_status = None
    if not getattr(args, "no_phone", False):
        from ui.calls.engine_status import EngineStatus
        from ui.calls.phone_start import start_phone
        phone, why_not = start_phone(database, window.settings, window.actor,
                                     listen=getattr(args, "listen", None),
                                     attach=window.phone.attach_bridge)
        if phone is not None:
            phone.headset.deviceError.connect(
                lambda message: window.statusBar().showMessage(message, 15000))
            engine_status = EngineStatus(window, phone.client, phone.bridge)
            # Calls answered or called back after a handover are the next operator's.
            window.shiftChanged.connect(lambda username: setattr(phone.client, "actor", username))
            _say_where_the_engine_is(window, phone)
        else:
            window.phone.detach()
            window.statusBar().showMessage(QCoreApplication.translate(
                "DeskWindow", "Telepon tidak aktif: %1").replace("%1", why_not or ""))
    window.show()
    # After the first paint of the boards, once: the start-up objects leave
    # the collector's full passes (ui/main_window.set_startup_objects_apart).
    window.boardsShown.connect(_freeze_once(window))
    quit_after = getattr(args, "quit_after", None)
    if quit_after:
        QTimer.singleShot(int(quit_after * 1000), window.close)
        QTimer.singleShot(int(quit_after * 1000), app.quit)
    try:
        return app.exec()
    finally:
        window.close()
        gc.unfreeze()
        if engine_status is not None:
            engine_status.close()
        if phone is not None:
            # The engine outlives the window (calls keep ringing and are
            # logged); only a timed smoke run stops an engine it started.
            phone.stop(stop_engine=bool(quit_after) and phone.launcher.started_here)
        database.dispose()


def _freeze_once(window):
    from ui.main_window import set_startup_objects_apart

    def freeze() -> None:
        window.boardsShown.disconnect(freeze)
        QTimer.singleShot(0, set_startup_objects_apart)
    return freeze


def _say_where_the_engine_is(window, phone) -> None:
    """An engine that was already running may not be the one asked for."""
    notes = []
    if phone.engine_elsewhere:
        notes.append(QCoreApplication.translate(
            "DeskWindow", "Mesin telepon sudah berjalan di %1; --listen tidak dipakai").replace(
            "%1", phone.engine_elsewhere))
    if phone.other_database:
        notes.append(QCoreApplication.translate(
            "DeskWindow", "Mesin telepon memakai basis data lain: %1").replace(
            "%1", phone.other_database))
    if notes:
        window.statusBar().showMessage(" · ".join(notes), 30000)
