"""The checking-and-saving tail the incident and complaint forms share.

The form checks its input first: the first problem gets one line and the
focus goes to its field, and nothing is written. Then the save runs once on
the worker, the button off meanwhile (a double Ctrl+Enter makes one row),
and a refusal from the domain (another desk changed things) shows the same
way. A form provides `_checked_input()`, `_save(session, actor, values)`
and `_created(result)`, and has `_worker`, `_actor`, `message` and
`submit_button`.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ui.worker import describe_error


class SavesOnce:
    _saving = False

    def is_saving(self) -> bool:
        return self._saving

    def _refuse(self, text: str, field: QWidget) -> None:
        self.message.show_error(text)
        field.setFocus()
        return None

    def submit(self) -> None:
        if self._saving:
            return
        values = self._checked_input()
        if values is None:
            return
        self._saving = True
        self.submit_button.setEnabled(False)
        actor, save = self._actor, self._save
        self._worker.write(lambda session: save(session, actor, values), self._saved,
                           self._failed)

    def _saved(self, result: Any) -> None:
        self._saving = False
        self.submit_button.setEnabled(True)
        self._created(result)

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self.submit_button.setEnabled(True)
        self.message.show_error(describe_error(error))
