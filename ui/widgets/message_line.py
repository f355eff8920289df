"""The one-line message under a panel: an error in red, news in green.

A message stays in the language it is read in. Give it as a zero-argument
callable (`lambda: describe_error(error)`, `lambda: self.tr("…")`) and it
is said again in the new language when the language switches; a plain
string cannot be, so it is cleared rather than left in the old language.
Errors stay until the panel's next command clears or replaces them; news
fades by itself after a while, so nobody acts on a stale "saved".
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from ui.qt.translations import current_language

Text = str | Callable[[], str]
ERROR_STYLE = "color: #b71c1c; font-weight: bold;"
INFO_STYLE = "color: #1b5e20;"
INFO_LIFETIME_MS = 15_000


class MessageLine(QLabel):
    """One line under a panel for what went wrong (or right) just now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._make: Callable[[], str] | None = None
        self._language = current_language()
        self._is_error = False
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self.clear_message)
        self.hide()

    def show_error(self, text: Text) -> None:
        """Until the next command: the operator has to see what went wrong."""
        self._show(text, ERROR_STYLE, is_error=True, lifetime_ms=0)

    def show_info(self, text: Text, lifetime_ms: int = INFO_LIFETIME_MS) -> None:
        """For `lifetime_ms` (0: until replaced or cleared)."""
        self._show(text, INFO_STYLE, is_error=False, lifetime_ms=lifetime_ms)

    def clear_message(self) -> None:
        self._expiry.stop()
        self._make = None
        self._is_error = False
        self.clear()
        self.hide()

    def is_error(self) -> bool:
        """An error is on show (news, or nothing, is not)."""
        return self._is_error and not self.isHidden()

    def _show(self, text: Text, style: str, *, is_error: bool, lifetime_ms: int) -> None:
        self._make = text if callable(text) else None
        self._language = current_language()
        self._is_error = is_error
        self.setStyleSheet(style)
        self.setText(text() if callable(text) else text)
        self.show()
        if lifetime_ms > 0:
            self._expiry.start(lifetime_ms)
        else:
            self._expiry.stop()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self._follow_language()
        super().changeEvent(event)

    def _follow_language(self) -> None:
        # Qt also sends LanguageChange when a translator is merely reinstalled:
        # only a real switch makes the shown words stale.
        if self.isHidden() or current_language() == self._language:
            return
        self._language = current_language()
        if self._make is not None:
            self.setText(self._make())
        else:
            self.clear_message()
