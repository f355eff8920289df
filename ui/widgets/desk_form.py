"""What the incident and complaint forms share: the save and clear buttons
with their form-wide keys, the location helpers, and the checking-and-saving
tail.

The form checks its input first: the first problem gets one line and the
focus goes to its field, and nothing is written. Then the save runs once on
the worker, the button off meanwhile (a double Ctrl+Enter makes one row),
and a refusal from the domain (another desk changed things) shows the same
way. A form provides `_checked_input()`, `_save(session, actor, values)`,
`_created(result)` and `start_new()`, and has `_worker`, `_actor`, `message`
and `location` (a ui.widgets.location_picker.LocationPicker).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget

from ui.actions import panel_action
from ui.qt.worker import describe_error
from ui.widgets.message_line import Text


class DeskForm:
    _saving = False

    def _build_form_buttons(self, submit_name: str) -> None:
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName(submit_name)
        self.submit_button.clicked.connect(self.submit)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(lambda: self.start_new())
        # Form-wide, so Ctrl+Enter saves from any field without stealing Enter elsewhere.
        self.submit_action = panel_action(self, ["Ctrl+Return", "Ctrl+Enter"], self.submit)
        self.focus_location_action = panel_action(self, ["Ctrl+L"], self.focus_location)
        self.caller_location_action = panel_action(self, ["Ctrl+Shift+L"],
                                                   self.location.use_caller_location)

    def set_location_from_map(self, lat: float, lon: float) -> None:
        self.location.set_point(lat, lon, source="map")

    def focus_location(self) -> None:
        self.location.place_edit.setFocus()
        self.location.place_edit.selectAll()

    def is_saving(self) -> bool:
        return self._saving

    def _refuse(self, text: Text, field: QWidget) -> None:
        """`text` as a callable is said again if the language switches."""
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
        self.message.clear_message()  # an earlier refusal no longer holds
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
        self.message.show_error(lambda: describe_error(error))
