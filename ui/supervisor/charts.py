"""The supervisor panel's three charts (Qt Charts): calls per hour of day,
calls by type, incidents by kecamatan.

Each chart is built once; a refresh only swaps its numbers and category
names, a few dozen values, so showing new figures costs the GUI thread
next to nothing (the figures themselves are computed on the DbWorker).
"""
from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

CHART_HEIGHT = 190
ROW_HEIGHT = 20  # per bar of a horizontal chart: its name must fit beside it
AXIS_POINT_SIZE = 7


class BarChart(QChartView):
    """Bars with names: vertical (hours) or horizontal (types, kecamatan)."""

    def __init__(self, *, horizontal: bool, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(CHART_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._horizontal = horizontal
        chart = QChart()
        chart.legend().hide()
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setBackgroundRoundness(0)
        self.bar_set = QBarSet("")
        self.bar_set.setColor(QColor(color))
        self.series = QHorizontalBarSeries() if horizontal else QBarSeries()
        self.series.append(self.bar_set)
        chart.addSeries(self.series)
        self.names_axis = QBarCategoryAxis()
        self.values_axis = QValueAxis()
        self.values_axis.setLabelFormat("%d")
        names_side = Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom
        values_side = Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
        small = QFont(self.font())
        small.setPointSize(AXIS_POINT_SIZE)
        for axis in (self.names_axis, self.values_axis):
            axis.setLabelsFont(small)
        chart.addAxis(self.names_axis, names_side)
        chart.addAxis(self.values_axis, values_side)
        self.series.attachAxis(self.names_axis)
        self.series.attachAxis(self.values_axis)
        self.setChart(chart)
        self.names: list[str] = []
        self.values: list[int] = []

    def set_title(self, title: str) -> None:
        self.chart().setTitle(title)

    def show_values(self, pairs: list[tuple[str, int]]) -> None:
        if self._horizontal:
            pairs = list(reversed(pairs))  # the first on top
        names = [name for name, _value in pairs]
        values = [int(value) for _name, value in pairs]
        if names == self.names and values == self.values:
            return
        self.names, self.values = names, values
        self.bar_set.remove(0, self.bar_set.count())
        self.bar_set.append([float(value) for value in values])
        self.names_axis.clear()
        self.names_axis.append(names)
        if self._horizontal:  # as tall as its names need, so none is cut to "…"
            self.setMinimumHeight(max(CHART_HEIGHT // 2, 70 + ROW_HEIGHT * len(names)))
        top = max(values, default=0)
        # Whole steps with a little headroom, so a bar never touches the frame.
        self.values_axis.setRange(0, max(1, top + max(1, top // 10)))
        self.values_axis.setTickCount(min(6, max(2, top + 2)))


class StatsCharts:
    """The three charts, fed from compute_stats' dict."""

    def __init__(self, parent: QWidget) -> None:
        self.by_hour = BarChart(horizontal=False, color="#2f6db5", parent=parent)
        self.by_type = BarChart(horizontal=True, color="#c0702f", parent=parent)
        self.by_kecamatan = BarChart(horizontal=True, color="#5b8c3a", parent=parent)

    def widgets(self) -> list[BarChart]:
        return [self.by_hour, self.by_type, self.by_kecamatan]

    def show_figures(self, figures: dict, type_name, place_name) -> None:
        by_hour = figures["calls"]["by_hour"]
        self.by_hour.show_values([(str(hour), n) for hour, n in enumerate(by_hour)])
        self.by_type.show_values([(type_name(kind), n) for kind, n
                                  in figures["calls"]["by_classification"].items()])
        self.by_kecamatan.show_values([(place_name(place), n) for place, n in sorted(
            figures["incidents"]["by_kecamatan"].items(), key=lambda item: -item[1])])
