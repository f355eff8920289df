"""A table model over frozen rows, and a view that keeps its selection.

Boards refresh many times a shift; a refresh must never lose the row the
dispatcher had selected (F6 would then change the wrong unit, or none), so
the view remembers the selected row's key across a model reset.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: the table's root


@dataclass(frozen=True)
class Column:
    header: Callable[[], str]  # called on every header paint: translated at that moment
    text: Callable[[Any], str]
    background: Callable[[Any], str | None] | None = None
    foreground: Callable[[Any], str | None] | None = None
    ticking: bool = False  # shows a running time: repainted every second
    tooltip: Callable[[Any], str] | None = None


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], key: Callable[[Any], Hashable],
                 parent=None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._key = key
        self._rows: list[Any] = []
        self._ticking = [i for i, column in enumerate(self._columns) if column.ticking]

    # ---- Qt's side

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            colour = column.background(row)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            colour = column.foreground(row)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == KEY_ROLE:
            return self._key(row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._columns)):
            return self._columns[section].header()
        return None

    # ---- ours

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, position: int) -> Any:
        return self._rows[position]

    def position_of(self, key: Hashable) -> int:
        for position, row in enumerate(self._rows):
            if self._key(row) == key:
                return position
        return -1

    def row_for(self, key: Hashable) -> Any:
        position = self.position_of(key)
        return None if position < 0 else self._rows[position]

    def set_rows(self, rows: Sequence[Any]) -> None:
        rows = list(rows)
        if [self._key(r) for r in rows] == [self._key(r) for r in self._rows]:
            # Same rows in the same order: repaint in place, selection untouched.
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(self._columns) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def upsert(self, row: Any) -> None:
        position = self.position_of(self._key(row))
        if position >= 0:
            self._rows[position] = row
            self.dataChanged.emit(self.index(position, 0),
                                  self.index(position, len(self._columns) - 1))
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(row)
        self.endInsertRows()

    def remove(self, key: Hashable) -> None:
        position = self.position_of(key)
        if position >= 0:
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self.endRemoveRows()

    def tick(self) -> None:
        """Repaint the running-time columns (the time moved, the rows did not)."""
        if self._rows:
            for column in self._ticking:
                self.dataChanged.emit(self.index(0, column),
                                      self.index(len(self._rows) - 1, column),
                                      [Qt.ItemDataRole.DisplayRole])

    def retranslate(self) -> None:
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        self.tick_all()

    def tick_all(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self._columns) - 1))


class KeyedTableView(QTableView):
    """Row selection by key; the selected key survives model resets."""

    currentKeyChanged = Signal(object)  # the key, or None when nothing is selected

    def __init__(self, model: RowTableModel, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.verticalHeader().hide()
        # Compact rows: a board shows as many units as the screen allows.
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self._fitted = False
        model.modelReset.connect(self._fit_columns_once)
        model.rowsInserted.connect(self._fit_columns_once)
        self._remembered: Hashable | None = None
        self._wanted: Hashable | None = None
        self._last_emitted: Hashable | None = None
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)
        model.rowsInserted.connect(self._select_wanted)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.selectionModel().selectionChanged.connect(self._current_changed)

    def keyed_model(self) -> RowTableModel:
        return self.model()  # type: ignore[return-value]

    def current_key(self) -> Hashable | None:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isRowSelected(index.row(), _ROOT):
            return None
        return index.data(KEY_ROLE)

    def current_row(self) -> Any:
        index = self.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_key(self, key: Hashable, *, wait: bool = True) -> bool:
        """Select the row; if it is not there yet (the refresh that brings it
        is on its way) and `wait`, select it as soon as it arrives."""
        position = self.keyed_model().position_of(key)
        if position < 0:
            if wait:
                self._wanted = key
            return False
        self._wanted = None
        self.selectRow(position)
        self.scrollTo(self.keyed_model().index(position, 0))
        return True

    def _fit_columns_once(self) -> None:
        # Once, with the first rows: fitting on every refresh would read every
        # cell each time, which is what a surge cannot afford.
        if not self._fitted and self.model().rowCount():
            self._fitted = True
            self.resizeColumnsToContents()

    def _remember(self) -> None:
        self._remembered = self._wanted if self._wanted is not None else self.current_key()

    def _restore(self) -> None:
        key, self._remembered = self._remembered, None
        if key is None or not self.select_key(key, wait=False):
            self._current_changed()  # the selected row went away: say so

    def _select_wanted(self) -> None:
        if self._wanted is not None:
            self.select_key(self._wanted)

    def _current_changed(self, *_args) -> None:
        key = self.current_key()
        if key is not None:
            self._wanted = None  # the operator chose another row: forget the old wish
        if key != self._last_emitted:
            self._last_emitted = key
            self.currentKeyChanged.emit(key)
