"""Moving 500 units: rebuilding the folium page versus one live batch.

Both ways run in the same process on the same offscreen QtWebEngine view,
side by side:

* rebuild: write the folium page again with the 500 units at their new
  positions (seeded as one JSON value, as the desk does when it must rebuild),
  reload it, stop the clock when the page reports ready; a last row does the
  same with one folium.Marker per unit, the way a first folium map would;
* live: ``MapView.upsert_units`` with the 500 moved units and a question
  about one of them; MapView sends both in one ``runJavaScript`` (one
  coalesced ``SafeDeskMap.upsertUnits`` call), and the clock stops in its
  callback, after the batch ran in the page.

Both clocks stop before the paint that follows. Extra rows: the time
``upsertUnits`` itself takes inside the page (performance.now), and live
batches sent back to back, where each may wait for the previous one's paint.
Run: ``python -m bench.bench_map`` (sets the offscreen environment itself).
"""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
import json  # noqa: E402
import math  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any

import folium  # noqa: E402
import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (before any QApplication)
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from maps.base_page import (  # noqa: E402
    build_base_page,
    create_map,
    css_class,
    finish_page,
    text_for_template,
    write_page,
)
from maps.model import StationMarker, UnitMarker, as_payload  # noqa: E402
from ui.map.view import MapView, register_url_schemes  # noqa: E402

CENTER = (-8.6705, 115.2126)
KINDS = ("pmk", "ambulans", "polisi", "bpbd")
STATIONS = [StationMarker("PMK-DPS", "Pos Pemadam Kebakaran Denpasar", -8.6582, 115.2202)]
TARGET_BATCH_MS = 15.0
TIMEOUT_MS = 30_000
# Positions arrive every few seconds, not continuously: before each timed
# batch the page gets this long to paint the previous one, as it would in
# use. The back-to-back row shows the saturated case.
SETTLE_MS = 250


def _units(rng: random.Random, count: int) -> list[UnitMarker]:
    # Denpasar is about 12 km across: spread the fleet over it.
    return [UnitMarker(f"U{i:03d}", KINDS[i % len(KINDS)], "en_route",
                       CENTER[0] + rng.uniform(-0.06, 0.06), CENTER[1] + rng.uniform(-0.06, 0.06),
                       "PMK-DPS") for i in range(count)]


def _naive_page(out_dir: Path, units: list[UnitMarker]) -> Path:
    """The page as a first folium attempt would draw units: one folium
    Marker (divIcon and tooltip) each, rendered by folium's templates."""
    fmap = create_map(stations=STATIONS, places=[], tile=None, center=CENTER, zoom=13)
    for unit in units:
        label = f'<span class="sd-unit-label">{text_for_template(unit.callsign)}</span>'
        folium.Marker([unit.lat, unit.lon], tooltip=text_for_template(unit.callsign),
                      icon=folium.DivIcon(html=label, class_name=f"sd-unit sd-kind-"
                                          f"{css_class(unit.kind)}")).add_to(fmap)
    return write_page(out_dir, finish_page(fmap, tile=None))


def _wait(start: Callable[[Callable[..., None]], None]) -> Any:
    """Call `start(done)` and run the event loop until `done` is called."""
    loop = QEventLoop()
    result: list[Any] = []

    def done(*args: Any) -> None:
        result.append(args[0] if args else None)
        loop.quit()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(TIMEOUT_MS)
    start(done)
    if not result:
        loop.exec()
    timer.stop()
    if not result:
        raise TimeoutError("the map page did not answer in time")
    return result[0]


def _pause(ms: int) -> None:
    _wait(lambda done: QTimer.singleShot(ms, done))


def _percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile: with ten runs, p95 is the slowest run."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _row(case: str, samples: list[float]) -> dict[str, Any]:
    return {"case": case, "median_ms": statistics.median(samples),
            "p95_ms": _percentile(samples, 0.95), "runs": len(samples)}


