"""Settings of the map, declared once in the desk's registry."""
from __future__ import annotations

from dispatch.settings import declare

# Plain text on purpose: a link in the attribution would navigate the map
# view away from the map when a dispatcher clicks it.
OSM_ATTRIBUTION = "© OpenStreetMap contributors"

TILE_URL = declare("map.tile_url", str, "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                   "Tile URL template ({z}/{x}/{y}); shown when the network is up")
TILE_ATTRIBUTION = declare("map.tile_attribution", str, OSM_ATTRIBUTION,
                           "Attribution text the tile provider requires")
TILE_MAX_ZOOM = declare("map.tile_max_zoom", int, 19,
                        "Highest zoom level the tile source serves")
MBTILES_PATH = declare("map.mbtiles_path", str, "",
                       "Offline tile pack (MBTiles file); empty means none. "
                       "When set it replaces map.tile_url")
CENTER_LAT = declare("map.center_lat", float, -8.6705, "Latitude the map opens on")
CENTER_LON = declare("map.center_lon", float, 115.2126, "Longitude the map opens on")
ZOOM = declare("map.zoom", int, 13, "Zoom level the map opens on")
