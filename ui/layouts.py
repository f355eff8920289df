"""A dock layout per role, remembered between sessions.

Each role's arrangement is Qt's own saveState() blob, kept in an INI file
in the desk's config directory (SAFEDESK_CONFIG_DIR in tests). A role seen
for the first time, or a blob from an older set of docks, gets the default
arrangement below.
"""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar

from dispatch import paths
from dispatch.enums import Role

LAYOUT_VERSION = 4  # bump when docks are added or renamed: old blobs are then ignored
LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
Slot = str | tuple[str, ...]  # one dock, or docks stacked as tabs (the first one in front)
# Per role: the docks of each side, top to bottom; docks not named start hidden.
# A call-taker's emergency and complaint panels share a place as tabs: one
# call needs one of them, and the complaints line brings its tab forward.
DEFAULT_LAYOUTS: dict[str, dict[Qt.DockWidgetArea, list[Slot]]] = {
    Role.CALL_TAKER.value: {LEFT: ["calls", ("form", "complaint_form")],
                            RIGHT: [("incidents", "complaints", "incident_detail"), "map"]},
    # Top to bottom on the left: choose the incident, read it whole, send a unit.
    Role.DISPATCHER.value: {LEFT: ["incidents", "incident_detail", "recommend"],
                            RIGHT: ["map", "units"]},
    Role.RADIO.value: {LEFT: ["complaints", "bulletin"], RIGHT: [("reading", "incidents", "map")]},
    # Three tall panels never share a column: stacked, they would not fit 768 px.
    # The figures (only this role may read them) are a tab beside the boards.
    Role.SUPERVISOR.value: {LEFT: [("calls", "complaints"),
                                   ("incidents", "agencies", "incident_detail", "supervisor")],
                            RIGHT: [("form", "complaint_form"), "recommend", "units", "map"]},
}


def _names(slot: Slot) -> tuple[str, ...]:
    return (slot,) if isinstance(slot, str) else slot


def docks_of(role: str) -> set[str]:
    """Every dock the role's default layout places (in front or as a tab)."""
    return {name for slots in DEFAULT_LAYOUTS[role].values() for slot in slots
            for name in _names(slot)}


def layout_store() -> QSettings:
    return QSettings(str(paths.config_dir() / "desk-layout.ini"), QSettings.Format.IniFormat)


class RoleLayouts:
    def __init__(self, window: QMainWindow, docks: dict[str, QDockWidget],
                 store: QSettings | None = None) -> None:
        self._window = window
        self._docks = docks
        self.store = store or layout_store()
        self.role: str | None = None

    def remembered_role(self) -> str | None:
        value = self.store.value("desk/role")
        return value if value in DEFAULT_LAYOUTS else None

    def switch_to(self, role: str) -> None:
        if role not in DEFAULT_LAYOUTS:
            raise ValueError(f"unknown role {role!r}")
        if self.role == role:
            return
        if self.role is not None:
            self.save()
        self.role = role
        saved = self.store.value(f"layouts/{role}/state")
        if saved is None or not self._window.restoreState(saved, LAYOUT_VERSION):
            self.apply_default(role)
        self._drop_stale_tab_bars()
        self.store.setValue("desk/role", role)

    def save(self) -> None:
        if self.role is not None:
            self.store.setValue(f"layouts/{self.role}/state",
                                self._window.saveState(LAYOUT_VERSION))
            self.store.setValue("desk/role", self.role)
            self.store.sync()

    def reset(self) -> None:
        if self.role is not None:
            self.store.remove(f"layouts/{self.role}/state")
            self.apply_default(self.role)
            self._drop_stale_tab_bars()

    def _drop_stale_tab_bars(self) -> None:
        """Qt leaves the tab bars of the arrangement before still shown, over
        the new one's docks; hide them all and let Qt lay out the state
        once more, which shows again just the bars it uses."""
        window = self._window
        for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            bar.hide()
        window.restoreState(window.saveState(LAYOUT_VERSION), LAYOUT_VERSION)

    def apply_default(self, role: str) -> None:
        window = self._window
        for dock in self._docks.values():
            dock.setFloating(False)
            window.removeDockWidget(dock)
        # Splits first, tabs after: Qt adds a dock split from a tabbed one
        # as one more tab, not as a neighbour.
        for area, slots in DEFAULT_LAYOUTS[role].items():
            previous = None
            for slot in slots:
                front = self._docks[_names(slot)[0]]
                if previous is None:
                    window.addDockWidget(area, front)
                else:
                    window.splitDockWidget(previous, front, Qt.Orientation.Vertical)
                front.show()
                previous = front
        for slots in DEFAULT_LAYOUTS[role].values():
            for slot in slots:
                front, *behind = (self._docks[name] for name in _names(slot))
                for dock in behind:
                    window.tabifyDockWidget(front, dock)
                    dock.show()
                front.raise_()
        shown = docks_of(role)
        for name, dock in self._docks.items():
            if name not in shown:
                # Added, then hidden: the View menu can bring it back into a dock area.
                window.addDockWidget(RIGHT, dock)
                dock.hide()
        columns = [[self._docks[_names(slot)[0]] for slot in slots]
                   for slots in DEFAULT_LAYOUTS[role].values()]
        for column in columns:
            window.resizeDocks(column, [400] * len(column), Qt.Orientation.Vertical)
        if len(columns) == 2:
            window.resizeDocks([columns[0][0], columns[1][0]], [700, 700],
                               Qt.Orientation.Horizontal)