def run(repetitions: int = 10, markers: int = 500) -> list[dict[str, Any]]:
    """Time both ways; rows of case, median_ms, p95_ms, runs (and ratio)."""
    register_url_schemes()
    app = QApplication.instance() or QApplication([])  # noqa: F841 (kept alive)
    rng = random.Random(4)
    view = MapView()
    view.resize(1280, 800)
    view.show()
    rebuild: list[float] = []
    live: list[float] = []
    in_page: list[float] = []
    layouts: list[float] = []
    back_to_back: list[float] = []
    naive_rebuild: list[float] = []
    with tempfile.TemporaryDirectory(prefix="safedesk-bench-map-") as tmp:
        out_dir = Path(tmp)

        def rebuild_once(naive: bool = False) -> float:
            units = _units(rng, markers)
            began = time.perf_counter()
            if naive:
                path = _naive_page(out_dir, units)
            else:
                path = build_base_page(out_dir, stations=STATIONS, places=[], tile=None,
                                       center=CENTER, zoom=13, units=units)
            _wait(lambda done: (view.ready.connect(done), view.load_page(path)))
            view.ready.disconnect()
            return (time.perf_counter() - began) * 1000.0

        def batch_once() -> float:
            units = _units(rng, markers)
            began = time.perf_counter()
            view.upsert_units(units)
            lat = _wait(lambda done: view.evaluate("SafeDeskMap.unitState('U000').lat", done))
            elapsed = (time.perf_counter() - began) * 1000.0
            if lat != units[0].lat:
                raise AssertionError("the batch did not move the markers")
            return elapsed

        def in_page_once() -> float:
            data = json.dumps(as_payload(_units(rng, markers)))
            script = (f"(function () {{ var data = {data}; var t = performance.now(); "
                      "SafeDeskMap.upsertUnits(data); return performance.now() - t; })()")
            return float(_wait(lambda done: view.evaluate(script, done)))

        def layout_once() -> float:
            # The fan-out, the lines and the label placement run in the next
            # animation frame after a batch; unitView forces them now.
            data = json.dumps(as_payload(_units(rng, markers)))
            script = (f"(function () {{ SafeDeskMap.upsertUnits({data}); "
                      "var t = performance.now(); SafeDeskMap.unitView('U000'); "
                      "return performance.now() - t; })()")
            return float(_wait(lambda done: view.evaluate(script, done)))

        rebuild_once()  # warm-up: first page start, caches, JIT
        for _ in range(repetitions):
            rebuild.append(rebuild_once())
            naive_rebuild.append(rebuild_once(naive=True))
        batch_once()
        for _ in range(repetitions):
            back_to_back.append(batch_once())
        for _ in range(repetitions):
            _pause(SETTLE_MS)
            live.append(batch_once())
            _pause(SETTLE_MS)
            in_page.append(in_page_once())
            _pause(SETTLE_MS)
            layouts.append(layout_once())
    view.close()
    _wait(lambda done: (view.destroyed.connect(done), view.deleteLater()))
    live_row = _row(f"live batch upsertUnits, {markers} units", live)
    rows = [_row(f"rebuild folium page + reload, {markers} units", rebuild),
            _row("  same, one folium.Marker per unit", naive_rebuild),
            live_row,
            _row("  of which upsertUnits inside the page", in_page),
            _row("  then the layout (fan-out, lines, labels)", layouts),
            _row("  live batches back to back (no pause)", back_to_back)]
    live_row["ratio"] = rows[0]["median_ms"] / live_row["median_ms"]
    live_row["ratio_folium_markers"] = rows[1]["median_ms"] / live_row["median_ms"]
    live_row["target_ms"] = TARGET_BATCH_MS
    return rows


def format_table(rows: list[dict[str, Any]]) -> str:
    lines = [f"{'case':<46} {'median ms':>10} {'p95 ms':>9} {'runs':>5}"]
    for row in rows:
        lines.append(f"{row['case']:<46} {row['median_ms']:>10.1f} {row['p95_ms']:>9.1f} "
                     f"{row['runs']:>5}")
    live = next(row for row in rows if "ratio" in row)
    verdict = "met" if live["median_ms"] < live["target_ms"] else "MISSED"
    lines.append(f"rebuild / live (median): {live['ratio']:.0f}x "
                 f"({live['ratio_folium_markers']:.0f}x with folium.Marker per unit); "
                 f"live batch target < {live['target_ms']:.0f} ms: {verdict}")
    return "\n".join(lines)


def main() -> None:
    print(format_table(run()))


if __name__ == "__main__":
    main()
