"""A table model over frozen rows, and a view that keeps its selection.

Boards refresh many times a shift; a refresh must never lose the row the
dispatcher had selected (F6 would then change the wrong unit, or none), so
the view remembers the selected row's key across a model reset.

Columns follow their content: rows that arrive or change while the desk
runs widen a column that got too narrow ("unit dikirim" after "terbuka"),
up to a cap, and the last column takes what is left. A column the
operator sized by hand stays as they left it.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: the table's root
MAX_COLUMN_CHARS = 40  # a fitted column is at most this many average characters wide
FIT_ROWS = 100  # rows read to fit a column afresh: a surge must not read them all
FIT_DELAY_MS = 150  # one fit per burst of changes, after it


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

    def key_of(self, row: Any) -> Hashable:
        return self._key(row)

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
        header.setResizeContentsPrecision(FIT_ROWS)
        self._fitting = False
        self._fitted = False  # the first rows set the widths; later ones only widen
        self._sized_by_hand: set[int] = set()
        # What arrived or changed since the last fit: after the first fit only
        # these rows are read (a cell is read through Python, and a surge of
        # 50 calls must not have every row of every column read again). None:
        # read afresh, the first FIT_ROWS rows (the first fit, a reset).
        self._to_measure: set[Hashable] | None = None
        header.sectionResized.connect(self._section_resized)
        # One fit per burst of changes, after the burst, never one per row.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.timeout.connect(self.fit_columns)
        model.modelReset.connect(self._measure_afresh)
        model.headerDataChanged.connect(self._measure_afresh)
        model.rowsInserted.connect(lambda _parent, first, last: self._measure_rows(first, last))
        model.dataChanged.connect(self._data_changed)
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

    def fit_columns(self) -> None:
        """Size each column (but the last, which stretches) to its content
        and header, capped: exactly with the first rows, only wider after
        (a column that jumps narrower under the eye is hard to read). A
        column the operator sized is left alone."""
        self._fit_timer.stop()
        model = self.keyed_model()
        first = not self._fitted and model.rowCount() > 0
        self._fitted = self._fitted or first
        positions = None
        if self._to_measure is not None and not first:
            wanted_keys, self._to_measure = self._to_measure, set()
            positions = [position for position, row in enumerate(model.rows())
                         if model.key_of(row) in wanted_keys]
        else:
            self._to_measure = set()
        header = self.horizontalHeader()
        cap = self.fontMetrics().averageCharWidth() * MAX_COLUMN_CHARS
        grid = 1 if self.showGrid() else 0
        self._fitting = True
        try:
            for column in range(model.columnCount() - 1):
                if column in self._sized_by_hand or header.isSectionHidden(column):
                    continue
                if positions is None:
                    content = self.sizeHintForColumn(column)
                else:
                    content = max((self.sizeHintForIndex(model.index(position, column)).width()
                                   + grid for position in positions), default=0)
                wanted = min(cap, max(content, header.sectionSizeHint(column)))
                if first or wanted > header.sectionSize(column):
                    header.resizeSection(column, wanted)
        finally:
            self._fitting = False

    def _fit_soon(self) -> None:
        if self.model().rowCount() or self.model().columnCount():
            if not self._fit_timer.isActive():
                # The first rows at once (the columns are set by them); later
                # arrivals only widen, once per burst.
                self._fit_timer.start(FIT_DELAY_MS if self._fitted else 0)

    def _measure_afresh(self, *_args) -> None:
        self._to_measure = None
        self._fit_soon()

    def _measure_rows(self, first: int, last: int) -> None:
        if self._to_measure is not None:
            model = self.keyed_model()
            rows = model.rows()
            for position in range(first, min(last, first + FIT_ROWS - 1) + 1):
                self._to_measure.add(model.key_of(rows[position]))
        self._fit_soon()

    def _data_changed(self, first: QModelIndex, last: QModelIndex, roles=()) -> None:
        # The running clocks repaint every second with roles given: their
        # width hardly moves, and reading every cell each second is waste.
        if not roles:
            self._measure_rows(first.row(), last.row())

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        last = self.model().columnCount() - 1
        if not self._fitting and column != last and self.horizontalHeader().underMouse():
            self._sized_by_hand.add(column)

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
