/* Safe Community Desk: keeping a crowded map readable.
 *
 * Plain geometry over screen pixels (no Leaflet, no DOM): live.js hands it
 * points and label sizes and applies the answer, which is written into the
 * items it was given (a layout of 500 units runs every few seconds, so no
 * second set of objects is built). Two jobs:
 *  - fanOut: units that sit on (nearly) the same pixel, typically the
 *    crews of one station, are spread on a small ring around their common
 *    point (a spiral when there are many), so every dot can be seen,
 *    hovered and told apart;
 *  - placeLabels: each label goes beside, above or below its marker where
 *    it covers nothing already drawn; a unit label that fits nowhere is
 *    hidden (hovering its dot shows it), never drawn over another.
 */
(function (global) {
  "use strict";

  var NEAR_PX = 14;          // closer than a dot's width: one spot to the eye
  var SPACING_PX = 22;       // between neighbouring dots of a fan
  var MIN_RADIUS_PX = 18;    // the ring clears the station pin at its centre
  var RING_MAX = 8;          // more than this on one spot: a spiral
  var GRID_PX = 64;          // bucket size of the collision grid
  var SIDES = ["right", "left", "top", "bottom"];
  // Cells keyed by one number: column * ROW_SPAN + row (rows stay far below it).
  var ROW_SPAN = 1 << 26;

  function cellKey(col, row) {
    return col * ROW_SPAN + row;
  }

  function byKey(a, b) {
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  }

  function fanOffsets(count) {
    var offsets = [];
    var i;
    if (count <= RING_MAX) {
      var radius = Math.max(MIN_RADIUS_PX, count * SPACING_PX / (2 * Math.PI));
      for (i = 0; i < count; i++) {
        var angle = -Math.PI / 2 + i * 2 * Math.PI / count;  // the first one on top
        offsets.push({x: Math.round(radius * Math.cos(angle)),
                      y: Math.round(radius * Math.sin(angle))});
      }
      return offsets;
    }
    // An Archimedean spiral r = MIN_RADIUS + growth * theta: each turn lies
    // one spacing outside the last, and each step along it is one spacing.
    var growth = SPACING_PX / (2 * Math.PI);
    var theta = 0;
    for (i = 0; i < count; i++) {
      var r = MIN_RADIUS_PX + growth * theta;
      offsets.push({x: Math.round(r * Math.cos(theta - Math.PI / 2)),
                    y: Math.round(r * Math.sin(theta - Math.PI / 2))});
      theta += SPACING_PX / r;
    }
    return offsets;
  }

  /* items: [{key, x, y}] in pixels. Sets on each item where to draw it
   * (sx, sy), the true spot of its group (cx, cy) and whether it was moved
   * off that spot (fanned). */
  function fanOut(items) {
    var cells = new Map();
    var groups = [];
    var i, j;
    for (i = 0; i < items.length; i++) {
      var item = items[i];
      var col = Math.floor(item.x / NEAR_PX);
      var row = Math.floor(item.y / NEAR_PX);
      var group = null;
      for (var dx = -1; dx <= 1 && !group; dx++) {
        for (var dy = -1; dy <= 1 && !group; dy++) {
          var near = cells.get(cellKey(col + dx, row + dy));
          for (j = 0; near && j < near.length; j++) {
            if (Math.abs(near[j].x - item.x) <= NEAR_PX &&
                Math.abs(near[j].y - item.y) <= NEAR_PX) {
              group = near[j];
              break;
            }
          }
        }
      }
      if (!group) {
        group = {x: item.x, y: item.y, members: []};
        var key = cellKey(col, row);
        var cell = cells.get(key);
        if (cell) {
          cell.push(group);
        } else {
          cells.set(key, [group]);
        }
        groups.push(group);
      }
      group.members.push(item);
    }
    for (i = 0; i < groups.length; i++) {
      var members = groups[i].members;
      if (members.length === 1) {
        var only = members[0];
        only.sx = only.cx = only.x;
        only.sy = only.cy = only.y;
        only.fanned = false;
        continue;
      }
      members.sort(byKey);  // the same crew keeps the same place on the ring
      var cx = 0, cy = 0;
      for (j = 0; j < members.length; j++) {
        cx += members[j].x;
        cy += members[j].y;
      }
      cx /= members.length;
      cy /= members.length;
      var offsets = fanOffsets(members.length);
      for (j = 0; j < members.length; j++) {
        var member = members[j];
        member.sx = cx + offsets[j].x;
        member.sy = cy + offsets[j].y;
        member.cx = cx;
        member.cy = cy;
        member.fanned = true;
      }
    }
    return items;
  }

  // ---- labels

  function Grid() {
    this.cells = new Map();
  }

  Grid.prototype.add = function (rect) {
    var x1 = Math.floor((rect.x + rect.w) / GRID_PX), y1 = Math.floor((rect.y + rect.h) / GRID_PX);
    for (var gx = Math.floor(rect.x / GRID_PX); gx <= x1; gx++) {
      for (var gy = Math.floor(rect.y / GRID_PX); gy <= y1; gy++) {
        var key = cellKey(gx, gy);
        var list = this.cells.get(key);
        if (list) {
          list.push(rect);
        } else {
          this.cells.set(key, [rect]);
        }
      }
    }
  };

  Grid.prototype.isFree = function (rect) {
    var x1 = Math.floor((rect.x + rect.w) / GRID_PX), y1 = Math.floor((rect.y + rect.h) / GRID_PX);
    for (var gx = Math.floor(rect.x / GRID_PX); gx <= x1; gx++) {
      for (var gy = Math.floor(rect.y / GRID_PX); gy <= y1; gy++) {
        var list = this.cells.get(cellKey(gx, gy));
        for (var i = 0; list && i < list.length; i++) {
          var other = list[i];
          if (rect.x < other.x + other.w && other.x < rect.x + rect.w &&
              rect.y < other.y + other.h && other.y < rect.y + rect.h) {
            return false;
          }
        }
      }
    }
    return true;
  };

  function labelRect(label, side) {
    var gap = label.half + 2;
    switch (side) {
      case "left":
        return {x: label.x - gap - label.w, y: label.y - label.h / 2, w: label.w, h: label.h};
      case "top":
        return {x: label.x - label.w / 2, y: label.y - gap - label.h, w: label.w, h: label.h};
      case "bottom":
        return {x: label.x - label.w / 2, y: label.y + gap, w: label.w, h: label.h};
      default:
        return {x: label.x + gap, y: label.y - label.h / 2, w: label.w, h: label.h};
    }
  }

  function sidesFor(label) {
    // A fanned marker's label points away from its fan: that side is free
    // of its neighbours.
    if (!label.awayX && !label.awayY) {
      return SIDES;
    }
    var ax = label.awayX, ay = label.awayY;
    var first = Math.abs(ax) >= Math.abs(ay) ? (ax >= 0 ? "right" : "left")
                                            : (ay < 0 ? "top" : "bottom");
    return [first].concat(SIDES.filter(function (side) { return side !== first; }));
  }

  /* obstacles: [{x, y, w, h}] drawn whatever happens (dots, icons).
   * labels: [{x, y, half, w, h, keep, awayX, awayY}] most important first;
   * (x, y) is the marker's centre, half its half-size; `keep` labels are
   * drawn even where they collide, (awayX, awayY) a fanned marker's
   * direction from its fan's centre. Sets each label's side: "right",
   * "left", "top", "bottom" or "hidden". */
  function placeLabels(obstacles, labels) {
    var grid = new Grid();
    var i;
    for (i = 0; i < obstacles.length; i++) {
      grid.add(obstacles[i]);
    }
    for (i = 0; i < labels.length; i++) {
      var label = labels[i];
      var order = sidesFor(label);
      var chosen = null;
      for (var s = 0; s < order.length && !chosen; s++) {
        if (grid.isFree(labelRect(label, order[s]))) {
          chosen = order[s];
        }
      }
      if (!chosen && label.keep) {
        chosen = order[0];
      }
      label.side = chosen || "hidden";
      if (chosen) {
        grid.add(labelRect(label, chosen));
      }
    }
    return labels;
  }

  global.SafeDeskDeclutter = {
    fanOut: fanOut,
    placeLabels: placeLabels,
    NEAR_PX: NEAR_PX
  };
}(window));
