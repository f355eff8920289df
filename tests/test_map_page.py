"""The base page as built by folium: local assets only, data escaped.

No browser here; tests/test_map_view.py loads these pages for real.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dispatch.settings import Settings
from maps import settings as map_settings
from maps.base_page import (
    PAGE_NAME,
    QWEBCHANNEL_JS,
    build_base_page,
    find_remote_urls,
    render_base_page,
)
from maps.model import IncidentMarker, PlaceLabel, StationMarker, UnitMarker
from maps.tiles import TileSource, configured_tiles, online_tile_source

CENTER = (-8.6705, 115.2126)
OSM = TileSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OpenStreetMap contributors")
STATIONS = [StationMarker("PMK-DPS", "Pos Pemadam Kebakaran Denpasar", -8.6582, 115.2202),
            StationMarker("AMB-SGL", "Pos Ambulans Sanglah", -8.6756, 115.2102)]
PLACES = [PlaceLabel("Denpasar Selatan", "kecamatan", -8.7002, 115.2247),
          PlaceLabel("Sanur Kaja", "desa", -8.6801, 115.2593),
          PlaceLabel("Lapangan Puputan Badung", "landmark", -8.6572, 115.2172)]
ASSET_REF = re.compile(r"""(?:src|href)="([^"]+)\"""")
SEED = re.compile(r"SafeDeskMap\.attach\(\w+, (.*)\);")


def many_units(count: int) -> list[UnitMarker]:
    return [UnitMarker(f"U{i:03d}", ("pmk", "ambulans", "polisi")[i % 3], "available",
                       CENTER[0] + (i % 25) * 0.002, CENTER[1] + (i // 25) * 0.002, "PMK-DPS")
            for i in range(count)]


def seed_of(page: str) -> dict:
    match = SEED.search(page)
    assert match, "the page does not hand the map to live.js"
    return json.loads(match.group(1))


def test_page_uses_local_assets_and_no_cdn(tmp_path: Path) -> None:
    path = build_base_page(tmp_path, stations=STATIONS, places=PLACES, tile=OSM,
                           center=CENTER, zoom=13)
    page = path.read_text(encoding="utf-8")
    assert path == tmp_path / PAGE_NAME
    urls = re.findall(r"https?://[^\s\"'<>]+", page)
    assert urls == [OSM.url_template]
    for name in ("jquery", "bootstrap", "awesome", "fontawesome", "cdn"):
        assert name not in page.lower()
    refs = ASSET_REF.findall(page)
    assert QWEBCHANNEL_JS in refs
    local = [ref for ref in refs if ref != QWEBCHANNEL_JS]
    assert {"lib/leaflet/leaflet.js", "lib/leaflet/leaflet.css", "lib/safedesk/live.js",
            "lib/safedesk/live.css"} <= set(local)
    for ref in local:
        assert (tmp_path / ref).is_file(), ref
    # Leaflet's default marker (the stations) finds its images next to the CSS.
    assert (tmp_path / "lib/leaflet/images/marker-icon.png").is_file()
    assert "Leaflet 1.9" in (tmp_path / "lib/leaflet/leaflet.js").read_text()[:200]


def test_page_without_tiles_has_no_url_at_all(tmp_path: Path) -> None:
    page = build_base_page(tmp_path, stations=STATIONS, places=PLACES, tile=None,
                           center=CENTER, zoom=13).read_text(encoding="utf-8")
    assert re.findall(r"https?://", page) == []
    assert "L.tileLayer" not in page
    # Stations and gazetteer labels are drawn by the page itself.
    assert page.count("L.marker(") == len(STATIONS) + len(PLACES)
    for place in PLACES:
        assert place.name in page
    assert "sd-place-kecamatan" in page


def test_text_is_escaped_for_html_and_js(tmp_path: Path) -> None:
    hostile = "Pos `${window.pwned = 1}` </script><img src=x onerror=alert(1)> \\u0041"
    page = render_base_page(stations=[StationMarker("X", hostile, *CENTER)],
                            places=[PlaceLabel(hostile, "desa", *CENTER)],
                            units=[UnitMarker(hostile, "pmk", "available", *CENTER)],
                            tile=None, center=CENTER, zoom=13)
    # folium's tooltip is a JS template literal: nothing may interpolate or end it.
    tooltips = re.findall(r"bindTooltip\(\s*`(.*?)`,", page, re.DOTALL)
    assert len(tooltips) == 1
    assert "${" not in tooltips[0] and "`" not in tooltips[0] and "<img" not in tooltips[0]
    # No text closes a script element early or opens a tag of its own.
    assert page.lower().count("</script") == page.lower().count("<script")
    assert "<img" not in page
    assert seed_of(page)["units"][0]["callsign"] == hostile


def test_page_with_500_units(tmp_path: Path) -> None:
    units = many_units(500)
    incidents = [IncidentMarker(i, "kebakaran", 1 + i % 3, CENTER[0] - i * 0.001, CENTER[1],
                                f"Kebakaran {i}") for i in range(20)]
    path = build_base_page(tmp_path, stations=STATIONS, places=PLACES, tile=OSM, center=CENTER,
                           zoom=13, units=units, incidents=incidents)
    seed = seed_of(path.read_text(encoding="utf-8"))
    assert len(seed["units"]) == 500
    assert len({unit["callsign"] for unit in seed["units"]}) == 500
    assert len(seed["incidents"]) == 20
    # setHtml would fail above 2 MB; the page is loaded from a file anyway,
    # but it should stay far from that.
    assert path.stat().st_size < 500_000


def test_remote_url_finder() -> None:
    page = ('<script src="https://cdn.example/leaflet.js"></script>'
            '<link href="//cdn.example/x.css"><style>@import "//fonts.example/f.css";</style>'
            '<script>L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png")</script>'
            '<script src="qrc:///qtwebchannel/qwebchannel.js"></script>')
    found = find_remote_urls(page, ["https://tile.openstreetmap.org/"])
    assert found == ["https://cdn.example/leaflet.js", "//cdn.example/x.css",
                     "//fonts.example/f.css"]
    assert len(find_remote_urls(page, [""])) == 4  # an empty prefix allows nothing


def test_bad_tile_template_is_refused() -> None:
    with pytest.raises(ValueError):
        render_base_page(stations=[], places=[], tile=TileSource("OpenStreetMap", "x"),
                         center=CENTER, zoom=13)


def test_markers_reject_impossible_positions() -> None:
    with pytest.raises(ValueError):
        UnitMarker("A1", "pmk", "available", float("nan"), 115.2)
    with pytest.raises(ValueError):
        StationMarker("S", "swapped", 115.2, -8.6)


def test_tile_settings() -> None:
    settings = Settings.in_memory()
    source, pack = configured_tiles(settings)
    assert pack is None
    assert source == online_tile_source(settings)
    assert source.url_template == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "http" not in source.attribution  # plain text: a link would navigate the view
    assert settings.get(map_settings.CENTER_LAT) == -8.6705
    assert settings.get(map_settings.CENTER_LON) == 115.2126
    assert settings.get(map_settings.ZOOM) == 13
    custom = Settings.in_memory({"map.tile_url": "http://tiles.lan/{z}/{x}/{y}.png",
                                 "map.tile_max_zoom": "17"})
    assert configured_tiles(custom)[0] == TileSource("http://tiles.lan/{z}/{x}/{y}.png",
                                                     "© OpenStreetMap contributors", 17)


def test_missing_tile_pack_falls_back_to_online(tmp_path: Path, caplog) -> None:
    settings = Settings.in_memory({"map.mbtiles_path": str(tmp_path / "absent.mbtiles")})
    source, pack = configured_tiles(settings)
    assert pack is None
    assert source.url_template.startswith("https://tile.openstreetmap.org/")
    assert "absent.mbtiles" in caplog.text


def test_payload_names_every_field() -> None:
    unit = UnitMarker("A1", "pmk", "available", *CENTER, station="PMK-DPS")
    incident = IncidentMarker(1, "medis", 2, *CENTER, label="Medis")
    for marker in (unit, incident):
        assert marker.payload() == {name: getattr(marker, name)
                                    for name in marker.__dataclass_fields__}


def test_maps_package_has_no_qt() -> None:
    # maps/ builds HTML and reads tiles; Qt lives in ui/ (see ARCHITECTURE.md).
    import ast

    import maps
    root = Path(maps.__file__).parent
    for source in root.rglob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(name.split(".")[0] in ("PySide6", "shiboken6") for name in names), \
                source


def test_importing_maps_loads_no_qt() -> None:
    """Also catches Qt arriving indirectly, through another module."""
    import subprocess
    import sys

    code = ("import sys, maps.base_page, maps.model, maps.settings, maps.tiles\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6'))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
