/* Safe Community Desk: the live layer of the map.
 *
 * folium writes the base page once; after that units and incidents move
 * through this small API, which the Qt side calls with runJavaScript. One
 * QWebChannel object ("deskBridge") carries the other direction: map clicks
 * and the "ready" call. Data arrives as JSON values, never as HTML, so every
 * text that reaches the DOM is escaped here.
 *
 * What a dispatcher must be able to read, whatever the crowd: incidents sit
 * in a pane above the units with "#12 Kebakaran" beside them; units on one
 * spot fan out (declutter.js) and their labels never cover each other; an
 * assigned unit has a line to its incident; the selected incident or unit
 * is ringed and panned to; a click leaves a pin where it picked the place.
 * The layout (fan, lines, labels) is redone once per frame after changes,
 * and at once before anything reads it back.
 */
(function (global) {
  "use strict";

  var map = null;
  var bridge = null;
  var ready = false;
  var unitLayer = null;
  var incidentLayer = null;
  var routeLayer = null;
  var legs = null;
  var pin = null;
  var units = Object.create(null);
  var incidents = Object.create(null);
  var routes = Object.create(null);
  var selected = {incident: null, unit: null};
  var pendingPan = null;  // {kind, key}: selected before its marker arrived
  var layoutDirty = false;
  var layoutQueued = false;
  var measureContext = null;

  var HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"};
  // Size repeats the priority's colour (live.css) for colour-blind dispatchers.
  var INCIDENT_SIZE = {1: 24, 2: 20, 3: 16};
  var OTHER_INCIDENT_SIZE = 14;
  var UNIT_SIZE = 16;
  var UNIT_LABEL = {font: "bold 10px sans-serif", height: 12, padding: 2};
  var INCIDENT_LABEL = {font: "bold 11px sans-serif", height: 16, padding: 8};
  // Statuses with a line to the incident, and how the line looks.
  var ROUTE_STYLE = {
    dispatched: {color: "#f9a825", weight: 2, dashArray: "6 5", opacity: 0.9},
    en_route: {color: "#ef6c00", weight: 3, dashArray: null, opacity: 0.9},
    on_scene: {color: "#6a1b9a", weight: 3, dashArray: "2 4", opacity: 0.9}
  };
  // Whose label wins a crowded spot: units at work before idle ones.
  var STATUS_RANK = {on_scene: 0, en_route: 1, dispatched: 2, available: 3, out_of_service: 4};
  var PANES = {sdRoutes: 450, sdIncidents: 620, sdPin: 630};  // markerPane is 600

  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return HTML_ESCAPES[c];
    });
  }

  function cssWord(value) {
    var word = String(value == null ? "" : value).toLowerCase().replace(/[^a-z0-9_-]+/g, "-");
    return word || "other";
  }

  function hasPosition(item) {
    return item && item.lat !== null && item.lon !== null &&
           isFinite(item.lat) && isFinite(item.lon);
  }

  function textWidth(text, style) {
    if (!measureContext) {
      measureContext = document.createElement("canvas").getContext("2d");
    }
    measureContext.font = style.font;
    return Math.ceil(measureContext.measureText(text).width) + style.padding;
  }

  // ---- markers' classes that layout() changes without rebuilding the icon

  function setMarkerClasses(entry, side, isSelected) {
    var element = entry.marker.getElement();
    if (!element || (entry.shownSide === side && entry.shownSelected === isSelected)) {
      return;
    }
    if (entry.shownSide !== side) {
      if (entry.shownSide) {
        element.classList.remove("sd-label-" + entry.shownSide);
      }
      element.classList.add("sd-label-" + side);
    }
    if (entry.shownSelected !== isSelected) {
      element.classList.toggle("sd-selected", isSelected);
      entry.marker.setZIndexOffset((isSelected ? 10000 : 0) + (entry.baseZ || 0));
    }
    entry.shownSide = side;
    entry.shownSelected = isSelected;
  }

  function iconRebuilt(entry) {
    entry.shownSide = null;
    entry.shownSelected = null;
  }

  // ---- units: divIcons styled by kind (fill) and status (ring), see live.css

  function unitLook(unit) {
    return unit.callsign + "|" + unit.kind + "|" + unit.status;
  }

  function unitIcon(unit) {
    return L.divIcon({
      className: "sd-unit sd-kind-" + cssWord(unit.kind) + " sd-status-" + cssWord(unit.status),
      html: "<span class=\"sd-unit-dot\"></span><span class=\"sd-unit-label\">" +
            escapeHtml(unit.callsign) + "</span>",
      iconSize: [UNIT_SIZE, UNIT_SIZE],
      iconAnchor: [UNIT_SIZE / 2, UNIT_SIZE / 2]
    });
  }

  function upsertUnit(unit) {
    if (!hasPosition(unit)) {
      return;
    }
    var key = String(unit.callsign);
    var entry = units[key];
    if (!entry) {
      var marker = L.marker([unit.lat, unit.lon],
                            {icon: unitIcon(unit), keyboard: false, riseOnHover: true});
      units[key] = {marker: marker, data: unit, look: unitLook(unit), shownLat: unit.lat,
                    shownLon: unit.lon, labelWidth: textWidth(unit.callsign, UNIT_LABEL)};
      marker.addTo(unitLayer);
      return;
    }
    // A batch mostly moves markers; rebuilding an icon's DOM is the costly
    // part, so it only happens when what the icon shows has changed.
    var look = unitLook(unit);
    if (look !== entry.look) {
      entry.marker.setIcon(unitIcon(unit));
      entry.look = look;
      iconRebuilt(entry);
    }
    entry.data = unit;  // layout() moves the marker, fanned out or not
  }

  function upsertUnits(list) {
    for (var i = 0; i < list.length; i++) {
      upsertUnit(list[i]);
    }
    changed();
    return list.length;
  }

  function removeUnit(callsign) {
    var key = String(callsign);
    var entry = units[key];
    if (!entry) {
      return false;
    }
    unitLayer.removeLayer(entry.marker);
    delete units[key];
    changed();
    return true;
  }

  function unitState(callsign) {
    var entry = units[String(callsign)];
    if (!entry) {
      return null;
    }
    return {lat: entry.data.lat, lon: entry.data.lon, status: entry.data.status,
            kind: entry.data.kind};
  }

  // ---- incidents: "#12 Kebakaran" beside a dot sized and coloured by priority

  function incidentSize(incident) {
    return INCIDENT_SIZE[incident.priority] || OTHER_INCIDENT_SIZE;
  }

  function incidentText(incident) {
    return incident.label || ("#" + incident.id + " " + incident.type_code);
  }

  function incidentLook(incident) {
    return incident.priority + "|" + incidentText(incident);
  }

  function incidentIcon(incident) {
    var size = incidentSize(incident);
    return L.divIcon({
      className: "sd-incident sd-priority-" + cssWord(incident.priority),
      html: "<span class=\"sd-incident-dot\"></span><span class=\"sd-incident-label\">" +
            escapeHtml(incidentText(incident)) + "</span>",
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2]
    });
  }

  function setIncidentDetail(entry, incident) {
    if (incident.detail) {
      entry.marker.bindTooltip(escapeHtml(incident.detail), {direction: "top"});
    } else {
      entry.marker.unbindTooltip();
    }
  }

  function upsertIncident(incident) {
    if (!hasPosition(incident)) {
      return;
    }
    var key = String(incident.id);
    var entry = incidents[key];
    // The most urgent on top when two incidents overlap.
    var baseZ = (10 - Math.min(9, Number(incident.priority) || 9)) * 100;
    if (!entry) {
      var marker = L.marker([incident.lat, incident.lon],
                            {icon: incidentIcon(incident), pane: "sdIncidents", keyboard: false,
                             zIndexOffset: baseZ});
      entry = incidents[key] = {marker: marker, data: incident, look: incidentLook(incident),
                                baseZ: baseZ,
                                labelWidth: textWidth(incidentText(incident), INCIDENT_LABEL)};
      setIncidentDetail(entry, incident);
      marker.addTo(incidentLayer);
      return;
    }
    var old = entry.data;
    var look = incidentLook(incident);
    if (look !== entry.look) {
      entry.marker.setIcon(incidentIcon(incident));
      entry.look = look;
      entry.baseZ = baseZ;
      entry.labelWidth = textWidth(incidentText(incident), INCIDENT_LABEL);
      entry.marker.setZIndexOffset(baseZ);
      iconRebuilt(entry);
    }
    if (old.detail !== incident.detail) {
      setIncidentDetail(entry, incident);
    }
    if (old.lat !== incident.lat || old.lon !== incident.lon) {
      entry.marker.setLatLng([incident.lat, incident.lon]);
    }
    entry.data = incident;
  }

  function upsertIncidents(list) {
    for (var i = 0; i < list.length; i++) {
      upsertIncident(list[i]);
    }
    changed();
    return list.length;
  }

  function removeIncident(id) {
    var key = String(id);
    var entry = incidents[key];
    if (!entry) {
      return false;
    }
    incidentLayer.removeLayer(entry.marker);
    delete incidents[key];
    changed();
    return true;
  }

  function incidentState(id) {
    var entry = incidents[String(id)];
    if (!entry) {
      return null;
    }
    return {lat: entry.data.lat, lon: entry.data.lon, priority: entry.data.priority,
            type_code: entry.data.type_code};
  }

  // ---- layout: the fan, the lines, the labels

  function changed() {
    layoutDirty = true;
    if (!layoutQueued && map) {
      layoutQueued = true;
      L.Util.requestAnimFrame(function () {
        layoutQueued = false;
        ensureLayout();
      });
    }
    panIfPending();
  }

  function ensureLayout() {
    if (layoutDirty && map) {
      layoutDirty = false;
      layout();
    }
  }

  /* Where each unit is drawn: its own place, or fanned out around a spot it
   * shares. Returns the units as layout items (pixels at `zoom`). */
  function fanUnits(zoom) {
    var items = [];
    var key, item, data;
    for (key in units) {
      data = units[key].data;
      var at = map.project([data.lat, data.lon], zoom);
      items.push({key: key, entry: units[key], x: at.x, y: at.y});
    }
    SafeDeskDeclutter.fanOut(items);
    var legLines = [];
    for (var i = 0; i < items.length; i++) {
      item = items[i];
      var entry = item.entry;
      data = entry.data;
      var lat = data.lat, lon = data.lon;
      if (item.fanned) {
        var fanned = map.unproject([item.sx, item.sy], zoom);
        lat = fanned.lat;
        lon = fanned.lng;
        legLines.push([map.unproject([item.cx, item.cy], zoom), fanned]);
      }
      if (entry.shownLat !== lat || entry.shownLon !== lon) {
        entry.marker.setLatLng([lat, lon]);
        entry.shownLat = lat;
        entry.shownLon = lon;
      }
      entry.fanned = item.fanned;
    }
    // Legs only redraw when there are, or were, fans to draw.
    if (legLines.length || legs.getLatLngs().length) {
      legs.setLatLngs(legLines);
    }
    return items;
  }

  function routeTarget(unit) {
    if (!ROUTE_STYLE[unit.status] || unit.incident_id === null || unit.incident_id === undefined) {
      return null;
    }
    return incidents[String(unit.incident_id)] || null;
  }

  function drawRoutes() {
    var key;
    for (key in routes) {
      if (!units[key] || !routeTarget(units[key].data)) {
        routeLayer.removeLayer(routes[key].line);
        delete routes[key];
      }
    }
    for (key in units) {
      var entry = units[key];
      var target = routeTarget(entry.data);
      if (!target) {
        continue;
      }
      var ends = [entry.marker.getLatLng(), target.marker.getLatLng()];
      var route = routes[key];
      var status = entry.data.status;
      if (route && route.status !== status) {
        routeLayer.removeLayer(route.line);  // its class names the status too
        route = null;
      }
      if (!route) {
        var style = ROUTE_STYLE[status];
        routes[key] = {
          line: L.polyline(ends, {pane: "sdRoutes", interactive: false, color: style.color,
                                  weight: style.weight, dashArray: style.dashArray,
                                  opacity: style.opacity,
                                  className: "sd-route sd-route-" + cssWord(status)})
                  .addTo(routeLayer),
          status: status, incident: String(entry.data.incident_id)
        };
        continue;
      }
      route.line.setLatLngs(ends);
      route.incident = String(entry.data.incident_id);
    }
  }

  function statusRank(status) {
    return status in STATUS_RANK ? STATUS_RANK[status] : 5;
  }

  function byImportance(a, b) {
    return a.rank - b.rank;  // a stable sort: ties keep the order units arrived in
  }

  function placeLabels(zoom, unitItems) {
    var obstacles = [];
    var incidentLabels = [];
    var key, entry, at, half, i, item;
    for (key in incidents) {
      entry = incidents[key];
      at = map.project(entry.marker.getLatLng(), zoom);
      half = incidentSize(entry.data) / 2;
      obstacles.push({x: at.x - half, y: at.y - half, w: 2 * half, h: 2 * half});
      incidentLabels.push({entry: entry, key: key, x: at.x, y: at.y, half: half,
                           w: entry.labelWidth, h: INCIDENT_LABEL.height, keep: true,
                           rank: (Number(entry.data.priority) || 9) * 1e9 - Number(key)});
    }
    half = UNIT_SIZE / 2;
    for (i = 0; i < unitItems.length; i++) {
      // The layout item becomes the label: x, y move to where the dot is drawn.
      item = unitItems[i];
      entry = item.entry;
      item.awayX = item.sx - item.cx;
      item.awayY = item.sy - item.cy;
      item.x = item.sx;
      item.y = item.sy;
      obstacles.push({x: item.x - half, y: item.y - half, w: UNIT_SIZE, h: UNIT_SIZE});
      item.half = half;
      item.w = entry.labelWidth;
      item.h = UNIT_LABEL.height;
      item.keep = item.key === selected.unit;
      item.rank = item.keep ? -1 : statusRank(entry.data.status);
    }
    incidentLabels.sort(byImportance);
    unitItems.sort(byImportance);
    SafeDeskDeclutter.placeLabels(obstacles, incidentLabels.concat(unitItems));
    for (i = 0; i < incidentLabels.length; i++) {
      item = incidentLabels[i];
      setMarkerClasses(item.entry, item.side, item.key === selected.incident);
    }
    for (i = 0; i < unitItems.length; i++) {
      item = unitItems[i];
      setMarkerClasses(item.entry, item.side, item.keep);
    }
  }

  function layout() {
    var zoom = map.getZoom();
    var unitItems = fanUnits(zoom);
    drawRoutes();
    placeLabels(zoom, unitItems);
  }

  // ---- selection: a ring, and the map pans to it

  function panIfPending() {
    if (!pendingPan || !map) {
      return;
    }
    var entry = (pendingPan.kind === "unit" ? units : incidents)[pendingPan.key];
    if (!entry) {
      return;
    }
    pendingPan = null;
    ensureLayout();
    map.panTo(entry.marker.getLatLng());
  }

  /* Rings the incident or unit `key` (null: none) and pans to it, now or
   * as soon as its marker arrives. True when its marker is on the map. */
  function select(kind, key) {
    var wanted = key === null || key === undefined ? null : String(key);
    selected[kind] = wanted;
    if (wanted !== null) {
      pendingPan = {kind: kind, key: wanted};
    } else if (pendingPan && pendingPan.kind === kind) {
      pendingPan = null;
    }
    changed();
    return wanted !== null && (kind === "unit" ? units : incidents)[wanted] !== undefined;
  }

  function focusIncident(id) {
    return select("incident", id);
  }

  function focusUnit(callsign) {
    return select("unit", callsign);
  }

  // ---- the pin a click leaves

  function dropPin(latlng) {
    if (!pin) {
      pin = L.marker(latlng, {
        icon: L.divIcon({className: "sd-pin", html: "<span class=\"sd-pin-head\"></span>",
                         iconSize: [22, 22], iconAnchor: [11, 27]}),
        pane: "sdPin", interactive: false, keyboard: false
      }).addTo(map);
    } else {
      pin.setLatLng(latlng);
    }
  }

  function clearPin() {
    if (pin) {
      map.removeLayer(pin);
      pin = null;
    }
  }

  function pinState() {
    if (!pin) {
      return null;
    }
    var at = pin.getLatLng();
    return {lat: at.lat, lon: at.lng};
  }

  // ---- reading the page back (tests, the bench, debugging)

  function pointOf(marker) {
    var at = map.latLngToContainerPoint(marker.getLatLng());
    return {x: at.x, y: at.y};
  }

  function unitView(callsign) {
    ensureLayout();
    var key = String(callsign);
    var entry = units[key];
    if (!entry) {
      return null;
    }
    var at = pointOf(entry.marker);
    var route = routes[key];
    return {x: at.x, y: at.y, label: entry.shownSide, selected: key === selected.unit,
            fanned: Boolean(entry.fanned), route: route ? Number(route.incident) : null};
  }

  function incidentView(id) {
    ensureLayout();
    var key = String(id);
    var entry = incidents[key];
    if (!entry) {
      return null;
    }
    var at = pointOf(entry.marker);
    var element = entry.marker.getElement();
    var label = element && element.querySelector(".sd-incident-label");
    return {x: at.x, y: at.y, text: label ? label.textContent : null, label: entry.shownSide,
            selected: key === selected.incident};
  }

  function center() {
    var at = map.getCenter();
    return {lat: at.lat, lon: at.lng};
  }

  // ---- the whole map

  function fitAll() {
    ensureLayout();
    var bounds = L.latLngBounds([]);
    if (unitLayer.getLayers().length) {
      bounds.extend(unitLayer.getBounds());
    }
    if (incidentLayer.getLayers().length) {
      bounds.extend(incidentLayer.getBounds());
    }
    if (!bounds.isValid()) {
      return false;
    }
    map.fitBounds(bounds, {padding: [40, 40], maxZoom: 16});
    return true;
  }

  function counts() {
    return {units: Object.keys(units).length, incidents: Object.keys(incidents).length,
            routes: Object.keys(routes).length};
  }

  function onMapClick(event) {
    dropPin(event.latlng);
    if (bridge) {
      bridge.mapClicked(event.latlng.lat, event.latlng.lng);
    }
  }

  function markReady() {
    ready = true;
    if (bridge) {
      bridge.pageReady();
    }
  }

  function connectBridge() {
    // Opened in a plain browser (debugging the page) there is no Qt side;
    // the map still works, it just reports to nobody.
    if (typeof QWebChannel === "undefined" || !global.qt || !global.qt.webChannelTransport) {
      markReady();
      return;
    }
    new QWebChannel(global.qt.webChannelTransport, function (channel) {
      bridge = channel.objects.deskBridge || null;
      markReady();
    });
  }

  function attach(leafletMap, seed) {
    map = leafletMap;
    if (map.attributionControl) {
      // Leaflet's default prefix is a link; following it would replace the
      // map in the desk's view.
      map.attributionControl.setPrefix("Leaflet");
    }
    for (var pane in PANES) {
      map.createPane(pane).style.zIndex = String(PANES[pane]);
    }
    routeLayer = L.layerGroup().addTo(map);
    legs = L.polyline([], {pane: "sdRoutes", interactive: false, color: "#37474f", weight: 1,
                           opacity: 0.7, className: "sd-fan-leg"}).addTo(map);
    incidentLayer = L.featureGroup().addTo(map);
    unitLayer = L.featureGroup().addTo(map);
    map.on("click", onMapClick);
    // Fans and label room are measured in pixels: a new zoom needs a new layout.
    map.on("zoomend", function () {
      layoutDirty = true;
      ensureLayout();
    });
    if (seed) {
      upsertIncidents(seed.incidents || []);
      upsertUnits(seed.units || []);
    }
    connectBridge();
  }

  global.SafeDeskMap = {
    attach: attach,
    upsertUnits: upsertUnits,
    upsertIncidents: upsertIncidents,
    removeUnit: removeUnit,
    removeIncident: removeIncident,
    focusIncident: focusIncident,
    focusUnit: focusUnit,
    clearPin: clearPin,
    fitAll: fitAll,
    unitState: unitState,
    incidentState: incidentState,
    unitView: unitView,
    incidentView: incidentView,
    pinState: pinState,
    center: center,
    counts: counts,
    isReady: function () { return ready; },
    map: function () { return map; }
  };
}(window));
