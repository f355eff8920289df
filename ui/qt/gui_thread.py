"""The one way to hop onto the GUI thread (after Picard's to_main / Blink's
run_in_gui_thread): event-bus subscribers, the softphone and the serial
reader call `to_gui(fn, *args)` from any thread."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot


class _Invoker(QObject):
    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, thunk: Callable[[], Any]) -> None:
        thunk()


_invoker: _Invoker | None = None


def install() -> None:
    """Call once on the GUI thread after the QApplication exists."""
    global _invoker
    if _invoker is None:
        _invoker = _Invoker()
        app = QCoreApplication.instance()
        if app is not None:
            _invoker.moveToThread(app.thread())


def to_gui(fn: Callable[..., Any], *args: Any) -> None:
    if _invoker is None:
        raise RuntimeError("ui.qt.gui_thread.install() was not called")
    if QThread.currentThread() is _invoker.thread():
        fn(*args)
    else:
        _invoker.call.emit(lambda: fn(*args))
