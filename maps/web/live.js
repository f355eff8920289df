/* Safe Community Desk: the live layer of the map.
 *
 * folium writes the base page once; after that units and incidents move
 * through this small API, which the Qt side calls with runJavaScript. One
 * QWebChannel object ("deskBridge") carries the other direction: map clicks
 * and the "ready" call. Data arrives as JSON values, never as HTML, so every
 * text that reaches the DOM is escaped here.
 */
(function (global) {
  "use strict";

  var map = null;
  var bridge = null;
  var ready = false;
  var unitLayer = null;
  var incidentLayer = null;
  var units = Object.create(null);
  var incidents = Object.create(null);

  var HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"};
  // Colour carries priority; size repeats it for colour-blind dispatchers.
  var PRIORITY_STYLE = {
    1: {color: "#b00020", radius: 12},
    2: {color: "#e65100", radius: 10},
    3: {color: "#f9a825", radius: 8}
  };
  var OTHER_PRIORITY = {color: "#1565c0", radius: 7};

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
    return item && isFinite(item.lat) && isFinite(item.lon);
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
      iconSize: [16, 16],
      iconAnchor: [8, 8]
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
      units[key] = {marker: marker, data: unit, look: unitLook(unit)};
      marker.addTo(unitLayer);
      return;
    }
    // A batch mostly moves markers; rebuilding an icon's DOM is the costly
    // part, so it only happens when what the icon shows has changed.
    var look = unitLook(unit);
    if (look !== entry.look) {
      entry.marker.setIcon(unitIcon(unit));
      entry.look = look;
    }
    if (entry.data.lat !== unit.lat || entry.data.lon !== unit.lon) {
      entry.marker.setLatLng([unit.lat, unit.lon]);
    }
    entry.data = unit;
  }

  function upsertUnits(list) {
    for (var i = 0; i < list.length; i++) {
      upsertUnit(list[i]);
    }
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
    return true;
  }

  function unitState(callsign) {
    var entry = units[String(callsign)];
    if (!entry) {
      return null;
    }
    var at = entry.marker.getLatLng();
    return {lat: at.lat, lon: at.lng, status: entry.data.status, kind: entry.data.kind};
  }

  // ---- incidents: circle markers styled by priority

  function incidentStyle(incident) {
    var style = PRIORITY_STYLE[incident.priority] || OTHER_PRIORITY;
    return {radius: style.radius, color: "#ffffff", weight: 2, fillColor: style.color,
            fillOpacity: 0.9, className: "sd-incident"};
  }

  function incidentText(incident) {
    return escapeHtml(incident.label || incident.type_code);
  }

  function upsertIncident(incident) {
    if (!hasPosition(incident)) {
      return;
    }
    var key = String(incident.id);
    var entry = incidents[key];
    if (!entry) {
      var marker = L.circleMarker([incident.lat, incident.lon], incidentStyle(incident));
      marker.bindTooltip(incidentText(incident), {direction: "top"});
      incidents[key] = {marker: marker, data: incident};
      marker.addTo(incidentLayer);
      return;
    }
    var old = entry.data;
    if (old.priority !== incident.priority) {
      entry.marker.setStyle(incidentStyle(incident));  // radius included
    }
    if (old.label !== incident.label || old.type_code !== incident.type_code) {
      entry.marker.setTooltipContent(incidentText(incident));
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
    return true;
  }

  function incidentState(id) {
    var entry = incidents[String(id)];
    if (!entry) {
      return null;
    }
    var at = entry.marker.getLatLng();
    return {lat: at.lat, lon: at.lng, priority: entry.data.priority,
            type_code: entry.data.type_code};
  }

  // ---- the whole map

  function fitAll() {
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
    return {units: Object.keys(units).length, incidents: Object.keys(incidents).length};
  }

  function onMapClick(event) {
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
    incidentLayer = L.featureGroup().addTo(map);
    unitLayer = L.featureGroup().addTo(map);
    map.on("click", onMapClick);
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
    fitAll: fitAll,
    unitState: unitState,
    incidentState: incidentState,
    counts: counts,
    isReady: function () { return ready; },
    map: function () { return map; }
  };
}(window));
